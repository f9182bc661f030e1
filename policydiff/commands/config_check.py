"""``policydiff config check``: every problem of a project config, found in one run.

The values are checked by the same validator every command uses (``policydiff.config.validate``);
on top of it come what a loader does not ask of a config but a notice or a check run will: the keys
every notice needs (``NOTICE_NEEDS``), the notice templates folder and each policy's source file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policydiff.config import (
    CONFIG_NAME,
    Problem,
    Settings,
    find_config,
    notice_problems,
    read_config,
    validate,
)
from policydiff.errors import InputError

__all__ = ["ConfigCheck", "check_config"]


@dataclass(frozen=True, slots=True)
class ConfigCheck:
    """The config checked and every problem found in it (none: it is ready for notices)."""

    config: Path
    problems: tuple[Problem, ...]


def check_config(config: Path | None, search_from: Path) -> ConfigCheck:
    """Check ``config``, else the ``policydiff.toml`` found walking up from ``search_from``.

    A config that cannot be read or is not TOML is an ``InputError`` (TOML stops at its first
    error, so there is only one problem to tell).
    """
    path = config if config is not None else find_config(search_from)
    if path is None:
        raise InputError(f"{CONFIG_NAME}: not found here or in a parent folder (run 'policydiff init')")
    settings, problems = validate(read_config(path), path)
    wrong = {problem.key for problem in problems}
    found = [*problems, *(p for p in notice_problems(settings) if not _under(p.key, wrong))]
    found.extend(p for p in _missing_files(settings, path) if not _under(p.key, wrong))
    return ConfigCheck(path, tuple(found))


def _under(key: str, wrong: set[str]) -> bool:
    """Whether ``key`` or a table holding it already has a problem (one line says it, not two)."""
    parts = key.split(".")
    return any(".".join(parts[:end]) in wrong for end in range(1, len(parts) + 1))


def _missing_files(settings: Settings, path: Path) -> Iterator[Problem]:
    """The templates folder and the policy sources the config names but the disk does not hold."""
    if settings.notice.templates:
        folder = path.parent / settings.notice.templates
        if not folder.is_dir():
            yield Problem("notice.templates", f"no such folder {folder}")
    for number, policy in enumerate(settings.policies, start=1):
        if policy.source and not Path(policy.source).is_file():
            yield Problem(f"policy[{number}].source", f"no such file {policy.source}")
