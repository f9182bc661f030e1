"""The Markdown report: what a lawyer pastes into a ticket.

Every value the template prints is escaped by the environment's ``finalize`` unless it is
``MarkdownText`` composed here from escaped parts, so policy text (untrusted: it may hold
``<script>``, ``|`` or ``**``) can never break the layout.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from policydiff.lazy_re import lazy
from policydiff.model import Change, DocumentSummary, Op, Reason, Report, Severity
from policydiff.render.common import (
    change_edits,
    clean,
    editorial,
    elide,
    format_counts,
    heading_label,
    material,
    notice_period,
    path_label,
    pending_text,
    review_hint,
    side_label,
)

TEMPLATE = "report/diff.md.j2"

_SPECIAL = lazy(r"([\\`*_\[\]{}|~#])")
_LIST_MARKER = lazy(r"^(\s*)([-+])(?=[\s-]|$)")
_ORDERED_MARKER = lazy(r"^(\s*\d+)([.)])(?=\s|$)")
_TRAILING_WORD = lazy(r"\S+$")
_LEADING_WORD = lazy(r"^\S+")
_BACKTICKS = lazy(r"`+")
_EDITORIAL_RUNS = 6
_TABLE_TRIGGERS = 3  # trigger words per row of the change table; the section lists every reason


class MarkdownText(str):
    """Markdown composed by this module from escaped parts; printed as is."""

    __slots__ = ()


def md_escape(text: str) -> str:
    """Policy text as inert Markdown on one line: HTML characters as entities, markup escaped."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LIST_MARKER.sub(r"\1\\\2", text)
    return _ORDERED_MARKER.sub(r"\1\\\2", text)


def code_span(text: str) -> MarkdownText:
    """``text`` as a Markdown code span whose fence is longer than any backtick run inside."""
    text = clean(text).strip() or " "
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return MarkdownText(f"{fence}{padding}{text}{padding}{fence}")


def finalize(value: Any) -> Any:
    """Jinja2 ``finalize``: escape every printed value that is not ``MarkdownText``."""
    if isinstance(value, MarkdownText):
        return value
    return md_escape(str(value))


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, change table, one section per change of substance."""
    from policydiff.render.templates import jinja_env

    environment = jinja_env(autoescape=False, finalize=finalize)
    environment.filters["code"] = code_span
    return environment.get_template(TEMPLATE).render(**report_context(report))


def report_context(report: Report) -> dict[str, Any]:
    """The template's variables; text values are plain strings, escaped when printed."""
    stats = report.stats
    return {
        "old": _document(report.old),
        "new": _document(report.new),
        "severity": report.severity.value,
        "notice": {
            "required": report.notice.required,
            "period": notice_period(report),
            "reasons": list(report.notice.reasons),
            "pending": pending_text(report),
        },
        "by_severity": format_counts(stats.by_severity),
        "by_category": format_counts(stats.by_category),
        "stats": stats,
        "material": [_change(change) for change in material(report)],
        "editorial": [_editorial(change) for change in editorial(report)],
    }


@dataclass(frozen=True, slots=True)
class _DocumentView:
    source: str
    label: str


@dataclass(frozen=True, slots=True)
class _ReasonView:
    rule: str
    says: str
    trigger: str
    side: str


@dataclass(frozen=True, slots=True)
class _ChangeView:
    id: str
    anchor: str
    kind: str
    path: str
    heading: str
    old: str
    new: str
    categories: str
    direction: str
    severity: str
    diff: MarkdownText
    triggers: MarkdownText
    reasons: list[_ReasonView]
    consent: list[str] | None
    review: str  # what a review change asks of its reader; "" for any other


@dataclass(frozen=True, slots=True)
class _EditorialView:
    id: str
    kind: str
    path: str
    heading: str
    edits: MarkdownText


def _document(summary: DocumentSummary) -> _DocumentView:
    parts = [part for part in (summary.title, summary.version, summary.date) if part]
    parts.append(f"{summary.clauses} clauses")
    parts.append(f"sha256 {summary.sha256[:12]}")
    return _DocumentView(source=summary.source, label=" · ".join(parts))


def _change(change: Change) -> _ChangeView:
    consent = change.consent
    return _ChangeView(
        id=change.id,
        anchor=github_anchor(f"{change.id} · {change.kind.value} · {change.severity.value}"),
        kind=change.kind.value,
        path=path_label(change),
        heading=heading_label(change) or "—",
        old=side_label(change.old),
        new=side_label(change.new),
        categories=", ".join(category.value for category in change.categories) or "—",
        direction=change.direction.value,
        severity=change.severity.value,
        diff=word_diff(change),
        triggers=triggers(change),
        reasons=[_reason(reason) for reason in change.reasons],
        consent=list(consent.reasons) if consent.may_be_required else None,
        review=review_hint(change) if change.severity is Severity.REVIEW else "",
    )


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation and symbols dropped, spaces as hyphens."""
    kept = (char for char in heading.lower() if char in "-_ " or unicodedata.category(char)[0] in "LNM")
    return "".join(kept).replace(" ", "-")


def triggers(change: Change) -> MarkdownText:
    """The words that decided a change, each once and in bold: ``«**share**», «**marketing**»``.

    The guillemets keep the bold working whatever punctuation a trigger starts or ends with.
    """
    seen: list[str] = []
    for reason in change.reasons:
        words = elide(clean(reason.trigger).strip(), keep_start=5, keep_end=2, slack=2)
        if words and words not in seen:
            seen.append(words)
    if not seen:
        return MarkdownText("—")
    shown = ", ".join(f"«**{md_escape(words)}**»" for words in seen[:_TABLE_TRIGGERS])
    more = len(seen) - _TABLE_TRIGGERS
    return MarkdownText(shown + (f" +{more} more" if more > 0 else ""))


def _reason(reason: Reason) -> _ReasonView:
    return _ReasonView(rule=reason.rule, says=reason.says, trigger=reason.trigger, side=reason.side.value)


def _editorial(change: Change) -> _EditorialView:
    runs = [(op, text) for op, text in change_edits(change) if op is not Op.EQUAL]
    if not runs:
        edits = MarkdownText("wording unchanged")
    else:
        shown = [_marked(op, text.strip()) for op, text in runs[:_EDITORIAL_RUNS]]
        more = " …" if len(runs) > _EDITORIAL_RUNS else ""
        edits = MarkdownText(" ".join(shown) + more)
    return _EditorialView(
        id=change.id,
        kind=change.kind.value,
        path=path_label(change),
        heading=heading_label(change) or "—",
        edits=edits,
    )


def word_diff(change: Change) -> MarkdownText:
    """The inline word diff of a change: ``~~deleted~~ **inserted**``, the rest escaped.

    A replacement whose first or last character is punctuation glued to a word (``User
    Submissions**, including…**``) cannot open or close emphasis in CommonMark; such a word
    is moved into the replacement (``~~Submissions~~ **Submissions, including…**``).
    """
    segments = _flank_safe(_segments(change_edits(change)))
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(md_escape(segment))
            continue
        deleted, inserted = segment
        parts.append(_marked(Op.DELETE, deleted))
        if deleted and inserted and not (deleted.endswith(" ") or inserted.startswith(" ")):
            parts.append(" ")
        parts.append(_marked(Op.INSERT, inserted))
    return MarkdownText("".join(parts).strip())


_Segment = str | tuple[str, str]


def _segments(runs: list[tuple[Op, str]]) -> list[_Segment]:
    """Equal runs as strings; each stretch of deletions and insertions as one (deleted, inserted)."""
    segments: list[_Segment] = []
    for op, text in runs:
        if op is Op.EQUAL:
            segments.append(text)
            continue
        last = segments[-1] if segments else ""
        deleted, inserted = ("", "")
        if isinstance(last, tuple):
            deleted, inserted = last
            segments.pop()
        segments.append((deleted + text, inserted) if op is Op.DELETE else (deleted, inserted + text))
    return segments


def _flank_safe(segments: list[_Segment]) -> list[_Segment]:
    for index, segment in enumerate(segments):
        if isinstance(segment, str):
            continue
        deleted, inserted = segment
        before = segments[index - 1] if index else ""
        first = deleted or inserted
        if isinstance(before, str) and _glued(before[-1:], first[:1]):
            word = _TRAILING_WORD.search(before)
            moved = word.group() if word else ""
            segments[index - 1] = before[: len(before) - len(moved)]
            deleted, inserted = moved + deleted, moved + inserted
        after = segments[index + 1] if index + 1 < len(segments) else ""
        last = inserted or deleted
        if isinstance(after, str) and _glued(after[:1], last[-1:]):
            word = _LEADING_WORD.match(after)
            moved = word.group() if word else ""
            segments[index + 1] = after[len(moved) :]
            deleted, inserted = deleted + moved, inserted + moved
        segments[index] = (deleted, inserted)
    return segments


def _glued(neighbour: str, edge: str) -> bool:
    """True when a marker between ``neighbour`` (a word character) and ``edge`` (punctuation) fails."""
    if not neighbour or not edge or neighbour.isspace():
        return False
    return _is_punctuation(edge) and not _is_punctuation(neighbour)


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character)[0] in "PS"


def _marked(op: Op, text: str) -> str:
    if op is Op.EQUAL:
        return md_escape(text)
    core = text.strip()
    if not core:
        return text
    marker = "~~" if op is Op.DELETE else "**"
    leading = " " if text.startswith(" ") else ""
    trailing = " " if text.endswith(" ") else ""
    return f"{leading}{marker}{md_escape(core)}{marker}{trailing}"
