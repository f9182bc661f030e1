"""Find, parse and validate ``policydiff.toml`` into frozen ``Settings``.

Every problem is an ``InputError`` naming the file, the key and what is wrong, e.g.
``policydiff.toml: notice.period_days: must be a whole number of days (got "thirty")``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from policydiff.errors import InputError
from policydiff.model import Category, Direction

CONFIG_NAME = "policydiff.toml"
DEFAULT_SUBJECT = "We're updating our Privacy Policy"
_POLICY_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UNSAFE_IN_URL = re.compile(r"[\s<>\"'`\\]")  # a notice link is printed in HTML, Markdown and text
_NOTICE_LINKS = ("consent", "object", "opt_out", "withdraw_consent", "export", "close_account")


@dataclass(frozen=True, slots=True)
class Organization:
    name: str = ""
    product: str = ""
    contact: str = ""
    website: str = ""


@dataclass(frozen=True, slots=True)
class NoticeLinks:
    """``[notice.links]``: where a user acts on a notice (https or mailto URLs); None when not offered."""

    consent: str | None = None  # the explicit opt-in a change that needs consent asks for
    object: str | None = None
    opt_out: str | None = None
    withdraw_consent: str | None = None
    export: str | None = None
    close_account: str | None = None


@dataclass(frozen=True, slots=True)
class NoticeSettings:
    period_days: int = 30
    major: frozenset[tuple[Category, Direction]] | None = None  # None: the SPEC's defaults
    templates: str | None = None
    policy_url: str | None = None  # the full new policy
    redline_url: str | None = None  # the comparison of the old and new versions
    history_url: str | None = None  # the earlier versions
    links: NoticeLinks = field(default_factory=NoticeLinks)


@dataclass(frozen=True, slots=True)
class EmailSettings:
    sender: str = ""
    subject: str = DEFAULT_SUBJECT
    api_host: str | None = None


@dataclass(frozen=True, slots=True)
class PolicySettings:
    id: str
    title: str = ""
    url: str | None = None
    source: str | None = None
    select: str | None = None
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """A project's settings; ``path`` is None when no config file was found."""

    path: Path | None = None
    organization: Organization = field(default_factory=Organization)
    notice: NoticeSettings = field(default_factory=NoticeSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    archive: Path = Path("policies")
    policies: tuple[PolicySettings, ...] = ()

    def policy(self, policy_id: str) -> PolicySettings:
        for policy in self.policies:
            if policy.id == policy_id:
                return policy
        if self.path is None:
            raise InputError(f"{CONFIG_NAME}: not found here or in a parent folder (run 'policydiff init')")
        known = ", ".join(p.id for p in self.policies) or "none"
        raise InputError(f"{self.path}: no policy '{policy_id}' (configured: {known})")


def find_config(start: Path) -> Path | None:
    """The nearest ``policydiff.toml`` in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: Path | None, *, search_from: Path | None = None) -> Settings:
    """Read the given config, or the one found walking up from ``search_from``; defaults if none."""
    if path is None and search_from is not None:
        path = find_config(search_from)
    if path is None:
        return Settings()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read config: {error}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None
    return parse_settings(data, path)


class _Reader:
    """Typed access to one table of the config, naming file and key in every error."""

    def __init__(self, path: Path, prefix: str, table: object, allowed: tuple[str, ...]) -> None:
        self.path, self.prefix = path, prefix
        if not isinstance(table, dict):
            raise InputError(f"{path}: {prefix}: must be a table")
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            raise InputError(f"{path}: {prefix}.{unknown[0]}: unknown key (allowed: {', '.join(allowed)})")
        self.table: Mapping[str, object] = table

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.path}: {self.prefix}.{key}: {problem}")

    def text(self, key: str, default: str = "") -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string (got {value!r})")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.table else None

    def url(self, key: str) -> str | None:
        value = self.optional_text(key)
        if value is not None:
            parsed = urlparse(value)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise self.fail(key, f"must be an http(s) URL (got {value!r})")
        return value

    def link(self, key: str, *, mailto: bool = False) -> str | None:
        """An absolute https URL (or, with ``mailto``, a mailto: address) that a notice may print."""
        value = self.optional_text(key)
        if value is None:
            return None
        safe = not _UNSAFE_IN_URL.search(value)
        if safe and mailto and value.startswith("mailto:") and _EMAIL.match(value.removeprefix("mailto:")):
            return value
        parsed = urlparse(value)
        if parsed.scheme != "https" or not parsed.netloc or not safe:
            allowed = "an absolute https URL" + (" or mailto: address" if mailto else "")
            raise self.fail(key, f"must be {allowed} (got {value!r})")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)


def _selector(reader: _Reader, key: str, value: str) -> None:
    from soupsieve import SelectorSyntaxError
    from soupsieve import compile as compile_selector

    try:
        compile_selector(value)
    except SelectorSyntaxError as error:
        raise reader.fail(key, f"bad CSS selector {value!r}: {str(error).splitlines()[0]}") from None


def _major(reader: _Reader) -> frozenset[tuple[Category, Direction]] | None:
    if "major" not in reader.table:
        return None
    pairs = set()
    for item in reader.strings("major"):
        category, _, direction = item.partition(":")
        try:
            pairs.add((Category(category), Direction(direction or "expands")))
        except ValueError:
            raise reader.fail(
                "major", f"{item!r} is not 'category:direction' (e.g. 'sharing:expands')"
            ) from None
    return frozenset(pairs)


def parse_settings(data: Mapping[str, object], path: Path) -> Settings:
    """Validate a parsed config."""
    top = _Reader(path, "config", data, ("organization", "notice", "email", "archive", "policy"))
    organization, contact = _organization_table(path, data)
    notice, links, period = _notice_tables(path, data)
    email = _Reader(path, "email", data.get("email", {}), ("from", "subject", "api_host"))
    sender = email.text("from")
    if sender and not _EMAIL.match(sender):
        raise email.fail("from", f"must be an e-mail address (got {sender!r})")
    archive = _Reader(path, "archive", data.get("archive", {}), ("path",))
    return Settings(
        path=path,
        organization=Organization(
            organization.text("name"),
            organization.text("product"),
            contact,
            organization.url("website") or "",
        ),
        notice=_notice_settings(notice, links, period),
        email=EmailSettings(sender, email.text("subject", DEFAULT_SUBJECT), email.url("api_host")),
        archive=path.parent / archive.text("path", "policies"),
        policies=_policies(top, path),
    )


def _organization_table(path: Path, data: Mapping[str, object]) -> tuple[_Reader, str]:
    """``[organization]`` and its checked contact: an e-mail address or a URL."""
    organization = _Reader(
        path, "organization", data.get("organization", {}), ("name", "product", "contact", "website")
    )
    contact = organization.text("contact")
    if contact and not _EMAIL.match(contact) and not contact.startswith(("http://", "https://")):
        raise organization.fail("contact", f"must be an e-mail address or a URL (got {contact!r})")
    return organization, contact


def _notice_tables(path: Path, data: Mapping[str, object]) -> tuple[_Reader, _Reader, int]:
    """``[notice]``, ``[notice.links]`` and the checked notice period in days."""
    notice = _Reader(
        path,
        "notice",
        data.get("notice", {}),
        ("period_days", "major", "templates", "policy_url", "redline_url", "history_url", "links"),
    )
    links = _Reader(path, "notice.links", notice.table.get("links", {}), _NOTICE_LINKS)
    period = notice.table.get("period_days", 30)
    if not isinstance(period, int) or isinstance(period, bool) or not 0 <= period <= 366:
        raise notice.fail("period_days", f"must be a whole number of days from 0 to 366 (got {period!r})")
    return notice, links, period


def _notice_settings(notice: _Reader, links: _Reader, period: int) -> NoticeSettings:
    return NoticeSettings(
        period,
        _major(notice),
        notice.optional_text("templates"),
        notice.link("policy_url"),
        notice.link("redline_url"),
        notice.link("history_url"),
        NoticeLinks(*(links.link(key, mailto=True) for key in _NOTICE_LINKS)),
    )


def _policies(top: _Reader, path: Path) -> tuple[PolicySettings, ...]:
    raw = top.table.get("policy", [])
    if not isinstance(raw, list):
        raise top.fail("policy", "must be an array of tables ([[policy]])")
    policies: list[PolicySettings] = []
    for number, table in enumerate(raw, start=1):
        reader = _Reader(
            path, f"policy[{number}]", table, ("id", "title", "url", "source", "select", "remove")
        )
        policies.append(_policy(reader, path, taken={p.id for p in policies}))
    return tuple(policies)


def _policy(reader: _Reader, path: Path, taken: set[str]) -> PolicySettings:
    """One ``[[policy]]``: an id not ``taken`` yet, and CSS selectors that compile."""
    policy_id = reader.text("id")
    if not _POLICY_ID.match(policy_id):
        raise reader.fail("id", f"must be lowercase letters, digits, '-' or '_' (got {policy_id!r})")
    if policy_id in taken:
        raise reader.fail("id", f"duplicate policy id {policy_id!r}")
    select = reader.optional_text("select")
    remove = reader.strings("remove")
    for key, selector in [("select", select), *(("remove", r) for r in remove)]:
        if selector is not None:
            _selector(reader, key, selector)
    source = reader.optional_text("source")
    return PolicySettings(
        id=policy_id,
        title=reader.text("title"),
        url=reader.url("url"),
        source=str(path.parent / source) if source else None,
        select=select,
        remove=remove,
    )
