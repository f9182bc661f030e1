"""``policydiff init``: write a commented ``policydiff.toml`` and create the archive folder."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from policydiff.config import Organization, parse_settings
from policydiff.errors import InputError
from policydiff.files import write_text_atomic

__all__ = ["Initialised", "config_text", "init_project"]


@dataclass(frozen=True, slots=True)
class Initialised:
    """The config written, the archive folder made, and whether a config was replaced."""

    config: Path
    archive: Path
    overwritten: bool


_CONFIG_TEMPLATE = """\
# policydiff project config: see "Project config" in policydiff's README.
# Every command finds this file by walking up from the working directory, or takes --config FILE.

[organization]
# Who publishes the policies: used in the notices to users.
{name}
{product}
{contact}
{website}

[notice]
# Days of advance notice before a material change takes effect. A longer period promised by the
# policy itself ("we will notify you 30 days in advance") always wins.
period_days = 30
# Which changes count as major (need advance notice); the default is every "expands" change
# except contact and other:
# major = ["collection:expands", "purpose:expands", "sharing:expands", "retention:expands"]

[email]
# The sender and subject of the notice email.
{sender}
subject = "We're updating our Privacy Policy"

[archive]
# The version history, plain files meant to be committed to git (relative to this file).
path = "policies"

# One [[policy]] table per policy you keep or watch. `policydiff record privacy FILE` stores a
# version; with a url, `policydiff fetch` downloads it and records what changed.
[[policy]]
id = "privacy"
title = {title}
{url}
# The CSS selector of the policy's text in the page, and elements to drop from it:
# select = "main"
# remove = [".cookie-banner"]
"""


def _toml_line(key: str, value: str, example: str) -> str:
    # json.dumps makes a valid TOML basic string (same escapes for quotes, backslashes, controls)
    if value:
        return f"{key} = {json.dumps(value, ensure_ascii=False)}"
    return f"# {key} = {json.dumps(example)}"


def config_text(organization: Organization) -> str:
    """A commented ``policydiff.toml`` for ``organization``; empty values stay as commented examples."""
    product = organization.product or organization.name
    website = organization.website.rstrip("/")
    contact = organization.contact
    return _CONFIG_TEMPLATE.format(
        name=_toml_line("name", organization.name, "Example Inc."),
        product=_toml_line("product", organization.product, "Example App"),
        contact=_toml_line("contact", contact, "privacy@example.com"),
        website=_toml_line("website", organization.website, "https://example.com"),
        sender=_toml_line(
            "from", contact if "@" in contact and "/" not in contact else "", "privacy@example.com"
        ),
        title=json.dumps(f"{product} Privacy Policy".strip(), ensure_ascii=False),
        # a guessed address stays commented out: fetch must not watch a page nobody checked
        url="# url = " + json.dumps(f"{website}/privacy" if website else "https://example.com/privacy"),
    )


def init_project(config: Path, organization: Organization, *, force: bool = False) -> Initialised:
    """Write a commented config file at ``config`` and create its archive folder.

    An existing config is kept unless ``force``; a value that would make the config invalid
    (a website that is no URL, a contact that is no address) is refused before anything is written.
    """
    text = config_text(organization)
    settings = parse_settings(tomllib.loads(text), config)  # the same checks every command makes
    existed = config.exists()
    if existed and not force:
        raise InputError(f"{config}: already exists; use --force to overwrite it")
    write_text_atomic(config, text)
    settings.archive.mkdir(parents=True, exist_ok=True)
    return Initialised(config, settings.archive, overwritten=existed)
