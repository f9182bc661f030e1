"""The terminal report (rich): a summary, the notice decision, then each change with its redline.

Policy text only ever enters rich as ``Text`` objects built with ``append`` — never as markup —
and severity is always written as a word, colour only repeating it. Without colour,
deletions read ``[-…-]`` and insertions ``{+…+}`` (wdiff style); with colour they keep the
markers and are also red struck through and green underlined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydiff.model import Change, DocumentSummary, Op, Reason, Report, Severity
from policydiff.render.common import (
    change_edits,
    clean,
    console_text,
    editorial,
    elide,
    format_counts,
    heading_label,
    material,
    notice_period,
    path_label,
    pending_text,
    review_hint,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

CONTEXT_WORDS = 8
UNCHANGED_WORDS = 24
EDITORIAL_RUNS = 6
INDENT = 4

SEVERITY_STYLE = {
    Severity.MAJOR: "bold red",
    Severity.REVIEW: "bold bright_magenta",  # its own hue: neither the alarm of major nor minor's calm
    Severity.MINOR: "yellow",
    Severity.EDITORIAL: "dim",
    Severity.NONE: "green",
}
DELETE_STYLE = "red strike"
INSERT_STYLE = "green underline"
TRIGGER_STYLE = "bold magenta"


def render_terminal(report: Report, *, color: bool = False, width: int = 100) -> str:
    """The report as terminal text ``width`` columns wide; ANSI styles only when ``color``."""
    return console_text(report_renderables(report), color=color, width=width)


def report_renderables(report: Report) -> list[RenderableType]:
    """What the terminal report prints, in order: header, summary, notice, changes."""
    from rich.text import Text

    items: list[RenderableType] = [*_header(report), *_summary(report), *_notice(report)]
    changes = material(report)
    if changes:
        for change in changes:
            items.append(Text())
            items.extend(change_renderables(change))
    elif report.changes:
        items += [Text(), Text("No changes of substance.")]
    minor = editorial(report)
    if minor:
        items += [Text(), Text(f"Editorial changes ({len(minor)})", style="bold")]
        items.extend(_indented(editorial_line(change), 2) for change in minor)
    return items


def _header(report: Report) -> list[RenderableType]:
    from rich.text import Text

    title = Text.assemble(("policydiff  ", "bold"))
    title.append(clean(report.old.source))
    title.append(" → ")
    title.append(clean(report.new.source))
    return [
        title,
        _indented(_document_line("old", report.old), 2),
        _indented(_document_line("new", report.new), 2),
    ]


def _document_line(side: str, summary: DocumentSummary) -> Text:
    from rich.text import Text

    parts = [part for part in (summary.title, summary.version, summary.date) if part]
    parts += [f"{summary.clauses} clauses", f"sha256 {summary.sha256[:12]}"]
    line = Text.assemble((f"{side}: ", "bold"))
    line.append(clean(" · ".join(parts)))
    return line


def _summary(report: Report) -> list[RenderableType]:
    from rich.text import Text

    line = Text.assemble(("Severity: ", "bold"))
    line.append(severity_text(report.severity))
    if report.changes:
        line.append(f" — {len(report.changes)} changes: ")
        line.append(format_counts(report.stats.by_severity))
    else:
        line.append(" — no changes")
    stats = report.stats
    lines: list[RenderableType] = [line]
    if report.stats.by_category:
        categories = Text.assemble(("Categories: ", "bold"))
        categories.append(format_counts(stats.by_category))
        lines.append(categories)
    words = Text.assemble(("Clauses: ", "bold"))
    words.append(
        f"{stats.old_clauses} old, {stats.new_clauses} new, {stats.unchanged} unchanged; "
        f"words: {stats.words_inserted} inserted, {stats.words_deleted} deleted"
    )
    lines.append(words)
    return lines


def _notice(report: Report) -> list[RenderableType]:
    from rich.text import Text

    notice = report.notice
    line = Text.assemble(("Notice: ", "bold"))
    waiting = pending_text(report)
    if notice.required:
        line.append("REQUIRED", style="bold red")
        line.append(f" — {notice_period(report)}")
    elif waiting:
        line.append("UNDECIDED", style=SEVERITY_STYLE[Severity.REVIEW])
        line.append(f" — {waiting}")
    else:
        line.append("not required")
    items: list[RenderableType] = [line]
    items.extend(_indented(Text("• " + clean(reason)), 2) for reason in notice.reasons)
    if notice.required and waiting:
        items.append(_indented(Text("• " + waiting), 2))
    return items


def severity_text(severity: Severity) -> Text:
    """The severity as an upper-case word in its colour (the word is always there)."""
    from rich.text import Text

    return Text.assemble((severity.value.upper(), SEVERITY_STYLE[severity]))


def change_renderables(change: Change) -> list[RenderableType]:
    """One change of substance: title, classification, redline, reasons and consent hint."""
    from rich.text import Text

    title = _change_title(change)
    classification = severity_text(change.severity)
    categories = ", ".join(category.value for category in change.categories) or "no category"
    classification.append(f" · {categories} · {change.direction.value}")
    items: list[RenderableType] = [
        title,
        _indented(classification, INDENT),
        _indented(redline(change), INDENT),
    ]
    items.extend(_indented(reason_text(reason), INDENT) for reason in change.reasons)
    if change.severity is Severity.REVIEW:
        items.append(_indented(Text(review_hint(change), style=SEVERITY_STYLE[Severity.REVIEW]), INDENT))
    if change.consent.may_be_required:
        consent = Text.assemble(("consent may be required", "bold red"))
        hints = "; ".join(clean(reason) for reason in change.consent.reasons)
        consent.append(f": {hints}" if hints else "")
        items.append(_indented(consent, INDENT))
    return items


def _change_title(change: Change) -> Text:
    """``C3  modified  4.b2  Sharing``: the id, the kind, the path and the heading of a change."""
    from rich.text import Text

    title = Text.assemble((change.id, "bold"))
    title.append(f"  {change.kind.value}  ")
    title.append(clean(path_label(change)), style="cyan")
    heading = heading_label(change)
    if heading:
        title.append("  " + clean(heading))
    return title


def redline(change: Change) -> Text:
    """The inline word diff, long unchanged runs cut to ~8 words of context around each edit."""
    from rich.text import Text

    runs = change_edits(change)
    text = Text()
    for index, (op, run) in enumerate(runs):
        if op is Op.EQUAL:
            text.append(_context(run, first=index == 0, last=index == len(runs) - 1))
        else:
            text.append(_edit(op, run))
    text.rstrip()
    return text


def _context(run: str, *, first: bool, last: bool) -> str:
    if first and last:
        return elide(run, keep_start=UNCHANGED_WORDS, keep_end=0).lstrip()
    if first:
        return elide(run, keep_start=0, keep_end=CONTEXT_WORDS).lstrip()
    if last:
        return elide(run, keep_start=CONTEXT_WORDS, keep_end=0)
    return elide(run, keep_start=CONTEXT_WORDS, keep_end=CONTEXT_WORDS)


def _edit(op: Op, run: str) -> Text:
    """A deleted run as ``[-…-]``, an inserted one as ``{+…+}``, each in its style."""
    if op is Op.DELETE:
        return _marked(run, "[-", "-]", DELETE_STYLE)
    return _marked(run, "{+", "+}", INSERT_STYLE)


def _marked(run: str, opening: str, closing: str, style: str) -> Text:
    from rich.text import Text

    core = run.strip()
    text = Text(" " if run.startswith(" ") else "")
    text.append(opening + core + closing, style=style)
    text.append(" " if run.endswith(" ") else "")
    return text


def reason_text(reason: Reason) -> Text:
    """``why: rule — says — trigger «words» (side)`` with the trigger words highlighted."""
    from rich.text import Text

    text = Text.assemble(("why: ", "dim"))
    text.append(clean(reason.rule), style="bold")
    text.append(f" — {clean(reason.says)} — trigger «")
    text.append(clean(reason.trigger), style=TRIGGER_STYLE)
    text.append(f"» ({reason.side.value})")
    return text


def editorial_line(change: Change) -> Text:
    """One editorial change on one line: id, kind, path, heading and the words that changed."""
    line = _change_title(change)
    runs = [(op, run) for op, run in change_edits(change) if op is not Op.EQUAL]
    line.append(" — ", style="dim")
    if not runs:
        line.append("wording unchanged", style="dim")
    for index, (op, run) in enumerate(runs[:EDITORIAL_RUNS]):
        if index:
            line.append(" ")
        line.append(_edit(op, run.strip()))
    if len(runs) > EDITORIAL_RUNS:
        line.append(" …")
    return line


def _indented(text: Text, columns: int) -> RenderableType:
    from rich.padding import Padding

    return Padding(text, (0, 0, 0, columns), expand=False)
