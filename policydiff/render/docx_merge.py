"""The Word redline's first step: the old and the new version merged into one sequence of items.

The items follow the new version's order (a longest common subsequence of the two streams): an
unchanged leaf is one item, a change shown by its word edits is one, and a side found in one
version only is one (deleted or inserted). A moved change laid out at both places becomes a
numbered move; each material change names the item its comment goes on. Pure: data in, data out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import Enum

from policydiff.model import Change, ChangeKind, Clause, Edit, Op, Outline, Report, Severity
from policydiff.text import TABLE_RULE, table_cells

__all__ = ["Item", "Mode", "Piece", "merge"]

# the changes that get a comment: every change of substance, an undecided one above all
_MATERIAL = (Severity.MAJOR, Severity.REVIEW, Severity.MINOR)

# A change's side as (start, end, index in report.changes)
_Range = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of one document's text: an unchanged leaf, or the side of a change and the leaves it covers."""

    key: tuple[str, object]
    start: int
    text: str
    leaves: tuple[Clause, ...]
    change: int | None = None  # index in report.changes


class Mode(Enum):
    SAME = "same"  # unchanged: in both versions as it is
    PAIRED = "paired"  # a change shown by its word edits
    OLD_ONLY = "old"  # only in the old version: deleted (or moved away)
    NEW_ONLY = "new"  # only in the new version: inserted (or moved here)


@dataclass(frozen=True, slots=True)
class Item:
    """One place of the redline: its edits, the pieces of each version it shows, its move and comments."""

    mode: Mode
    edits: tuple[Edit, ...]
    old: Piece | None
    new: Piece | None
    change: int | None
    move: int = 0  # the number of the move this item is one end of; 0 for none
    comments: tuple[int, ...] = ()  # the changes (indexes in report.changes) commented on this item


def merge(report: Report, old: Outline, new: Outline) -> tuple[Item, ...]:
    """Old and new streams of pieces merged in the new document's order, moves numbered, comments placed.

    Raises ``ValueError`` when a change's text is not in the outline given for its side.
    """
    changes = report.changes
    old_stream, old_swallowed = _stream(old, changes, new_side=False)
    new_stream, new_swallowed = _stream(new, changes, new_side=True)
    items = _merged(old_stream, new_stream, changes)
    moves = _move_numbers(items, changes)
    comments = _comment_hosts(items, changes, (new_swallowed, old_swallowed))
    return tuple(
        replace(item, move=moves.get(at, 0), comments=tuple(comments.get(at, ())))
        if at in moves or at in comments
        else item
        for at, item in enumerate(items)
    )


def _stream(
    outline: Outline, changes: Sequence[Change], *, new_side: bool
) -> tuple[list[Piece], dict[int, int]]:
    """One document as pieces in its order; and the changes whose side lies inside another's (→ that one)."""
    text = outline.document.text
    outer, swallowed = _outer_sides(text, changes, new_side=new_side)
    starts = [start for start, _, _ in outer]
    order: list[Clause | int] = []  # a leaf of its own, or the index in ``outer`` of the side covering it
    covered: dict[int, list[Clause]] = {}
    for leaf in outline.leaves():
        at = bisect_right(starts, leaf.start) - 1
        if at >= 0 and leaf.start < outer[at][1]:
            if at not in covered:
                covered[at] = []
                order.append(at)
            covered[at].append(leaf)
        else:
            order.append(leaf)
    for at, (_, _, index) in enumerate(outer):
        if at not in covered:
            swallowed[index] = -1  # a side that holds no leaf: nothing of it to lay out
    return [_piece(entry, outer, covered, changes, text) for entry in order], swallowed


def _outer_sides(
    text: str, changes: Sequence[Change], *, new_side: bool
) -> tuple[list[_Range], dict[int, int]]:
    """The sides of the changes on one document, outermost only; each side inside another → that one."""
    ranges: list[_Range] = []
    for index, change in enumerate(changes):
        side = change.new if new_side else change.old
        if side is None:
            continue
        if text[side.start : side.end] != side.text:
            which = "new" if new_side else "old"
            raise ValueError(f"change {change.id}: its {which} text is not in the {which} document given")
        ranges.append((side.start, side.end, index))
    ranges.sort(key=lambda r: (r[0], -r[1], r[2]))
    outer: list[_Range] = []
    swallowed: dict[int, int] = {}
    for start, end, index in ranges:
        if outer and start < outer[-1][1]:
            swallowed[index] = outer[-1][2]  # its text is already inside the outer change's text
            continue
        if outer and start == outer[-1][1] and _pieces_of_one_clause(changes[outer[-1][2]], changes[index]):
            # the paragraphs of one added or removed clause, judged one by one, are laid out as one
            outer[-1] = (outer[-1][0], end, outer[-1][2])
            swallowed[index] = outer[-1][2]
            continue
        outer.append((start, end, index))
    return outer, swallowed


def _pieces_of_one_clause(first: Change, then: Change) -> bool:
    """Two added (or two removed) sides that meet end to start: pieces of one clause (compare._units)."""
    one_sided = (ChangeKind.ADDED, ChangeKind.REMOVED)
    return first.kind is then.kind and first.kind in one_sided


def _piece(
    entry: Clause | int,
    outer: list[_Range],
    covered: dict[int, list[Clause]],
    changes: Sequence[Change],
    text: str,
) -> Piece:
    if isinstance(entry, Clause):
        return Piece(("same", entry.text), entry.start, entry.text, (entry,))
    start, end, index = outer[entry]
    change = changes[index]
    paired = change.old is not None and change.new is not None and change.kind is not ChangeKind.MOVED
    key = ("pair" if paired else "side", index)
    return Piece(key, start, text[start:end], tuple(covered[entry]), index)


def _merged(old_stream: list[Piece], new_stream: list[Piece], changes: Sequence[Change]) -> list[Item]:
    """The pieces both streams share in order; where they differ, the old pieces, then the new ones."""
    paired = {p.change for p in old_stream if p.key[0] == "pair"} & {
        p.change for p in new_stream if p.key[0] == "pair"
    }
    # a pair whose other side lies inside a larger change there is laid out as one-sided
    old_keys = [p.key if p.key[0] != "pair" or p.change in paired else ("old", p.change) for p in old_stream]
    new_keys = [p.key if p.key[0] != "pair" or p.change in paired else ("new", p.change) for p in new_stream]
    items: list[Item] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(old_from, old_to), range(new_from, new_to), strict=True):
                items.extend(_common(old_stream[i], new_stream[j], changes))
            continue
        items.extend(_one_sided(old_stream[i], Mode.OLD_ONLY) for i in range(old_from, old_to))
        items.extend(_one_sided(new_stream[j], Mode.NEW_ONLY) for j in range(new_from, new_to))
    return items


def _common(old: Piece, new: Piece, changes: Sequence[Change]) -> list[Item]:
    if new.change is None:
        return [Item(Mode.SAME, (Edit(Op.EQUAL, new.text),), old, new, None)]
    if _shape(old.text) != _shape(new.text):
        # a row that became a table of its own (or the reverse), or a table or a row of another
        # number of columns: word edits across a header rule or a cell border cannot be tracked cell
        # by cell, so the old side is deleted and the new one inserted
        return [_one_sided(old, Mode.OLD_ONLY), _one_sided(new, Mode.NEW_ONLY)]
    return [Item(Mode.PAIRED, changes[new.change].edits, old, new, new.change)]


def _shape(text: str) -> tuple[list[int], list[int]]:
    """The header rules of ``text`` and its table rows, each as its number of columns."""
    rules = [rule.strip().strip("|").count("|") + 1 for rule in TABLE_RULE.findall(text)]
    rows = [len(table_cells(line)) for line in text.splitlines() if line.lstrip().startswith("|")]
    return rules, rows


def _one_sided(piece: Piece, mode: Mode) -> Item:
    if mode is Mode.OLD_ONLY:
        return Item(mode, (Edit(Op.DELETE, piece.text),), piece, None, piece.change)
    return Item(mode, (Edit(Op.INSERT, piece.text),), None, piece, piece.change)


def _move_numbers(items: list[Item], changes: Sequence[Change]) -> dict[int, int]:
    """Item position → move number: a moved change laid out at both places; with one end only, no move."""
    ends: dict[int, list[int]] = {}
    for at, item in enumerate(items):
        one_sided = item.mode in (Mode.OLD_ONLY, Mode.NEW_ONLY)
        if item.change is not None and one_sided and changes[item.change].kind is ChangeKind.MOVED:
            ends.setdefault(item.change, []).append(at)
    numbers: dict[int, int] = {}
    number = 0
    for pair in ends.values():
        if len(pair) == 2 and {items[at].mode for at in pair} == {Mode.OLD_ONLY, Mode.NEW_ONLY}:
            number += 1
            numbers.update(dict.fromkeys(pair, number))
    return numbers


def _comment_hosts(
    items: list[Item], changes: Sequence[Change], swallowed_by: tuple[dict[int, int], dict[int, int]]
) -> dict[int, list[int]]:
    """Item position → the material changes commented there, each once: where its new text is, else its
    old text, else its host's (``swallowed_by``: the new side's nesting, then the old side's)."""
    new_place: dict[int, int] = {}
    old_place: dict[int, int] = {}
    for at, item in enumerate(items):
        if item.change is not None:
            place = new_place if item.mode in (Mode.PAIRED, Mode.NEW_ONLY) else old_place
            place.setdefault(item.change, at)
    hosts: dict[int, list[int]] = {}
    for index, change in enumerate(changes):
        if change.severity not in _MATERIAL:
            continue
        host = _placed(index, new_place, old_place)
        for swallowed in swallowed_by:
            outer = swallowed.get(index, -1)
            while host is None and outer >= 0:
                host = _placed(outer, new_place, old_place)
                outer = swallowed.get(outer, -1)
        if host is None and items:
            host = 0  # nothing laid out holds it: the top of the document does
        if host is not None:
            hosts.setdefault(host, []).append(index)
    return hosts


def _placed(index: int, new_place: dict[int, int], old_place: dict[int, int]) -> int | None:
    at = new_place.get(index)
    return at if at is not None else old_place.get(index)
