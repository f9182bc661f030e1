"""Where the Jinja2 templates are, and the one way to build an environment over them.

An installed wheel carries them as ``policydiff/templates`` (hatchling force-includes the
repository's top-level ``templates/``); an editable install reads that ``templates/`` next to
the package. A project's own template folders come first and override files one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

_REPOSITORY_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def template_dirs(overrides: Sequence[Path] = ()) -> list[Path]:
    """The template folders to search, first match wins: ``overrides``, then the bundled ones."""
    bundled = resources.files("policydiff") / "templates"
    dirs = [Path(folder) for folder in overrides]
    if isinstance(bundled, Path) and bundled.is_dir():
        dirs.append(bundled)
    elif _REPOSITORY_TEMPLATES.is_dir():
        dirs.append(_REPOSITORY_TEMPLATES)
    return dirs


def jinja_env(
    autoescape: bool,
    *,
    overrides: Sequence[Path] = (),
    finalize: Callable[[Any], Any] | None = None,
) -> Environment:
    """A strict Jinja2 environment over ``template_dirs(overrides)``.

    Undefined names raise, blocks leave no stray blank lines, a final newline is kept.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(template_dirs(overrides)),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
