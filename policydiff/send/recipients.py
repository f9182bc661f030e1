"""Read a recipients CSV: an ``email`` column, optional ``name`` and ``locale``; duplicates dropped."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.errors import InputError
from policydiff.send.syntax import CONTROL, EMAIL, LOCALE, sha256_hex

if TYPE_CHECKING:
    from _csv import Reader


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    name: str
    locale: str
    line: int

    @property
    def hash(self) -> str:
        return sha256_hex(self.email.lower())


@dataclass(frozen=True, slots=True)
class Recipients:
    people: tuple[Recipient, ...]
    duplicates: int  # rows dropped because their address (ignoring case) came earlier


def read_recipients(path: Path) -> Recipients:
    """Read a CSV with an ``email`` column and optional ``name``/``locale``; reports every bad row at once."""
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if "email" not in header:
            raise InputError(f"{path}: line 1: no 'email' column in the header (found: {', '.join(header)})")
        people, problems = _rows(reader, header)
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: not valid CSV: {error}") from None
    if problems:
        shown = "; ".join(problems[:8]) + (f"; and {len(problems) - 8} more" if len(problems) > 8 else "")
        raise InputError(f"{path}: {len(problems)} malformed row(s), nothing sent: {shown}")
    unique: dict[str, Recipient] = {}
    for person in people:
        unique.setdefault(person.email.lower(), person)
    if not unique:
        raise InputError(f"{path}: no recipients")
    return Recipients(tuple(unique.values()), len(people) - len(unique))


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line}: not UTF-8 text") from None


def _rows(reader: Reader, header: list[str]) -> tuple[list[Recipient], list[str]]:
    people: list[Recipient] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):  # most often a name with an unquoted comma
            problems.append(f"line {line}: {len(row)} fields, the header has {len(header)}")
            continue
        row += [""] * (len(header) - len(row))  # trailing optional columns left out
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        problem = _problem(cells)
        if problem:
            problems.append(f"line {line}: {problem}")
        else:
            people.append(Recipient(cells["email"], cells.get("name", ""), cells.get("locale", ""), line))
    return people, problems


def _problem(cells: dict[str, str]) -> str:
    """What is wrong with one row's cells ("" when nothing is)."""
    email, name, locale = cells["email"], cells.get("name", ""), cells.get("locale", "")
    if not EMAIL.match(email) or len(email) > 254:
        return f"{email!r} is not an ASCII e-mail address"
    if CONTROL.search(name) or "," in name or ";" in name:
        return f"name {name!r} holds ',', ';' or a control character"
    if locale and not LOCALE.match(locale):
        return f"locale {locale!r} is not like 'fr' or 'pt-BR'"
    return ""
