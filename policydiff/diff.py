"""Word-level edits between two texts: the only importer of a diff-match-patch backend.

Texts are tokenised (words, white space, punctuation), each distinct token is mapped to one
character, and diff-match-patch diffs those characters: a word diff at the speed of a
character diff. The C++ port ``fast_diff_match_patch`` is used where it is installed (it is
several times faster on long clauses); the pure-Python ``diff_match_patch`` otherwise. Both
run with no time limit, so the result depends on the texts alone, never on machine load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from policydiff.model import Edit, Op
from policydiff.text import token_strings

_FIRST_CODE = 0x100  # clear of ASCII and Latin-1, so no token maps onto a character dmp treats specially
_SURROGATES = range(0xD800, 0xE000)

RawDiff = Callable[[str, str], list[tuple[int, str]]]


@cache
def _backend() -> tuple[str, RawDiff]:
    """Pick the fastest backend installed; ops are returned as -1 / 0 / 1 whichever it is."""
    try:
        import fast_diff_match_patch
    except ImportError:
        from diff_match_patch import diff_match_patch

        engine = diff_match_patch()
        engine.Diff_Timeout = 0  # the 1 s default makes results depend on machine load

        def pure(old: str, new: str) -> list[tuple[int, str]]:
            diffs = engine.diff_main(old, new, False)
            engine.diff_cleanupSemantic(diffs)
            return [(int(op), text) for op, text in diffs]

        return "diff-match-patch", pure

    codes = {"=": 0, "+": 1, "-": -1}

    def fast(old: str, new: str) -> list[tuple[int, str]]:
        diffs = fast_diff_match_patch.diff(
            old, new, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False
        )
        return [(codes[op], text) for op, text in diffs]

    return "fast-diff-match-patch", fast


def backend_name() -> str:
    """Which diff-match-patch implementation is in use."""
    return _backend()[0]


def _code_point(index: int) -> str:
    code = _FIRST_CODE + index
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


def _encode(tokens: Sequence[str], table: dict[str, str]) -> str:
    chars = []
    for token in tokens:
        char = table.get(token)
        if char is None:
            char = table[token] = _code_point(len(table))
        chars.append(char)
    return "".join(chars)


def word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """Edits that turn ``old`` into ``new`` word by word; equal+delete rebuild old, equal+insert new."""
    if old == new:
        return (Edit(Op.EQUAL, old),) if old else ()
    old_tokens, new_tokens = token_strings(old), token_strings(new)
    table: dict[str, str] = {}
    encoded_old, encoded_new = _encode(old_tokens, table), _encode(new_tokens, table)
    tokens_by_char = {char: token for token, char in table.items()}
    edits: list[Edit] = []
    for code, chars in _backend()[1](encoded_old, encoded_new):
        op = Op.EQUAL if code == 0 else Op.INSERT if code > 0 else Op.DELETE
        text = "".join(tokens_by_char[char] for char in chars)
        if edits and edits[-1].op is op:
            edits[-1] = Edit(op, edits[-1].text + text)
        elif text:
            edits.append(Edit(op, text))
    return tuple(_delete_first(edits))


def _delete_first(edits: list[Edit]) -> list[Edit]:
    """Within a run of changes put the deletion before the insertion, as redlines read."""
    out: list[Edit] = []
    for edit in edits:
        if edit.op is Op.DELETE and out and out[-1].op is Op.INSERT:
            inserted = out.pop()
            previous = out[-1] if out else None
            if previous is not None and previous.op is Op.DELETE:
                out[-1] = Edit(Op.DELETE, previous.text + edit.text)
            else:
                out.append(edit)
            out.append(inserted)
        else:
            out.append(edit)
    return out


def rebuild(edits: Sequence[Edit], side: Op) -> str:
    """The old text (``side=Op.DELETE``) or the new text (``side=Op.INSERT``) of some edits."""
    return "".join(edit.text for edit in edits if edit.op is Op.EQUAL or edit.op is side)
