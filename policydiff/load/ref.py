"""The one way to a ``Document`` from what a user names: a path, ``-``, an http(s) URL,
``POLICY@REF`` (an archived version) or the bytes of a fetched page.

An existing file always wins over a reference of the same spelling. The archive root is asked
for only when a reference is read, so commands that need no config work without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from policydiff.archive import PolicyArchive, parse_reference, reference_version
from policydiff.errors import InputError, NetworkError
from policydiff.limits import LimitError, Limits
from policydiff.load import load, load_bytes
from policydiff.model import Document, Version

if TYPE_CHECKING:
    import httpx

    from policydiff.fetch import Page

__all__ = ["from_archive", "from_page", "is_reference", "is_url", "open_source"]

_URL_SCHEMES = ("http://", "https://")


def is_url(source: str) -> bool:
    """True for an ``http(s)://`` address."""
    return source.lower().startswith(_URL_SCHEMES)


def is_reference(source: str) -> bool:
    """True when ``source`` reads ``POLICY@REF`` and no file of that name exists."""
    return parse_reference(source) is not None and not Path(source).exists()


def open_source(
    source: str,
    *,
    archive_root: Callable[[], Path] | None = None,
    stdin: BinaryIO | None = None,
    select: str | None = None,
    remove: tuple[str, ...] = (),
    client: httpx.Client | None = None,
    shown: Callable[[Path], str] = str,
    limits: Limits = Limits(),
) -> Document:
    """The document ``source`` names; ``InputError`` (or ``NetworkError`` for a URL) when it cannot be had.

    ``shown`` names an archived version's file as a user reads it (the report shows that name).
    """
    if is_url(source):
        return _from_url(source, client, select, remove, limits)
    if archive_root is not None and is_reference(source):
        found = reference_version(source, archive_root())
        if found is not None:
            path, version = found
            return load(shown(path), kind=version.format, limits=limits)
    return load(source, stdin=stdin, select=select, remove=remove, limits=limits)


def from_archive(archive: PolicyArchive, version: Version, limits: Limits = Limits()) -> Document:
    """An archived version, read as the kind it was recorded from and named ``POLICY@LABEL``."""
    # the reference names the old side in stored redlines; an absolute path would differ per machine
    document = load(str(archive.path_of(version)), kind=version.format, limits=limits)
    return replace(document, source=f"{archive.policy}@{version.label}")


def from_page(
    page: Page, select: str | None = None, remove: tuple[str, ...] = (), limits: Limits = Limits()
) -> Document:
    """A fetched page read by the loader of its kind; an unreadable page is a bad fetch (exit 3).

    A page over a limit is refused as the user's to raise (exit 2): the limit's name says how.
    """
    try:
        return load_bytes(
            page.body, page.url, select=select, remove=remove, suffix=f".{page.extension}", limits=limits
        )
    except LimitError:
        raise
    except InputError as error:
        raise NetworkError(error.message) from None


def _from_url(
    url: str, client: httpx.Client | None, select: str | None, remove: tuple[str, ...], limits: Limits
) -> Document:
    from policydiff import __version__
    from policydiff.fetch import fetch_page, new_client, user_agent

    if client is not None:
        return from_page(fetch_page(client, url), select, remove, limits)
    with new_client(user_agent(__version__), connections=1) as own:
        return from_page(fetch_page(own, url), select, remove, limits)
