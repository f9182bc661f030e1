"""Dates as a policy writes them: the one table of month names, for reading and for writing.

``long_date`` writes "April 20, 2026" whatever the process locale (notices, history, redlines);
``MONTH_NUMBERS`` reads the month names policies use in their "Last updated" lines.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "MONTH_NUMBERS", "long_date"]

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)

# English names and abbreviations, and the French names policies of EU services carry
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip


def long_date(day: dt.date) -> str:
    """``April 20, 2026``, whatever the process locale."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
