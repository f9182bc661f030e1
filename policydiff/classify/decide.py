"""The one place a pair's severity and its notice decision are made, from its judged changes.

``compare`` calls it on the engine's verdicts; the lawyers' reviews call it again on the
reviewed changes, so both paths keep the same rules and the clause that promised the period.
"""

from __future__ import annotations

from collections.abc import Sequence

from policydiff.model import Change, NoticeDecision, Severity

__all__ = ["decide", "notice_reason"]


def decide(
    changes: Sequence[Change],
    *,
    period_days: int,
    promise: tuple[int, str] | None,
    texts_differ: bool,
) -> tuple[Severity, NoticeDecision]:
    """The pair's severity (the highest of its changes) and whether advance notice is required.

    ``promise`` is the old version's own notice period and the path of the clause promising it:
    it lengthens ``period_days`` and stays on the decision. ``texts_differ`` makes a pair with no
    change (white space between blocks only) editorial rather than none.
    """
    severity = max((c.severity for c in changes), key=lambda s: s.rank, default=Severity.NONE)
    if severity is Severity.NONE and texts_differ:
        severity = Severity.EDITORIAL
    majors = [c for c in changes if c.severity is Severity.MAJOR]
    promised = promise[0] if promise else None
    notice = NoticeDecision(
        required=bool(majors),
        period_days=max(period_days, promised or 0),
        promised_days=promised,
        reasons=tuple(notice_reason(c) for c in majors),
        promised_path=promise[1] if promise else None,
        pending_review=sum(1 for c in changes if c.severity is Severity.REVIEW),
    )
    return severity, notice


def notice_reason(change: Change) -> str:
    """Why ``change`` needs notice, in one line: its path and its first reason."""
    side = change.new or change.old
    where = side.path if side else "?"
    says = change.reasons[0].says if change.reasons else "material change"
    return f"{where}: {says}"
