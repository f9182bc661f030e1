"""What every loader takes and returns, so that ``load`` can pick one from a dict."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from policydiff.limits import Limits


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """The name to put in error messages, the HTML refinements of a policy's config, the limits."""

    name: str
    select: str | None = None
    remove: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loader's text before normalisation, and a title the format itself declares (HTML ``<title>``)."""

    text: str
    title: str | None = None


Loader = Callable[[bytes, LoadOptions], Loaded]


# What a third-party parser (pdfminer, python-docx, zipfile, lxml) raises on a damaged file, as
# found by fuzzing: each means "this file cannot be read" (exit 2). Anything else is ours: exit 4.
DAMAGED_FILE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    OverflowError,
    NotImplementedError,
    EOFError,
    SyntaxError,
    UnicodeError,
    struct.error,
    zlib.error,
    zipfile.BadZipFile,
)


def failure(error: BaseException, *, kind: bool = True) -> str:
    """An exception a parser raised on a damaged file, as one line of at most 200 characters.

    ``kind`` names the exception first ("struct.error: unpack requires …"): for a parser's internal
    error its message alone rarely says anything to a reader.
    """
    message = " ".join(str(error).split())
    if kind:
        cls = type(error)
        name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
        message = f"{name}: {message}" if message else name
    message = message or type(error).__name__
    return message if len(message) <= 200 else message[:199] + "…"


def cell_lines(lines: Iterable[str]) -> str:
    """A table cell's lines (stripped; an empty one where two breaks stand in a row) on one line, as
    Markdown tables write them: ``<br>`` between lines, ``<br><br>`` across an empty line, which a
    browser shows as a paragraph's gap."""
    out, gap = "", False
    for line in lines:
        if not line:
            gap = bool(out)
        elif out:
            out, gap = out + ("<br><br>" if gap else "<br>") + line, False
        else:
            out = line
    return out
