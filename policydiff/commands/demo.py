"""``policydiff demo``: copy an example project into a folder of its own, so ``check`` runs on the copy.

The copy is what the config names, each at the same place relative to the config: the config
file, the archive and every policy's ``source`` (and ``[notice] templates``). Config paths are
relative to the config's folder (``config.py``), so the copied config's paths resolve inside
the copy, and a run there never touches the original. A path that leads out of the config's
folder is refused: it would resolve to the original from the copy too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from policydiff.config import load_settings
from policydiff.errors import InputError

__all__ = ["Copied", "copy_project"]


@dataclass(frozen=True, slots=True)
class Copied:
    """The folder the project was copied into, the copied config to run ``check`` with, its archive."""

    folder: Path
    config: Path
    archive: Path


def copy_project(config: Path, into: Path | None) -> Copied:
    """Copy the project of ``config`` into ``into`` (new or empty; default: a new temporary folder)."""
    settings = load_settings(config)  # a bad config is refused before anything is copied
    home = _absolute(config).parent
    folders = [settings.archive] + ([home / settings.notice.templates] if settings.notice.templates else [])
    files = [Path(policy.source) for policy in settings.policies if policy.source]
    parts = {_inside(home, path, config): path for path in (*folders, *files)}
    archive = _inside(home, settings.archive, config)
    target = _empty_folder(into, [_absolute(folder) for folder in folders])
    try:
        shutil.copy2(config, target / config.name)
        for relative, path in parts.items():
            if not path.exists():  # a missing source or archive: check reports it, as it would here
                continue
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():  # the archive's locks belong to the runs on the original
                shutil.copytree(path, target / relative, ignore=_LOCKS, dirs_exist_ok=True)
            else:
                shutil.copy2(path, target / relative)
    except OSError as error:
        raise InputError(f"{target}: cannot copy the project there: {error.strerror or error}") from None
    return Copied(target, target / config.name, target / archive)


_LOCKS = shutil.ignore_patterns(".locks")


def _absolute(path: Path) -> Path:
    """``path`` made absolute and without ``..``, symbolic links kept (what a copy reproduces)."""
    return Path(os.path.abspath(path))


def _inside(home: Path, path: Path, config: Path) -> Path:
    """``path`` relative to the config's folder ``home``; ``InputError`` when it lies outside."""
    try:
        return _absolute(path).relative_to(home)
    except ValueError:
        raise InputError(
            f"{config}: {path} lies outside the config's folder, so a copy would still use it; "
            "demo copies only a project whose paths stay in its folder"
        ) from None


def _empty_folder(into: Path | None, copied: list[Path]) -> Path:
    """``into``, made if new; refused when it holds anything or lies in a folder being copied."""
    if into is None:
        return Path(tempfile.mkdtemp(prefix="policydiff-demo-"))
    where = _absolute(into)
    if any(where == folder or folder in where.parents for folder in copied):
        raise InputError(f"{into}: lies inside a folder the demo copies; choose a folder outside it")
    if where.exists() and (not where.is_dir() or any(where.iterdir())):
        raise InputError(f"{into}: not an empty folder; the demo needs a new or empty one")
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{into}: cannot create the folder: {error.strerror or error}") from None
    return where
