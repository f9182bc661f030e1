"""What settled a recorded version's material change: its notices drafted, or a person's acknowledgement.

A version whose change is major (or waits for a lawyer, ``review``) stays *pending* until one of
these is recorded, or until the lawyers' reviews bring it below ``review``. The entries live in
``<archive>/<policy>/settled.json`` (schema ``policydiff.settled/1``), appended under the policy's
lock and written atomically, so a killed run leaves the file as it was: the version stays pending
and the next ``check`` finishes its notices.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from policydiff.archive import PolicyArchive
from policydiff.errors import InputError
from policydiff.files import write_text_atomic

__all__ = ["SETTLED_SCHEMA", "Settlement", "add_settlement", "append_settlement", "read_settlements"]

SETTLED_SCHEMA = "policydiff.settled/1"
SETTLED_FILE = "settled.json"
HOWS = ("notice", "ack")


@dataclass(frozen=True, slots=True)
class Settlement:
    """One version settled: ``notice`` (drafts written to ``folder``) or ``ack`` (a person said why)."""

    version: str  # the version's label
    sha256: str  # its text's hash: a label reused for other text is not settled by this entry
    how: str  # "notice" or "ack"
    at: str  # when, ISO 8601 (the caller's clock)
    by: str | None = None
    because: str | None = None
    folder: str | None = None  # the notice folder, relative to the policy's folder


def read_settlements(archive: PolicyArchive) -> tuple[Settlement, ...]:
    """The policy's settlements, oldest first; none when the file does not exist."""
    path = archive.folder / SETTLED_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("schema") != SETTLED_SCHEMA:
        raise InputError(f'{path}: not a policydiff settlements file (no "schema": "{SETTLED_SCHEMA}")')
    entries = data.get("settled")
    if not isinstance(entries, list):
        raise InputError(f"{path}: settled: must be a list")
    return tuple(_entry(entry, f"{path}: settled[{index}]") for index, entry in enumerate(entries))


def add_settlement(archive: PolicyArchive, settlement: Settlement) -> None:
    """Append ``settlement`` under the policy's lock."""
    with archive.locked():
        append_settlement(archive, settlement)


def append_settlement(archive: PolicyArchive, settlement: Settlement) -> None:
    """Append ``settlement``; the caller holds the policy's lock."""
    if not archive.holds_lock:
        raise RuntimeError("append_settlement needs the lock: use `with archive.locked():`")
    _write(archive, (*read_settlements(archive), settlement))


def _write(archive: PolicyArchive, entries: Sequence[Settlement]) -> None:
    document = {
        "schema": SETTLED_SCHEMA,
        "policy": archive.policy,
        "settled": [{k: v for k, v in asdict(e).items() if v is not None} for e in entries],
    }
    write_text_atomic(
        archive.folder / SETTLED_FILE, json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    )


def _entry(entry: Any, where: str) -> Settlement:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be an object")
    values: dict[str, str | None] = {}
    for key in ("version", "sha256", "how", "at"):
        value = entry.get(key)
        if not isinstance(value, str) or not value:
            raise InputError(f"{where}.{key}: must be a non-empty string")
        values[key] = value
    if values["how"] not in HOWS:
        raise InputError(f"{where}.how: must be one of {', '.join(HOWS)} (got {values['how']!r})")
    for key in ("by", "because", "folder"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}.{key}: must be a string")
        values[key] = value
    return Settlement(**values)  # type: ignore[arg-type]
