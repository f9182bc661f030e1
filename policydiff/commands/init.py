"""``policydiff init``: write a commented ``policydiff.toml`` a notice can be drafted from.

``QUESTIONS`` is what init asks (or takes flags for): every key a notice needs and the optional
ones a notice prints. Each answer is checked on its own by the config's validator
(``answer_problem``), so a terminal session can re-ask a bad answer and keep the good ones; the
config written passes ``policydiff config check``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from policydiff.config import NOTICE_NEEDS, check_value, notice_problems, parse_settings
from policydiff.errors import InputError
from policydiff.files import write_text_atomic
from policydiff.lazy_re import lazy

__all__ = [
    "QUESTIONS",
    "Initialised",
    "Question",
    "answer_problem",
    "config_text",
    "flag_problems",
    "init_project",
    "suggestion",
]


@dataclass(frozen=True, slots=True)
class Initialised:
    """The config written, the archive folder made, and whether a config was replaced."""

    config: Path
    archive: Path
    overwritten: bool


@dataclass(frozen=True, slots=True)
class Question:
    """One value init writes: its config key, its flag, its question, and the example shown when unset."""

    key: str
    flag: str
    ask: str
    example: str

    @property
    def required(self) -> bool:
        """Every notice needs it: without a terminal to ask, its flag must be given."""
        return self.key in NOTICE_NEEDS


# in the order a terminal asks them: later suggestions are built from earlier answers
QUESTIONS = (
    Question("organization.name", "--name", "Organisation name (the controller)", "Example Inc."),
    Question("organization.product", "--product", "Product the policy covers", "Example App"),
    Question(
        "organization.contact",
        "--contact",
        "Privacy contact users can write to (e-mail or https URL)",
        "privacy@example.com",
    ),
    Question("organization.website", "--website", "Website (https://…)", "https://example.com"),
    Question(
        "notice.policy_url",
        "--policy-url",
        "Where the full policy is published (https://…)",
        "https://example.com/privacy",
    ),
    Question(
        "email.from",
        "--from",
        'Notice email sender, verified in SendGrid ("Name <address>" or an address)',
        "Example Privacy <privacy@example.com>",
    ),
    Question(
        "notice.links.consent",
        "--consent-url",
        "Page where users opt in to a change that needs consent (https:// or mailto:)",
        "https://example.com/account/consent",
    ),
    Question(
        "notice.links.object", "--object-url", "Page to object to processing", "https://example.com/object"
    ),
    Question(
        "notice.links.opt_out", "--opt-out-url", "Page to opt out", "https://example.com/account/privacy"
    ),
    Question(
        "notice.links.withdraw_consent",
        "--withdraw-consent-url",
        "Page to withdraw a consent",
        "https://example.com/account/consent",
    ),
    Question(
        "notice.links.export", "--export-url", "Page to download one's data", "https://example.com/export"
    ),
    Question(
        "notice.links.close_account",
        "--close-account-url",
        "Page to close an account",
        "https://example.com/account/close",
    ),
)
_BY_KEY = {question.key: question for question in QUESTIONS}
_PLACEHOLDER = lazy(r"\{([a-z_.]+)\}")
_PLAIN_NAME = lazy(r"^[\w !#$%&'*+/=?^`{|}~-]+$")  # a display name that needs no quotes


def answer_problem(question: Question, answer: str) -> str | None:
    """What is wrong with one answer (checked as the config validator checks its key), or None."""
    value = answer.strip()
    if not value:
        return f"needed for a notice ({NOTICE_NEEDS[question.key]})" if question.required else None
    return check_value(question.key, value)


def flag_problems(given: Mapping[str, str | None]) -> str | None:
    """One line naming every bad flag and every missing required flag, or None when init can write.

    ``given`` maps config keys to flag values (None: the flag was not given).
    """
    parts = []
    for question in QUESTIONS:
        value = given.get(question.key)
        if value is not None and value.strip() and (problem := answer_problem(question, value)):
            parts.append(f"{question.flag}: {problem}")
    missing = [q.flag for q in QUESTIONS if q.required and not (given.get(q.key) or "").strip()]
    if missing:
        parts.append(
            f"missing {', '.join(missing)}: every notice needs them, and without a terminal init asks nothing"
        )
    return "; ".join(parts) + " (nothing written)" if parts else None


def suggestion(key: str, answers: Mapping[str, str]) -> str | None:
    """The default a terminal offers for ``key``, built from earlier answers (valid, or None)."""
    name, contact = answers.get("organization.name", ""), answers.get("organization.contact", "")
    website = answers.get("organization.website", "").rstrip("/")
    guesses = {
        "organization.product": name,
        "notice.policy_url": f"{website}/privacy" if website.startswith("https://") else "",
        "email.from": _sender(name, contact) if "@" in contact and ":" not in contact else "",
    }
    guess = guesses.get(key, "")
    return guess if guess and check_value(key, guess) is None else None


def _sender(name: str, address: str) -> str:
    if not name:
        return address
    shown = name if _PLAIN_NAME.match(name) else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{shown} <{address}>"


_CONFIG_TEMPLATE = """\
# policydiff project config. Every key (its type, default, and whether notices need it) is
# described in policydiff's docs/config.md; `policydiff config check` lists every problem here.
# Every command finds this file by walking up from the working directory, or takes --config FILE.

[organization]
# Who publishes the policies: named in the notices to users.
{organization.name}
{organization.product}
{organization.contact}
{organization.website}

[notice]
# Days of advance notice before a material change takes effect. A longer period promised by the
# policy itself ("we will notify you 30 days in advance") always wins.
period_days = 30
# Which changes count as major (need advance notice); the default is every "expands" change
# except contact and other:
# major = ["collection:expands", "purpose:expands", "sharing:expands", "retention:expands"]
# The full new policy, linked from every notice, and (optional) the redline and the history:
{notice.policy_url}
# redline_url = {redline}
# history_url = {history}

# Where a user acts on a notice (https or mailto: URLs); "consent" is needed when a change asks
# for opt-in consent. A link left out is not offered.
[notice.links]
{notice.links.consent}
{notice.links.object}
{notice.links.opt_out}
{notice.links.withdraw_consent}
{notice.links.export}
{notice.links.close_account}

[email]
# The sender (verified in SendGrid; "Name <address>" or an address) and subject of the notice email.
{email.from}
subject = "We're updating our Privacy Policy"

[archive]
# The version history, plain files meant to be committed to git (relative to this file).
path = "policies"

# One [[policy]] table per policy you keep or watch. `policydiff record privacy FILE` stores a
# version; with a url, `policydiff fetch` and `policydiff check` download it and record what changed.
[[policy]]
id = "privacy"
title = {title}
# url = {url}
# The CSS selector of the policy's text in the page, and elements to drop from it:
# select = "main"
# remove = [".cookie-banner"]
"""


def _toml(value: str) -> str:
    # json.dumps makes a valid TOML basic string (same escapes for quotes, backslashes, controls)
    return json.dumps(value, ensure_ascii=False)


def config_text(answers: Mapping[str, str]) -> str:
    """A commented ``policydiff.toml``; a question left unanswered stays a commented example."""
    lines = {}
    for question in QUESTIONS:
        value = answers.get(question.key, "").strip()
        name = question.key.rpartition(".")[2]
        lines[question.key] = f"{name} = {_toml(value)}" if value else f"# {name} = {_toml(question.example)}"
    policy_url = answers.get("notice.policy_url", "").strip() or _BY_KEY["notice.policy_url"].example
    product = answers.get("organization.product", "").strip() or answers.get("organization.name", "").strip()
    lines.update(
        redline=_toml(policy_url.rstrip("/") + "/changes"),
        history=_toml(policy_url.rstrip("/") + "/history"),
        title=_toml(f"{product} Privacy Policy".strip()),
        # the policy's page is not watched until someone checks that fetch reads it right
        url=_toml(policy_url),
    )
    # one pass, so that a brace in an answer is never read as a placeholder
    return _PLACEHOLDER.sub(lambda match: lines[match.group(1)], _CONFIG_TEMPLATE)


def init_project(config: Path, answers: Mapping[str, str], *, force: bool = False) -> Initialised:
    """Write a commented config file at ``config`` and create its archive folder.

    An existing config is kept unless ``force``. Nothing is written unless the config would pass
    ``policydiff config check``: every value valid and every key a notice needs given.
    """
    text = config_text(answers)
    settings = parse_settings(tomllib.loads(text), config)  # the same checks every command makes
    missing = notice_problems(settings)
    if missing:
        keys = ", ".join(problem.key for problem in missing)
        raise InputError(f"{config}: {keys}: missing, and every notice needs them (nothing written)")
    existed = config.exists()
    if existed and not force:
        raise InputError(f"{config}: already exists; use --force to overwrite it")
    write_text_atomic(config, text)
    settings.archive.mkdir(parents=True, exist_ok=True)
    return Initialised(config, settings.archive, overwritten=existed)
