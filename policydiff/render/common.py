"""Helpers every renderer shares: safe policy text, rich output as text, a change's edits, labels, counts.

Policy text is untrusted: ``clean`` removes control characters (an ESC in a policy must not
reach a terminal) and folds white space, so one clause renders on one logical line.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policydiff.lazy_re import lazy
from policydiff.model import Change, ChangeKind, ChangeSide, Op, Report, Severity

if TYPE_CHECKING:
    from rich.console import RenderableType

_CONTROL = lazy(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SPACE = lazy(r"\s+")
_WORD = lazy(r"\S+\s*")

# the severities a change can have, highest first (SPEC): review sits below major, above minor
SEVERITY_ORDER = (Severity.MAJOR, Severity.REVIEW, Severity.MINOR, Severity.EDITORIAL)

# one symbol per severity, so a severity reads the same on every page, with or without colour; the
# four shapes come from one Unicode block, so a font that draws one draws them all
SEVERITY_SYMBOL = {
    Severity.MAJOR: "▲",
    Severity.REVIEW: "■",
    Severity.MINOR: "◆",
    Severity.EDITORIAL: "●",
    Severity.NONE: "○",
}

# what a reader must do with a change no rule could read, said the same way in every format
REVIEW_CHOICES = "--as editorial|minor|major"


def clean(text: str) -> str:
    """Policy text made safe for one line: no control characters, runs of white space as one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", text))


def console_text(renderables: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """What rich prints for ``renderables``, ``width`` columns wide, ANSI styles only with ``color``.

    Markup, highlighting and emoji codes stay off: policy text is printed as it is. Lines end
    without trailing spaces.
    """
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def change_edits(change: Change) -> list[tuple[Op, str]]:
    """The word diff of ``change`` as cleaned ``(op, text)`` runs, adjacent runs of one op merged.

    An added or removed clause without edits is shown whole as an insertion or deletion; edits
    that only touch white space are shown as a plain space, never as an empty marker.
    """
    edits = [(edit.op, edit.text) for edit in change.edits]
    if not edits:
        edits = _whole_text(change)
    runs: list[tuple[Op, str]] = []
    for op, raw in edits:
        text = clean(raw)
        if op is not Op.EQUAL and not text.strip():
            if op is Op.DELETE:
                continue
            op, text = Op.EQUAL, " " if text else ""
        if not text:
            continue
        if runs and runs[-1][0] is op:
            runs[-1] = (op, _SPACE.sub(" ", runs[-1][1] + text))
            continue
        if runs and runs[-1][1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            runs.append((op, text))
    return runs


def _whole_text(change: Change) -> list[tuple[Op, str]]:
    if change.kind is ChangeKind.ADDED and change.new is not None:
        return [(Op.INSERT, change.new.text)]
    if change.kind is ChangeKind.REMOVED and change.old is not None:
        return [(Op.DELETE, change.old.text)]
    side = change.new or change.old
    return [(Op.EQUAL, side.text)] if side is not None else []


def elide(text: str, *, keep_start: int, keep_end: int, slack: int = 4) -> str:
    """Keep the first ``keep_start`` and last ``keep_end`` words of ``text``, "…" between them.

    A text at most ``slack`` words longer than what would be kept is returned whole.
    """
    words = _WORD.findall(text)
    leading = text[: len(text) - len(text.lstrip())]
    if len(words) <= keep_start + keep_end + slack:
        return text
    head = "".join(words[:keep_start])
    tail = "".join(words[len(words) - keep_end :]) if keep_end else ""
    if not keep_start:
        return leading + "… " + tail
    if not keep_end:
        return leading + head.rstrip() + " …" + (" " if text.endswith(" ") else "")
    return leading + head + "… " + tail


def path_label(change: Change) -> str:
    """``old → new`` when the path changed, else the one path."""
    old = change.old.path if change.old is not None else None
    new = change.new.path if change.new is not None else None
    if old is not None and new is not None and old != new:
        return f"{old} → {new}"
    return new or old or ""


def heading_label(change: Change) -> str | None:
    """The heading trail of the new side, else of the old side."""
    for side in (change.new, change.old):
        if side is not None and side.heading:
            return side.heading
    return None


def where(change: Change) -> str:
    """``path (last heading)`` of the new side, else of the old: where a one-line summary points."""
    side = change.new or change.old
    if side is None:
        return "?"
    heading = side.heading.split(" › ")[-1] if side.heading else None
    return f"{side.path} ({heading})" if heading else side.path


def side_label(side: ChangeSide | None) -> str:
    """``path — heading`` of one side, or "—" when the side does not exist."""
    if side is None:
        return "—"
    return f"{side.path} — {side.heading}" if side.heading else side.path


def material(report: Report) -> list[Change]:
    """The changes of substance (major, review and minor), in report order."""
    return [change for change in report.changes if change.severity is not Severity.EDITORIAL]


def editorial(report: Report) -> list[Change]:
    """The editorial changes, in report order."""
    return [change for change in report.changes if change.severity is Severity.EDITORIAL]


def format_counts(counts: Iterable[tuple[str, int]], *, separator: str = ", ") -> str:
    """``name count`` pairs joined, or "none" when there are none."""
    parts = [f"{name} {count}" for name, count in counts]
    return separator.join(parts) if parts else "none"


def review_command(change: Change, policy: str = "POLICY") -> str:
    """The command that records a lawyer's decision on ``change``."""
    return f"policydiff review {policy} {change.id} {REVIEW_CHOICES}"


def review_hint(change: Change, policy: str = "POLICY") -> str:
    """What a review change asks of its reader: a lawyer's decision, and the command that records it."""
    return f"a lawyer must decide: {review_command(change, policy)}"


def pending_text(report: Report) -> str:
    """What the pending review changes hold open, in words; "" when none is pending.

    Without a major change the notice decision itself waits for them: "not required" would be a
    conclusion nobody has drawn yet.
    """
    count = report.notice.pending_review
    if not count:
        return ""
    changes = "1 change needs" if count == 1 else f"{count} changes need"
    if report.notice.required:
        return f"{changes} a lawyer's decision (policydiff review): the notice may have to tell of more"
    return f"{changes} a lawyer's decision (policydiff review) before anyone can say no notice is needed"


def notice_period(report: Report) -> str:
    """The advance-notice period in words, with the period the old version promises."""
    notice = report.notice
    text = f"at least {notice.period_days} days before the new version takes effect"
    if notice.promised_days is not None:
        text += f" (the old version promises {notice.promised_days} days)"
    return text
