"""What every loader takes and returns, so that ``load`` can pick one from a dict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """The name to put in error messages and the HTML refinements of a policy's config."""

    name: str
    select: str | None = None
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loader's text before normalisation, and a title the format itself declares (HTML ``<title>``)."""

    text: str
    title: str | None = None


Loader = Callable[[bytes, LoadOptions], Loaded]
