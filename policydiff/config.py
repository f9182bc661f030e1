"""Find, parse and validate ``policydiff.toml`` into frozen ``Settings``.

``validate`` reads a whole config and collects every problem (a ``Problem``: the key and what is
wrong), so that ``policydiff config check`` lists them all in one run. The loaders
(``load_settings``, ``parse_settings``) raise one ``InputError`` line naming the file, the first
problem and how many more there are, e.g. ``policydiff.toml: notice.period_days: must be a whole
number of days from 0 to 366 (got 'thirty') (2 more: run 'policydiff config check')``.

``CONFIG_KEYS`` is every key the validator knows: the tables take their allowed keys from it, and
docs/config.md is tested against it, so the reference and the validator cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.limits import LIMIT_KEYS, Limits
from policydiff.limits import problem as limit_problem
from policydiff.model import Category, Direction

CONFIG_NAME = "policydiff.toml"
DEFAULT_SUBJECT = "We're updating our Privacy Policy"
_POLICY_ID = lazy(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_EMAIL = lazy(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# the address SendGrid takes in "from": ASCII only (the same rule as policydiff.send.syntax.EMAIL)
_ASCII_EMAIL = lazy(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_CONTROL = lazy(r"[\x00-\x1f\x7f]")
_UNSAFE_IN_URL = lazy(r"[\s<>\"'`\\]")  # a notice link is printed in HTML, Markdown and text
_NOTICE_LINKS = ("consent", "object", "opt_out", "withdraw_consent", "export", "close_account")
_NONE = "none"


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """One key the validator knows, as docs/config.md lists it (``policy[].id``: a key of each [[policy]])."""

    key: str
    type: str  # what a value must be
    default: str  # what applies when the key is left out
    required: str  # "notice", "notice, send", "consent notice", "each policy" or "no"


CONFIG_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey("organization.name", "string, one line", _NONE, "notice"),
    ConfigKey("organization.product", "string, one line", "organization.name", "no"),
    ConfigKey("organization.contact", "e-mail address or https URL", _NONE, "notice"),
    ConfigKey("organization.website", "http(s) URL", _NONE, "no"),
    ConfigKey("notice.period_days", "integer from 0 to 366", "30", "no"),
    ConfigKey(
        "notice.major", 'list of "category:direction"', "every category:expands but contact, other", "no"
    ),
    ConfigKey("notice.templates", "folder, relative to the config", "the built-in templates", "no"),
    ConfigKey("notice.policy_url", "https URL", _NONE, "notice"),
    ConfigKey("notice.redline_url", "https URL", _NONE, "no"),
    ConfigKey("notice.history_url", "https URL", _NONE, "no"),
    *(
        ConfigKey(
            f"notice.links.{name}",
            "https URL or mailto: address",
            _NONE,
            "consent notice" if name == "consent" else "no",
        )
        for name in _NOTICE_LINKS
    ),
    ConfigKey("email.from", 'e-mail address or "Name <address>", ASCII address', _NONE, "notice, send"),
    ConfigKey("email.subject", "string, one line", DEFAULT_SUBJECT, "no"),
    ConfigKey("email.api_host", "http(s) URL", "https://api.sendgrid.com", "no"),
    ConfigKey("email.delivery", '"scheduled" or "immediate"', '"scheduled"', "no"),
    ConfigKey("email.send_delay_minutes", "integer from 15 to 4200", "30", "no"),
    ConfigKey("email.batch_size", "integer from 1 to 1000", "1000", "no"),
    ConfigKey("archive.path", "folder, relative to the config", "policies", "no"),
    *(
        ConfigKey(
            f"limits.{spec.key}",
            f"integer from {spec.low:,} to {spec.high:,} ({spec.unit}): {spec.meaning}",
            f"{getattr(Limits(), spec.key):,}",
            "no",
        )
        for spec in LIMIT_KEYS
    ),
    ConfigKey("policy[].id", "lowercase letters, digits, - or _; unique", _NONE, "each policy"),
    ConfigKey("policy[].title", "string", _NONE, "no"),
    ConfigKey("policy[].url", "http(s) URL", _NONE, "no"),
    ConfigKey("policy[].source", "file, relative to the config", _NONE, "no"),
    ConfigKey("policy[].select", "CSS selector", "the whole page", "no"),
    ConfigKey("policy[].remove", "list of CSS selectors", "[]", "no"),
    ConfigKey(
        "policy[].redirects_to",
        "list of http(s) origins (scheme://host[:port])",
        "[] (only the url's own origin, and its http → https upgrade)",
        "no",
    ),
)
# what every notice needs, and why (policydiff.notice refuses to draft one without them)
NOTICE_NEEDS = {
    "organization.name": "the notice names the controller",
    "organization.contact": "the notice says whom to ask",
    "email.from": "the email needs a sender",
    "notice.policy_url": "the notice links to the full new policy",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a config: the key (``organization.website``, ``policy[2].id``) and what."""

    key: str
    problem: str

    def line(self, path: Path | str) -> str:
        return f"{path}: {self.key}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Organization:
    """Who sends the notices: the company, its product, contact and website."""

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
    """How notices are decided and drafted: the period, what is major, templates, policy URL."""

    period_days: int = 30
    major: frozenset[tuple[Category, Direction]] | None = None  # None: the SPEC's defaults
    templates: str | None = None
    policy_url: str | None = None  # the full new policy
    redline_url: str | None = None  # the comparison of the old and new versions
    history_url: str | None = None  # the earlier versions
    links: NoticeLinks = field(default_factory=NoticeLinks)


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """How notice emails are sent: sender, subject, API host and delivery."""

    sender: str = ""  # an address, or "Name <address>"
    subject: str = DEFAULT_SUBJECT
    api_host: str | None = None
    immediate: bool = False  # delivery = "immediate": no batch ids, a crash may mail one batch twice
    send_delay_minutes: int | None = None  # None: send's default
    batch_size: int | None = None


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """One watched policy: its id, title, where it is fetched from and which parts of the page count."""

    id: str
    title: str = ""
    url: str | None = None
    source: str | None = None
    select: str | None = None
    remove: tuple[str, ...] = ()
    # origins (scheme://host[:port]) besides the url's own that its redirects may lead to
    redirects_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """A project's settings; ``path`` is None when no config file was found."""

    path: Path | None = None
    organization: Organization = field(default_factory=Organization)
    notice: NoticeSettings = field(default_factory=NoticeSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    archive: Path = Path("policies")
    policies: tuple[PolicySettings, ...] = ()
    limits: Limits = field(default_factory=Limits)
    # where the compiled rule book is kept between runs (None: nowhere); the command line sets it
    # from POLICYDIFF_CACHE_DIR or the user's cache folder, a config file never does
    rule_cache: Path | None = None

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
    return parse_settings(read_config(path), path)


def read_config(path: Path) -> dict[str, object]:
    """The parsed TOML of ``path``; an ``InputError`` when it cannot be read or is not TOML."""
    import tomllib  # most runs read no config file: not imported for them

    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read config: {error}") from None
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None


def parse_settings(data: Mapping[str, object], path: Path) -> Settings:
    """Validate a parsed config: its settings, or an ``InputError`` naming the first problem."""
    settings, problems = validate(data, path)
    if problems:
        more = f" ({len(problems) - 1} more: run 'policydiff config check')" if len(problems) > 1 else ""
        raise InputError(problems[0].line(path) + more)
    return settings


def notice_problems(settings: Settings) -> tuple[Problem, ...]:
    """The keys every notice needs that ``settings`` leaves out (see ``NOTICE_NEEDS``)."""
    values = {
        "organization.name": settings.organization.name,
        "organization.contact": settings.organization.contact,
        "email.from": settings.email.sender,
        "notice.policy_url": settings.notice.policy_url,
    }
    return tuple(
        Problem(key, f"missing: needed for a notice ({why})")
        for key, why in NOTICE_NEEDS.items()
        if not values[key]
    )


def check_value(key: str, value: object) -> str | None:
    """What is wrong with ``value`` at ``key`` (e.g. ``"organization.website"``), or None if nothing."""
    *tables, name = key.split(".")
    data: dict[str, object] = {name: value}
    for table in reversed(tables):
        data = {table.removesuffix("[]"): [data]} if table.endswith("[]") else {table: data}
    _, problems = validate(data, Path(CONFIG_NAME))
    wanted = key.replace("[]", "[1]")
    return next((p.problem for p in problems if p.key == wanted), None)


def allowed_keys(prefix: str) -> tuple[str, ...]:
    """The keys of the table at ``prefix`` ("" the top, ``notice``, ``policy[]``), from ``CONFIG_KEYS``."""
    names: list[str] = []
    for config_key in CONFIG_KEYS:
        if prefix and not config_key.key.startswith(prefix + "."):
            continue
        child = config_key.key[len(prefix) + 1 if prefix else 0 :].split(".")[0].removesuffix("[]")
        if child not in names:
            names.append(child)
    return tuple(names)


class _Reader:
    """Typed access to one table of the config; each problem is noted and a default read instead."""

    def __init__(self, problems: list[Problem], prefix: str, table: object, allowed: tuple[str, ...]) -> None:
        self.problems, self.prefix = problems, prefix
        if not isinstance(table, dict):
            problems.append(Problem(prefix, "must be a table"))
            table = {}
        for key in sorted(set(table) - set(allowed)):
            self.fail(key, f"unknown key (allowed: {', '.join(allowed)})")
        self.table: Mapping[str, object] = table

    def fail(self, key: str, problem: str) -> None:
        self.problems.append(Problem(f"{self.prefix}.{key}", problem))

    def text(self, key: str, default: str = "") -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"must be a string (got {value!r})")
            return default
        return value

    def line(self, key: str, default: str = "") -> str:
        """A string shown in a notice or an email header: one line, no control characters."""
        value = self.text(key, default)
        if _CONTROL.search(value):
            self.fail(key, f"must be one line, without control characters (got {value!r})")
            return default
        return value

    def optional_text(self, key: str) -> str | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, str):
            self.fail(key, f"must be a string (got {value!r})")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self.optional_text(key)
        if value is None:
            return None
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or _UNSAFE_IN_URL.search(value):
            self.fail(key, f"must be an http(s) URL (got {value!r})")
            return None
        return value

    def link(self, key: str, *, mailto: bool = False) -> str | None:
        """An absolute https URL (or, with ``mailto``, a mailto: address) that a notice may print."""
        value = self.optional_text(key)
        if value is None:
            return None
        if _link(value, mailto=mailto):
            return value
        allowed = "an absolute https URL" + (" or mailto: address" if mailto else "")
        self.fail(key, f"must be {allowed} (got {value!r})")
        return None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(key, f"must be a list of strings (got {value!r})")
            return ()
        return tuple(value)


def _link(value: str, *, mailto: bool) -> bool:
    if _UNSAFE_IN_URL.search(value):
        return False
    if mailto and value.startswith("mailto:"):
        return bool(_EMAIL.match(value.removeprefix("mailto:")))
    parsed = urlparse(value)
    return parsed.scheme == "https" and bool(parsed.netloc)


def validate(data: Mapping[str, object], path: Path) -> tuple[Settings, tuple[Problem, ...]]:
    """Every problem of a parsed config, in table order, and its settings (defaults where wrong)."""
    problems: list[Problem] = []
    top = _Reader(problems, "config", data, allowed_keys(""))
    organization = _organization(
        _Reader(problems, "organization", data.get("organization", {}), allowed_keys("organization"))
    )
    notice = _notice(problems, data.get("notice", {}))
    email = _email(_Reader(problems, "email", data.get("email", {}), allowed_keys("email")))
    archive = _Reader(problems, "archive", data.get("archive", {}), allowed_keys("archive"))
    settings = Settings(
        path=path,
        organization=organization,
        notice=notice,
        email=email,
        archive=path.parent / archive.text("path", "policies"),
        policies=_policies(top, path),
        limits=_limits(_Reader(problems, "limits", data.get("limits", {}), allowed_keys("limits"))),
    )
    return settings, tuple(problems)


def _limits(reader: _Reader) -> Limits:
    """``[limits]``: each key a whole number in its range (see ``policydiff.limits``)."""
    values: dict[str, int] = {}
    for spec in LIMIT_KEYS:
        value = reader.table.get(spec.key)
        if value is None:
            continue
        wrong = limit_problem(spec.key, value)
        if wrong is not None:
            reader.fail(spec.key, wrong)
        elif isinstance(value, int):
            values[spec.key] = value
    return Limits(**values)


def _organization(reader: _Reader) -> Organization:
    """``[organization]``; its contact is an e-mail address or an https URL (a notice links to it)."""
    name, product, contact = reader.line("name"), reader.line("product"), reader.line("contact")
    if contact and not _EMAIL.match(contact) and not _link(contact, mailto=False):
        reader.fail("contact", f"must be an e-mail address or an https URL (got {contact!r})")
        contact = ""
    return Organization(name, product, contact, reader.url("website") or "")


def _notice(problems: list[Problem], table: object) -> NoticeSettings:
    """``[notice]`` and ``[notice.links]``."""
    notice = _Reader(problems, "notice", table, allowed_keys("notice"))
    period = notice.table.get("period_days", 30)
    if not isinstance(period, int) or isinstance(period, bool) or not 0 <= period <= 366:
        notice.fail("period_days", f"must be a whole number of days from 0 to 366 (got {period!r})")
        period = 30
    major = _major(notice)
    templates = notice.optional_text("templates")
    policy_url, redline_url = notice.link("policy_url"), notice.link("redline_url")
    history_url = notice.link("history_url")
    links = _Reader(problems, "notice.links", notice.table.get("links", {}), allowed_keys("notice.links"))
    return NoticeSettings(
        period,
        major,
        templates,
        policy_url,
        redline_url,
        history_url,
        NoticeLinks(*(links.link(key, mailto=True) for key in _NOTICE_LINKS)),
    )


def _major(reader: _Reader) -> frozenset[tuple[Category, Direction]] | None:
    if "major" not in reader.table:
        return None
    pairs = set()
    for item in reader.strings("major"):
        category, _, direction = item.partition(":")
        try:
            pairs.add((Category(category), Direction(direction or "expands")))
        except ValueError:
            reader.fail("major", f"{item!r} is not 'category:direction' (e.g. 'sharing:expands')")
    return frozenset(pairs)


def _email(reader: _Reader) -> EmailSettings:
    """``[email]``; ``from`` is an address or ``Name <address>``, the address in ASCII (SendGrid's rule)."""
    sender = reader.line("from")
    if sender and not _sender_ok(sender):
        reader.fail(
            "from", f'must be an e-mail address or "Name <address>", the address in ASCII (got {sender!r})'
        )
        sender = ""
    subject = reader.line("subject", DEFAULT_SUBJECT)
    if not subject.strip():
        reader.fail("subject", "must not be empty")
        subject = DEFAULT_SUBJECT
    delivery = reader.table.get("delivery", "scheduled")
    if delivery not in ("scheduled", "immediate"):
        reader.fail("delivery", f'must be "scheduled" or "immediate" (got {delivery!r})')
        delivery = "scheduled"
    delay = _whole(
        reader,
        "send_delay_minutes",
        15,
        4200,
        "minutes (SendGrid cancels a batch reliably only until 10 minutes before its send time, "
        "and takes a send time at most 72 hours ahead)",
    )
    if delivery == "immediate" and delay is not None:
        reader.fail("send_delay_minutes", 'and delivery = "immediate" exclude each other')
        delay = None
    batch = _whole(reader, "batch_size", 1, 1000, "recipients (SendGrid takes 1000 per request)")
    return EmailSettings(sender, subject, reader.url("api_host"), delivery == "immediate", delay, batch)


def _whole(reader: _Reader, key: str, low: int, high: int, unit: str) -> int | None:
    """An optional whole number from ``low`` to ``high``; a problem, and None, otherwise."""
    value = reader.table.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        reader.fail(key, f"must be a whole number from {low} to {high} {unit} (got {value!r})")
        return None
    return value


def _sender_ok(value: str) -> bool:
    """Read as ``policydiff send`` reads it (``parseaddr``), and nothing of it lost in the reading."""
    from email.utils import parseaddr  # 13 ms of imports: only a config with a sender pays for them

    _, address = parseaddr(value)
    stripped = value.strip()
    whole = stripped == address or (stripped.endswith(f"<{address}>") and stripped.count("<") == 1)
    return bool(_ASCII_EMAIL.match(address)) and whole


def _policies(top: _Reader, path: Path) -> tuple[PolicySettings, ...]:
    raw = top.table.get("policy", [])
    if not isinstance(raw, list):
        top.fail("policy", "must be an array of tables ([[policy]])")
        return ()
    policies: list[PolicySettings] = []
    for number, table in enumerate(raw, start=1):
        reader = _Reader(top.problems, f"policy[{number}]", table, allowed_keys("policy[]"))
        policies.append(_policy(reader, path, taken={p.id for p in policies}))
    return tuple(policies)


def _policy(reader: _Reader, path: Path, taken: Iterable[str]) -> PolicySettings:
    """One ``[[policy]]``: an id not ``taken`` yet, and CSS selectors that compile."""
    policy_id = reader.text("id")
    if not _POLICY_ID.match(policy_id):
        reader.fail("id", f"must be lowercase letters, digits, '-' or '_' (got {policy_id!r})")
    elif policy_id in taken:
        reader.fail("id", f"duplicate policy id {policy_id!r}")
    select = reader.optional_text("select")
    remove = reader.strings("remove")
    for key, selector in [("select", select), *(("remove", r) for r in remove)]:
        if selector is not None:
            _selector(reader, key, selector)
    source = reader.optional_text("source")
    origins = []
    for origin in reader.strings("redirects_to"):
        canonical = _origin(origin)
        if canonical is None:
            reader.fail(
                "redirects_to",
                f"{origin!r} is not an origin: http(s) scheme, host and port only (no path, query or user)",
            )
        else:
            origins.append(canonical)
    return PolicySettings(
        id=policy_id,
        title=reader.text("title"),
        url=reader.url("url"),
        source=str(path.parent / source) if source else None,
        select=select,
        remove=remove,
        redirects_to=tuple(origins),
    )


def _origin(text: str) -> str | None:
    """``https://host[:port]`` (lower-case host, default port dropped), or None if ``text`` is no origin."""
    parsed = urlparse(text.strip())
    try:
        port = parsed.port
    except ValueError:
        return None
    if parsed.scheme not in ("http", "https") or not parsed.hostname or _UNSAFE_IN_URL.search(text):
        return None
    if parsed.path not in ("", "/") or parsed.query or parsed.fragment or parsed.username or parsed.password:
        return None
    default = {"http": 80, "https": 443}[parsed.scheme]
    return f"{parsed.scheme}://{parsed.hostname}" + (f":{port}" if port and port != default else "")


def _selector(reader: _Reader, key: str, value: str) -> None:
    from soupsieve import SelectorSyntaxError
    from soupsieve import compile as compile_selector

    try:
        compile_selector(value)
    except SelectorSyntaxError as error:
        reader.fail(key, f"bad CSS selector {value!r}: {str(error).splitlines()[0]}")
