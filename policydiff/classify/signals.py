"""Signals: each a direction (and perhaps a category) with the reason that shows it.

Strength orders them when they disagree on the category: 3 a category rule (a number, a
phrase, a swap, an identity), 2 a term that appeared, disappeared or changed polarity,
1 a generic cue, a swapped word, or a list that gained or lost a member.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from policydiff.classify.editorial import EMAIL_OR_PHONE, replacements
from policydiff.classify.profile import Profile, Region
from policydiff.classify.rules import CategoryRules, Match, Rule, RuleBook
from policydiff.model import Category, ChangeKind, Direction, Edit, Op, Reason, Side
from policydiff.text import WORD, fold

RULE, TERM, CUE = 3, 2, 1

ORGANISATION = re.compile(
    r"\b[A-Z][\w&'-]*(?:[ \t]+(?:[A-Z][\w&'-]*|of|and|&))*[ \t]*,?[ \t]+"
    r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|S\.A\.S?|SAS|SARL|B\.V|BV|N\.V|Pty|Corp|Corporation|plc|PLC|AG|SE|S\.p\.A|Co|Company|LLP|LP)\b\.?"
)
_MEMBER = re.compile(r",|(?:^|\s)(?:and|or|&|as well as|plus)(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Signal:
    category: Category | None
    direction: Direction
    reason: Reason
    strength: int
    consent: str | None = None
    major: bool = False


@dataclass(frozen=True, slots=True)
class Sides:
    """Both sides of a change as the signal finders read them."""

    kind: ChangeKind
    old: Region
    new: Region
    old_profile: Profile
    new_profile: Profile
    edits: tuple[Edit, ...]
    context_terms: tuple[Match, ...]


def signal(
    category: Category | None,
    direction: Direction,
    rule: str,
    says: str,
    match: Match,
    side: Side,
    strength: int,
    consent: str | None = None,
    major: bool = False,
) -> Signal:
    return Signal(
        category,
        direction,
        Reason(rule, says, match.text, side, (match.start, match.end)),
        strength,
        consent,
        major,
    )


def opposite(direction: Direction) -> Direction:
    if direction is Direction.EXPANDS:
        return Direction.NARROWS
    if direction is Direction.NARROWS:
        return Direction.EXPANDS
    return direction


# ------------------------------------------------------------------ category rules


def _in_category(
    rules: CategoryRules, region: Region, match: Match, terms: Sequence[Match], sides: Sides
) -> bool:
    """A phrase rule fires only where its category is spoken of: the same sentence, or the headings."""
    sentence = region.sentence_at(match.start)
    if sentence and any(t.category is rules.category and sentence[0] <= t.start < sentence[1] for t in terms):
        return True
    return any(t.category is rules.category for t in sides.context_terms)


def _numbers(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    out = []
    olds = [q for q, c in sides.old_profile.numbers if c is rules.category and q.unit == rule.unit]
    news = [q for q, c in sides.new_profile.numbers if c is rules.category and q.unit == rule.unit]
    for before, after in zip(olds, news, strict=False):
        if before.value == after.value:
            continue
        direction = rule.larger if after.value > before.value else opposite(rule.larger)
        adverse = direction is Direction.EXPANDS
        says = f"{rule.says if adverse else rules.topic}: {before.text} → {after.text}"
        match = Match(rule.id, rules.category, after.text, after.start, after.end)
        out.append(
            signal(
                rules.category,
                direction,
                rule.id,
                says,
                match,
                Side.NEW,
                RULE,
                rule.consent if adverse else None,
            )
        )
    return out


def _phrases(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    def hits(region: Region, found: Profile) -> list[Match]:
        return [
            h
            for h in found.rule_hits.get((rule.id, "phrases"), [])
            if _in_category(rules, region, h, found.terms, sides)
        ]

    old_hits, new_hits = hits(sides.old, sides.old_profile), hits(sides.new, sides.new_profile)
    old_count, new_count = Counter(fold(h.text) for h in old_hits), Counter(fold(h.text) for h in new_hits)
    if rule.kind == "phrase-added":
        fresh = [h for h in new_hits if new_count[fold(h.text)] > old_count.get(fold(h.text), 0)]
        if fresh:
            return [
                signal(
                    rules.category,
                    rule.direction,
                    rule.id,
                    rule.says,
                    fresh[0],
                    Side.NEW,
                    RULE,
                    rule.consent,
                    rule.major,
                )
            ]
    elif sides.kind is not ChangeKind.ADDED:
        gone = [h for h in old_hits if old_count[fold(h.text)] > new_count.get(fold(h.text), 0)]
        if gone:
            return [
                signal(
                    rules.category,
                    rule.direction,
                    rule.id,
                    rule.says,
                    gone[0],
                    Side.OLD,
                    RULE,
                    rule.consent,
                    rule.major,
                )
            ]
    return []


def _swap(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    old_hits = sides.old_profile.rule_hits.get((rule.id, "old"), [])
    new_hits = sides.new_profile.rule_hits.get((rule.id, "new"), [])
    if not old_hits or not new_hits:
        return []
    if sides.new_profile.rule_hits.get((rule.id, "old")) or sides.old_profile.rule_hits.get((rule.id, "new")):
        return []
    says = f"{rule.says}: «{old_hits[0].text}» → «{new_hits[0].text}»"
    return [
        signal(
            rules.category,
            rule.direction,
            rule.id,
            says,
            new_hits[0],
            Side.NEW,
            RULE,
            rule.consent,
            rule.major,
        )
    ]


def _identity(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    """A different legal entity named where the controller or operator is named."""

    def entities(region: Region, found: Profile) -> dict[str, Match]:
        named: dict[str, Match] = {}
        for start, end in region.spans:
            if any(
                t.category is rules.category and t.name == "controller" and start <= t.start < end
                for t in found.terms
            ):
                for m in ORGANISATION.finditer(region.text, start, end):
                    named.setdefault(
                        fold(m.group()), Match(rule.id, rules.category, m.group(), m.start(), m.end())
                    )
        return named

    before, after = entities(sides.old, sides.old_profile), entities(sides.new, sides.new_profile)
    if before and after and not set(before) & set(after):
        match = next(iter(after.values()))
        says = f"{rule.says}: {next(iter(before.values())).text} → {match.text}"
        return [signal(rules.category, rule.direction, rule.id, says, match, Side.NEW, RULE, None, True)]
    return []


def _details(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    def found(region: Region) -> set[str]:
        return {
            re.sub(r"\s", "", m.group()).casefold()
            for _, s in region.parts()
            for m in EMAIL_OR_PHONE.finditer(s)
        }

    before, after = found(sides.old), found(sides.new)
    if before == after:
        return []
    side = Side.NEW if after - before else Side.OLD
    shown = sorted(after - before) or sorted(before - after)
    return [
        signal(
            rules.category,
            rule.direction,
            rule.id,
            rule.says,
            Match(rule.id, rules.category, shown[0], 0, 0),
            side,
            TERM,
        )
    ]


_RULE_KINDS = {
    "number": _numbers,
    "phrase-added": _phrases,
    "phrase-removed": _phrases,
    "swap": _swap,
    "identity": _identity,
    "details": _details,
}


def rule_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    return [
        s
        for rules in rulebook.categories
        for rule in rules.rules
        for s in _RULE_KINDS[rule.kind](rule, rules, sides)
    ]


# ------------------------------------------------------------------ terms


def _gained(rules: CategoryRules, concept: str) -> Direction:
    return Direction.EXPANDS if concept in rules.adverse else rules.gained


def _lost(rules: CategoryRules, concept: str) -> Direction:
    return Direction.NARROWS if concept in rules.adverse else rules.lost


def _synonyms(old: Profile, new: Profile) -> set[tuple[Category, str]]:
    """Members swapped for another of the same concept ("ads" → "advertisements"): a rewording."""
    gone = {(c, m.name): key for key, m in old.affirmed.items() if key not in new.affirmed for c in [key[0]]}
    came = {(c, m.name): key for key, m in new.affirmed.items() if key not in old.affirmed for c in [key[0]]}
    return {key for concept in gone.keys() & came.keys() for key in (gone[concept], came[concept])}


def _same_members(old: Profile, new: Profile, rulebook: RuleBook) -> bool:
    def members(found: Profile) -> set[tuple[Category, str]]:
        return {k for k in found.affirmed if k[1] not in rulebook.by_category(k[0]).grouped}

    return members(old) == members(new)


def term_signals(rulebook: RuleBook, sides: Sides, disclosed: frozenset[tuple[str, str]]) -> list[Signal]:
    """Terms that appeared, disappeared, or moved between an affirmation and a denial."""
    old, new = sides.old_profile, sides.new_profile
    out: list[Signal] = []
    reworded = _synonyms(old, new)
    negations_dropped = len(old.cues.get("cue.negation", [])) > len(new.cues.get("cue.negation", []))
    for key, match in new.affirmed.items():
        category, member = key
        rules = rulebook.by_category(category)
        if key in old.affirmed or key in reworded:
            continue
        if key in old.denied:
            denied = old.denied[key].text
            says = f"a denial about {rules.topic} is now an affirmation («{denied}» no longer denied)"
            out.append(
                signal(
                    category,
                    _gained(rules, match.name),
                    f"{category.value}.denial-lifted",
                    says,
                    match,
                    Side.NEW,
                    TERM,
                    rules.consent.get(match.name),
                )
            )
        elif sides.kind is ChangeKind.ADDED and (category.value, member) in disclosed:
            continue  # a new explanation of something the old text already said
        else:
            says = f"new in {rules.topic}: «{match.text}»"
            out.append(
                signal(
                    category,
                    _gained(rules, match.name),
                    f"{category.value}.added",
                    says,
                    match,
                    Side.NEW,
                    TERM,
                    rules.consent.get(match.name),
                )
            )
    for key, match in old.denied.items():
        if key in new.denied or key in new.affirmed:
            continue
        category, _ = key
        rules = rulebook.by_category(category)
        if sides.kind is ChangeKind.REMOVED or negations_dropped:
            says = f"a denial about {rules.topic} was removed («{match.text}»)"
            out.append(
                signal(
                    category,
                    _gained(rules, match.name),
                    f"{category.value}.denial-removed",
                    says,
                    match,
                    Side.OLD,
                    TERM,
                    rules.consent.get(match.name),
                )
            )
    for key, match in new.denied.items():
        if key not in old.denied:
            category, _ = key
            rules = rulebook.by_category(category)
            says = f"new denial about {rules.topic} («{match.text}»)"
            out.append(
                signal(
                    category,
                    opposite(_gained(rules, match.name)),
                    f"{category.value}.denial-added",
                    says,
                    match,
                    Side.NEW,
                    TERM,
                )
            )
    verbs_gained = any(
        k[1] in rulebook.by_category(k[0]).grouped for k in new.affirmed if k not in old.affirmed
    )
    for key, match in old.affirmed.items():
        if key not in new.affirmed and key not in new.denied and key not in reworded:
            if (
                key[1] in rulebook.by_category(key[0]).grouped
                and not verbs_gained
                and _same_members(old, new, rulebook)
            ):
                continue  # "we use cookies to …" → "cookies help us …": the verb went, the practice stayed
            category, _ = key
            rules = rulebook.by_category(category)
            says = f"no longer in {rules.topic}: «{match.text}»"
            out.append(
                signal(
                    category,
                    _lost(rules, match.name),
                    f"{category.value}.removed",
                    says,
                    match,
                    Side.OLD,
                    TERM,
                )
            )
    return out


# ------------------------------------------------------------------ generic cues, swaps, lists


def cue_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    out: list[Signal] = []
    for cue in rulebook.cues:
        before = sides.old_profile.cues.get(cue.id, [])
        after = sides.new_profile.cues.get(cue.id, [])
        if len(after) == len(before):
            continue
        added = len(after) > len(before)
        adverse = added if cue.effect == "permits" else not added
        match, side = (after[-1], Side.NEW) if added else (before[-1], Side.OLD)
        direction = Direction.EXPANDS if adverse else Direction.NARROWS
        out.append(
            signal(None, direction, cue.id, cue.says_added if added else cue.says_removed, match, side, CUE)
        )
    return out


def swap_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """Single words replaced by wider or narrower ones, in sentences about some category."""
    if not (sides.old_profile.terms or sides.new_profile.terms):
        return []
    out = []
    for deleted, inserted in replacements(sides.edits):
        for swap in rulebook.swaps:
            if deleted in {fold(w) for w in swap.old} and inserted in {fold(w) for w in swap.new}:
                match = Match(swap.id, None, f"{deleted} → {inserted}", 0, 0)
                out.append(signal(None, swap.direction, swap.id, swap.says, match, Side.NEW, CUE))
    return out


def _permission_category(found: Profile, span: tuple[int, int], rulebook: RuleBook) -> Category | None:
    """The category of a practice (not a right) spoken of in a sentence, by rule-file priority."""
    inside = [t for t in found.terms if span[0] <= t.start < span[1] and t.category is not None]
    if any(rulebook.by_category(t.category).protective for t in inside if t.category):
        return None  # "you may object to A and B" lists what a right covers, not new practices
    for rules in rulebook.categories:
        if rules.protective or rules.gained is not Direction.EXPANDS:
            continue
        if any(t.category is rules.category and span[0] <= t.start < span[1] for t in found.terms):
            return rules.category
    return None


def list_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """Words only added (or only removed) inside a sentence about a practice.

    A new member of a list widens an affirmation ("we share it with A and B") and narrows a
    denial; a new qualifier inside a denial ("we do not read your *private* messages") lets
    the company do more.
    """
    if sides.kind not in (ChangeKind.MODIFIED, ChangeKind.MOVED):
        return []
    out: list[Signal] = []
    old_at = new_at = 0
    edits = sides.edits
    for index, edit in enumerate(edits):
        size = len(edit.text)
        lone = edit.op is not Op.EQUAL and all(
            edits[i].op in (Op.EQUAL, edit.op) for i in (index - 1, index + 1) if 0 <= i < len(edits)
        )
        if lone:
            inserted = edit.op is Op.INSERT
            region, found, at = (
                (sides.new, sides.new_profile, new_at) if inserted else (sides.old, sides.old_profile, old_at)
            )
            produced = _list_signal(rulebook, edit.text, region, found, at, inserted=inserted)
            if produced:
                out.append(produced)
        if edit.op is not Op.INSERT:
            old_at += size
        if edit.op is not Op.DELETE:
            new_at += size
    return out


def _list_signal(
    rulebook: RuleBook, words: str, region: Region, found: Profile, at: int, *, inserted: bool
) -> Signal | None:
    content = [
        w for w in WORD.findall(words.casefold()) if w not in rulebook.editorial_words and not w.isdigit()
    ]
    span = region.sentence_at(at)
    if not content or span is None:
        return None
    category = _permission_category(found, span, rulebook)
    if category is None:
        return None
    denied = next((d for s, e, d in found.denials if s <= at < e), False)
    member = bool(_MEMBER.search(words))
    if not member and not denied:
        return None  # a qualifier in an affirmation: too weak to read either way
    widens = (member and not denied) if inserted else (member and denied)
    key = (
        ("member_added" if inserted else "member_removed")
        if member
        else ("qualifier_added" if inserted else "qualifier_removed")
    )
    if not member:
        widens = inserted  # a qualifier added inside a denial shrinks what it denies
    direction = Direction.EXPANDS if widens else Direction.NARROWS
    match = Match(key, category, words.strip(), at, at + len(words))
    return signal(
        category,
        direction,
        f"cue.list-{key.replace('_', '-')}",
        rulebook.lists[key],
        match,
        Side.NEW if inserted else Side.OLD,
        CUE,
    )
