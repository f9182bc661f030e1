"""Every module of the package binds each of its top-level names once (``ast``).

A pattern or a table bound twice at a module's top level is read, by every function of the module,
as its last binding: the first one is dead, and the functions written beside it read another
pattern than the one their comment describes (three such pairs were found in ``classify``).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import policydiff

PACKAGE = Path(policydiff.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def _bound(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.append(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_top_level_name_is_bound_once(path: Path) -> None:
    counts = Counter(_bound(ast.parse(path.read_text(encoding="utf-8"))))
    assert [name for name, count in counts.items() if count > 1] == []


def test_a_name_bound_twice_is_found() -> None:
    tree = ast.parse("A = 1\ndef f():\n    return A\nA = 2\nclass B: ...\nB = 3\n")
    assert [name for name, count in Counter(_bound(tree)).items() if count > 1] == ["A", "B"]
