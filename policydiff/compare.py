"""The front door: ``compare(old, new) -> Report``.

segment both documents, align their leaves, diff each pair word by word, classify each
change, and decide whether advance notice is required. Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from policydiff.align import MARKER, align
from policydiff.classify import DEFAULT_MAJOR, DocumentContext, RuleBook, Subject, classify, default_rulebook
from policydiff.classify.numbers import quantities
from policydiff.classify.profile import profile, whole_region
from policydiff.classify.signals import ORGANISATION
from policydiff.diff import word_edits
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
    NoticeDecision,
    Op,
    Outline,
    PairStatus,
    Report,
    Severity,
    Stats,
)
from policydiff.segment import segment
from policydiff.text import WORD, fold, sentences


@dataclass(frozen=True, slots=True)
class Judgement:
    """What ``compare`` needs of the settings: the notice period and which changes are major."""

    period_days: int = 30
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR


def compare(
    old: Document, new: Document, judgement: Judgement | None = None, rulebook: RuleBook | None = None
) -> Report:
    """Compare two documents into a ``Report``."""
    judgement = judgement or Judgement()
    rulebook = rulebook or default_rulebook()
    old_outline, new_outline = segment(old), segment(new)
    pairs = [pair for pair in align(old_outline, new_outline)]
    drafted = (_draft(pair, old_outline, new_outline) for pair in _group_moves(pairs, old_outline))
    drafts = [_with_definition(draft, new_outline, rulebook) for draft in drafted if draft is not None]
    context = _document_context(drafts, old_outline, rulebook)
    changes = _identify([_judge(draft, rulebook, judgement, context) for draft in drafts])
    severity = max((c.severity for c in changes), key=lambda s: s.rank, default=Severity.NONE)
    if severity is Severity.NONE and old.text != new.text:
        severity = Severity.EDITORIAL  # only white space between blocks changed
    promise = promised_notice(old_outline, rulebook)
    promised = promise[0] if promise else None
    majors = [c for c in changes if c.severity is Severity.MAJOR]
    notice = NoticeDecision(
        required=bool(majors),
        period_days=max(judgement.period_days, promised or 0),
        promised_days=promised,
        reasons=tuple(notice_reason(c) for c in majors),
        promised_path=promise[1] if promise else None,
    )
    return Report(
        old=_summary(old, old_outline),
        new=_summary(new, new_outline),
        severity=severity,
        notice=notice,
        changes=tuple(changes),
        stats=_stats(pairs, changes, old_outline, new_outline),
        new_text=new.text,
    )


# ------------------------------------------------------------------ pairs → drafts


@dataclass(frozen=True, slots=True)
class _Draft:
    kind: ChangeKind
    old: ChangeSide | None
    new: ChangeSide | None
    edits: tuple[Edit, ...]
    subject: Subject


def _group_moves(pairs: list[ClausePair], old_outline: Outline) -> list[ClausePair]:
    """Fold a run of clauses moved together (a whole section) into one pair."""
    order = {leaf.start: index for index, leaf in enumerate(old_outline.leaves())}
    grouped: list[ClausePair] = []
    for pair in pairs:
        previous = grouped[-1] if grouped else None
        if (
            previous is not None
            and pair.status is PairStatus.MOVED
            and previous.status is PairStatus.MOVED
            and len(pair.old) == 1
            and order[pair.old[0].start] == order[previous.old[-1].start] + 1
        ):
            grouped[-1] = ClausePair(
                PairStatus.MOVED, previous.old + pair.old, previous.new + pair.new, True, 1.0
            )
            continue
        grouped.append(pair)
    return grouped


def _side(clauses: Sequence[Clause], outline: Outline) -> ChangeSide:
    first, last = clauses[0], clauses[-1]
    path = first.path
    if len(clauses) > 1:
        path = _covering_section(clauses, outline) or f"{first.path}–{last.path}"
    text = outline.document.text[first.start : last.end] if len(clauses) > 1 else first.text
    return ChangeSide(path, first.heading_text, text, first.start, last.end)


def _covering_section(clauses: Sequence[Clause], outline: Outline) -> str | None:
    starts = {c.start for c in clauses}
    first, last = clauses[0].start, clauses[-1].end
    for node in outline.walk():
        # only a section spanning exactly these clauses can cover them: test the span before the leaves
        spans = node.children and node.start == first and node.end == last
        if spans and {leaf.start for leaf in node.leaves()} == starts:
            return node.path
    return None


def _context(clauses: Sequence[Clause]) -> str:
    if not clauses:
        return ""
    parts = list(clauses[0].heading)
    if clauses[0].context:
        parts.append(clauses[0].context)
    return " › ".join(parts)


def _draft(pair: ClausePair, old_outline: Outline, new_outline: Outline) -> _Draft | None:
    if pair.status is PairStatus.SAME:
        return None
    old_side = _side(pair.old, old_outline) if pair.old else None
    new_side = _side(pair.new, new_outline) if pair.new else None
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
        heading=all(c.kind is ClauseKind.HEADING for c in (*pair.old, *pair.new)),
    )
    return _Draft(kind, old_side, new_side, edits, subject)


_DEFINES = re.compile(
    r"^\W*[\"']?(?P<term>[A-Z][\w'/-]*(?:\s+[A-Z][\w'/-]*){0,4})[\"']?(?:\s*\([^)]*\))?\s*"
    r"(?:means|refers to|shall mean|is defined as|includes|:)",
)


def defined_term(text: str) -> str | None:
    """The term a clause defines: '"Personal Data" means …', 'User Content: …'."""
    match = _DEFINES.match(MARKER.sub("", text, count=1).replace("**", ""))
    return match.group("term") if match else None


def _with_definition(draft: _Draft, new_outline: Outline, rulebook: RuleBook) -> _Draft:
    """A changed definition changes every clause that uses the term: read it with their categories."""
    if draft.kind not in (ChangeKind.MODIFIED, ChangeKind.MOVED):
        return draft
    term = defined_term(draft.subject.new) or defined_term(draft.subject.old)
    if not term or not re.search(
        r"\bmeans\b|\brefers to\b|\bdefin|\bincludes?\b",
        draft.subject.new + draft.subject.old + draft.subject.new_context,
    ):
        return draft
    uses = re.compile(rf"\b{re.escape(term)}\b")
    scores: Counter[Category] = Counter()
    for leaf in new_outline.leaves():
        if draft.new is not None and leaf.start == draft.new.start:
            continue
        if uses.search(leaf.text):
            for found in rulebook.find_terms(leaf.text):
                rules = rulebook.by_category(found.category)  # type: ignore[arg-type]
                if found.name in rules.grouped and not rules.protective:
                    scores[rules.category] += 1
    categories = tuple(category for category, _ in scores.most_common(3))
    subject = replace(draft.subject, defines=term, term_categories=categories)
    return _Draft(draft.kind, draft.old, draft.new, draft.edits, subject)


# ------------------------------------------------------------------ document-level context


def _document_context(drafts: list[_Draft], old_outline: Outline, rulebook: RuleBook) -> DocumentContext:
    return DocumentContext(
        renames=_renames(drafts, rulebook), disclosed=_disclosed(drafts, old_outline, rulebook)
    )


def _renames(drafts: list[_Draft], rulebook: RuleBook) -> frozenset[tuple[str, str]]:
    """Replacements of capitalised names made the same way in three or more places."""
    counts: Counter[tuple[str, str]] = Counter()
    for draft in drafts:
        if draft.kind not in (ChangeKind.MODIFIED, ChangeKind.MOVED):
            continue
        deleted = inserted = ""
        for edit in [*draft.edits, Edit(Op.EQUAL, "")]:
            if edit.op is Op.DELETE:
                deleted += edit.text
            elif edit.op is Op.INSERT:
                inserted += edit.text
            elif deleted or inserted:
                if _is_name(deleted, rulebook) and _is_name(inserted, rulebook):
                    counts[(fold(deleted), fold(inserted))] += 1
                deleted = inserted = ""
    return frozenset(pair for pair, count in counts.items() if count >= 3)


def _is_name(text: str, rulebook: RuleBook) -> bool:
    words = WORD.findall(text)
    if not words or len(words) > 3 or ORGANISATION.search(text) or rulebook.find_terms(text):
        return False
    return all(word[0].isupper() for word in words)


def _disclosed(drafts: list[_Draft], old_outline: Outline, rulebook: RuleBook) -> frozenset[tuple[str, str]]:
    """Terms the old text affirms somewhere: an added clause naming them explains, it does not widen."""
    wanted: set[tuple[Category, str]] = set()
    for draft in drafts:
        if draft.kind is ChangeKind.ADDED:
            found = profile(whole_region(draft.subject.new), rulebook, terms_only=True)
            wanted.update(found.affirmed, found.denied)  # denied too: a lead-in can turn them round
    # Read only the old clauses that could affirm a wanted term, and stop once all are found:
    # a 10 MB policy with a few additions is not profiled whole.
    disclosed: set[tuple[Category, str]] = set()
    for leaf in old_outline.leaves():
        missing = wanted - disclosed
        if not missing:
            break
        folded = leaf.text.casefold()
        if any(_may_affirm(folded, category, member, rulebook) for category, member in missing):
            disclosed.update(profile(whole_region(leaf.text), rulebook, terms_only=True).affirmed)
    return frozenset((category.value, member) for category, member in disclosed & wanted)


def _may_affirm(folded: str, category: Category, member: str, rulebook: RuleBook) -> bool:
    """False only when ``folded`` cannot hold the member: a list member is its own words."""
    if member in rulebook.by_category(category).grouped:
        return True  # a concept ("share") has many wordings: only reading tells
    return all(word in folded for word in member.split())


# ------------------------------------------------------------------ judging


def _judge(draft: _Draft, rulebook: RuleBook, judgement: Judgement, context: DocumentContext) -> Change:
    verdict = classify(draft.subject, rulebook, major=judgement.major, context=context)
    return Change(
        id="",
        kind=draft.kind,
        old=draft.old,
        new=draft.new,
        edits=draft.edits,
        categories=verdict.categories,
        direction=verdict.direction,
        severity=verdict.severity,
        reasons=verdict.reasons,
        consent=verdict.consent,
    )


def change_fingerprint(kind: ChangeKind, old_text: str, new_text: str) -> str:
    """A stable id for a change: its kind and the folded words of both sides."""
    digest = hashlib.sha1(f"{kind.value}\0{fold(old_text)}\0{fold(new_text)}".encode()).hexdigest()
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
        out.append(
            Change(
                identifier,
                change.kind,
                change.old,
                change.new,
                change.edits,
                change.categories,
                change.direction,
                change.severity,
                change.reasons,
                change.consent,
            )
        )
    return out


# every duration has one of these units ("30 days", "a week"): a clause without one promises no period
_DURATION_UNIT = re.compile(r"\b(?:day|week|month|year|hour)s?\b", re.IGNORECASE)


def promised_notice_days(outline: Outline, rulebook: RuleBook) -> int | None:
    """The advance-notice period the document promises ("we will notify you 30 days in advance")."""
    promise = promised_notice(outline, rulebook)
    return promise[0] if promise else None


def promised_notice(outline: Outline, rulebook: RuleBook) -> tuple[int, str] | None:
    """The promised advance-notice period in days and the path of the clause that promises it."""
    notice = next(c for c in rulebook.categories if c.category is Category.NOTICE)
    for leaf in outline.leaves():
        # a promise has a period and a notice word; most clauses have neither: skip them cheaply
        if not _DURATION_UNIT.search(leaf.text) or not notice.terms.search(leaf.text):
            continue
        for start, end in sentences(leaf.text):
            sentence = leaf.text[start:end]
            if not any(q.unit == "duration" for q in quantities(sentence)):
                continue
            terms = [t for t in rulebook.find_terms(sentence) if t.category is Category.NOTICE]
            if (
                not any(t.name == "notify" for t in terms)
                or not any(t.name == "changes" for t in terms)
                and not (leaf.heading and notice.terms.search(" ".join(leaf.heading)))
            ):
                continue
            for quantity in quantities(sentence):
                if quantity.unit == "duration":
                    return round(quantity.value), leaf.path
    return None


def notice_reason(change: Change) -> str:
    """Why ``change`` needs notice, in one line: its path and its first reason."""
    where = (change.new or change.old).path  # type: ignore[union-attr]
    says = change.reasons[0].says if change.reasons else "material change"
    return f"{where}: {says}"


def _summary(document: Document, outline: Outline) -> DocumentSummary:
    return DocumentSummary(
        source=document.source,
        sha256=document.sha256,
        title=document.title,
        version=document.version,
        date=document.date,
        clauses=len(outline.leaves()),
    )


def _stats(pairs: list[ClausePair], changes: list[Change], old: Outline, new: Outline) -> Stats:
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
