"""The resource limits a user can see and set: ``[limits]`` in the config, ``--limit KEY=N`` on a command.

Each limit bounds what one input may cost (its size, what it unpacks to, its pages or elements,
the time it may take), so that a hostile or broken file is refused with one line naming the limit
and how to raise it, instead of hanging a scheduled job or exhausting its memory. The defaults
hold every real policy with a wide margin and keep a run under 1 GiB of memory
(``benchmarks/limits.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from policydiff.errors import InputError

__all__ = ["LIMIT_KEYS", "LimitError", "LimitKey", "Limits", "checked", "over", "problem", "with_flags"]


@dataclass(frozen=True, slots=True)
class LimitKey:
    """One limit as the config reference and ``--help`` describe it."""

    key: str
    low: int
    high: int
    unit: str
    meaning: str


LIMIT_KEYS: tuple[LimitKey, ...] = (
    LimitKey("input_mb", 1, 1024, "MB", "the size of one input file, page or standard input"),
    LimitKey(
        "unpacked_mb", 1, 4096, "MB", "what a Word package's parts or a PDF's compressed streams unpack to"
    ),
    LimitKey("docx_ratio", 10, 100_000, "to 1", "how much a Word package's part may be compressed"),
    LimitKey("pdf_pages", 1, 1_000_000, "pages", "the pages of a PDF"),
    LimitKey("html_elements", 1000, 100_000_000, "elements", "the elements of an HTML page"),
    LimitKey("seconds", 1, 86_400, "seconds", "the time a run may take for each document it reads"),
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force; the defaults are every real policy's size many times over."""

    input_mb: int = 10
    unpacked_mb: int = 25
    docx_ratio: int = 200
    pdf_pages: int = 1000
    html_elements: int = 200_000
    seconds: int = 120

    @property
    def input_bytes(self) -> int:
        return self.input_mb * 1_000_000

    @property
    def unpacked_bytes(self) -> int:
        return self.unpacked_mb * 1_000_000


class LimitError(InputError):
    """An input over one of the limits (exit 2): the message names the limit and how to raise it."""


def over(name: str, what: str, key: str, limits: Limits) -> LimitError:
    """The error for ``name`` whose ``what`` breaks limit ``key``, saying how to raise it."""
    spec = _spec(key)
    value = getattr(limits, key)
    return LimitError(
        f"{name}: {what}, over the {key} limit ({value:,} {spec.unit}); raise it with"
        f" --limit {key}=N or [limits] {key} = N in policydiff.toml"
    )


def with_flags(limits: Limits, flags: Iterable[str]) -> Limits:
    """``limits`` with each ``--limit KEY=N`` flag applied; ``InputError`` for a bad flag."""
    changes: dict[str, int] = {}
    for flag in flags:
        key, sep, text = flag.partition("=")
        key = key.strip()
        if not sep or not text.strip():
            raise InputError(f"--limit: give KEY=N (got {flag!r}; keys: {_known()})")
        changes[key] = checked(key, _number(text.strip()), where="--limit")
    return replace(limits, **changes)


def checked(key: str, value: object, *, where: str) -> int:
    """``value`` as limit ``key``; ``InputError`` naming ``where`` when the key or value is wrong."""
    if key not in _KEYS:
        raise InputError(f"{where}: no limit {key!r} (keys: {_known()})")
    wrong = problem(key, value)
    if wrong is not None or not isinstance(value, int):
        raise InputError(f"{where}: {key} {wrong}")
    return value


def problem(key: str, value: object) -> str | None:
    """What is wrong with ``value`` for the known limit ``key``, or None."""
    spec = _spec(key)
    if not isinstance(value, int) or isinstance(value, bool) or not spec.low <= value <= spec.high:
        return f"must be a whole number from {spec.low:,} to {spec.high:,} {spec.unit} (got {value!r})"
    return None


def _number(text: str) -> int | str:
    try:
        return int(text.replace("_", ""))
    except ValueError:
        return text


def _spec(key: str) -> LimitKey:
    return next(spec for spec in LIMIT_KEYS if spec.key == key)


def _known() -> str:
    return ", ".join(spec.key for spec in LIMIT_KEYS)


_KEYS = frozenset(field.name for field in fields(Limits))
