"""The front door: ``compare(old, new) -> Report``.

segment both documents, align their leaves, diff each pair word by word, hand the changes to
``classify`` for their verdicts and the notice decision, and summarise. Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from policydiff.align import align
from policydiff.classify import (
    DEFAULT_MAJOR,
    RuleBook,
    Subject,
    Verdict,
    canonical,
    decide,
    default_rulebook,
    judge_changes,
    promised_notice,
)
from policydiff.diff import word_edits
from policydiff.lazy_re import lazy
from policydiff.model import (
    Category,
    Change,
    ChangeKind,
    ChangeSide,
    Clause,
    ClauseKind,
    ClausePair,
    Direction,
    Document,
    DocumentSummary,
    Edit,
    Op,
    Outline,
    PairStatus,
    Report,
    Severity,
    Stats,
)
from policydiff.segment import segment
from policydiff.text import WORD, fingerprint_words, same_reading

__all__ = ["Judgement", "change_fingerprint", "compare"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """What ``compare`` needs of the settings: the notice period and which changes are major."""

    period_days: int = 30
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR
    rulebook: RuleBook | None = field(default=None, compare=False)  # None: the packaged rules


def compare(
    old: Document, new: Document, judgement: Judgement | None = None, rulebook: RuleBook | None = None
) -> Report:
    """Compare two documents into a ``Report``."""
    judgement = judgement or Judgement()
    rulebook = rulebook or judgement.rulebook or default_rulebook()
    old_outline, new_outline = segment(old), segment(new)
    # (short clauses in place that read alike by the equivalents pair: "Information We Collect")
    pairs = [_unmarked(pair) for pair in align(old_outline, new_outline, alike=canonical)]
    old_sides, new_sides = _Sections.of(old_outline), _Sections.of(new_outline)
    drafts = [
        unit
        for draft in (_draft(p, old_sides, new_sides) for p in _group_moves(pairs, old_outline))
        if draft
        for unit in _units(draft)
    ]
    subjects = [(draft.subject, draft.new.start if draft.new else None) for draft in drafts]
    verdicts = judge_changes(subjects, old_outline, new_outline, rulebook, judgement.major)
    changes = _identify([draft.change(verdict) for draft, verdict in zip(drafts, verdicts, strict=True)])
    severity, notice = decide(
        changes,
        period_days=judgement.period_days,
        promise=promised_notice(old_outline, rulebook),
        texts_differ=old.text != new.text,
    )
    return Report(
        old=_summary(old, old_outline),
        new=_summary(new, new_outline),
        severity=severity,
        notice=notice,
        changes=tuple(changes),
        stats=_stats(pairs, changes, old_outline, new_outline),
        new_text=new.text,
        outlines=(old_outline, new_outline),
    )


# ------------------------------------------------------------------ pairs → drafts


def _unmarked(pair: ClausePair) -> ClausePair:
    """A clause whose only difference is its markup (a heading mark, a bullet, emphasis, a table
    border: one format against another) is the same clause: markup never becomes an edit."""
    if pair.moved or pair.status in (PairStatus.SAME, PairStatus.MOVED):
        return pair
    old = "\n\n".join(clause.text for clause in pair.old)
    new = "\n\n".join(clause.text for clause in pair.new)
    # an added or removed clause of markup alone (an empty table row, a link without a label) reads
    # as nothing; clauses split or merged only where a format breaks blocks read the same
    if same_reading(old, new):
        return replace(pair, status=PairStatus.SAME)
    return pair


@dataclass(frozen=True, slots=True)
class _Draft:
    """A change before it is judged: its kind, sides and edits."""

    kind: ChangeKind
    old: ChangeSide | None
    new: ChangeSide | None
    edits: tuple[Edit, ...]
    subject: Subject

    def change(self, verdict: Verdict) -> Change:
        """The change this draft becomes with ``verdict`` (its id is given once all are known)."""
        return Change(
            id="",
            kind=self.kind,
            old=self.old,
            new=self.new,
            edits=self.edits,
            categories=verdict.categories,
            direction=verdict.direction,
            severity=verdict.severity,
            reasons=verdict.reasons,
            consent=verdict.consent,
        )


def _group_moves(pairs: Sequence[ClausePair], old_outline: Outline) -> list[ClausePair]:
    """Fold a run of clauses moved together (a whole section) into one pair: a clause of the run
    that was also edited, or that was rewritten (removed, and added at the same place in the moved
    block), stays inside it, so one moved section is one moved change (issue 17)."""
    order = {leaf.start: index for index, leaf in enumerate(old_outline.leaves())}
    removed = {order[p.old[0].start] for p in pairs if p.status is PairStatus.REMOVED and len(p.old) == 1}
    grouped: list[ClausePair] = []
    for pair in pairs:
        # the block this pair may join: the last moved pair, past clauses removed or added after it
        at = len(grouped) - 1
        while at >= 0 and grouped[at].status in (PairStatus.REMOVED, PairStatus.ADDED):
            at -= 1
        previous = grouped[at] if at >= 0 else None
        if (
            previous is not None
            and pair.moved
            and previous.moved
            and len(pair.old) == 1
            and pair.status in (PairStatus.MOVED, PairStatus.MODIFIED)
            and previous.status in (PairStatus.MOVED, PairStatus.MODIFIED)
            and _follows(order[previous.old[-1].start], order[pair.old[0].start], removed)
        ):
            grouped[at] = ClausePair(
                PairStatus.MOVED, previous.old + pair.old, previous.new + pair.new, True, 1.0
            )
            continue
        grouped.append(pair)
    return _without_absorbed(grouped)


def _follows(last: int, first: int, removed: set[int]) -> bool:
    """Whether old leaf ``first`` comes right after ``last``, but for leaves removed between them."""
    return first > last and all(index in removed for index in range(last + 1, first))


def _without_absorbed(pairs: list[ClausePair]) -> list[ClausePair]:
    """The pairs but the removed and added clauses a moved block's span holds on their side: the
    block reports them as edits inside it."""
    blocks = [pair for pair in pairs if pair.status is PairStatus.MOVED and len(pair.old) > 1]
    if not blocks:
        return pairs
    old_spans = [(b.old[0].start, b.old[-1].end) for b in blocks]
    new_spans = [(b.new[0].start, b.new[-1].end) for b in blocks]

    def inside(clause: Clause, spans: list[tuple[int, int]]) -> bool:
        return any(start <= clause.start and clause.end <= end for start, end in spans)

    return [
        pair
        for pair in pairs
        if not (pair.status is PairStatus.REMOVED and all(inside(c, old_spans) for c in pair.old))
        and not (pair.status is PairStatus.ADDED and all(inside(c, new_spans) for c in pair.new))
    ]


@dataclass(frozen=True, slots=True)
class _Sections:
    """An outline and its sections by (start, end): found by position, not by a walk per change."""

    outline: Outline
    by_span: dict[tuple[int, int], list[Clause]]

    @classmethod
    def of(cls, outline: Outline) -> _Sections:
        by_span: dict[tuple[int, int], list[Clause]] = {}
        for node in outline.walk():
            if node.children:
                by_span.setdefault((node.start, node.end), []).append(node)
        return cls(outline, by_span)

    def covering(self, clauses: Sequence[Clause]) -> str | None:
        """The path of the section whose leaves are exactly ``clauses``, if one is."""
        starts = {c.start for c in clauses}
        for node in self.by_span.get((clauses[0].start, clauses[-1].end), ()):
            if {leaf.start for leaf in node.leaves()} == starts:
                return node.path
        return None


def _side(clauses: Sequence[Clause], sections: _Sections) -> ChangeSide:
    first, last = clauses[0], clauses[-1]
    path = first.path
    if len(clauses) > 1:
        path = sections.covering(clauses) or f"{first.path}–{last.path}"
    text = sections.outline.document.text[first.start : last.end] if len(clauses) > 1 else first.text
    return ChangeSide(path, first.heading_text, text, first.start, last.end)


def _context(clauses: Sequence[Clause]) -> str:
    if not clauses:
        return ""
    parts = list(clauses[0].heading)
    if clauses[0].context:
        parts.append(clauses[0].context)
    return " › ".join(parts)


def _draft(pair: ClausePair, old_sections: _Sections, new_sections: _Sections) -> _Draft | None:
    if pair.status is PairStatus.SAME:
        return None
    old_side = _side(pair.old, old_sections) if pair.old else None
    new_side = _side(pair.new, new_sections) if pair.new else None
    old_text = old_side.text if old_side else ""
    new_text = new_side.text if new_side else ""
    kind = {
        PairStatus.ADDED: ChangeKind.ADDED,
        PairStatus.REMOVED: ChangeKind.REMOVED,
        PairStatus.SPLIT: ChangeKind.SPLIT,
        PairStatus.MERGED: ChangeKind.MERGED,
        PairStatus.MOVED: ChangeKind.MOVED,
    }.get(pair.status, ChangeKind.MOVED if pair.moved else ChangeKind.MODIFIED)
    edits = word_edits(old_text, new_text)
    subject = Subject(
        kind=kind,
        old=old_text,
        new=new_text,
        edits=edits,
        old_context=_context(pair.old),
        new_context=_context(pair.new),
        moved=pair.moved,
        renumbered=pair.status is PairStatus.RENUMBERED,
        lead=(pair.new or pair.old)[0].context or "",
        # a heading that became a label (or back) still names a topic: read it as a heading; a
        # moved block that holds a heading and the clauses under it is read as those clauses
        heading=any(
            side and all(c.kind is ClauseKind.HEADING for c in side) for side in (pair.old, pair.new)
        ),
    )
    return _Draft(kind, old_side, new_side, edits, subject)


# A paragraph break inside one clause (a table cell's "<br><br>") or a cell boundary of a row:
# what stands between them is read, and reported, on its own.
_UNIT_BREAK = lazy(r"\s*<br\s*/?>\s*<br\s*/?>\s*|\s+\|\s+")
_UNIT_WORDS = 4  # a shorter piece (a cell's label) is read with the piece after it


def _units(draft: _Draft) -> list[_Draft]:
    """An added or removed clause that holds several paragraphs or cells, as one draft each.

    One verdict for a whole table row hides all but one of the practices its cells add; each
    piece keeps the clause's headings and lead-in as context, and the pieces tile the clause.
    """
    if draft.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return [draft]
    added = draft.kind is ChangeKind.ADDED
    side = draft.new if added else draft.old
    assert side is not None
    spans = _unit_spans(side.text)
    if len(spans) < 2:
        return [draft]
    out = []
    for start, end in spans:
        text = side.text[start:end]
        piece = replace(side, text=text, start=side.start + start, end=side.start + end)
        old, new = ("", text) if added else (text, "")
        edits = word_edits(old, new)
        subject = replace(draft.subject, old=old, new=new, edits=edits)
        out.append(
            replace(
                draft,
                old=None if added else piece,
                new=piece if added else None,
                edits=edits,
                subject=subject,
            )
        )
    return out


def _unit_spans(text: str) -> list[tuple[int, int]]:
    """Pieces that tile ``text``, each starting after a unit break; a short one joins the next."""
    starts = [0]
    for match in _UNIT_BREAK.finditer(text):
        if len(WORD.findall(text[starts[-1] : match.start()])) >= _UNIT_WORDS:
            starts.append(match.end())
    if len(starts) > 1 and len(WORD.findall(text[starts[-1] :])) < _UNIT_WORDS:
        starts.pop()  # a short last piece stays with the one before
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


# ------------------------------------------------------------------ ids and summaries


def change_fingerprint(kind: ChangeKind, old_text: str, new_text: str) -> str:
    """A stable id for a change: its kind and the folded words of both sides."""
    old_words, new_words = fingerprint_words(old_text), fingerprint_words(new_text)
    digest = hashlib.sha1(f"{kind.value}\0{old_words}\0{new_words}".encode()).hexdigest()
    return digest[:8]


def _identify(changes: list[Change]) -> list[Change]:
    seen: Counter[str] = Counter()
    out = []
    for change in changes:
        base = change_fingerprint(
            change.kind, change.old.text if change.old else "", change.new.text if change.new else ""
        )
        seen[base] += 1
        identifier = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(replace(change, id=identifier))
    return out


def _summary(document: Document, outline: Outline) -> DocumentSummary:
    return DocumentSummary(
        source=document.source,
        sha256=document.sha256,
        title=document.title,
        version=document.version,
        date=document.date,
        clauses=len(outline.leaves()),
    )


def _stats(pairs: Sequence[ClausePair], changes: list[Change], old: Outline, new: Outline) -> Stats:
    inserted = sum(len(WORD.findall(e.text)) for c in changes for e in c.edits if e.op is Op.INSERT)
    deleted = sum(len(WORD.findall(e.text)) for c in changes for e in c.edits if e.op is Op.DELETE)
    kinds = Counter(c.kind.value for c in changes)
    severities = Counter(c.severity.value for c in changes)
    categories = Counter(cat.value for c in changes for cat in c.categories[:1])
    return Stats(
        old_clauses=len(old.leaves()),
        new_clauses=len(new.leaves()),
        unchanged=sum(1 for p in pairs if p.status is PairStatus.SAME),
        words_inserted=inserted,
        words_deleted=deleted,
        by_kind=tuple((k.value, kinds[k.value]) for k in ChangeKind if kinds[k.value]),
        by_severity=tuple((s.value, severities[s.value]) for s in Severity if severities[s.value]),
        by_category=tuple((c.value, categories[c.value]) for c in Category if categories[c.value]),
    )
