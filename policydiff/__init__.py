"""policydiff: clause-level comparison of privacy-policy versions and the notices material changes need.

The public API is small on purpose: load two sources, compare them, get a ``Report``.

    >>> from policydiff import load, compare
    >>> report = compare(load("old.md"), load("new.html"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Report", "Settings", "__version__", "compare", "load", "segment"]

if TYPE_CHECKING:
    from policydiff.compare import compare
    from policydiff.config import Settings
    from policydiff.load import load
    from policydiff.model import Report
    from policydiff.segment import segment


def __getattr__(name: str) -> Any:
    # Lazy so that `policydiff --help` does not pay for bs4, lxml or the diff backend.
    if name == "compare":
        from policydiff.compare import compare

        return compare
    if name == "load":
        from policydiff.load import load

        return load
    if name == "segment":
        from policydiff.segment import segment

        return segment
    if name == "Report":
        from policydiff.model import Report

        return Report
    if name == "Settings":
        from policydiff.config import Settings

        return Settings
    raise AttributeError(f"module 'policydiff' has no attribute {name!r}")
