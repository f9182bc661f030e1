"""The dependency table of ARCHITECTURE.md, checked on every module's imports (``ast``), and the API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import policydiff

PACKAGE = Path(policydiff.__file__).parent
BOTTOM = {"model", "errors", "text"}  # imported by everyone
MAY_IMPORT: dict[str, set[str]] = {  # a top-level part → the parts of ours it may import
    "errors": set(),
    "text": set(),
    "model": {"errors"},
    "segment": {"model", "text"},
    "align": {"model", "text"},
    "diff": {"model", "text"},
    "classify": {"model", "text", "errors", "classify"},
    "render": {"model", "render"},
    "config": BOTTOM,
    "load": BOTTOM | {"load", "fetch", "archive"},
    "compare": BOTTOM | {"segment", "align", "diff", "classify"},
    # notice also reads the rule files' plain words (classify) and the Settings type (config)
    "notice": BOTTOM | {"render", "classify", "config"},
    "review": BOTTOM | {"compare"},
    "send": {"model", "errors"},
    "archive": {"model", "errors"},
    "fetch": {"model", "errors"},
    # the multi-step jobs may use every part below the command line
    "workflow": BOTTOM
    | {"config", "load", "segment", "align", "diff", "classify", "compare", "render", "archive", "fetch"}
    | {"notice", "send", "review"},
}


def ours(path: Path) -> set[str]:
    """The top-level parts of policydiff (``model``, ``classify``, …) a module imports, anywhere in it."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = (
                [node.module] if node.module != "policydiff" else [f"policydiff.{a.name}" for a in node.names]
            )
        parts |= {name.split(".")[1] for name in names if name.startswith("policydiff.")}
    return parts


def part_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_table(path: Path) -> None:
    part, imported = part_of(path), ours(path) - {part_of(path)}
    if part in MAY_IMPORT:
        assert imported <= MAY_IMPORT[part], f"{part} may not import {sorted(imported - MAY_IMPORT[part])}"
    if part != "__main__":
        assert "cli" not in imported, f"{part} imports cli"


def test_the_bottom_layer_imports_nothing_of_ours_but_model_errors() -> None:
    assert ours(PACKAGE / "text.py") == set()
    assert ours(PACKAGE / "errors.py") == set()
    assert ours(PACKAGE / "model.py") <= {"errors"}


def test_public_api_is_pinned() -> None:
    assert policydiff.__all__ == ["Report", "Settings", "__version__", "compare", "load", "segment"]
    for name in policydiff.__all__:
        assert getattr(policydiff, name) is not None


# Modules held to less than their part allows: file formats never reach the archive, fetch or each other.
ONLY_IMPORT: dict[str, set[str]] = {
    "load/docx.py": BOTTOM | {"load"},
    "load/pdf.py": BOTTOM | {"load"},
    "render/docx_redline.py": {"model"},
}


@pytest.mark.parametrize("name", sorted(ONLY_IMPORT))
def test_file_format_modules_import_only_the_bottom_layer(name: str) -> None:
    imported = ours(PACKAGE / name)
    assert imported <= ONLY_IMPORT[name], f"{name} may not import {sorted(imported - ONLY_IMPORT[name])}"
