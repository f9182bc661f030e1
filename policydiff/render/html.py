"""The HTML report: one self-contained page with a filterable change list and a two-view redline.

Policy text is untrusted: it reaches the page only through Jinja2 autoescape, and a
Content-Security-Policy that allows just the hashes of the page's own style and script stops
any markup that got past the escaping. Everything the templates show is computed here.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policydiff.lazy_re import lazy
from policydiff.model import (
    Category,
    Change,
    ChangeKind,
    ChangeSide,
    DocumentSummary,
    Op,
    Report,
    Severity,
    Side,
)
from policydiff.render.blocks import Block, blocks, kind_of_path, visible
from policydiff.render.common import (
    SEVERITY_ORDER,
    SEVERITY_SYMBOL,
    change_edits,
    clean,
    heading_label,
    notice_period,
    path_label,
    pending_text,
    review_hint,
)

__all__ = ["content_security_policy", "render_html", "report_context"]

TEMPLATE = "report/diff.html.j2"
STYLE_TEMPLATE = "report/_diff.css.j2"
SCRIPT_TEMPLATE = "report/_diff.js.j2"
NO_CATEGORY = "none"  # the filter value of a change without categories (most editorial ones)
_SEPARATOR = 2  # characters between two clauses that are only their line breaks, not unchanged text
_UNSAFE_ID = lazy(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of clause text with one edit operation, in pieces: (text, cited by a reason?)."""

    op: str  # "equal" | "insert" | "delete"
    pieces: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass(frozen=True, slots=True)
class ReasonView:
    rule: str
    says: str
    trigger: str
    side: str


@dataclass(frozen=True, slots=True)
class WhyView:
    """One rule behind a change, said once, with every trigger word it read."""

    rule: str
    says: str
    triggers: tuple[str, ...]
    side: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change as the change list and the redline show it."""

    id: str
    anchor: str  # the element id of its place in the redline: "change-<id>"
    row_anchor: str  # its row in the change list
    moved_from: str | None  # the element id of the old place of moved text
    kind: str
    severity: str
    symbol: str
    categories: tuple[str, ...]
    filter_categories: str  # space-separated, for the filters' data attribute
    direction: str
    path: str
    old_path: str | None
    new_path: str | None
    heading: str | None
    reasons: tuple[ReasonView, ...]
    plain: str  # what the change means, in plain words; the first reason's sentence without them
    why: tuple[WhyView, ...]  # the rules, each once, with their trigger words
    consent: tuple[str, ...] | None
    review: str  # what a review change asks of its reader; "" for any other
    inline: tuple[Run, ...]
    old: tuple[Run, ...] | None  # None when the clause is not in that version
    new: tuple[Run, ...] | None


@dataclass(frozen=True, slots=True)
class RedlineItem:
    """A place in the redline: a change, or the old place of moved text ("moved-from")."""

    change: ChangeView
    role: str
    gap_before: bool  # unchanged text lies between this place and the one before
    unchanged: tuple[Block, ...] = ()  # that text, from the new version, when the report carries it


@dataclass(frozen=True, slots=True)
class VersionView:
    role: str
    source: str
    title: str
    version: str
    date: str
    sha256: str
    clauses: int


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One line of the header's comparison of the versions: a field, its old and new value."""

    label: str
    old: str
    new: str
    css: str = ""  # "source", "hash": may break anywhere (a path, a digest); "date": never breaks


@dataclass(frozen=True, slots=True)
class NoticeView:
    required: bool
    period: str
    due: str | None  # the last day to send it for the new version to take effect on its date
    reasons: tuple[str, ...]
    pending: str  # what the review changes hold open; "" when none is pending


@dataclass(frozen=True, slots=True)
class FilterOption:
    value: str
    label: str
    count: int
    symbol: str = ""


def render_html(
    report: Report, *, overrides: Sequence[Path] = (), plain: Mapping[str, str] | None = None
) -> str:
    """The report as one HTML page: inline CSS and JS, no network, byte-identical for the same report.

    ``plain``: change id → what it means in plain words (the notice's sentence), shown first.
    """
    from markupsafe import Markup

    from policydiff.render.templates import jinja_env

    environment = jinja_env(autoescape=True, overrides=overrides)
    style = environment.get_template(STYLE_TEMPLATE).render()
    script = environment.get_template(SCRIPT_TEMPLATE).render()
    for text, closing in ((style, "</style"), (script, "</script")):
        if closing in text.lower():  # it would end the element early and leave the rest unhashed
            raise ValueError(f"the page's own style or script contains {closing!r}")
    return environment.get_template(TEMPLATE).render(
        style=Markup(style),
        script=Markup(script),
        csp=Markup(content_security_policy(style, script)),  # base64 hashes and keywords only
        **report_context(report, plain or {}),
    )


def content_security_policy(style: str, script: str | None) -> str:
    """Nothing may load or run but the page's own style and script (none: no script), by sha256."""
    scripts = f"'{_sha256(script)}'" if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src '{_sha256(style)}'; script-src {scripts}; "
        "base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def report_context(report: Report, plain: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The template's variables: plain strings and view models, escaped when printed."""
    changes = [change_view(change, (plain or {}).get(change.id, "")) for change in report.changes]
    counts = dict(report.stats.by_severity)
    symbol = SEVERITY_SYMBOL
    # the change list: what needs a lawyer first (major, review, minor), editorial folded after
    rank = {severity.value: index for index, severity in enumerate(SEVERITY_ORDER)}
    listed = sorted(changes, key=lambda view: rank.get(view.severity, len(rank)))
    old, new = _version("Old", report.old), _version("New", report.new)
    return {
        "title": _title(report),
        "versions": [old, new],
        "fields": _fields(old, new),
        "listed": [view for view in listed if view.severity != Severity.EDITORIAL.value],
        "listed_editorial": [view for view in listed if view.severity == Severity.EDITORIAL.value],
        "severity": report.severity.value,
        "symbol": symbol[report.severity],
        "notice": _notice(report, plain or {}),
        "severity_filters": [
            FilterOption(s.value, f"{symbol[s]} {s.value}", counts.get(s.value, 0), symbol[s])
            for s in SEVERITY_ORDER
        ],
        "category_filters": _category_filters(report.changes),
        "by_category": [FilterOption(name, name, count) for name, count in report.stats.by_category],
        "stats": report.stats,
        "changes": changes,
        "redline": redline_items(report.changes, changes, report.new_text),
        "tail": _unchanged(report.new_text, _last_new_end(report.changes), len(report.new_text)),
    }


def _title(report: Report) -> str:
    name = clean(report.new.title or report.old.title or "Policy")
    old = clean(report.old.version or report.old.date or report.old.source)
    new = clean(report.new.version or report.new.date or report.new.source)
    return f"{name}: changes {old} → {new}"


def _version(role: str, summary: DocumentSummary) -> VersionView:
    return VersionView(
        role=role,
        source=clean(summary.source),
        title=clean(summary.title or "—"),
        version=clean(summary.version or "—"),
        date=clean(summary.date or "—"),
        sha256=summary.sha256,
        clauses=summary.clauses,
    )


def _fields(old: VersionView, new: VersionView) -> list[FieldRow]:
    return [
        FieldRow("Title", old.title, new.title),
        FieldRow("Label", old.version, new.version),
        FieldRow("Date", old.date, new.date, "date"),
        FieldRow("Clauses", str(old.clauses), str(new.clauses)),
        FieldRow("Source", old.source, new.source, "source"),
        FieldRow("SHA-256 of the text", old.sha256, new.sha256, "hash"),
    ]


def _notice(report: Report, plain: Mapping[str, str]) -> NoticeView:
    notice = report.notice
    due = None
    if notice.required and report.new.date:
        days = max(notice.period_days, notice.promised_days or 0)
        try:
            due = (dt.date.fromisoformat(report.new.date) - dt.timedelta(days=days)).isoformat()
        except ValueError:  # a free-form date ("Spring 2026") gives no deadline
            due = None
    return NoticeView(
        required=notice.required,
        period=notice_period(report),
        due=due,
        reasons=_notice_reasons(report, plain),
        pending=pending_text(report),
    )


def _notice_reasons(report: Report, plain: Mapping[str, str]) -> tuple[str, ...]:
    """Why notice is needed, a line per major change: its place and, given, its plain words."""
    majors = [change for change in report.changes if change.severity is Severity.MAJOR]
    if not plain or len(majors) != len(report.notice.reasons):
        return tuple(clean(reason) for reason in report.notice.reasons)
    lines = []
    for change, reason in zip(majors, report.notice.reasons, strict=True):
        side = change.new or change.old
        said = plain.get(change.id)
        lines.append(clean(f"{side.path}: {said}" if said and side else reason))
    return tuple(lines)


def _category_filters(changes: Sequence[Change]) -> list[FilterOption]:
    options = []
    for category in Category:
        count = sum(category in change.categories for change in changes)
        if count:
            options.append(FilterOption(category.value, category.value, count))
    uncategorised = sum(not change.categories for change in changes)
    if uncategorised:
        options.append(FilterOption(NO_CATEGORY, "no category", uncategorised))
    return options


def anchor(change_id: str, prefix: str = "change") -> str:
    """A stable element id for a change: ``change-<id>``, characters outside ``[A-Za-z0-9_-]`` as ``-``."""
    return f"{prefix}-{_UNSAFE_ID.sub('-', change_id)}"


def change_view(change: Change, plain: str = "") -> ChangeView:
    """The view model of one change: labels, reasons and its text as runs for both redline views.

    ``plain`` says what the change means in plain words (the notice's sentence); without it, the
    first reason's sentence.
    """
    inline, old, new = text_runs(change)
    categories = tuple(category.value for category in change.categories)
    consent = change.consent
    first = clean(change.reasons[0].says) if change.reasons else ""
    sentence = clean(plain) or (first[:1].upper() + first[1:] + "." if first else "")
    return ChangeView(
        id=clean(change.id),
        anchor=anchor(change.id),
        row_anchor=anchor(change.id, "row"),
        moved_from=anchor(change.id, "moved-from") if change.kind is ChangeKind.MOVED else None,
        kind=change.kind.value,
        severity=change.severity.value,
        symbol=SEVERITY_SYMBOL[change.severity],
        categories=categories,
        filter_categories=" ".join(categories) or NO_CATEGORY,
        direction=change.direction.value,
        path=clean(path_label(change)),
        old_path=clean(change.old.path) if change.old is not None else None,
        new_path=clean(change.new.path) if change.new is not None else None,
        heading=clean(heading_label(change) or "") or None,
        reasons=tuple(
            ReasonView(clean(r.rule), clean(r.says), clean(r.trigger), r.side.value) for r in change.reasons
        ),
        plain=sentence,
        why=_why(change),
        consent=tuple(clean(reason) for reason in consent.reasons) if consent.may_be_required else None,
        review=review_hint(change) if change.severity is Severity.REVIEW else "",
        inline=tuple(inline),
        old=tuple(old) if change.old is not None else None,
        new=tuple(new) if change.new is not None else None,
    )


def _why(change: Change) -> tuple[WhyView, ...]:
    """The change's reasons with each rule and sentence said once, its trigger words gathered."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for reason in change.reasons:
        triggers = grouped.setdefault((clean(reason.rule), clean(reason.says), reason.side.value), [])
        trigger = clean(reason.trigger).strip()
        if trigger and trigger not in triggers:
            triggers.append(trigger)
    return tuple(
        WhyView(rule, says, tuple(triggers), side) for (rule, says, side), triggers in grouped.items()
    )


def text_runs(change: Change) -> tuple[list[Run], list[Run], list[Run]]:
    """The inline runs of a change, then the runs of its old and new text, trigger words marked.

    Triggers are searched in the cleaned text of their side (the nearest occurrence to the
    reason's span); those of editorial changes (``#``, dates) are not marked.
    """
    edits = change_edits(change)
    old_text = "".join(text for op, text in edits if op is not Op.INSERT)
    new_text = "".join(text for op, text in edits if op is not Op.DELETE)
    marks = {
        Side.OLD: _trigger_ranges(change, Side.OLD, old_text),
        Side.NEW: _trigger_ranges(change, Side.NEW, new_text),
    }
    # Markdown (bullets, emphasis, link syntax, cell borders) is read, not shown
    seen = {
        Side.OLD: visible(old_text, kind_of_path(change.old.path)) if change.old else [],
        Side.NEW: visible(new_text, kind_of_path(change.new.path)) if change.new else [],
    }
    inline: list[Run] = []
    old: list[Run] = []
    new: list[Run] = []
    positions = {Side.OLD: 0, Side.NEW: 0}
    for op, text in edits:
        sides = [side for side in Side if (side, op) not in ((Side.OLD, Op.INSERT), (Side.NEW, Op.DELETE))]
        ranges = [(s - positions[side], e - positions[side]) for side in sides for s, e in marks[side]]
        shown_on = sides[-1]  # the new side's reading where the run is on both
        keep = seen[shown_on][positions[shown_on] : positions[shown_on] + len(text)]
        run = Run(op.value, tuple(_visible_pieces(_split(text, ranges), keep)))
        for side in sides:
            positions[side] += len(text)
        if not run.pieces:
            continue  # markup alone
        inline.append(run)
        if Side.OLD in sides:
            old.append(run)
        if Side.NEW in sides:
            new.append(run)
    return inline, old, new


def _visible_pieces(pieces: Sequence[tuple[str, bool]], keep: Sequence[bool]) -> list[tuple[str, bool]]:
    """``pieces`` without the characters a reader does not see (``keep`` False); empty ones dropped."""
    out: list[tuple[str, bool]] = []
    at = 0
    for text, cited in pieces:
        kept = "".join(char for index, char in enumerate(text) if at + index >= len(keep) or keep[at + index])
        at += len(text)
        if kept:
            out.append((kept, cited))
    return out


def _trigger_ranges(change: Change, side: Side, text: str) -> list[tuple[int, int]]:
    if change.severity is Severity.EDITORIAL:
        return []
    ranges = []
    for reason in change.reasons:
        needle = clean(reason.trigger).strip()
        if reason.side is not side or not needle:
            continue
        found = [match.span() for match in re.finditer(re.escape(needle), text, re.IGNORECASE)]
        if found:
            hint = reason.span[0] if reason.span else 0
            ranges.append(min(found, key=lambda span: (abs(span[0] - hint), span[0])))
    return ranges


def _split(text: str, ranges: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut where a marked range starts or ends; each piece with whether it is marked."""
    inside = [(max(start, 0), min(end, len(text))) for start, end in ranges if start < len(text) and end > 0]
    if not inside:
        return [(text, False)]
    cuts = sorted({0, len(text), *(point for span in inside for point in span)})
    pieces: list[tuple[str, bool]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        marked = any(low <= start and end <= high for low, high in inside)
        if pieces and pieces[-1][1] == marked:
            pieces[-1] = (pieces[-1][0] + text[start:end], marked)
        else:
            pieces.append((text[start:end], marked))
    return pieces


def _unchanged(text: str, start: int, end: int) -> tuple[Block, ...]:
    return blocks(text[start:end].strip()) if text and end - start > _SEPARATOR else ()


def _last_new_end(changes: Sequence[Change]) -> int:
    return max((change.new.end for change in changes if change.new is not None), default=0)


def redline_items(
    changes: Sequence[Change], views: Sequence[ChangeView], new_text: str = ""
) -> list[RedlineItem]:
    """The places of the redline in the new version's order, the old place of moved text included.

    The old place of a moved clause goes before the first change whose old text came after it;
    a gap marker stands where unchanged text lies between two places (the report carries only
    changed clauses).
    """
    order = list(zip(changes, views, strict=True))
    stubs: dict[int, list[ChangeView]] = {}
    for change, view in order:
        if change.kind is ChangeKind.MOVED and change.old is not None:
            stubs.setdefault(_old_place(change.old, changes), []).append(view)
    items: list[RedlineItem] = []
    last = {Side.OLD: 0, Side.NEW: 0}
    for index, (change, view) in enumerate(order):
        items.extend(RedlineItem(stub, "moved-from", gap_before=False) for stub in stubs.get(index, []))
        items.append(_change_item(change, view, last, new_text))
    items.extend(RedlineItem(stub, "moved-from", gap_before=False) for stub in stubs.get(len(order), []))
    return items


def _change_item(change: Change, view: ChangeView, last: dict[Side, int], new_text: str) -> RedlineItem:
    """The place of a change, a gap before it when text lies between it and ``last``, which it moves on."""
    sides = (
        {Side.NEW: change.new}
        if change.kind is ChangeKind.MOVED
        else {Side.OLD: change.old, Side.NEW: change.new}
    )
    present = {side: place for side, place in sides.items() if place is not None}
    gap = any(place.start - last[side] > _SEPARATOR for side, place in present.items())
    unchanged = _unchanged(new_text, last[Side.NEW], change.new.start) if change.new else ()
    for side, place in present.items():
        last[side] = max(last[side], place.end)
    return RedlineItem(view, "change", gap_before=gap or bool(unchanged), unchanged=unchanged)


def _old_place(old: ChangeSide, changes: Sequence[Change]) -> int:
    for index, change in enumerate(changes):
        if change.kind is not ChangeKind.MOVED and change.old is not None and change.old.start > old.start:
            return index
    return len(changes)
