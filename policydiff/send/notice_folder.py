"""Read a notice folder: ``notice.json`` (sender, subjects) and ``email[.LOCALE].{txt,html}``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from policydiff.errors import InputError
from policydiff.send.syntax import CONTROL, EMAIL, LOCALE, locale_key, sha256_hex

NOTICE_SCHEMA = "policydiff.notice/1"


@dataclass(frozen=True, slots=True)
class Variant:
    """The email of one locale ("" for the default files)."""

    locale: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice folder as it will be sent; ``digest`` covers everything a recipient receives."""

    folder: Path
    sender: str
    sender_name: str
    variants: tuple[Variant, ...]
    digest: str

    def variant(self, locale: str) -> Variant:
        """The exact locale's email, else its language's ("fr" for "fr-CA"), else the default."""
        by_key = {locale_key(v.locale): v for v in self.variants}
        key = locale_key(locale)
        return by_key.get(key) or by_key.get(key.split("-")[0]) or by_key[""]


def read_notice(folder: Path, *, default_sender: str = "", default_subject: str = "") -> Notice:
    """Read ``notice.json`` and ``email[.LOCALE].{txt,html}``; the config fills a missing from/subject."""
    email_meta = _email_table(folder)
    sender_name, sender = _sender(folder, _text_field(folder, email_meta, "from") or default_sender)
    subject = _text_field(folder, email_meta, "subject") or default_subject
    if not subject:
        raise InputError(
            f"{folder / 'notice.json'}: email.subject missing (and no [email] subject in config)"
        )
    subjects = _subjects(folder, email_meta)
    _one_line(folder, subject)
    variants = [Variant("", subject, _body(folder / "email.txt"), _body(folder / "email.html"))]
    variants += [_variant(folder, locale, subjects.get(locale) or subject) for locale in _locales(folder)]
    digest = sha256_hex(json.dumps([sender_name, sender, [list(_fields(v)) for v in variants]]))
    return Notice(folder, sender, sender_name, tuple(variants), digest)


def _email_table(folder: Path) -> dict[str, object]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a notice folder (no such directory)")
    missing = [name for name in ("notice.json", "email.html", "email.txt") if not (folder / name).is_file()]
    if missing:
        raise InputError(f"{folder}: not a notice folder: missing {', '.join(missing)}")
    email_meta = _notice_json(folder / "notice.json").get("email", {})
    if not isinstance(email_meta, dict):
        raise InputError(f"{folder / 'notice.json'}: email: must be an object")
    return email_meta


def _notice_json(path: Path) -> dict[str, object]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not readable JSON: {error}") from None
    if not isinstance(meta, dict):
        raise InputError(f"{path}: must be a JSON object")
    if meta.get("schema", NOTICE_SCHEMA) != NOTICE_SCHEMA:
        raise InputError(f"{path}: schema {meta.get('schema')!r} is not {NOTICE_SCHEMA!r}")
    return meta


def _text_field(folder: Path, table: Mapping[str, object], key: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{folder / 'notice.json'}: email.{key}: must be a string")
    return value.strip()


def _subjects(folder: Path, table: Mapping[str, object]) -> dict[str, str]:
    subjects = table.get("subjects", {})
    if not isinstance(subjects, dict) or not all(isinstance(s, str) for s in subjects.values()):
        raise InputError(f"{folder / 'notice.json'}: email.subjects: must map locales to subjects")
    return subjects


def _sender(folder: Path, value: str) -> tuple[str, str]:
    if not value:
        raise InputError(f"{folder / 'notice.json'}: email.from missing (and no [email] from in the config)")
    name, address = parseaddr(value)
    if not EMAIL.match(address):  # SendGrid accepts no Unicode in the from address
        raise InputError(f"{folder / 'notice.json'}: email.from: {value!r} is not an ASCII e-mail address")
    return name, address


def _one_line(folder: Path, subject: str) -> str:
    if CONTROL.search(subject):
        raise InputError(f"{folder / 'notice.json'}: email subject holds a line break or control character")
    return subject


def _variant(folder: Path, locale: str, subject: str) -> Variant:
    return Variant(
        locale,
        _one_line(folder, subject),
        _body(folder / f"email.{locale}.txt"),
        _body(folder / f"email.{locale}.html"),
    )


def _body(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: missing (each email.LOCALE.html needs its .txt and back)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read as UTF-8: {error}") from None
    if not text.strip():
        raise InputError(f"{path}: empty")
    return text


def _locales(folder: Path) -> list[str]:
    files = [p for p in folder.glob("email.*.*") if p.suffix in (".html", ".txt")]
    found = {p.name[len("email.") : -len(p.suffix)] for p in files}
    for locale in found:
        if not LOCALE.match(locale):
            raise InputError(f"{folder}: email.{locale}.*: {locale!r} is not a locale like 'fr' or 'pt-BR'")
    return sorted(found)


def _fields(variant: Variant) -> tuple[str, str, str, str]:
    return (locale_key(variant.locale), variant.subject, variant.text, variant.html)
