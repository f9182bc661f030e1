"""The text form of ``policydiff segment``: one line per clause, indented by depth."""

from __future__ import annotations

from policydiff.model import Clause, Outline

_PREVIEW = 72


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _PREVIEW else flat[: _PREVIEW - 1] + "…"


def _lines(clause: Clause, depth: int, out: list[str]) -> None:
    span = f"[{clause.start}:{clause.end}]"
    label = clause.heading[-1] if clause.kind.value == "section" and clause.heading else _preview(clause.text)
    out.append(f"{'  ' * depth}{clause.path:<14} {clause.kind.value:<10} {span:<13} {label}")
    for child in clause.children:
        _lines(child, depth + 1, out)


def render_outline(outline: Outline) -> str:
    """A readable clause tree: path, kind, offsets and the start of each clause's text."""
    document = outline.document
    leaves = outline.leaves()
    out = [
        f"{document.source}  ·  {document.title or 'untitled'}  ·  {len(leaves)} clauses  ·  "
        f"sha256 {document.sha256[:12]}",
    ]
    for clause in outline.clauses:
        _lines(clause, 0, out)
    return "\n".join(out) + "\n"
