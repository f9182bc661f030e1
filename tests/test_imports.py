"""The dependency table of ARCHITECTURE.md, checked on every module's imports (``ast``), and the API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import policydiff

PACKAGE = Path(policydiff.__file__).parent
# imported by everyone; they import only each other
BOTTOM = {"model", "records", "errors", "text", "files", "dates", "limits"}
CORE = {"segment", "align", "diff", "classify", "compare"}  # pure stages: no I/O, no config, no clock
SERVICES = {
    "config", "load", "archive", "settlements", "fetch", "review", "notice", "send", "render", "rule_cache",
    "method_cache",
}  # fmt: skip
# leaves anyone may import, which import nothing of ours but each other: patterns compiled on first
# use behind a gate of their first characters, and pickles that keep patterns compiled (issue 17)
ANYONE = {"lazy_re", "regex_gate", "pattern_pickle"}
MAY_IMPORT: dict[str, set[str]] = {  # a top-level part → the parts of ours it may import
    "lazy_re": {"regex_gate"},
    "regex_gate": set(),
    "pattern_pickle": set(),
    "errors": set(),
    "text": set(),
    "files": set(),
    "dates": set(),
    "limits": {"errors"},
    "model": {"errors"},
    "records": {"model", "errors"},  # the notice's and check's dataclasses, apart so diff never builds them
    "segment": {"model", "text"},
    "align": {"model", "text"},
    "diff": {"model", "text"},
    "classify": {"model", "text", "errors", "classify"},
    "compare": BOTTOM | {"segment", "align", "diff", "classify"},
    "render": {"model", "records", "text", "dates", "render"},
    "config": BOTTOM,
    "load": BOTTOM | {"load", "fetch", "archive"},
    "archive": BOTTOM,
    "settlements": BOTTOM | {"archive"},  # what settled a version, kept beside its archive
    "fetch": BOTTOM,
    "review": BOTTOM | {"classify"},
    "send": BOTTOM | {"send"},
    "rule_cache": BOTTOM | {"classify"},  # the compiled rule book, kept in the user's cache folder
    "method_cache": {"files"},  # the dataclasses' compiled methods, kept beside it
    # the notice reads each rule's plain words (classify's rule book) and the organisation (config)
    "notice": BOTTOM | {"render", "classify", "config"},
    # one module per command: commands use the core and the services, never the command line
    "commands": BOTTOM | CORE | SERVICES | {"commands"},
}


def ours(path: Path) -> set[str]:
    """The top-level parts of policydiff (``model``, ``classify``, …) a module imports, anywhere in it,
    but for the leaf anyone may import."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = (
                [node.module] if node.module != "policydiff" else [f"policydiff.{a.name}" for a in node.names]
            )
        parts |= {name.split(".")[1] for name in names if name.startswith("policydiff.")}
    return parts - ANYONE


def part_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_table(path: Path) -> None:
    part, imported = part_of(path), ours(path) - {part_of(path)}
    imported -= {"__version__"}  # the package's version string, which anyone may name
    if part in MAY_IMPORT:
        assert imported <= MAY_IMPORT[part], f"{part} may not import {sorted(imported - MAY_IMPORT[part])}"
    if part != "__main__":
        assert "cli" not in imported, f"{part} imports cli"


@pytest.mark.parametrize("leaf", sorted(ANYONE))
def test_a_leaf_anyone_may_import_imports_nothing_of_ours_but_another_leaf(leaf: str) -> None:
    tree = ast.parse((PACKAGE / f"{leaf}.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in modules if m and m.startswith("policydiff")} <= {
        f"policydiff.{other}" for other in ANYONE
    }


def test_the_bottom_layer_imports_nothing_of_ours_but_model_errors() -> None:
    for name in ("text.py", "errors.py", "files.py", "dates.py"):
        assert ours(PACKAGE / name) == set(), name
    assert ours(PACKAGE / "model.py") <= {"errors"}


def test_every_part_of_the_package_is_in_the_table() -> None:
    parts = {part_of(path) for path in MODULES} - {"__init__", "__main__", "cli"}
    assert parts <= set(MAY_IMPORT), f"not in the table: {sorted(parts - set(MAY_IMPORT))}"


def classify_internals(path: Path) -> set[str]:
    """The private modules of ``classify`` (``policydiff.classify.rules``, …) a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policydiff.classify."):
            found.add(node.module or "")
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("policydiff.classify.")}
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_classify_internals_are_private_to_classify(path: Path) -> None:
    if part_of(path) != "classify":
        internals = sorted(classify_internals(path))
        assert not internals, f"import policydiff.classify, not {internals}"


def test_public_api_is_pinned() -> None:
    assert policydiff.__all__ == ["Report", "Settings", "__version__", "compare", "load", "segment"]
    for name in policydiff.__all__:
        assert getattr(policydiff, name) is not None


# Modules held to less than their part allows: file formats never reach the archive, fetch or each other.
ONLY_IMPORT: dict[str, set[str]] = {
    "load/docx.py": BOTTOM | {"load"},
    "load/pdf.py": BOTTOM | {"load"},
    "render/docx_redline.py": {"model", "render"},
    "render/docx_merge.py": {"model", "text"},  # text: what a table rule line is
    "render/docx_tokens.py": {"model", "render"},
    "render/docx_layout.py": {"model", "render"},
    "render/docx_xml.py": {"render"},
}


@pytest.mark.parametrize("name", sorted(ONLY_IMPORT))
def test_file_format_modules_import_only_the_bottom_layer(name: str) -> None:
    imported = ours(PACKAGE / name)
    assert imported <= ONLY_IMPORT[name], f"{name} may not import {sorted(imported - ONLY_IMPORT[name])}"


# typer reads every command's annotations when it builds the command line; as strings (PEP 563)
# each is compiled and evaluated on every run, 11 ms of `policydiff --help` (issue 17). The modules
# that declare commands keep real annotations; names imported for type checking only are quoted.
COMMAND_MODULES = sorted(
    path
    for path in (PACKAGE / "cli").glob("*.py")
    if "typer.Option(" in path.read_text(encoding="utf-8")
    or "typer.Argument(" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=lambda p: p.name)
def test_command_modules_keep_real_annotations(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    future = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    assert not any(a.name == "annotations" for n in future for a in n.names), path.name
