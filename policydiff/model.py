"""The data that flows through the pipeline: frozen, slotted dataclasses and string enums.

Enum values are the exact strings of SPEC.md and of the JSON reports, so a renderer can write
``change.kind.value`` and a test can compare with ``"modified"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    NONE = "none"
    EDITORIAL = "editorial"
    MINOR = "minor"
    REVIEW = "review"  # substance no rule could read with confidence: a lawyer decides
    MAJOR = "major"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


# review ranks between minor and major: --fail-on major (rank 3) catches it, so an undecided
# change never passes a gate silently
_SEVERITY_RANK = {
    Severity.NONE: 0,
    Severity.EDITORIAL: 1,
    Severity.MINOR: 2,
    Severity.REVIEW: 3,
    Severity.MAJOR: 4,
}


class Direction(StrEnum):
    EXPANDS = "expands"
    NARROWS = "narrows"
    NEUTRAL = "neutral"


class Category(StrEnum):
    COLLECTION = "collection"
    PURPOSE = "purpose"
    SHARING = "sharing"
    RETENTION = "retention"
    RIGHTS = "rights"
    SECURITY = "security"
    CHILDREN = "children"
    TRANSFER = "transfer"
    TRACKING = "tracking"
    AI = "ai"
    CONTACT = "contact"
    LEGAL_BASIS = "legal_basis"
    NOTICE = "notice"
    OTHER = "other"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"


class ClauseKind(StrEnum):
    SECTION = "section"  # a heading and everything under it (never a leaf)
    HEADING = "heading"  # the heading line of a section
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a list item
    DEFINITION = "definition"  # "Label: text"
    ROW = "row"  # a table row; the header row too


class PairStatus(StrEnum):
    SAME = "same"
    MODIFIED = "modified"
    MOVED = "moved"
    RENUMBERED = "renumbered"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"


class Side(StrEnum):
    OLD = "old"
    NEW = "new"


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded source: its normalised text (what everything compares) and what it came from."""

    source: str
    text: str
    original: str
    sha256: str
    format: str = "text"  # "text" | "markdown" | "html" | "docx" | "pdf"
    title: str | None = None
    version: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """A node of the clause tree; ``text`` is ``document.text[start:end]``."""

    path: str
    kind: ClauseKind
    start: int
    end: int
    text: str
    heading: tuple[str, ...] = ()  # the trail of section headings above this clause
    label: str | None = None  # the numbering as written: "5.", "(1)", "(a)", "Section 2"
    context: str | None = None  # a table row's header cells, "Category | Sold or shared"
    children: tuple[Clause, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self) -> Iterator[Clause]:
        if not self.children:
            yield self
            return
        for child in self.children:
            yield from child.leaves()

    @property
    def heading_text(self) -> str | None:
        return " › ".join(self.heading) if self.heading else None


@dataclass(frozen=True, slots=True)
class Outline:
    """A document and its clause tree."""

    document: Document
    clauses: tuple[Clause, ...]
    # every stage walks the leaves (alignment, context, promise, summary): the tree is walked once
    _leaves: tuple[Clause, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_leaves", tuple(leaf for clause in self.clauses for leaf in clause.leaves())
        )

    def leaves(self) -> tuple[Clause, ...]:
        """The leaf clauses, in document order."""
        return self._leaves

    def walk(self) -> Iterator[Clause]:
        stack = list(reversed(self.clauses))
        while stack:
            clause = stack.pop()
            yield clause
            stack.extend(reversed(clause.children))


@dataclass(frozen=True, slots=True)
class ClausePair:
    """Old and new leaves that align; one side is empty for added or removed clauses."""

    status: PairStatus
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    moved: bool = False
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of a word diff: kept, inserted or deleted text."""

    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class Told:
    """The parts a reason's ``says`` was made of, so a notice can tell it without parsing the sentence."""

    detail: str = ""  # what the engine measured: "6 months → 24 months", "«may» → «will»"
    added: bool = True  # a cue or a described clause that appeared (False: that went)
    in_topic: bool = False  # a number rule read the favourable way speaks in its category's words


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision was taken: the rule, a sentence, and the exact words that triggered it."""

    rule: str
    says: str
    trigger: str
    side: Side
    span: tuple[int, int] | None = None  # offsets of ``trigger`` in that side's text
    # built together with ``says``; left out of equality: ``says`` already tells the same
    told: Told = field(default_factory=Told, compare=False)


@dataclass(frozen=True, slots=True)
class Consent:
    """Whether a change may need the user's consent (not only notice), and why."""

    may_be_required: bool = False
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeSide:
    """One side of a change: the clause's path, heading, text and offset in its document."""

    path: str
    heading: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Change:
    """One changed clause of a pair, with its edits, categories, severity and reasons."""

    id: str
    kind: ChangeKind
    old: ChangeSide | None
    new: ChangeSide | None
    edits: tuple[Edit, ...]
    categories: tuple[Category, ...] = ()
    direction: Direction = Direction.NEUTRAL
    severity: Severity = Severity.EDITORIAL
    reasons: tuple[Reason, ...] = ()
    consent: Consent = field(default_factory=Consent)


@dataclass(frozen=True, slots=True)
class NoticeDecision:
    """Whether the pair needs an advance notice, its period, and the reasons."""

    required: bool
    period_days: int
    promised_days: int | None
    reasons: tuple[str, ...] = ()
    promised_path: str | None = None  # the old clause that promises ``promised_days``
    pending_review: int = 0  # changes a lawyer must decide before anyone can say no notice is needed

    @property
    def promise(self) -> tuple[int, str] | None:
        """The old version's own notice period and the clause promising it, if it promises one."""
        if self.promised_days is None or self.promised_path is None:
            return None
        return self.promised_days, self.promised_path


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A version as the report sums it up: source, hash, title, version and date, clause and word
    counts, and the changes by kind, severity and category."""

    source: str
    sha256: str
    title: str | None
    version: str | None
    date: str | None
    clauses: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts a reader wants at a glance; every mapping is a tuple of (name, count) in a fixed order."""

    old_clauses: int
    new_clauses: int
    unchanged: int
    words_inserted: int
    words_deleted: int
    by_kind: tuple[tuple[str, int], ...] = ()
    by_severity: tuple[tuple[str, int], ...] = ()
    by_category: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``compare`` found: what every renderer, notice and check consumes."""

    old: DocumentSummary
    new: DocumentSummary
    severity: Severity
    notice: NoticeDecision
    changes: tuple[Change, ...]
    stats: Stats
    new_text: str = ""  # the new version's normalised text: the redline shows what did not change too
    # both clause trees, so a renderer that lays out the whole document (Word) never segments again;
    # left out of equality and repr: they follow from the documents the summaries name
    outlines: tuple[Outline, Outline] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Version:
    """One recorded version of a policy, an entry of its ``history.json``; paths relative to its folder."""

    label: str
    date: str  # ISO YYYY-MM-DD
    sha256: str  # of the normalised text
    source: str  # the file or URL the text came from
    file: str  # versions/<date>--<label>.md
    severity: Severity  # against the previous version; NONE for the first
    notice: bool = False  # whether the changes required advance notice
    summary: tuple[str, ...] = ()  # one line per major, review or minor change
    redline: str | None = None  # redlines/<date>--<label>.<ext>: the report against the previous version
    snapshot: str | None = None  # snapshots/<timestamp>.html: the raw page it was fetched from
    format: str = "markdown"  # how to read the stored text again: "text" and "pdf" keep plain-text layout

    @property
    def name(self) -> str:
        """``<date>--<label>``: the stem of its files and the last part of its feed id."""
        return f"{self.date}--{self.label}"


@dataclass(frozen=True, slots=True)
class Review:
    """One decision: the change it is about (fingerprint and texts), the severity, who, when and why."""

    fingerprint: str
    severity: Severity
    because: str
    by: str
    date: str
    kind: str
    path: str
    old: str | None
    new: str | None

    @property
    def says(self) -> str:
        return f"reviewed by {self.by} on {self.date}: {self.severity.value} because {self.because}"
