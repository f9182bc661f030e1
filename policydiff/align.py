"""Pair the leaves of two clause trees by content, not by position.

1. Exact: leaves whose keys (``text.fold`` without list markers and heading numbers) are
   equal pair first, by a hash lookup, in document order.
2. Similar: each remaining new leaf looks up candidate old leaves through an inverted index
   of its rarer words, scores the best few with rapidfuzz, and the pairs are taken greedily,
   best first, preferring pairs that sit between the same exact anchors. No all-pairs scan.
3. Split and merged: an unpaired clause whose words reappear in a run of consecutive
   unpaired (or weakly paired) clauses on the other side.
4. Moved: the largest (by text length) set of pairs in the same order on both sides stays;
   every other pair was moved (a weighted longest increasing subsequence).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from policydiff.lazy_re import lazy
from policydiff.model import Clause, ClauseKind, ClausePair, Outline, PairStatus
from policydiff.text import LEADING_MARKER, fold, word_set

MIN_SIMILARITY = 0.5  # below this two clauses are a removal and an addition, not an edit
MOVED_SIMILARITY = 0.7  # the same, for a clause that also left its section and its place
_SHORT_WORDS = 4  # a clause of fewer distinct words pairs away from its place only if nearly the same
_SHORT_SIMILARITY = 0.9
_ALIKE_WORDS = 12  # a clause of fewer words pairs in its place with one that reads alike
_REORDERED_WORDS = 0.6  # share of words two clauses in the same place hold alike to pair as an edit
# … when each is the only clause its gap lost or gained ("Children under 13 may not use the service"
# → "The service is not intended for children under 13")
_LONE_REORDERED_WORDS = 0.45
_TRAIL_COPIES = 16  # a clause with more copies than this pairs by its neighbours or in order, not by headings
_CANDIDATES = 12  # similar old leaves scored per new leaf
_COMMON_WORD = 60  # a word in more unpaired old leaves than this does not propose candidates
_PART_CONTAINMENT = 0.6  # share of a part's words found in the whole, for split/merge
_CLOSER = 0.03  # how much closer a run must be than a pair already 0.9 alike to take its place


# A heading's number of four digits ("## 1232. Data Security"), which list markers do not read:
# a long policy renumbered keeps its headings' keys
_LONG_NUMBER = lazy(r"^\s*\d{4}(?:\.\d{1,4})*[.)]?\s+(?=\S)")
_SETEXT_UNDERLINE = lazy(r"\n\s*(?:-{2,}|={2,})\s*$")
_MARKDOWN_ESCAPE = lazy(r"\\([!-/:-@\[-`{-~])")
# Markup before a heading's number: "## 3. Sharing", "**3. Sharing**", "#### **3.1 Sharing**".
_HEADING_MARKUP = lazy(r"^\s*(?:#{1,6}\s+(?:\*\*|__)?|\*\*|__)")


def clause_key(clause: Clause) -> str:
    """The comparison key of a leaf: folded words, without its list marker or numbering."""
    if clause.kind is ClauseKind.HEADING:
        # a setext heading's underline and Markdown's escapes ("6\. SECURITY." / "-----") are markup
        plain = _MARKDOWN_ESCAPE.sub(r"\1", _SETEXT_UNDERLINE.sub("", clause.text))
        text = _HEADING_MARKUP.sub("", plain, count=1)
        return fold(LEADING_MARKER.sub("", _LONG_NUMBER.sub("", text, count=1), count=1))
    if clause.kind in (ClauseKind.ITEM, ClauseKind.DEFINITION) or clause.label:
        return fold(LEADING_MARKER.sub("", clause.text, count=1))
    return fold(clause.text)


def _key(clause: Clause, keys: dict[tuple[str, ClauseKind, bool], str]) -> str:
    seen = (clause.text, clause.kind, bool(clause.label))
    key = keys.get(seen)
    if key is None:
        key = keys[seen] = clause_key(clause)
    return key


def _numbering(clause: Clause) -> str:
    """The leaf's own number as written ("3.", "(a)", "Section 2"), or "" when it has none."""
    text = _HEADING_MARKUP.sub("", clause.text, count=1) if clause.kind is ClauseKind.HEADING else clause.text
    match = LEADING_MARKER.match(text)
    marker = "".join(match.group(0).split()) if match else ""
    return marker if any(char.isalnum() for char in marker) else ""  # a bullet is not a number


@dataclass(slots=True)
class _Unit:
    """A pair under construction: old and new leaf indices."""

    old: list[int]
    new: list[int]
    similarity: float
    moved: bool = False


@dataclass(slots=True)
class _Side:
    """One version's leaves while they are paired: their keys, words and partners."""

    leaves: tuple[Clause, ...]
    keys: list[str]
    words: list[frozenset[str]] = field(default_factory=list)
    partner: dict[int, int] = field(default_factory=dict)  # leaf index → unit index

    def word_set(self, index: int) -> frozenset[str]:
        if not self.words:
            self.words = [frozenset()] * len(self.leaves)
        if not self.words[index] and self.keys[index]:
            self.words[index] = word_set(self.keys[index])
        return self.words[index]


def align(old: Outline, new: Outline, alike: Callable[[str], str] | None = None) -> tuple[ClausePair, ...]:
    """All pairs, unchanged ones included, in the order of the new document.

    ``alike`` reads a key as its equivalent wording ("data" for "information"): two short clauses
    in the same place that read alike pair, though too few of their letters match to pair them.
    """
    old_side = _Side(old.leaves(), [])
    new_side = _Side(new.leaves(), [])
    # (the versions share most of their clauses word for word: each distinct clause is keyed once)
    keys: dict[tuple[str, ClauseKind, bool], str] = {}
    old_side.keys = [_key(leaf, keys) for leaf in old_side.leaves]
    new_side.keys = [_key(leaf, keys) for leaf in new_side.leaves]
    units: list[_Unit] = []
    _pair_exact(old_side, new_side, units)
    if alike is not None:
        _pair_alike(old_side, new_side, units, alike)
    _pair_similar(old_side, new_side, units)
    _pair_parts(old_side, new_side, units, whole_is_old=True)
    _pair_parts(new_side, old_side, units, whole_is_old=False)
    _mark_moves(units, old_side, new_side)
    return _to_pairs(units, old_side, new_side)


def _add(units: list[_Unit], old_side: _Side, new_side: _Side, unit: _Unit) -> None:
    for index in unit.old:
        old_side.partner[index] = len(units)
    for index in unit.new:
        new_side.partner[index] = len(units)
    units.append(unit)


def _pair_exact(old_side: _Side, new_side: _Side, units: list[_Unit]) -> None:
    """Equal keys pair in document order; a repeated clause ("We do not sell your information."
    in two sections, a heading two sections share) pairs first with the copy in the same place: the
    same clause beside it, then the same headings above it. So the copy that went is the one
    reported, under its own heading, and a moved section takes its heading with it."""
    by_key: dict[str, deque[int]] = defaultdict(deque)
    old_keys = [key or "\0" + old_side.leaves[index].text for index, key in enumerate(old_side.keys)]
    for index, key in enumerate(old_keys):
        by_key[key].append(index)
    new_keys = [key or "\0" + new_side.leaves[index].text for index, key in enumerate(new_side.keys)]
    new_count = Counter(new_keys)
    paired: dict[int, int] = {}  # new leaf → old leaf
    # the copies of a clause most alike taken first: a copy that only shares its headings must not
    # take the one another copy stands beside. Candidates come from indexes of what stands beside
    # each copy, so a clause repeated a thousand times costs no more than its copies
    repeated = {key for key, queue in by_key.items() if len(queue) > 1 or new_count[key] > 1}
    old_trails, new_trails = _trails(old_side.leaves), _trails(new_side.leaves)
    beside: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    for index, key in enumerate(old_keys):
        if key in repeated:
            beside[(key, 1, _key_at(old_keys, index + 1))].append(index)
            beside[(key, -1, _key_at(old_keys, index - 1))].append(index)
            if len(by_key[key]) <= _TRAIL_COPIES:
                beside[(key, 0, "\0".join(old_trails[index]))].append(index)
    scored: list[tuple[int, int, int]] = []
    for index, key in enumerate(new_keys):
        if key not in repeated or key not in by_key:
            continue
        near = (
            *beside.get((key, 1, _key_at(new_keys, index + 1)), ()),
            *beside.get((key, -1, _key_at(new_keys, index - 1)), ()),
            *beside.get((key, 0, "\0".join(new_trails[index])), ()),
        )
        for copy in dict.fromkeys(near):
            score = 3 * (_key_at(old_keys, copy + 1) == _key_at(new_keys, index + 1) is not None)
            score += 2 * (_key_at(old_keys, copy - 1) == _key_at(new_keys, index - 1) is not None)
            score += old_trails[copy] == new_trails[index]
            if score > 0:
                scored.append((-score, index, copy))
    taken: set[int] = set()
    for _, index, copy in sorted(scored):
        if index not in paired and copy not in taken:
            paired[index] = copy
            taken.add(copy)
    for index, copy in paired.items():
        by_key[new_keys[index]].remove(copy)
    for index, key in enumerate(new_keys):
        queue = by_key.get(key)
        old = paired.get(index)
        if old is None and queue:
            old = queue.popleft()
        if old is not None:
            _add(units, old_side, new_side, _Unit([old], [index], 1.0))


def _pair_alike(old_side: _Side, new_side: _Side, units: list[_Unit], alike: Callable[[str], str]) -> None:
    """Short clauses in the same gap whose words read alike ("1. Information We Collect" → "1. Data
    We Collect"): common words propose no candidates and few letters match, yet one was reworded
    into the other. Long clauses are left to the letters: an equivalent word changes few of them."""
    gap_of_old, gap_of_new = _gap_ids(old_side, units), _gap_ids(new_side, units)
    waiting: dict[tuple[int, str], deque[int]] = defaultdict(deque)
    for i, key in enumerate(old_side.keys):
        if i not in old_side.partner and key and key.count(" ") < _ALIKE_WORDS:
            waiting[(gap_of_old[i], alike(key))].append(i)
    if not waiting:
        return
    for j, key in enumerate(new_side.keys):
        if j in new_side.partner or not key or key.count(" ") >= _ALIKE_WORDS:
            continue
        queue = waiting.get((gap_of_new[j], alike(key)))
        if queue:
            i = queue.popleft()
            _add(units, old_side, new_side, _Unit([i], [j], _similarity(old_side.keys[i], key)))


def _key_at(keys: Sequence[str], at: int) -> str | None:
    """The key of the leaf at ``at``, None past either end."""
    return keys[at] if 0 <= at < len(keys) else None


def _trails(leaves: Sequence[Clause]) -> list[tuple[str, ...]]:
    """``_trail`` of each leaf; the leaves of a section share one heading tuple, folded once."""
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    return [seen.get(leaf.heading) or seen.setdefault(leaf.heading, _trail(leaf)) for leaf in leaves]


def _trail(clause: Clause) -> tuple[str, ...]:
    """The headings above a clause, folded and without their numbers."""
    return tuple(fold(LEADING_MARKER.sub("", heading, count=1)) for heading in clause.heading)


def _similarity(left: str, right: str) -> float:
    return fuzz.ratio(left, right) / 100.0


def _pair_similar(old_side: _Side, new_side: _Side, units: list[_Unit]) -> None:
    free_old = [i for i in range(len(old_side.leaves)) if i not in old_side.partner and old_side.keys[i]]
    free_new = [i for i in range(len(new_side.leaves)) if i not in new_side.partner and new_side.keys[i]]
    if not free_old or not free_new:
        return
    index = _word_index(old_side, free_old)
    gap_of_old = _gap_ids(old_side, units)
    gap_of_new = _gap_ids(new_side, units)
    # the sections both versions have: a clause that left one of them for another is a move
    old_trails, new_trails = _trails(old_side.leaves), _trails(new_side.leaves)
    shared = set(old_trails) & set(new_trails)
    # a gap that lost one clause and gained one: the new one is most likely the old one rewritten
    lone_old = Counter(gap_of_old[i] for i in free_old)
    lone_new = Counter(gap_of_new[j] for j in free_new)
    scored: list[tuple[float, float, int, int]] = []
    for j in free_new:
        for i in _candidates(index, new_side.word_set(j)):
            score = _similarity(old_side.keys[i], new_side.keys[j])
            local = 0.1 if gap_of_old[i] == gap_of_new[j] else 0.0
            alone = bool(local) and lone_old[gap_of_old[i]] == 1 and lone_new[gap_of_new[j]] == 1
            # moved between sections both versions keep, and edited too: that needs closer wording
            # than an edit in place ("We do not sell it" under California, "We may share it" under
            # Children); a reorganised policy, whose sections were renamed, pairs as before
            was, now = old_trails[i], new_trails[j]
            elsewhere = not local and was != now and was in shared and now in shared
            # a few words far from their place ("* Reinforcement measures" in a table of contents,
            # "Data on reinforcement measures" under a section) share letters, not a clause
            short = not local and was != now
            short = short and min(len(old_side.word_set(i)), len(new_side.word_set(j))) < _SHORT_WORDS
            needed = _SHORT_SIMILARITY if short else MOVED_SIMILARITY if elsewhere else MIN_SIMILARITY
            # in the same place, the same words reordered ("Children under 13 may not use it" →
            # "It is not for children under 13"): letters far apart, words shared; the score is just
            # enough to pair, so any pair whose letters are alike is taken first
            reordered = _LONE_REORDERED_WORDS if alone else _REORDERED_WORDS
            if score < needed and local and _overlap(old_side.word_set(i), new_side.word_set(j)) >= reordered:
                score = needed
            if score < needed and local and _same_row(old_side.leaves[i], new_side.leaves[j]):
                # a table row names its thing in its first cell ("| Acme Cloud | Germany |" →
                # "| Acme Cloud | United States | SCCs |"): the same row, its other cells edited
                score = needed
            if score >= needed:
                scored.append((score + local, score, i, j))
    scored.sort(key=lambda item: (-item[0], item[2], item[3]))
    for _, score, i, j in scored:
        if i not in old_side.partner and j not in new_side.partner:
            _add(units, old_side, new_side, _Unit([i], [j], score))


def _same_row(old: Clause, new: Clause) -> bool:
    """Two rows of tables under the same header whose first cells name the same thing."""
    if old.kind is not ClauseKind.ROW or new.kind is not ClauseKind.ROW or old.context != new.context:
        return False
    first = fold(_first_cell(old.text))
    return bool(first) and not first.isdigit() and first == fold(_first_cell(new.text))


def _first_cell(row: str) -> str:
    return row.strip().strip("|").split("|", 1)[0]


def _overlap(left: frozenset[str], right: frozenset[str]) -> float:
    """The words two clauses share, over the words either has (Jaccard)."""
    return len(left & right) / len(left | right) if left or right else 0.0


def _word_index(side: _Side, indices: Sequence[int]) -> dict[str, list[int]]:
    """Word → the leaves among ``indices`` that hold it, in document order."""
    index: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        for word in side.word_set(i):
            index[word].append(i)
    return index


def _candidates(index: dict[str, list[int]], words: frozenset[str]) -> list[int]:
    """The leaves sharing most of ``words``, a rare word counting for more; common words propose none."""
    votes: dict[int, float] = defaultdict(float)
    for word in words:
        posting = index.get(word)
        if posting and len(posting) <= _COMMON_WORD:
            weight = 1.0 / len(posting)
            for i in posting:
                votes[i] += weight
    best = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[:_CANDIDATES]
    return [i for i, _ in best]


def _gap_ids(side: _Side, units: list[_Unit]) -> list[int]:
    """Which gap between exact anchors each leaf sits in, named on both sides by the old index of
    the anchor before it (-1 before the first), so a gap's leaves share one id across versions."""
    gaps: list[int] = []
    current = -1
    for index in range(len(side.leaves)):
        unit = side.partner.get(index)
        if unit is not None:
            current = units[unit].old[0]
        gaps.append(current)
    return gaps


def _joined_key(side: _Side, indices: Sequence[int]) -> str:
    return " ".join(side.keys[i] for i in indices)


def _containment(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _pair_parts(whole_side: _Side, part_side: _Side, units: list[_Unit], *, whole_is_old: bool) -> None:
    """Find one clause of ``whole_side`` that became (or came from) a run on ``part_side``."""
    free = [index for index in range(len(part_side.leaves)) if index not in part_side.partner]
    free_parts = _word_index(part_side, free)
    old_side, new_side = (whole_side, part_side) if whole_is_old else (part_side, whole_side)
    for whole in range(len(whole_side.leaves)):
        unit_index = whole_side.partner.get(whole)
        current = units[unit_index] if unit_index is not None else None
        found = _run_for(whole, current, whole_side, part_side, free_parts, whole_is_old=whole_is_old)
        if found is None:
            continue
        run, score = found
        if unit_index is not None:
            _drop(units, whole_side, part_side, unit_index, whole_is_old=whole_is_old)
        unit = _Unit([whole], run, score) if whole_is_old else _Unit(run, [whole], score)
        _add(units, old_side, new_side, unit)


def _run_for(
    whole: int,
    current: _Unit | None,
    whole_side: _Side,
    part_side: _Side,
    free_parts: dict[str, list[int]],
    *,
    whole_is_old: bool,
) -> tuple[list[int], float] | None:
    """The run of part clauses ``whole`` became (or came from) and its score, if it beats ``whole``'s pair."""
    if current is not None and len(current.old) + len(current.new) > 2:
        return None
    if current is not None and _needed(current.similarity) > 1.0:
        return None  # no run scores above 1: an equal pair stays, and its words need not be read
    whole_words = whole_side.word_set(whole)
    if not whole_words:
        return None
    seeds = (
        (current.new if whole_is_old else current.old)
        if current
        else _free_parts(part_side, free_parts, whole_words)
    )
    if not seeds:
        return None
    run = _grow_run(part_side, seeds, whole_words)
    if len(run) < 2:
        return None
    score = _similarity(whole_side.keys[whole], _joined_key(part_side, run))
    return (run, score) if score >= _needed(current.similarity if current else MIN_SIMILARITY) else None


def _needed(baseline: float) -> float:
    """The score a run needs to take a clause from a pair this close. A close pair gives way only
    to a run that is closer still: a paragraph whose last sentence a page break (or an editor) set
    apart pairs 0.9 with its first part and 1.0 with both."""
    margin = _CLOSER if baseline >= 0.9 else 0.05
    return max(baseline + margin, 0.6)


def _free_parts(part_side: _Side, free_parts: dict[str, list[int]], whole_words: frozenset[str]) -> list[int]:
    """The unpaired clause of the other side with most of its words in the whole, if any."""
    candidates: set[int] = set()
    for word in whole_words:
        posting = free_parts.get(word)
        if posting and len(posting) <= _COMMON_WORD:
            candidates.update(posting)
    best, best_score = -1, 0.0
    for index in sorted(candidates):
        if index in part_side.partner:
            continue
        words = part_side.word_set(index)
        if len(words) < 3:
            continue
        score = _containment(words, whole_words)
        if score >= _PART_CONTAINMENT and score > best_score:
            best, best_score = index, score
    return [best] if best >= 0 else []


def _grow_run(part_side: _Side, seeds: list[int], whole_words: frozenset[str]) -> list[int]:
    """Extend a run of consecutive unpaired clauses whose words lie in the whole."""
    run = sorted(seeds)

    def fits(index: int) -> bool:
        if index < 0 or index >= len(part_side.leaves) or index in part_side.partner:
            return False
        words = part_side.word_set(index)
        return bool(words) and _containment(words, whole_words) >= _PART_CONTAINMENT

    while fits(run[0] - 1):
        run.insert(0, run[0] - 1)
    while fits(run[-1] + 1):
        run.append(run[-1] + 1)
    return run


def _drop(
    units: list[_Unit], whole_side: _Side, part_side: _Side, unit_index: int, *, whole_is_old: bool
) -> None:
    unit = units[unit_index]
    old_side, new_side = (whole_side, part_side) if whole_is_old else (part_side, whole_side)
    for index in unit.old:
        old_side.partner.pop(index, None)
    for index in unit.new:
        new_side.partner.pop(index, None)
    unit.old, unit.new = [], []


def _mark_moves(units: list[_Unit], old_side: _Side, new_side: _Side) -> None:
    """Keep the heaviest in-order subsequence of pairs in place; the others moved."""
    live = sorted((u for u in units if u.old and u.new), key=lambda u: u.new[0])
    weights = [sum(len(new_side.leaves[i].text) for i in u.new) + 1 for u in live]
    keep = _heaviest_increasing([u.old[0] for u in live], weights)
    for position, unit in enumerate(live):
        unit.moved = position not in keep


def _heaviest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Positions of the increasing subsequence of ``values`` with the largest total weight."""
    if not values:
        return set()
    totals, previous = _chain_totals(values, weights)
    end = max(range(len(values)), key=lambda p: (totals[p], -p))
    keep: set[int] = set()
    while end >= 0:
        keep.add(end)
        end = previous[end]
    return keep


def _chain_totals(values: list[int], weights: list[int]) -> tuple[list[int], list[int]]:
    """For each position, the heaviest increasing chain ending there: its total, and the position before."""
    ranks = {value: rank for rank, value in enumerate(sorted(set(values)), start=1)}
    size = len(ranks)
    tree_best = [0] * (size + 1)  # Fenwick tree of (best total) over ranks
    tree_at = [-1] * (size + 1)
    previous = [-1] * len(values)
    totals = [0] * len(values)
    for position, value in enumerate(values):
        rank = ranks[value]
        best, best_at = 0, -1
        probe = rank - 1
        while probe > 0:
            if tree_best[probe] > best:
                best, best_at = tree_best[probe], tree_at[probe]
            probe -= probe & -probe
        totals[position] = best + weights[position]
        previous[position] = best_at
        probe = rank
        while probe <= size:
            if totals[position] > tree_best[probe]:
                tree_best[probe], tree_at[probe] = totals[position], position
            probe += probe & -probe
    return totals, previous


def _status(unit: _Unit, old_side: _Side, new_side: _Side) -> PairStatus:
    if not unit.new:
        return PairStatus.REMOVED
    if not unit.old:
        return PairStatus.ADDED
    if len(unit.old) == 1 and len(unit.new) > 1:
        return PairStatus.SPLIT
    if len(unit.old) > 1:
        return PairStatus.MERGED
    old_leaf, new_leaf = old_side.leaves[unit.old[0]], new_side.leaves[unit.new[0]]
    if old_leaf.text == new_leaf.text:
        return PairStatus.MOVED if unit.moved else PairStatus.SAME
    renumbered = old_leaf.label != new_leaf.label or _numbering(old_leaf) != _numbering(new_leaf)
    if old_side.keys[unit.old[0]] == new_side.keys[unit.new[0]] and renumbered:
        return PairStatus.MOVED if unit.moved else PairStatus.RENUMBERED
    return PairStatus.MODIFIED


def _to_pairs(units: list[_Unit], old_side: _Side, new_side: _Side) -> tuple[ClausePair, ...]:
    live = _with_unpaired(units, old_side, new_side)
    live.sort(key=_new_order(live))
    return tuple(
        ClausePair(
            status=_status(unit, old_side, new_side),
            old=tuple(old_side.leaves[i] for i in unit.old),
            new=tuple(new_side.leaves[i] for i in unit.new),
            moved=unit.moved,
            similarity=unit.similarity,
        )
        for unit in live
    )


def _with_unpaired(units: list[_Unit], old_side: _Side, new_side: _Side) -> list[_Unit]:
    """The units still holding clauses, then one for each clause left alone: removed, then added."""
    live = [u for u in units if u.old or u.new]
    live += [_Unit([i], [], 0.0) for i in range(len(old_side.leaves)) if i not in old_side.partner]
    live += [_Unit([], [i], 0.0) for i in range(len(new_side.leaves)) if i not in new_side.partner]
    return live


def _new_order(live: list[_Unit]) -> Callable[[_Unit], tuple[float, int, int]]:
    """The sort key of units in the order of the new document."""
    new_position_of_old: dict[int, int] = {}
    for unit in live:
        if unit.old and unit.new:
            for index in unit.old:
                new_position_of_old[index] = unit.new[0]
    paired_old = sorted(new_position_of_old)

    def order(unit: _Unit) -> tuple[float, int, int]:
        if unit.new:
            return (unit.new[0], 1, 0)
        # a removed clause goes right after the new place of the old clause before it
        before = bisect_left(paired_old, unit.old[0]) - 1
        anchor = new_position_of_old[paired_old[before]] if before >= 0 else -1
        return (anchor + 0.5, 0, unit.old[0])

    return order
