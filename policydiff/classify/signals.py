"""Signals: each a direction (and perhaps a category) with the reason that shows it.

Strength orders them when they disagree on the category: 3 a category rule (a number, a
phrase, a swap, an identity), 2 a term that appeared, disappeared or changed polarity,
1 a generic cue, a swapped word, or a list that gained or lost a member.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from policydiff.classify.editorial import edit_runs_at, replacements_at
from policydiff.classify.equivalents import canonical, word_forms
from policydiff.classify.numbers import quantities
from policydiff.classify.practice import (
    PRACTICE_CATEGORY,
    USER_RIGHT,
    USER_WORDS,
    WIDENING,
    granting_lead,
    grants_to_user,
    practice_reader,
)
from policydiff.classify.profile import (
    ABOUT_THE_TEXT,
    ADVICE,
    CONTRAST,
    DETERMINERS,
    EVEN_CONCESSION,
    EXCEPTING,
    LAWS,
    LEGAL_FORM_ALONE,
    MODALS,
    NAME_INSIDE,
    OF_THE_USER,
    TAKEN_OUT,
    TEXT_FORMULA,
    TEXT_OBJECT,
    TEXT_SUBJECT,
    Profile,
    Region,
    about_something_else,
    after_users_own_choice,
    age_gate,
    covering_kinds,
    denial_spans,
    is_aside,
    is_safeguard,
    kind_key,
    kinds_named,
    main_clause,
    member_key,
    states_a_bound,
)
from policydiff.classify.rulebook import IN_A_LEADING_CONDITION, CategoryRules, Match, RuleBook
from policydiff.classify.statements import statement_reader
from policydiff.lazy_re import lazy
from policydiff.model import Category, ChangeKind, Direction, Edit, Op, Reason, Side, Told
from policydiff.text import WHOLE_SENTENCES, WORD, fold, mask_links, sentences, table_cells

RULE, TERM, CUE = 3, 2, 1
_BY_RULE_ALONE = Told()  # a reason its rule id and the change's direction tell with no part of it

# what joins list members: a comma, a semicolon or a line break (a table cell's list), a conjunction
# where the reader can get what a clause names: ", available on request", ", which is available in the
# app" (a recipient would follow "available *to*": that is sharing, and no aside)
_WHERE_TO_GET_IT = lazy(
    r"\s*[,(]\s*(?:which\s+is\s+|that\s+is\s+|and\s+)?(?:freely\s+|publicly\s+)?"
    r"(?:available|accessible|viewable|downloadable|obtainable)\s+(?:up)?on\s+request\b[^,.;()]*\)?\s*,?\s*"
    r"|\s*[,(]\s*(?:which\s+is\s+|that\s+is\s+)?(?:freely\s+)?"
    r"(?:available|accessible|viewable|downloadable|obtainable)\s+(?:on|at|in|from|through|via)\s+"
    r"(?:our|the|this|your)\s+(?:\w+\s+){0,2}?(?:website|site|web\s*site|app|application|help\s+cent(?:er|re)|"
    r"settings|page|portal|dashboard|account)\b[^,.;()]*\)?\s*,?\s*",
    re.IGNORECASE,
)
_MEMBER = lazy(r"[,;]|<br\s*/?>|(?:^|\s)(?:and|or|&|as well as|plus)(?:\s|$)", re.IGNORECASE)
# a relative clause opening after a comma: ", which …", ", after which …", ", in whose …"
_RELATIVE_OPEN = lazy(
    r"[\s,;]*(?:(?:after|before|during|in|at|by|through|from|for|with|under|until|upon|on)\s+)?"
    r"(?:which|whom|whose|who)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One reading of a change: a category, a direction and the reason that shows it."""

    category: Category | None
    direction: Direction
    reason: Reason
    strength: int
    consent: str | None = None
    major: bool = False
    # a cue's reading that is the statement's own ("deleted *only if you ask*": the protective act
    # waits on a request), which a clause added or removed whole states as well
    statement: bool = False


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
    lead: str = ""  # the list lead-in the clause is an item of ("You have the right to:")
    headings: str = ""  # the heading trails the clause stands under, both sides, a line each


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
    told: Told = _BY_RULE_ALONE,
    statement: bool = False,
) -> Signal:
    return Signal(
        category,
        direction,
        Reason(rule, says, match.text, side, (match.start, match.end), told),
        strength,
        consent,
        major,
        statement,
    )


def opposite(direction: Direction) -> Direction:
    if direction is Direction.EXPANDS:
        return Direction.NARROWS
    if direction is Direction.NARROWS:
        return Direction.EXPANDS
    return direction


# ------------------------------------------------------------------ terms


def _gained(rules: CategoryRules, concept: str) -> Direction:
    if concept in rules.protects:
        return Direction.NARROWS
    return Direction.EXPANDS if concept in rules.adverse else rules.gained


def _lost(rules: CategoryRules, concept: str) -> Direction:
    if concept in rules.protects:
        return Direction.EXPANDS  # a safeguard removed while the practice stays (LABELING.md, Removals)
    return Direction.NARROWS if concept in rules.adverse else rules.lost


def _denied(rules: CategoryRules, concept: str) -> Direction:
    if concept in rules.denial_explains:  # "no longer a valid safeguard" explains; it grants nothing
        return opposite(rules.gained)
    return opposite(_gained(rules, concept))  # "we no longer delete inactive accounts": a protection withheld


@dataclass(frozen=True, slots=True)
class _TermEvent:
    """How a term signal of one event (``<category>.<event>``) is told, read and placed."""

    says: str  # with {topic} (the category's) and {words} (the term as written)
    direction: Callable[[CategoryRules, str], Direction]  # by the category and the term's concept
    side: Side
    consent: bool  # whether the category's ``[consent]`` table applies to the concept


_TERM_EVENTS = {
    "denial-lifted": _TermEvent(
        "a denial about {topic} is now an affirmation («{words}» no longer denied)", _gained, Side.NEW, True
    ),
    "added": _TermEvent("new in {topic}: «{words}»", _gained, Side.NEW, True),
    "denial-removed": _TermEvent("a denial about {topic} was removed («{words}»)", _gained, Side.OLD, True),
    "denial-added": _TermEvent("new denial about {topic} («{words}»)", _denied, Side.NEW, False),
    "bounded": _TermEvent(
        "a stated period bounds {topic} («{words}»)", lambda _r, _c: Direction.NEUTRAL, Side.NEW, False
    ),
    "removed": _TermEvent("no longer in {topic}: «{words}»", _lost, Side.OLD, False),
}


_SAFEGUARD_EVENTS = {
    "added": "a safeguard in {topic} was added: «{words}»",
    "removed": "a safeguard in {topic} was removed: «{words}»",
}


def _hurdle(rulebook: RuleBook, key: tuple[Category, str], event: str, kind: ChangeKind) -> Direction | None:
    """The direction of a hurdle gained or lost (``CategoryRules.hurdles``), else None."""
    if key[1] not in rulebook.by_category(key[0]).hurdles or event not in _HURDLE_DIRECTIONS:
        return None
    if kind is not ChangeKind.MODIFIED:
        return Direction.NEUTRAL
    return _HURDLE_DIRECTIONS[event]


# a hurdle gained makes a right harder to use; denied ("no proof of identity is needed"), easier
_HURDLE_DIRECTIONS = {
    "added": Direction.EXPANDS,
    "removed": Direction.NARROWS,
    "denial-added": Direction.NARROWS,
    "denial-lifted": Direction.EXPANDS,
    "denial-removed": Direction.EXPANDS,
}


def _term_signal(
    rulebook: RuleBook,
    event: str,
    category: Category,
    match: Match,
    words: str,
    *,
    hurdle: Direction | None = None,
) -> Signal:
    """The signal of one term event: ``words`` are those quoted, ``match`` the term it is about
    (``hurdle``: its direction when the term is a hurdle before a right)."""
    how = _TERM_EVENTS[event]
    rules = rulebook.by_category(category)
    # a protective concept of a category that is no safeguard itself (a transfer's standard
    # contractual clauses, a deletion) is told as the safeguard it is
    told = _SAFEGUARD_EVENTS.get(event) if match.name in rules.protects and not rules.protective else None
    says = (told or how.says).format(topic=rules.topic, words=words)
    # a kind of a sensitive concept (a faceprint is biometric) needs what the concept needs
    consent = rules.consent_for(match.name) if how.consent else None
    direction = hurdle or how.direction(rules, match.name)
    return signal(category, direction, f"{category.value}.{event}", says, match, how.side, TERM, consent)


# what points to another text for what follows: "for more information, including how …", "to
# learn more about …"
_POINTER = lazy(
    r"\b(?:for\s+(?:more|further)\s+(?:information|details)|to\s+learn\s+more|to\s+find\s+out\s+more"
    # … and a topic sent to another text without "more" ("For information about our cookie practices,
    # see our Cookie Notice"; "to learn about …")
    r"|for\s+(?:information|details)\s+(?:about|on|regarding|concerning)|to\s+(?:learn|find\s+out|read)\s+about"
    # … and another part of this text sent to ("see the next section for more on cookies")
    r"|see\s+(?:the\s+)?(?:next|following|previous|section|part|below|above)\b[^.;:]{0,40}?\b(?:for|on|about))\b",
    re.IGNORECASE,
)


POINTER_OPENS = lazy(r"\W*(?:please\s+)?(?:" + _POINTER.pattern + r")", re.IGNORECASE)


def _pointed_to(region: Region, match: Match) -> bool:
    """Whether a term stands after a pointer to another text in its sentence, or after words that
    say what this text covers ("This policy explains … how long we keep it"): the text states the
    practice where it covers it, not here."""
    span = region.sentence_at(match.start)
    return span is not None and (
        _POINTER.search(region.text, span[0], match.start) is not None
        or ABOUT_THE_TEXT.search(region.text, span[0], match.start) is not None
    )


def _synonyms(old: Profile, new: Profile) -> set[tuple[Category, str]]:
    """Members swapped for another of the same concept ("ads" → "advertisements"), affirmed on
    both sides or denied on both: a rewording."""
    found: set[tuple[Category, str]] = set()
    for before, after in ((old.affirmed, new.affirmed), (old.denied, new.denied)):
        gone = {(key[0], m.name): key for key, m in before.items() if key not in after}
        came = {(key[0], m.name): key for key, m in after.items() if key not in before}
        found |= {key for concept in gone.keys() & came.keys() for key in (gone[concept], came[concept])}
    return found


def _grown_into(sides: Sides, rulebook: RuleBook) -> set[tuple[Category, str]]:
    """Old terms that still stand, untouched, at the head of a longer new term of another category
    whose added words name no term ("we use analytics" → "we use analytics tools"): one mention,
    read under another category only because the lexicon's longest match took it, as both keys."""
    old, new = sides.old_profile, sides.new_profile
    came = [(k, m) for k, m in new.affirmed.items() if k not in old.affirmed]
    if not came:
        return set()
    kept: list[tuple[int, int, int]] = []  # (old start, new start, size) of each unchanged run
    old_at = new_at = 0
    for edit in sides.edits:
        if edit.op is Op.EQUAL:
            kept.append((old_at, new_at, len(edit.text)))
        old_at += len(edit.text) if edit.op is not Op.INSERT else 0
        new_at += len(edit.text) if edit.op is not Op.DELETE else 0
    found: set[tuple[Category, str]] = set()
    for key, match in old.affirmed.items():
        if key in new.affirmed:
            continue
        at = next(
            (n + match.start - o for o, n, size in kept if o <= match.start and match.end <= o + size), None
        )
        if at is None:
            continue
        for other, longer in came:
            # (a head noun after the old words only: a modifier before them makes a kind of its own,
            # "data" → "health data", read by the finer-kind rules)
            if other[0] is key[0] or longer.start != at or longer.end <= at + len(match.text):
                continue
            added = sides.new.text[at + len(match.text) : longer.end]
            if not rulebook.find_terms(added.strip()):
                found |= {key, other}
    return found


def _verb_said(verb: Match, old: Region) -> bool:
    """Whether the old side's changed sentences say the verb of a practice ("use" of "We use") in
    words the lexicon did not read as one ("we *currently* use")."""
    words = [w for w in WORD.findall(verb.text.casefold()) if w not in _VERB_SUBJECTS]
    if not words:
        return False
    # … and not denied there: "we do not use X" → "we use X" lifts a denial
    negated = _negated()
    text = " ".join(negated.sub(" ", old.text[start:end]) for start, end in old.spans)
    said = {form for w in WORD.findall(text) for form in word_forms(w.casefold())}
    return all(word_forms(w) & said for w in words)


_VERB_SUBJECTS = frozenset({"we", "may", "your", "of", "to", "for", "are", "is", "our", "us"})


@cache
def _negated() -> re.Pattern[str]:
    """A negation (the statement reader's) and the few words it denies."""
    negation = statement_reader().negation
    return re.compile(rf"(?:{negation.pattern})(?:\s+\w+){{0,3}}", negation.flags | re.IGNORECASE)


def _same_members(old: Profile, new: Profile, rulebook: RuleBook) -> bool:
    def members(found: Profile) -> set[tuple[Category, str]]:
        return {k for k in found.affirmed if k[1] not in rulebook.by_category(k[0]).grouped}

    return members(old) == members(new)


def _choice_now_asked(old: Profile, new: Profile) -> bool:
    """Whether the new side asks for the user's choice (opt-in, consent) more often than the old."""
    return any(
        len(new.cues.get(cue, [])) > len(old.cues.get(cue, []))
        for cue in ("cue.opt-in", "cue.consent-required")
    )


def _grant_went(key: tuple[Category, str], sides: Sides) -> bool:
    """A right granted in a clause removed whole ("You can ask us to delete your data"), or a promise
    to tell the user gone from a clause that stays ("we give you notice before …"): the grant is the
    right, the telling is the promise, not a verb of a rewording."""
    if sides.kind is ChangeKind.REMOVED:
        return key[0] is Category.RIGHTS
    # in a clause that stays, the practice stays too: the promise went from it (LABELING.md, Removals)
    return sides.kind is ChangeKind.MODIFIED and key == (Category.NOTICE, "notify")


def _channel_kept(sides: Sides) -> bool:
    """Every way of telling the old side names stays in the new side (OPP-115 Policy Change,
    notification type), and there was one."""

    def channels(found: Profile) -> set[str]:
        return {
            name for category, name in found.affirmed if category is Category.NOTICE and name in _CHANNELS
        }

    told = channels(sides.old_profile)
    return bool(told) and told <= channels(sides.new_profile)


_CHANNELS = ("by_email", "in_app", "posted")  # notice.toml's ways of telling


def _collecting_denied(found: Profile, rulebook: RuleBook) -> bool:
    """Whether a side denies the collecting itself ("we do not collect …"), not a use of what it holds."""
    verbs = rulebook.by_category(Category.COLLECTION).grouped
    return any(key[0] is Category.COLLECTION and key[1] in verbs for key in found.denied)


def _sentence_gone(sides: Sides, match: Match, rulebook: RuleBook) -> bool:
    """Whether the old sentence holding ``match`` went from the clause: most of its words are no
    word of the new side ("We use it to send receipts." dropped: a practice, not its verb, went)."""
    span = sides.old.sentence_at(match.start)
    if span is None or sides.kind is not ChangeKind.MODIFIED:
        return False

    def stems(text: str) -> set[str]:
        # (a crude stem: "process" stays in "processes"; "we", "us" are no word of substance)
        return {word[:5] for word in _content_words(text, rulebook) if len(word) > 2}

    words = stems(sides.old.text[span[0] : span[1]])
    kept = words & stems(sides.new.text)
    return len(kept) * 2 < len(words)


def _only_verbs_went(old: Profile, new: Profile, rulebook: RuleBook) -> bool:
    """No verb came and every member stayed: a verb that went is a rewording, not a practice gone."""
    verbs_gained = any(
        k[1] in rulebook.by_category(k[0]).grouped for k in new.affirmed if k not in old.affirmed
    )
    return not verbs_gained and _same_members(old, new, rulebook)


def _names_only_covered(
    words: str, at: int, sides: Sides, rulebook: RuleBook
) -> tuple[Category, Match] | None:
    """The first term of an inserted member that is only named instances of classes the old side
    discloses (LABELING.md, Recipients: naming "Stripe" where payment processors were disclosed is
    neutral), else None."""
    classes = _recipient_classes(sides.old_profile)
    # (each term the insert names, read as its member: "our group companies *and subsidiaries*" names
    # a member the sentence's profile filed under its first wording)
    affirmed = sides.new_profile.affirmed
    inside = [
        (key, match)
        for match in sides.new_profile.terms
        if match.category is not None
        and at <= match.start < at + len(words)
        and (key := (match.category, member_key(match, rulebook.by_category(match.category)))) in affirmed
        and (
            match.name in rulebook.by_category(key[0]).instances
            or (key[0], match.name) in classes
            # (a part of a class disclosed: "our group companies *and subsidiaries*"; a place inside a
            # region disclosed: "worldwide, *including India*", transfer.toml [parent])
            or (
                key[0] in (Category.SHARING, Category.TRANSFER)
                and _covered(key, match, sides.old_profile, rulebook)
            )
            # (a place beyond the region the old side sends data out of: "outside the EEA, *including
            # to the United States*")
            or (
                key[0] is Category.TRANSFER and _outside_covers(match, sides.old, sides.old_profile, rulebook)
            )
        )
    ]
    if not inside:
        return None
    named = {w.casefold() for _, match in inside for w in WORD.findall(match.text)}
    # (the words that mark an example are no member: "…, *including* to the United States")
    rest = [
        w
        for w in _content_words(_SEPARATORS.sub(" ", mask_links(words)), rulebook)
        if w not in named and w not in _EXAMPLE_WORDS
    ]
    if rest or not all(
        (key[0], match.name) in classes
        or _covered(key, match, sides.old_profile, rulebook)
        or (key[0] is Category.TRANSFER and _outside_covers(match, sides.old, sides.old_profile, rulebook))
        for key, match in inside
    ):
        return None
    return inside[0][0][0], inside[0][1]


def _serving_verb_joined(words: str, at: int, region: Region, found: Profile, other: Profile) -> Match | None:
    """The purpose term that ``words`` serve when they are only ways of serving an end ("detect and",
    "and investigate") joined within a few words of that term, which stands on both sides; else None."""
    content = [w.casefold() for w in WORD.findall(words) if w.casefold() not in ("and", "or", "to")]
    if not content or any(w not in _SERVING_WORDS and w not in _SERVING_VERBS for w in content):
        return None
    near = (max(0, at - _SERVING_REACH), at + len(words) + _SERVING_REACH)
    there = {t.name for t in other.terms if t.category is Category.PURPOSE}
    return next(
        (
            t
            for t in found.terms
            if t.category is Category.PURPOSE and near[0] <= t.start < near[1] and t.name in there
        ),
        None,
    )


# verbs that serve an end named by their object ("investigate, detect and prevent fraud")
_SERVING_VERBS = frozenset(
    {"identify", "investigate", "combat", "fight", "deter", "mitigate", "address", "stop", "monitor", "spot"}
)
_SERVING_REACH = 30  # characters around the joined words in which the end they serve is named


def _purpose_said_again(words: str, at: int, sides: Sides, rulebook: RuleBook) -> Match | None:
    """The purpose term of an inserted member whose concept the old side's sentence already names
    ("for security" → "for security *and fraud prevention*": CCPA § 1798.140(e)(2), security and
    integrity), when the member says how that purpose is served and nothing else."""
    terms = [t for t in sides.new_profile.terms if at <= t.start < at + len(words) and t.category is not None]
    if not terms or any(t.category is not Category.PURPOSE for t in terms):
        return None
    said = {m.name for k, m in sides.old_profile.affirmed.items() if k[0] is Category.PURPOSE}
    if any(t.name not in said for t in terms):
        return None
    named = {w.casefold() for t in terms for w in WORD.findall(t.text)}
    rest = [w for w in _content_words(_SEPARATORS.sub(" ", mask_links(words)), rulebook) if w not in named]
    # (a member that is only another term of a broad concept, "research *and product development*",
    # may be another purpose: a concept groups ends, and only the ways of serving one are read here)
    return terms[0] if rest and all(w in _SERVING_WORDS for w in rest) else None


# how a purpose is served, no purpose of its own: "fraud *prevention*", "abuse *detection*"
_SERVING_WORDS = frozenset(
    {"prevention", "preventing", "prevent", "detection", "detecting", "detect", "protection", "protecting"}
    | {
        "purposes",
        "purpose",
        "reasons",
        "investigation",
        "investigations",
        "monitoring",
        "control",
        "controls",
    }
)


def _recipient_classes(found: Profile) -> set[tuple[Category, str]]:
    """The classes of recipient a side discloses: another word for one of them ("affiliates" →
    "affiliates and subsidiaries") names the same class (sharing.toml: one concept per class;
    LABELING.md, Recipients)."""
    return {(m.category, m.name) for m in found.affirmed.values() if m.category is Category.SHARING}


def _finer_examples(words: str, at: int, sides: Sides, rulebook: RuleBook) -> tuple[Category, Match] | None:
    """The first term of inserted ``words`` that give examples ("including …", "such as …") that are
    only finer kinds of data the old side already names (a postal code of an address, a card number
    of payment information), else None: LABELING.md, Data types, a sub-element of a type already
    listed is not new (a new description that adds no permission: minor)."""
    if not _EXAMPLES_START.match(words):
        return None
    inside = [
        (key, match)
        for key, match in sides.new_profile.affirmed.items()
        if at <= match.start < at + len(words)
    ]
    old = sides.old_profile
    kinds = all(
        key[0] is Category.COLLECTION
        and key not in old.affirmed
        and rulebook.by_category(key[0]).kinds_above(match.name)
        and _covered(key, match, old, rulebook)
        for key, match in inside
    )
    # … or purposes of a concept the old side names ("for marketing, for example to send you
    # newsletters": the purpose ontology files newsletters under marketing), said in a phrase of
    # their own, whatever its verb
    purposes = all(
        key[0] is Category.PURPOSE
        and key[1] not in rulebook.by_category(key[0]).grouped
        and any(k[0] is key[0] and said.name == match.name for k, said in old.affirmed.items())
        for key, match in inside
    )
    if not inside or not (kinds or purposes):
        return None
    named = {w.casefold() for _, match in inside for w in WORD.findall(match.text)}
    rest = [w for w in _content_words(_SEPARATORS.sub(" ", mask_links(words)), rulebook) if w not in named]
    if not purposes and not all(w in _EXAMPLE_WORDS for w in rest):
        return None
    return inside[0][0][0], inside[0][1]


def _unknown_examples(words: str, at: int, sides: Sides) -> bool:
    """Whether inserted ``words`` give examples ("such as …", or one more in a list of examples still
    open) in which no term of the rule book stands."""
    opens = _EXAMPLES_START.match(words) or _EXAMPLES_OPEN.search(sides.new.text[max(0, at - 80) : at])
    return bool(opens) and not any(at <= t.start < at + len(words) for t in sides.new_profile.terms)


# the words that open a list of examples (equivalents.toml reads them alike)
_EXAMPLE_MARKER = (
    r"(?:including|such\s+as|e\.\s?g\.|for\s+example|for\s+instance|like|in\s+particular|namely)\b"
)
_EXAMPLES_START = lazy(r"\W*" + _EXAMPLE_MARKER, re.IGNORECASE)
# words put before what a list named, that make it an example of a wider class: "purposes such as"
_OPENS_LIST = lazy(r"[\s,]*(?:[\w-]+\s+){0,3}?" + _EXAMPLE_MARKER + r"[\s,:]*", re.IGNORECASE)
_EXAMPLE_WORDS = frozenset(
    {
        "including",
        "such",
        "as",
        "e",
        "g",
        "for",
        "example",
        "instance",
        "like",
        "in",
        "particular",
        "namely",
        "its",
        "their",
    }
)


# categories whose ontology files a concept's words as one kind: data ("name", "surname") and
# purposes ("marketing", "newsletters"); a recipient concept ("partners") names a class of many
_ONE_KIND_PER_CONCEPT = frozenset({Category.COLLECTION, Category.PURPOSE})


def _covered(key: tuple[Category, str], match: Match, old: Profile, rulebook: RuleBook) -> bool:
    """The member, or a kind it belongs to (a postal code → an address), is affirmed on the old side."""
    if key in old.affirmed:
        return True
    # the same concept in longer or shorter words: "your location" → "location data", "name" →
    # "first name" (LABELING.md, data types: a sub-element of a type already listed is not new)
    # … and a kind of data named in other words of its concept ("name" → "surname": one kind, the
    # collection ontology files a concept's words as one kind of data)
    words = f" {key[1]} "
    if any(
        k[0] == key[0]
        and said.name == match.name
        and (f" {k[1]} " in words or words in f" {k[1]} " or key[0] in _ONE_KIND_PER_CONCEPT)
        for k, said in old.affirmed.items()
    ):
        return True
    above = covering_kinds(key, match, rulebook)
    if above and key[0] is Category.SHARING and _named_ones_listed(key, match, old, rulebook):
        return False
    return bool(above) and not kinds_named(old).isdisjoint(above)


def _named_ones_listed(key: tuple[Category, str], match: Match, old: Profile, rulebook: RuleBook) -> bool:
    """Whether the old side names by name the members of a class a company is covered by only from
    afar ("our service providers: Stripe and AWS", then Mailchimp): its own class unnamed, the list of
    named ones is closed, and the company is new to it (LABELING.md, Recipients)."""
    rules = rulebook.by_category(key[0])
    if match.name not in rules.instances:
        return False
    lineage = rules.kinds_above(match.name)
    named = kinds_named(old)
    if (key[0], kind_key(lineage[0])) in named:
        return False  # "payment processors" named: Stripe is one of them
    wider = {kind_key(kind) for kind in lineage[1:]}
    return any(
        said.name in rules.instances
        and not wider.isdisjoint(kind_key(k) for k in rules.kinds_above(said.name))
        for was, said in old.affirmed.items()
        if was[0] is key[0] and said.name != match.name
    )


def _outside_covers(match: Match, region: Region, found: Profile, rulebook: RuleBook) -> bool:
    """Whether the old side sends data outside a region ("transferred outside the EEA") that does
    not hold the place ``match`` names: every place beyond it was named already (GDPR Art. 44, a
    third country)."""
    rules = rulebook.by_category(Category.TRANSFER)
    places = [t for t in found.terms if t.category is Category.TRANSFER]
    for term in places:
        if not _OUTSIDE.search(term.text):
            continue
        region_term = next(
            (p for p in places if 0 <= p.start - term.end <= _PLACE_REACH and p.name not in rules.grouped),
            None,
        )
        if region_term is not None and region_term.name not in rules.lineage(match.name):
            return True
    return False


_OUTSIDE = lazy(r"\boutside(?:\s+of)?(?:\s+the)?$", re.IGNORECASE)
_PLACE_REACH = 6  # at most "the " or "of " between "outside" and the region it names


def named_anew(sides: Sides, rulebook: RuleBook) -> Match | None:
    """A member of a category's lexicon (a kind of data, a recipient, a purpose: no verb or concept)
    whose words the new side holds and the old does not, affirmed in a sentence where the company
    states a practice, and neither affirmed nor covered on the old side ("… information that we
    share with *data brokers*")."""

    def members(region: Region) -> set[tuple[Category, str]]:
        return {
            (m.category, m.name)
            for m in rulebook.find_terms(mask_links(region.text))
            if m.category is not None and m.name not in rulebook.by_category(m.category).grouped
        }

    came = members(sides.new) - members(sides.old)
    if not came:
        return None
    reader = practice_reader()
    grown = _grown_into(sides, rulebook)
    for key, match in sides.new_profile.affirmed.items():
        if match.category is None or (match.category, match.name) not in came or key in grown:
            continue
        if key in sides.old_profile.affirmed or _covered(key, match, sides.old_profile, rulebook):
            continue
        if _said_without_head(key, match, sides):
            continue
        span = sides.new.sentence_at(match.start)
        if span is not None and reader.states_practice(sides.new.text[span[0] : span[1]], rulebook):
            return match
    return None


def protection_gone(sides: Sides, rulebook: RuleBook) -> Match | None:
    """A right or a safeguard of the lexicon in words the edits deleted, of a kind the new side
    names nowhere, where no rule read the sentence ("the school controls the data *and can ask us
    to delete it*"): a protection may have gone, whoever held it (issue 13: fail-open)."""

    def protective(match: Match) -> bool:
        if match.category is None:
            return False
        rules = rulebook.by_category(match.category)
        return match.category is Category.RIGHTS or rules.protective or match.name in rules.protects

    kept = {(m.category, m.name) for m in sides.new_profile.terms if protective(m)}
    # (one the profile read was weighed by the term signals, which found no loss)
    read = {m.start for m in (*sides.old_profile.affirmed.values(), *sides.old_profile.denied.values())}
    deleted: list[tuple[int, int]] = []
    old_at = 0
    for edit in sides.edits:
        # (a run of the term's words alone is a label, "Security." before its paragraph)
        if edit.op is Op.DELETE and len(WORD.findall(edit.text)) > 2:
            deleted.append((old_at, old_at + len(edit.text)))
        if edit.op is not Op.INSERT:
            old_at += len(edit.text)
    return next(
        (
            m
            for m in sides.old_profile.terms
            if protective(m)
            and m.start not in read
            and (m.category, m.name) not in kept
            and any(start <= m.start and m.end <= end for start, end in deleted)
        ),
        None,
    )


def _said_without_head(key: tuple[Category, str], match: Match, sides: Sides) -> bool:
    """The term's words without their head noun stand in an old sentence that names another member
    of its category: "your name and email" → "your name and email address" names no new kind."""
    # (a determiner is no kind: "your address" said without its head is no "your postal code")
    words = [word for word in WORD.findall(match.text) if word.casefold() not in _DETERMINER_WORDS]
    if len(words) < 2 or words[-1].casefold() not in _HEAD_NOUNS:
        return False
    bare = re.compile(
        r"\b" + r"\W+".join(map(re.escape, words[:-1])) + r"\b(?!\W*" + re.escape(words[-1]) + ")", re.I
    )
    for start, sentence in sides.old.parts():
        found = bare.search(sentence)
        if found is None:
            continue
        at = start + found.start()
        if any(
            t.start <= at < t.end and (t.end - t.start) > (found.end() - found.start())
            for t in sides.old_profile.terms
        ):
            continue  # "postal" of "postal code": another kind's words, not this kind without its head
        if any(
            k[0] == key[0] and k != key and span[0] <= m.start < span[1]
            for k, m in sides.old_profile.affirmed.items()
            if (span := sides.old.sentence_at(at)) is not None
        ):
            return True
    return False


_DETERMINER_WORDS = DETERMINERS | {"his", "her", "any", "all"}


def _coordination_said(match: Match, sides: Sides) -> bool:
    """A term that joins two words ("make and model") whose words an old sentence joins in a list
    of its own ("make, model and VIN"): the same kind, said in a longer list."""
    words = WORD.findall(match.text)
    if len(words) != 3 or words[1].casefold() not in ("and", "or"):
        return False
    joined = re.compile(rf"\b{re.escape(words[0])}\s*,\s*{re.escape(words[2])}\b", re.IGNORECASE)
    return any(joined.search(sentence) for _, sentence in sides.old.parts())


# the nouns a kind of data is named with and without ("email" and "email address", "phone" and
# "phone number", "location" and "location data"): the kind is the words before them
_HEAD_NOUNS = frozenset(
    {"address", "addresses", "number", "numbers", "data", "information", "details", "info"}
)


def _disclosed(
    key: tuple[Category, str], match: Match, disclosed: frozenset[tuple[str, str]], rulebook: RuleBook
) -> bool:
    """The old text affirms the member, or a kind it belongs to, somewhere."""
    keys = [key, *covering_kinds(key, match, rulebook)]
    return any((category.value, member) in disclosed for category, member in keys)


def _bounded(match: Match, sides: Sides, rulebook: RuleBook) -> bool:
    """Whether a term of a ``bounded`` concept stands in a sentence stating a definite period that
    nothing in it opens ("kept for 7 days", not "for at least 7 days" or "7 days after you close
    your account"), where the old clause stated none (else the periods compare)."""
    if match.category is None or match.name not in (rules := rulebook.by_category(match.category)).bounded:
        return False
    if any(q.unit == "duration" for q in quantities(sides.old.text)):
        return False
    text = sides.new.text
    start, end = next(((s, e) for s, e in sentences(text) if s <= match.start < e), (0, len(text)))
    sentence = text[start:end]
    if not any(q.unit == "duration" for q in quantities(sentence)):
        return False
    if any(term.name in rules.bounded_unless for term in rulebook.find_terms(sentence)):
        return False
    opening = [rule.phrases for rule in rules.rules if rule.id in rules.bounded_unless_rules]
    return not any(next(phrases.finditer(sentence), None) for phrases in opening)


def _first_bound(match: Match, category: Category, sides: Sides, rulebook: RuleBook) -> bool:
    """Whether a term sets a period by its criteria (``sets_a_bound``) where the old side set none."""
    rules = rulebook.by_category(category)
    bounds = rules.sets_a_bound | rules.bounded_unless
    return match.name in rules.sets_a_bound and not states_a_bound(sides.old_profile, category, bounds)


def _sooner_of_two(match: Match, sides: Sides, rulebook: RuleBook) -> bool:
    """Whether a term of a bound (``sets_a_bound``, ``bounded_unless``) joins a period the old side
    set as the second of two that end the keeping at the sooner ("for 18 months *or until you delete
    it, whichever comes first*"): it can only end the keeping earlier (GDPR Art. 5(1)(e))."""
    if match.category is None:
        return False
    rules = rulebook.by_category(match.category)
    bounds = rules.sets_a_bound | rules.bounded_unless
    if match.name not in bounds or not states_a_bound(sides.old_profile, match.category, bounds):
        return False
    span = sides.new.sentence_at(match.start)
    return span is not None and SOONER_OF_TWO.search(sides.new.text, span[0], span[1]) is not None


def _asked_by_the_user(match: Match, text: str, found: Profile) -> bool:
    """Whether a term stands in the clause a user-directed cue opens, a few words on ("unless you ask
    us to *keep* it", "at your request we *share* it"): the practice is the user's own request
    (OPP-115 User Choice/Control; CCPA § 1798.140(ad)(2)(A)), which that cue reads."""
    return any(
        (0 <= match.start - cue.end <= 25 and not _CLAUSE_END.search(text, cue.end, match.start))
        # (… or after it, naming the users who asked for it: "our newsletter is sent to *subscribers who
        # ask for it*")
        or (
            0 <= cue.start - match.end <= 80
            and _ASKED_FOR_IT.match(cue.text)
            and not _CLAUSE_END.search(text, match.end, cue.start)
        )
        for cue in found.cues.get("cue.user-directed", [])
    )


# the users who asked for what a practice gives them, named after it ("… *subscribers who ask for it*")
_ASKED_FOR_IT = lazy(r"\w+\s+who\b", re.IGNORECASE)
# where a clause ends inside a sentence
_CLAUSE_END = lazy(r"[.;:!?]|,\s+(?:and|but|or)\b")


def _words_deleted(match: Match, edits: Sequence[Edit]) -> bool:
    """Whether a term of the old side stands inside a run the edits deleted alone (nothing put in
    its place)."""
    return any(
        edit.op is Op.DELETE and old_at <= match.start and match.end <= old_at + len(edit.text)
        for edit, old_at, _ in _lone_edits(edits)
    )


def _denial_narrowed(
    key: tuple[Category, str], match: Match, old: Profile, new: Profile, rulebook: RuleBook
) -> bool:
    """Whether a member a denial named went while the denial took another of the same category,
    none of which covers it (LABELING.md, Removals: what the promise limited is allowed now)."""
    rules = rulebook.by_category(key[0])
    if rules.protective or key[1] in rules.grouped or match.name in rules.protects:
        return False
    # "never used for *advertising*" → "not used for *personalised advertising*": the same words with
    # a qualifier before them name a narrower kind, whichever category files it
    said = f" {fold(match.text)}"
    if any(
        k not in old.denied and f" {fold(m.text)}".endswith(said) and len(m.text) > len(match.text)
        for k, m in new.denied.items()
    ):
        return True
    came = [
        m
        for k, m in new.denied.items()
        if k[0] is key[0] and k not in old.denied and k[1] not in rules.grouped
    ]
    if not came:
        return False
    return not any(rules.covers(m.name, match.name) for m in came)


def _denied_act_narrowed(key: tuple[Category, str], new: Profile, rulebook: RuleBook) -> bool:
    """Whether the practice a denial named gave way to a narrower kind of it in the new denial ("we do
    not share it" → "we do not sell it": ``[narrower_acts]``), so that the denial covers less."""
    rules = rulebook.by_category(key[0])
    return any(k[0] is key[0] and rules.narrower_acts.get(k[1]) == key[1] for k in new.denied)


def term_signals(
    rulebook: RuleBook,
    sides: Sides,
    disclosed: frozenset[tuple[str, str]],
    old_clause: Callable[[], Profile] | None = None,
) -> list[Signal]:
    """Terms that appeared, disappeared, or moved between an affirmation and a denial.

    ``old_clause``: the whole old clause, for a modified one (read only when a member seems new);
    a member one of its other sentences already affirms ("Applicable countries: Japan, …") is not
    new where an edit names it again.
    """
    old, new = sides.old_profile, sides.new_profile
    reworded = _synonyms(old, new)
    swapped = _named_swaps(old, new, rulebook)
    reworded |= {key for pair in swapped for key in pair}
    coarsened = _coarsened(old, new, rulebook)
    reworded |= {key for pair in coarsened for key in pair}
    named = _named_in_place(old, new, rulebook)
    reworded |= {key for pair in named for key in pair}
    reworded |= _read_by_swaps(sides, rulebook)
    reworded |= _grown_into(sides, rulebook)
    found: list[tuple[str, tuple[Category, str], Match, str]] = []  # event, term key, term, words quoted
    limiters = [m.end for m in new.cues.get("cue.limiter", [])]
    recipients = _recipient_classes(old)
    fewer_negations = len(old.cues.get("cue.negation", [])) > len(new.cues.get("cue.negation", []))
    for key, match in new.affirmed.items():
        if (
            fewer_negations
            and key in old.affirmed
            and key in old.denied
            and key not in new.denied
            and key not in reworded
            and not rulebook.by_category(key[0]).protective
            # (the practice's verb, not what it acts on: "photos" denied a use are no photos denied)
            and key[1] in rulebook.by_category(key[0]).grouped
        ):
            # "we may share it, provided that we *will not share* it in a way that identifies you" →
            # "… we *may share* it in a way that identifies you": the limit on a practice the sentence
            # also affirms was lifted (LABELING.md: "we do not" → "we may")
            found.append(("denial-lifted", key, match, old.denied[key].text))
            continue
        if key in reworded or key in old.affirmed or _pointed_to(sides.new, match):
            continue
        if key in old.chosen and key not in old.denied:
            continue  # "newsletters, which you can opt out of" → "newsletters": the practice was stated
        if _form_named_either_way(match, new, old, rulebook):
            continue  # "aggregated" → "aggregated or de-identified" information: one form, more words
        # a finer kind of a safeguard already named is a firmer promise ("encrypted" → "encrypted
        # with AES-256"); a finer kind of data already disclosed is nothing new (postal code, address)
        finer_safeguard = rulebook.by_category(key[0]).protective
        if not finer_safeguard and _covered(key, match, old, rulebook):
            continue
        if key not in old.denied and (key[0], match.name) in recipients:
            continue  # "affiliates" → "affiliates and subsidiaries": one class of recipient, two words
        if key[0] is Category.TRANSFER and _outside_covers(match, sides.old, old, rulebook):
            continue  # "outside the EEA" → "…, including to the United States": a place it named
        if not finer_safeguard and key not in old.denied and _said_without_head(key, match, sides):
            continue
        if key not in old.denied and _coordination_said(match, sides):
            continue
        if any(0 <= match.start - end <= 2 for end in limiters):
            continue  # "stored *only* as long as necessary": a limit, not a new period or practice
        if _asked_by_the_user(match, sides.new.text, new):
            continue  # "deleted at 13, *unless you ask us to keep* it": the user's request, read by its cue
        grouped = key[1] in rulebook.by_category(key[0]).grouped
        if grouped and key not in old.denied and _verb_said(match, sides.old):
            continue  # "we currently use cookies" → "we use cookies": the old text used the verb too
        if grouped and key[0] in _PRACTICE_VERB_CATEGORIES and names_no_practice(match, sides.new, new):
            continue  # "We will keep this page up to date.", "… know what data we collect": a practice
            # verb that names nothing it acts on states no new practice (the unread rules weigh it)
        if old_clause is not None and key not in old.denied:
            said = old_clause()
            if key in said.affirmed or (not finer_safeguard and _covered(key, match, said, rulebook)):
                continue
        if key in old.denied and key in new.held and not _collecting_denied(old, rulebook):
            continue  # "we do not use X to train models" → "X is not used to train models": a use of
            # data the company holds, denied either way
        if key in old.denied:
            found.append(("denial-lifted", key, match, old.denied[key].text))
        elif key in new.held:
            continue  # "messages you mark as private are not shared": a use denied, nothing collected
        elif sides.kind is ChangeKind.ADDED and _defines_only(sides.new, match):
            continue  # "Sensitive data includes health data …": a word defined, nothing done
        elif _bounded(match, sides, rulebook):
            found.append(("bounded", key, match, match.text))  # "recordings are kept for 7 days"
        elif _first_bound(match, key[0], sides, rulebook):
            found.append(("bounded", key, match, match.text))  # "kept for as long as your account is open"
        elif _sooner_of_two(match, sides, rulebook):
            found.append(
                ("bounded", key, match, match.text)
            )  # "for 18 months *or until you delete it*, whichever comes first"
        elif not (sides.kind is ChangeKind.ADDED and _disclosed(key, match, disclosed, rulebook)):
            found.append(("added", key, match, match.text))  # unless it explains what the old text said
    gone = [(k, m) for k, m in old.denied.items() if k not in new.denied and k not in new.affirmed]
    if sides.kind is ChangeKind.REMOVED or fewer_negations:
        found += [("denial-removed", k, m, m.text) for k, m in gone]
    elif sides.kind is ChangeKind.MODIFIED:
        # "we do not share it with third parties" → "… with advertisers": the denial still stands,
        # but no longer covers what it named (a recipient class no new denial covers)
        found += [
            ("denial-removed", k, m, m.text)
            for k, m in gone
            if _denial_narrowed(k, m, old, new, rulebook)
            # (… or a denied practice's verb went alone, the denial standing: "we do not sell *or
            # share* it" → "we do not sell it" no longer denies the sharing)
            or (k[1] in rulebook.by_category(k[0]).grouped and _words_deleted(m, sides.edits))
            or _denied_act_narrowed(k, new, rulebook)
        ]
    found += [
        ("denial-added", k, m, m.text)
        for k, m in new.denied.items()
        if k not in old.denied and k not in reworded
    ]
    only_verbs_went = _only_verbs_went(old, new, rulebook)
    for key, match in old.affirmed.items():
        if key in new.affirmed or key in new.denied or key in reworded:
            continue
        if key in new.chosen:
            continue  # "newsletters" → "newsletters, which you can opt out of": the practice still stated
        if (
            key[0] is Category.NOTICE
            and key[1] == "notify"
            and len(new.cues.get("cue.consent-required", [])) > len(old.cues.get("cue.consent-required", []))
        ):
            continue  # "we will tell you before …" → "we will ask for your consent before …": the
            # telling became an asking, which tells and waits for the answer (GDPR Art. 7)
        if _pointed_to(sides.old, match):
            continue  # "see our page for more information, including how agents may …": it says
            # what another page covers; leaving it out takes nothing from this one
        if (
            only_verbs_went
            and key[1] in rulebook.by_category(key[0]).grouped
            # (a commitment the law sets a deadline for is the promise itself, in its verb: "we will
            # *respond to* your complaint" → "we will acknowledge it" keeps the complaint, not the answer)
            and not (sides.kind is ChangeKind.MODIFIED and key[1] in rulebook.by_category(key[0]).within_law)
            and not _grant_went(key, sides)
            and not _sentence_gone(sides, match, rulebook)
        ):
            continue  # "we use cookies to …" → "cookies help us …": the verb went, the practice stayed
        rules = rulebook.by_category(key[0])
        if (
            only_verbs_went
            and key[0] is Category.RIGHTS
            and key[1] in rules.grouped
            # (the grant itself, not a duty owed or a proof asked: "we will *respond to* your appeal")
            and key[1] not in {*rules.within_law, *rules.owed, *rules.hurdles}
            and any(k[0] is Category.RIGHTS and k[1] not in rules.grouped for k in new.affirmed)
        ):
            continue  # "You can ask for correction of it" → "To correct it, write to us": the grant's
            # words went with their sentence, the rights they granted stay
        if (rules.protective or rules.gained is Direction.NARROWS) and any(
            other.category is key[0] and match.name in rules.lineage(other.name)[1:]
            for other in new.affirmed.values()
        ):
            continue  # "encrypted" → "end-to-end encrypted", "notice" → "30 days' notice": a finer
            # kind of the safeguard or promise, firmer
        if match.name in rules.within_law and users_clause(sides.old, match.start) is not None:
            continue  # "you may appeal our decision on your *request within* 45 days": the user's own
            # time limit, read by the number rules; no answer of the company's went
        if (rules.protective or match.name in rules.protects) and practice_went(sides, match, rulebook):
            continue  # "we share X unless you opt out" gone whole: no right lost over a practice kept
        if _form_named_either_way(match, old, new, rulebook):
            continue  # "aggregated or de-identified" → "aggregated" information: the form stays
        if (
            key[0] is Category.SHARING
            and key[1] not in rules.grouped
            and not any(k[0] is Category.SHARING and k[1] not in rules.grouped for k in new.affirmed)
            and _sharing_verb_came(sides)
        ):
            continue  # "share the reports publicly" → "publish the reports": the new verb (a sharing
            # verb of ontology/actions.toml no term reads), naming no one, may name who receives them
        if rules.protective and form_went_with_its_data(sides, match, rulebook):
            continue  # "| Meta | Hashed email |" gone under "Data shared": the sharing went
        if key == (Category.NOTICE, "notify") and sides.kind is ChangeKind.MODIFIED and _channel_kept(sides):
            continue  # "we will inform you by posting it here" → "changes will be posted here"
        if key[0] is Category.RIGHTS and match.name in ("object", "opt_out") and _choice_now_asked(old, new):
            continue  # "unless you opt out" → "if you opt in": the choice is now asked for, a firmer one
        found.append(("removed", key, match, match.text))
    found += _grant_gone_whole(sides, rulebook, found)
    out = [
        _term_signal(rulebook, event, key[0], match, words, hurdle=_hurdle(rulebook, key, event, sides.kind))
        for event, key, match, words in found
    ]
    for was, now in coarsened:  # "precise location" → "approximate location": less of the same kind
        rules, match = rulebook.by_category(now[0]), new.affirmed[now]
        if (
            rules.firmer.get(match.name) == old.affirmed[was].name
        ):  # "posted on this page" → "by email": a firmer form
            says = f"a firmer form replaced a weaker one: «{old.affirmed[was].text}» → «{match.text}»"
            rule = f"{now[0].value}.firmer"
        else:
            says = f"a less precise form replaced a finer one: «{old.affirmed[was].text}» → «{match.text}»"
            rule = f"{now[0].value}.coarser"
        out.append(signal(now[0], Direction.NARROWS, rule, says, match, Side.NEW, TERM))
    for was, now in named:  # "payment processors" → "Stripe": a member of the class disclosed
        rules, match = rulebook.by_category(now[0]), new.affirmed[now]
        says = (
            f"a party of a class already disclosed is now named: «{old.affirmed[was].text}» → «{match.text}»"
        )
        rule = f"{now[0].value}.instance-named"
        out.append(signal(now[0], Direction.NEUTRAL, rule, says, match, Side.NEW, TERM))
    for was, now in swapped:  # one named party for another in the same role (LABELING.md: neutral)
        rules, match = rulebook.by_category(now[0]), new.affirmed[now]
        says = f"a named party changed in {rules.topic}: «{old.affirmed[was].text}» → «{match.text}»"
        rule = f"{now[0].value}.name-changed"
        out.append(signal(now[0], Direction.NEUTRAL, rule, says, match, Side.NEW, TERM))
    return out


def users_clause(region: Region, at: int) -> str | None:
    """The user's clause that ``at`` bounds, from its subject to ``at`` ("you may appeal our decision
    on your request *within 30 days*", "you must claim it *within a year*"), else None."""
    span = region.sentence_at(at)
    if span is None:
        return None
    # the clause's own subject: the last one named before ``at`` ("you can ask us … and *we* will send
    # it within 14 days" bounds the company)
    subjects = list(USERS_SUBJECT.finditer(region.text, span[0], at))
    if not subjects or subjects[-1].group(1).casefold() == "we":
        return None
    clause = region.text[subjects[-1].start() : at]
    users = USER_RIGHT.match(clause) is not None or _YOU_MUST.match(clause) is not None
    return clause if users else None


# a clause's subject before its modal: the company or the user (a class of users named as one)
USERS_SUBJECT = lazy(
    rf"\b(we|{USER_WORDS})\s+(?:also\s+)?(?:can|may|must|will|need|have|are|should)\b", re.IGNORECASE
)
_YOU_MUST = lazy(r"\W*(?:you|users?)\s+(?:must|need\s+to|have\s+to|are\s+required\s+to)\b", re.IGNORECASE)


def _coarsened(
    old: Profile, new: Profile, rulebook: RuleBook
) -> list[tuple[tuple[Category, str], tuple[Category, str]]]:
    """A finer kind gone and its less precise form come in its place, or a weaker form gone and a
    firmer one come (``[firmer]``), as (old key, new key)."""
    gone = {(key[0], match.name): key for key, match in old.affirmed.items() if key not in new.affirmed}
    out = []
    for key, match in new.affirmed.items():
        if key in old.affirmed:
            continue
        rules = rulebook.by_category(key[0])
        for finer in (rules.coarser.get(match.name), rules.firmer.get(match.name)):
            if finer is not None and (key[0], finer) in gone:
                out.append((gone[(key[0], finer)], key))
                break
    return out


def _named_in_place(
    old: Profile, new: Profile, rulebook: RuleBook
) -> list[tuple[tuple[Category, str], tuple[Category, str]]]:
    """A class gone and a named member of it come in its place ("payment processors" → "Stripe"),
    as (old key, new key): LABELING.md, recipients, a named instance of a disclosed class is neutral."""
    out = []
    for key, match in new.affirmed.items():
        rules = rulebook.by_category(key[0])
        if key in old.affirmed or match.name not in rules.instances:
            continue
        above = set(rules.kinds_above(match.name))
        gone = [
            was
            for was, said in old.affirmed.items()
            if was[0] == key[0] and said.name in above and was not in new.affirmed
        ]
        if gone:
            out.append((gone[0], key))
    return out


def _read_by_swaps(sides: Sides, rulebook: RuleBook) -> set[tuple[Category, str]]:
    """The terms a swap of its category reads where one word replaced another ("anonymised" →
    "deleted"): the swap tells which way the change goes, the terms alone would read a safeguard
    gone and a period come."""
    swaps = [swap for swap in rulebook.swaps if swap.category is not None and not swap.sentence]
    read: set[tuple[Category, str]] = set()
    for (deleted, inserted), _ in replacements_at(sides.edits):
        if any(deleted in _folded(swap.old) and inserted in _folded(swap.new) for swap in swaps):
            read |= {k for k, m in sides.old_profile.affirmed.items() if fold(m.text) == deleted}
            read |= {k for k, m in sides.new_profile.affirmed.items() if fold(m.text) == inserted}
    return read


def _named_swaps(
    old: Profile, new: Profile, rulebook: RuleBook
) -> list[tuple[tuple[Category, str], tuple[Category, str]]]:
    """Named members of one class swapped one for one ("through Stripe" → "through Adyen": both
    payment processors), as (old key, new key)."""

    def named(found: Profile, other: Profile) -> dict[tuple[Category, str], list[tuple[Category, str]]]:
        by_class: dict[tuple[Category, str], list[tuple[Category, str]]] = {}
        for key, match in found.affirmed.items():
            rules = rulebook.by_category(key[0])
            if key not in other.affirmed and match.name in rules.instances and rules.kinds_above(match.name):
                by_class.setdefault((key[0], rules.kinds_above(match.name)[0]), []).append(key)
        return by_class

    gone, came = named(old, new), named(new, old)
    return [
        pair
        for kind in gone.keys() & came.keys()
        if len(gone[kind]) == len(came[kind])
        for pair in zip(gone[kind], came[kind], strict=True)
    ]


# ------------------------------------------------------------------ generic cues, swaps, lists


_SUBJECTS = frozenset(
    {"you", "we", "they", "it", "he", "she", "the", "a", "an", "our", "your", "their", "this", "such"}
)
# words that open a clause after "except"/"unless" ("except *where* we must", "unless *when*")
_SUBORDINATORS = frozenset({"where", "when", "if", "as", "to", "while", "in"})
_USER_FIRST = lazy(r"\W*(?:you|users?|parents?)\b", re.IGNORECASE)


def _excepts_an_old_denial(sides: Sides, match: Match) -> bool:
    """Whether a denial the conditional cue spans denied the same practice on the old side: the
    consent is then an exception to the old promise (LABELING.md: a new exception to a promise)."""
    return any(
        match.start <= m.start < match.end and key in sides.old_profile.denied
        for key, m in sides.new_profile.denied.items()
    )


def cue_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    out: list[Signal] = []
    for cue in rulebook.cues:
        # a cue in a pointer to another text ("for more information, including how agents *may*
        # act") qualifies that text, not this one
        before = [m for m in sides.old_profile.cues.get(cue.id, []) if not _pointed_to(sides.old, m)]
        after = [m for m in sides.new_profile.cues.get(cue.id, []) if not _pointed_to(sides.new, m)]
        if len(after) == len(before):
            continue
        added = len(after) > len(before)
        if (
            cue.id == "cue.exception"
            and not added
            and _choice_now_asked(sides.old_profile, sides.new_profile)
        ):
            continue  # "unless you opt out" → "if you opt in": the exception became the condition
        match, side = (after[-1], Side.NEW) if added else (before[-1], Side.OLD)
        if cue.id in ("cue.hedge", "cue.condition", "cue.exception") and not _in_a_statement(
            sides.new if added else sides.old, sides.new_profile if added else sides.old_profile, match
        ):
            # "Some features *may* not be available in your country", "*If you live in* the EEA,
            # see the section below", "*Unless* stated otherwise, the examples are fictional": a hedge,
            # a condition or an exception of no practice
            continue
        if cue.id == "cue.hedge" and added and _hedged_already(after, before, sides.new):
            continue  # "we may update this policy" → "… *from time to time*": a statement already
            # hedged, hedged again, is no weaker
        if _in_a_text_formula(sides.new if added else sides.old, match):
            continue  # "For the avoidance of doubt, this paragraph does not create new obligations": what
            # the text itself does or does not do, no promise about a practice
        if cue.id == "cue.open-list" and _words_defined(sides.new if added else sides.old, match):
            continue  # 'The words "include" and "including" mean "including without limitation"': how
            # the text's own words are read, no list of what is done opened
        if cue.id == "cue.strong-modal" and not added and _now_in_present(sides, match):
            continue  # "we will keep a record" → "we keep a record": the tense went, not the commitment
        if (
            cue.id == "cue.limiter"
            and not added
            and _AS_LONG_AS_BEFORE.search(sides.old.text, max(0, match.start - 40), match.start)
            and any(q.unit == "duration" for q in quantities(sides.new.text))
        ):
            continue  # "as long as *necessary for* the purposes" → "for 12 months": the criterion of a
            # period gave way to a period, which the number rules read; no limit went
        if cue.id == "cue.limiter" and not added and _inside_a_member_that_went(sides, match):
            continue  # "…, or longer where *needed for* investigations" gone whole: the limit went
            # with the widening it limited (the list signals read the member)
        if (
            cue.id == "cue.strong-modal"
            and added
            and _firm_passives(sides.new.text) < _firm_passives(sides.old.text)
        ):
            continue  # "it will be retained" → "we will retain it": as firm, now said by whom
        if cue.id == "cue.exception" and any(
            m.start <= match.start < m.end
            for m in (sides.new_profile if added else sides.old_profile).cues.get(
                "cue.denial-conditional", []
            )
        ):
            continue  # "not sold *unless* you consent": the consent condition, read as a whole by its cue
        if cue.id == "cue.denial-conditional" and added and not _excepts_an_old_denial(sides, match):
            continue  # "we will not share your calendar unless you consent" said anew: a promise with
            # its condition, no exception to one the old text made (the consent cue reads the consent)
        effect, says = cue.effect, cue.says_added if added else cue.says_removed
        statement = False
        rule_id, category = cue.id, cue.category
        found, region = (sides.new_profile, sides.new) if added else (sides.old_profile, sides.old)
        if not cue.confines and any(
            m.start <= match.start and match.end <= m.end
            for other in rulebook.cues
            if other.confines
            for m in found.cues.get(other.id, [])
        ):
            continue  # the "only" of "we tell you of changes *only* on this page" is the confinement's
        if cue.on_safeguard and governs_safeguard(
            found, match, rulebook, region if cue.governs == "before" else None
        ):
            effect = cue.on_safeguard
            says = cue.safeguard_says_added if added else cue.safeguard_says_removed
        elif cue.on_denial and any(s <= match.start < e and denied for s, e, denied in found.denials):
            effect = cue.on_denial
            says = cue.denial_says_added if added else cue.denial_says_removed
        elif (
            cue.id == "cue.exception"
            and _ENDS_SOONER.match(region.text, match.end)
            and _excepts_a_period(found, region, match)
        ):
            # "kept for 18 months, *unless you delete it sooner*": the exception ends the keeping
            # before the period does, by the user's act or an earlier end (GDPR Art. 17(1), 5(1)(e))
            effect = "protects"
            says = (
                "a new exception ends the keeping before its period"
                if added
                else "an exception that ended the keeping before its period was removed"
            )
        elif cue.id == "cue.exception" and _excepts_a_period(found, region, match):
            # "kept for 30 days, *unless* it is needed for an investigation": the exception is to the
            # period, so the data may be kept past it (GDPR Art. 5(1)(e), 13(2)(a)); the user's own
            # choice to keep their things is read below
            effect = "permits"
            says = (
                "a new exception lets data be kept past its period"
                if added
                else "an exception that let data be kept past its period was removed"
            )
        elif cue.id == "cue.frequency-cap" and _limits_a_right(region, match):
            # "employees can request their personnel file *once a year*": a right capped, however its
            # holder is named (CCPA § 1798.130(b); LABELING.md: fewer or harder-to-use rights)
            effect = cue.on_safeguard or "permits"
            says = cue.safeguard_says_added if added else cue.safeguard_says_removed
            rule_id, category = cue.id, Category.RIGHTS
        elif cue.id == "cue.limiter" and _limits_a_right(region, match):
            # "you can download your data *only* within 30 days": a limit on what the user may do is
            # a right narrowed (LABELING.md: "fewer or harder-to-use rights"), adverse to the user
            effect = "permits"
            says = (
                "a new limit narrows a right you hold" if added else "a limit on a right you hold was removed"
            )
            rule_id, category = "rights.limited", Category.RIGHTS
        elif cue.id == "cue.limiter" and _limits_a_promise(region, match):
            # "we will notify you of a breach *only* if the law requires us to": a limit on what the
            # company promises to do for the user is the promise narrowed, adverse to the user
            effect = "permits"
            says = (
                "a new limit narrows what we promise to do for you"
                if added
                else "a limit on what we promise to do for you was removed"
            )
        elif cue.id == "cue.hedge" and _hedges_a_place(found, region.text, match):
            pass  # "*mostly* kept in the EU": where the data stays is a limit, and a hedge loosens it
        elif cue.id == "cue.exception" and any(
            denied and (s <= match.start < e or 0 <= match.start - e <= 2) for s, e, denied in found.denials
        ):
            pass  # "no one can read your messages *unless* you report them": an exception to a denial
            # lets the company do what it denied (PolicyLint's exceptions), a promise qualified
        elif cue.on_practice == "neutral" and revises_the_text(region.text, match.start):
            # "we *may* update this policy *from time to time*": how surely the company revises its
            # own text; what a revision may do is told by the notice it promises, read on its own
            effect = "neutral"
            says = cue.practice_says_added if added else cue.practice_says_removed
        elif (
            cue.on_practice
            and _qualifies_practice(found, region.text, match)
            # an item under "You have the right to:" is a right, whatever verb it names: an exception
            # limits the right, not a practice
            and not (cue.on_practice == "protects" and _RIGHT_LEAD.search(sides.lead))
        ):
            if not added and practice_went(sides, match, rulebook):
                continue  # the practice went with its exception: the term signals say it narrowed
            effect = cue.on_practice
            says = cue.practice_says_added if added else cue.practice_says_removed
        if (
            added
            and effect == "permits"
            and not cue.confines
            and _came_with_a_grant(match, sides, rulebook, cue.id, cue.category)
        ):
            continue  # "…, and receive it in a portable and, where feasible, machine-readable format": a
            # hedge or a condition that came with the right or promise it qualifies takes nothing away
        adverse = added if effect == "permits" else not added
        direction = Direction.EXPANDS if adverse else Direction.NARROWS
        if effect == "neutral":  # says the same practice more or less surely: no wider, no narrower
            direction = Direction.NEUTRAL
        if cue.id == "cue.exception" and _USERS_CHOICE.match(region.text, match.end):
            # "deleted after 30 days *unless you save them*": the user's own choice to keep their things
            # sets the exception (OPP-115 User Choice/Control), no leave the company takes: described,
            # neither way
            direction = Direction.NEUTRAL
            says = 'a new exception is the user\'s own choice to keep their things ("unless you save them")'
        if (
            cue.id == "cue.user-directed"
            # (not the user's exception to it, "… *unless you ask* us to keep them": read below)
            and not match.text.casefold().startswith("unless")
            and not _KEEP_ASKED.match(region.text, match.end)
            and _waits_a_protective_act(found, region, match, rulebook)
        ):
            # "we delete your data *if you ask us to*" where it went when you closed your account:
            # a protective act the company did of itself now waits on the user's request, so the data
            # is kept until then (GDPR Art. 5(1)(e) and 17(1)(a): erasure once no longer needed is the
            # company's duty); gone, whether the user may still ask is said elsewhere or not at all
            direction = Direction.EXPANDS if added else Direction.NEUTRAL
            category = Category.RETENTION
            statement = added
            says = (
                "a protective act (deleting) now waits on the user's request"
                if added
                else "a protective act (deleting) no longer waits on the user's request"
            )
        if cue.id == "cue.user-directed" and not added and _KEEP_ASKED.match(region.text, match.end):
            # "kept for 6 months *unless you ask* us to keep it longer" gone: the company keeps less,
            # the user's own request to keep their things no longer said (no privacy right lost)
            direction = Direction.NEUTRAL
            says = "the user's own request to keep their things longer is no longer described"
        if cue.id == "cue.condition" and _a_periods_reason(region, match):
            # "kept for seven years *as required by law*": the law as the reason a stated period runs
            # (GDPR Art. 6(1)(c), 13(2)(a)), no condition on whether the data is kept; the period
            # itself is read by the number rules
            direction = Direction.NEUTRAL
            says = "the legal duty a stated period of keeping answers to was named or no longer named"
        if cue.id == "cue.user-restriction" and _bars_by_age(region, match):
            # "If you are under 16, you may not join the chat", "you must be at least 16 to use it": an
            # age gate keeps children out (COPPA 16 CFR 312.2, GDPR Art. 8); gone, they may now join
            # (LABELING.md: "a lower age threshold" expands)
            category = Category.CHILDREN
            direction = Direction.NARROWS if added else Direction.EXPANDS
            says = "an age now bars the user" if added else "an age no longer bars the user"
        if cue.id == "cue.user-restriction" and _after_choice(region, match):
            # "If you disable cookies, you cannot use some features": what follows the user's own choice
            # (OPP-115 User Choice/Control) is described, no restriction the company adds
            direction = Direction.NEUTRAL
            says = 'what follows the user\'s own choice is described ("if you disable cookies, you cannot …")'
        out.append(
            signal(
                category,
                direction,
                rule_id,
                says,
                match,
                side,
                CUE,
                told=Told(added=added),
                statement=statement,
            )
        )
    return out


def _bars_by_age(region: Region, match: Match) -> bool:
    """Whether the restriction ``match`` stands in a sentence that bars the reader by age."""
    span = region.sentence_at(match.start)
    return span is not None and age_gate(mask_links(region.text[span[0] : span[1]]))


def _a_periods_reason(region: Region, match: Match) -> bool:
    """Whether a legal duty said as a reason ("as required by law", "to comply with tax law")
    follows a duration its sentence states before it: why the period runs, no condition."""
    if not _AS_A_REASON.match(match.text):
        return False
    span = region.sentence_at(match.start)
    before = region.text[span[0] : match.start] if span is not None else ""
    if not any(verb.lastgroup == "retain" for verb in practice_reader().verbs.finditer(before)):
        return False  # ("we will e-mail you 30 days before a change, *or as required by law*": a
        # notice's own condition, no period of keeping)
    return any(q.unit == "duration" for q in quantities(before))


# a legal duty said as the reason for what it follows, not as its condition ("if required by law")
_AS_A_REASON = lazy(
    r"(?:or\s+)?(?:as\s+(?:required|the\s+law\s+requires)|to\s+comply\s+with)\b", re.IGNORECASE
)


def _waits_a_protective_act(found: Profile, region: Region, match: Match, rulebook: RuleBook) -> bool:
    """Whether the last act the sentence states before ``match`` is a protective one (deleting,
    anonymising): a condition after it times the protection, not a practice."""
    span = region.sentence_at(match.start)
    if span is None:
        return False
    acts = [
        t
        for t in found.terms
        if span[0] <= t.start < match.start
        and t.category is not None
        and (
            t.name in rulebook.by_category(t.category).grouped
            or t.name in rulebook.by_category(t.category).protects
        )
    ]
    return bool(acts) and acts[-1].category is Category.RETENTION and is_safeguard(acts[-1], rulebook)


def _in_a_text_formula(region: Region, match: Match) -> bool:
    """Whether the sentence of ``match`` is a formula of the text about itself (``TEXT_FORMULA``)."""
    span = region.sentence_at(match.start)
    return span is not None and TEXT_FORMULA.match(mask_links(region.text[span[0] : span[1]])) is not None


def _words_defined(region: Region, match: Match) -> bool:
    """Whether the sentence of ``match`` says how words of the text itself are read (quoted words
    followed by "mean", "are to be read as"): an interpretation clause, no statement of practice."""
    span = region.sentence_at(match.start)
    return span is not None and _WORDS_MEAN.search(region.text, span[0], span[1]) is not None


_WORDS_MEAN = lazy(
    r"[\"“'‘][\w\s-]{1,30}[\"”'’][^.;:]{0,40}?\b(?:means?|shall\s+mean|are\s+to\s+be\s+read|is\s+to\s+be\s+read"
    r"|should\s+be\s+read|are\s+read|is\s+read|refers?\s+to)\b",
    re.IGNORECASE,
)


def _hedged_already(after: list[Match], before: list[Match], region: Region) -> bool:
    """Whether each hedge that came stands in a sentence that holds a hedge both sides say."""
    kept = Counter(fold(m.text) for m in before)
    came = Counter(fold(m.text) for m in after) - kept
    # (a modal that came opens a statement of its own: "…, and the buyer *may* use them")
    if not came or any(text in MODALS for text in came):
        return False
    for m in after:
        if fold(m.text) not in came:
            continue
        span = region.sentence_at(m.start)
        if span is None or not any(
            other is not m and span[0] <= other.start < span[1] and fold(other.text) in kept
            for other in after
        ):
            return False
    return True


def _excepts_a_period(found: Profile, region: Region, match: Match) -> bool:
    """Whether an exception stands after a retention period in its sentence, and so excepts from it."""
    span = region.sentence_at(match.start)
    if span is None:
        return False
    return any(
        category is Category.RETENTION
        and q.unit == "duration"
        and span[0] <= q.start
        and q.end <= match.start
        for q, category in found.numbers
    )


def _limiters_sentence(region: Region, match: Match) -> tuple[str, int] | None:
    """The sentence a limiter stands in (links masked) and where it starts in it, or None."""
    span = region.sentence_at(match.start)
    if span is None:
        return None
    return mask_links(region.text[span[0] : span[1]]), match.start - span[0]


def _limits_a_right(region: Region, match: Match) -> bool:
    """Whether a limiter ("only", "solely") stands in the clause of a sentence that grants the user a
    right ("you can export your data *only* in CSV"), after the grant's opening."""
    found = _limiters_sentence(region, match)
    if found is None:
        return False
    sentence, at = found
    opening = USER_RIGHT.match(sentence)
    # (read up to the limiter's first word too: "we need them to" opens with the company itself)
    if (
        opening is None
        or at < opening.end()
        or _CLAUSE_BREAK.search(sentence, opening.end(), at + len("we "))
    ):
        return False
    if not _YOU.match(sentence) and _YOURS.search(sentence):
        return False  # "employees can access *your* data only when …": staff, not the user, act
    reader = practice_reader()
    return "rights" in reader.actions(sentence) or bool(reader.granted_rights(sentence))


def _limits_a_promise(region: Region, match: Match) -> bool:
    """Whether a limiter ("only") stands in the clause of a sentence in which the company promises
    to tell the user something or to erase their data ("we will notify you of a breach *only* if the
    law requires", "we will *only* delete it when you ask"), before the clause ends."""
    found = _limiters_sentence(region, match)
    if found is None:
        return False
    sentence, at = found
    opening = _PROMISE_OPENS.match(sentence)
    return opening is not None and not _PROMISE_BREAK.search(sentence, opening.end(), max(opening.end(), at))


# where the clause of a grant ends: what follows is another statement ("…; we only keep …"), or the
# company's own need ("…, except where *we* need them to")
_STATEMENT_BREAK = r"[;:]|,\s*(?:and|but|while|whereas)\s+(?:we|our|it|they)\b|\bwe\b"
_CLAUSE_BREAK = lazy(_STATEMENT_BREAK + r"|\bbut\b", re.IGNORECASE)
_YOU = lazy(r"\W*you\b", re.IGNORECASE)
# … where such a promise's clause ends: another statement ("…; we keep …", ", and we share …"); a
# "but" that goes on with the limit is the promise's own ("…, but only where the law requires")
_PROMISE_BREAK = lazy(_STATEMENT_BREAK, re.IGNORECASE)
# the company promising to tell the user, or to erase what is theirs (a limiter may stand inside:
# "we will *only* notify you")
_PROMISE_OPENS = lazy(
    r"\W*(?:[\w-]+\s+){0,3}?we\s+(?:(?:will|shall|would|must|promise\s+to|commit\s+to)\s+)?(?:also\s+)?(?:only\s+)?"
    r"(?:(?:notify|inform|tell|alert|warn|contact|email|write\s+to)\s+(?:you|the\s+user|affected\s+users)\b"
    r"|(?:delete|erase|destroy|anonymi[sz]e|de-identify)\s+(?:your|the\s+user['’]?s?|all\s+your)\b)",
    re.IGNORECASE,
)
_YOURS = lazy(r"\byour\b", re.IGNORECASE)


def _binds_to_a_practice(text: str, end: int) -> bool:
    """Whether the verb right after a firm modal ("we must *keep*", "we are required to *disclose*")
    widens what is done with the data: an obligation to do the practice, no promise of a safeguard."""
    reader = practice_reader()
    # (past the adverbs between: "we'll *now* keep track of …", "we will *also* share …")
    between = _ADVERBS.match(text, end)
    verb = reader.verbs.match(text, between.end() if between else end)
    return verb is not None and verb.lastgroup in WIDENING and not reader.promising.match(verb.group())


_ADVERBS = lazy(
    r"\s*(?:(?:now|also|then|still|further|additionally|automatically|[a-z]+ly)\s+)*", re.IGNORECASE
)


def _in_a_statement(region: Region, found: Profile, match: Match) -> bool:
    """Whether the sentence holding a cue states something a rule reads: a practice verb or a term
    its side's profile filed (not one read only in headings, "in your country", nor a place with no
    transfer, "if you live in the EEA")."""
    span = region.sentence_at(match.start)
    if span is None:
        return True
    sentence = mask_links(region.text[span[0] : span[1]])
    return (
        bool(practice_reader().actions(sentence))
        or any(span[0] <= t.start < span[1] and t.category is not None for t in found.terms)
        # (… or a denial of something done to what is the user's, in any verb: "nobody on our team
        # can open your notes" is a promise about them)
        or (
            any(span[0] <= m.start < span[1] for m in found.cues.get("cue.negation", []))
            and _YOUR.search(sentence) is not None
        )
    )


_YOUR = lazy(r"\byour\b", re.IGNORECASE)


def _after_choice(region: Region, match: Match) -> bool:
    """Whether a cue stands after a leading condition of its sentence that is the user's own choice."""
    span = region.sentence_at(match.start)
    return span is not None and after_users_own_choice(region.text[span[0] : span[1]], match.start - span[0])


def _hedges_a_place(found: Profile, text: str, match: Match) -> bool:
    """Whether a hedge stands right before where the data is kept ("*mostly* stored in the EU",
    GDPR Art. 44: a place promised is a limit on transfers)."""
    if match.text.casefold() in MODALS:
        return False  # "may be stored in Ireland" says where less surely, not that it goes elsewhere
    # (… or right before a place named after "in": "we store it *mainly* in the EU")
    place = _IN_A_PLACE.match(text, match.end)
    return any(
        t.category is Category.TRANSFER
        and (
            (t.name == "kept_in" and _NEXT_TO.fullmatch(text, match.end, t.start))
            or (
                place is not None
                and _THE.fullmatch(text, place.end(), max(t.start, place.end()))
                and t.name not in _NO_PLACE
            )
        )
        for t in found.terms
    )


_IN_A_PLACE = lazy(r"\s+(?:in|within|inside)\s+", re.IGNORECASE)
_THE = lazy(r"(?:the\s+)?", re.IGNORECASE)
# the transfer terms that name no place ("outside the", a safeguard, a heading)
_NO_PLACE = frozenset({"kept_in", "whereabouts", "transfer", "safeguards", "place_heading"})
# at most a word between two others ("mostly *being* kept in")
_NEXT_TO = lazy(r"\s+(?:\w+\s+)?")


def _inside_a_member_that_went(sides: Sides, match: Match) -> bool:
    """Whether ``match`` (on the old side) stands in a deleted run, alone, that a joint opens (",
    or longer where needed for …"): a member or an alternative that went whole."""
    for edit, old_at, _ in _lone_edits(sides.edits):
        if edit.op is Op.DELETE and old_at <= match.start < old_at + len(edit.text):
            # (… or an exception that went whole with its limit: ", unless it is *needed to* …")
            return _JOINT_ONLY.match(edit.text) is not None or _EXCEPTION_OPENS.match(edit.text) is not None
    return False


def _firm_passives(text: str) -> int:
    """How many firm passives ("will be retained", "must be deleted") ``text`` says."""
    return len(_FIRM_PASSIVE.findall(text))


def _now_in_present(sides: Sides, match: Match) -> bool:
    """Whether the verb a removed "we will" governed is now said by the company in the present
    ("we will notify you" → "we notify you"), or a firm passive came ("… will be posted"): a
    statement of what the company does binds it as the future does; only a modal of possibility
    ("may", "can") softens it."""
    if _firm_passives(sides.new.text) > _firm_passives(sides.old.text):
        return True  # "we will post the changes here" → "changes will be posted here": as firm
    verb = _NEXT_WORD.match(sides.old.text, match.end)
    if verb is None:
        return False
    # (the verb itself, or one equivalents.toml reads as it: "we will retain" → "we keep")
    said = canonical(verb.group(1).casefold())
    return any(canonical(now.group(1).casefold()) == said for now in _WE_VERB.finditer(sides.new.text))


_NEXT_WORD = lazy(r"\s+(?:also\s+|always\s+)?([a-z]+)")
_WE_VERB = lazy(r"\bwe\s+(?:also\s+|always\s+)?([a-z]+)", re.IGNORECASE)
_FIRM_PASSIVE = lazy(r"\b(?:will|shall|must)\s+(?:always\s+)?be\s+[a-z]+(?:ed|en|wn)\b", re.IGNORECASE)


def _came_with_a_grant(
    match: Match, sides: Sides, rulebook: RuleBook, own: str, category: Category | None = None
) -> bool:
    """Whether ``match`` (a cue on the new side) stands in a run the edit inserted, with a right, a
    safeguard or a promising cue that the same run brought: the qualifier came with what it qualifies."""
    for _, inserted, at in edit_runs_at(sides.edits):
        end = at + len(inserted)
        if not at <= match.start < end:
            continue
        # (a grant the company makes: "even if you delete them" is the user's act, filed as none; one
        # the old side made already is no new grant: "requests to delete your account must now be
        # sent by post" qualifies the right the old text gave)
        affirmed = sides.new_profile.affirmed
        given = {
            (t.start, t.end)
            for t in sides.new_profile.terms
            if t.category
            and (t.category, member_key(t, rulebook.by_category(t.category))) in sides.old_profile.affirmed
        }
        granted = any(
            at <= t.start
            and t.end <= end
            and t.category
            and is_safeguard(t, rulebook)
            # (the form of the data a practice acts on grants nothing: "except *hashed* emails")
            and t.start not in sides.new_profile.forms
            # (a qualifier of one category qualifies a grant of its own: a request's channel, a right)
            and (category is None or t.category is category)
            and key not in sides.old_profile.affirmed
            and (t.start, t.end) not in given  # (the same words read in two categories, one old)
            # (a right named inside the qualifier's own words is its condition, no grant: "keep using
            # it after you *withdraw your consent*")
            # (… nor a word wholly of the qualifier's own: "*Deleted* photos stay in our backups")
            and not match.start < t.start < match.end
            and not (match.start <= t.start and t.end <= match.end)
            for key, t in affirmed.items()
        )
        promised = any(
            at <= m.start
            and m.end <= end
            # (a word of the qualifier itself, "requests *must* be sent by post", promises nothing)
            and not (match.start <= m.start and m.end <= match.end)
            # (a denial that came before the exception in the same run is the promise it qualifies:
            # "…, who may not use it for any purpose other than our services")
            and (cue.id != "cue.negation" or (own == "cue.exception" and m.end <= match.start))
            # (a duty to do the practice is no promise to the user: "except backups *we must keep*")
            and not (cue.id == "cue.strong-modal" and _binds_to_a_practice(sides.new.text, m.end))
            for cue in rulebook.cues
            if cue.effect == "protects"
            and cue.id != own
            # (a limit inside a new exception, "except where *necessary for* a contract", bounds
            # the exception it came in, no grant)
            and not (own == "cue.exception" and cue.id == "cue.limiter")
            for m in sides.new_profile.cues.get(cue.id, [])
        )
        return granted or promised
    return False


# words that point to another text: ", as described in our schedule", "(see our Cookie Notice)"
# the words that refer a practice to a text or a rule: "as described in", "in accordance with"
_REFERRING = (
    r"(?:as\s+(?:further\s+)?(?:described|set\s+out|set\s+forth|explained|detailed|outlined)(?:\s+(?:in|below|above))?"
    r"|in\s+accordance\s+with|in\s+compliance\s+with|pursuant\s+to|in\s+line\s+with|under\s+the\s+terms\s+of)\b"
)
POINTER_START = lazy(r"[\s,;(]*(?:and\s+)?(?:" + _REFERRING + r"|see\b)", re.IGNORECASE)
# what names the documents or rules a practice follows: a member added after it names one more of
# them, not more data, recipients or purposes
DOCUMENT_REFERENCE = lazy(r"\b" + _REFERRING + r"[^.;:]*$", re.IGNORECASE)
# what makes "keep your data …" or "hold it …" a safeguard: the state the data is kept in
# (OPP-115 Data Security; GDPR Art. 32)
_SAFEGUARDED = lazy(
    r"^\W*(?:\w+\W+){0,5}?(?:secure|safe|confidential|protected|encrypted|private)\b", re.IGNORECASE
)


_SAFEGUARDED_BEFORE = lazy(
    r"\b(?:secure|safe|confidential|protected|encrypted|private)\W*(?:\w+\W+){0,1}$", re.IGNORECASE
)


def governs_safeguard(found: Profile, match: Match, rulebook: RuleBook, before: Region | None = None) -> bool:
    """Whether the first term after the cue in its clause (else the last before it) is a right or a
    safeguard: "we do not encrypt …", "your posts are not deleted" withhold a protective act, they
    promise nothing; "two-factor authentication is optional" leaves a safeguard to the user.

    With ``before`` (the cue's region), the last term before the cue in its sentence decides:
    "your backups are encrypted, even after you leave"."""
    if before is not None:
        span = before.sentence_at(match.start)
        start = span[0] if span else 0
        ahead = [t for t in found.terms if start <= t.start < match.start and t.category]
        last = max(ahead, key=lambda t: t.start, default=None)
        return last is not None and is_safeguard(last, rulebook)
    clause = next(((s, e) for s, e, _ in found.denials if s <= match.start < e), (match.start, match.end))
    # (a right's word inside the cue is the verb the cue denies, "our staff *cannot access* your
    # files": the company's inability, no right withheld; not where the cue runs past the act to
    # the time it is said for, "we do *not honour privacy signals at this time*")
    spans_act = match.name == "cue.denial-for-now"
    after = [
        t
        for t in found.terms
        if match.start <= t.start < clause[1]
        and t.category
        and not (t.category is Category.RIGHTS and t.start < match.end and not spans_act)
        # (nor the form of the data the practice acts on, "we *may* use *de-identified* data": the
        # cue qualifies the use, the data's form stays as it was)
        and t.start not in found.forms
    ]
    first = min(after, key=lambda t: t.start, default=None)
    if first is not None:
        # (a hurdle before a right withheld, "we do not ask for proof of identity", eases the right)
        assert first.category is not None
        return (
            is_safeguard(first, rulebook) and first.name not in rulebook.by_category(first.category).hurdles
        )
    # … else the subject before it: "two-factor authentication is optional", "encryption of backups
    # is optional" (a relative clause's denial is a clause of its own: profile.denial_spans)
    return any(
        clause[0] <= t.start < match.start and t.category and is_safeguard(t, rulebook) for t in found.terms
    )


def _statement_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the statement (a sentence, or a clause a semicolon ends) holding ``start``-``end``."""
    opening = max(text.rfind(mark, 0, start) for mark in _STATEMENT_ENDS) + 1
    ends = [found for mark in _STATEMENT_ENDS if (found := text.find(mark, end)) >= 0]
    return opening, min(ends, default=len(text))


_STATEMENT_ENDS = (".", "!", "?", "\n", ";")


def _qualifies_practice(found: Profile, text: str, match: Match) -> bool:
    """Whether the cue qualifies the company's own affirmed practice (collect, use, share, retain)
    rather than a promise not to, a commitment or a user's right."""
    if any(start <= match.start < end and denied for start, end, denied in found.denials):
        return False
    start, end = _statement_around(text, match.start, match.end)
    before = text[start : match.start]
    if statement_reader().negation.search(before) or _USER_FIRST.match(before):
        return False
    if any(t.category is Category.RIGHTS and start <= t.start < match.start for t in found.terms):
        return False  # "we respond to access requests free of charge, unless …": a right's terms
    reader = practice_reader()
    after = text[match.end : end]
    # (the form of the data the practice acts on promises nothing: "we may use *de-identified* data")
    promised = [start + m.start() for m in reader.promising.finditer(before)]
    promised += [match.end + m.start() for m in reader.promising.finditer(after)]
    if any(at not in found.forms for at in promised):
        return False  # "we will use reasonable efforts to erase …": a promise, whatever verb is near
    if any(
        match.end <= m.start <= match.end + _NEAR_CONSENT for m in found.cues.get("cue.consent-required", [])
    ):
        return False  # "we will *ask for your consent* before sharing": a promise to the user (GDPR Art. 7)
    # (the user's own clause after the cue keeps their things private: "unless you make them private")
    if (_SAFEGUARDED.search(after) and not _USER_FIRST.match(after)) or _SAFEGUARDED_BEFORE.search(before):
        return False  # "we try to keep your data secure", "laptops are encrypted where practicable":
        # a safeguard promised, not a practice
    # the verb the cue qualifies: the one right after it ("we may share"), else the one before it
    # ("we share X unless …")
    words = after.split()
    # a new clause after the cue ("unless you opt out", "except where we must …") has its own
    # subject: its verb is not the one the cue qualifies
    if len(words) > 1 and words[0].casefold() in _SUBORDINATORS:
        words = words[1:]
    following = reader.actions(" ".join(words[:4])) if words and words[0].casefold() not in _SUBJECTS else []
    if following and statement_reader().negation.search(after[:40]):
        return False
    actions = following[:1] or reader.actions(before)
    return bool(actions) and actions[0] in WIDENING


# characters between a cue and the consent it qualifies: "may *first* ask for your consent"
_NEAR_CONSENT = 12


# the categories whose verbs act on the user's data (collect, use, share, keep)
_PRACTICE_VERB_CATEGORIES = frozenset(
    {Category.COLLECTION, Category.PURPOSE, Category.SHARING, Category.RETENTION}
)


def names_no_practice(verb: Match, region: Region, found: Profile) -> bool:
    """Whether a practice verb, with no other term in its sentence, states no practice: its object
    is the text itself ("we will keep *this page* up to date", "*earlier versions of this policy* are
    archived"), or it stands in a question the sentence only refers to ("you should know *what data
    we collect*")."""
    span = region.sentence_at(verb.start)
    if span is None or any(span[0] <= t.start < span[1] and t.start != verb.start for t in found.terms):
        return False
    return bool(
        TEXT_OBJECT.match(region.text, verb.end)
        or _EMBEDDED_QUESTION.search(region.text, span[0], verb.start)
        or TEXT_SUBJECT.search(region.text, span[0], verb.start)
    )


# a verb in a question the sentence names, not asks ("what data we collect", "how we use it")
_EMBEDDED_QUESTION = lazy(
    r"\b(?:what|which|how|whatever|why)\b(?:\s+[\w-]+){0,3}?\s+(?:we|you)\s+(?:\w+\s+)?$", re.IGNORECASE
)


def _grant_gone_whole(
    sides: Sides, rulebook: RuleBook, found: list[tuple[str, tuple[Category, str], Match, str]]
) -> list[tuple[str, tuple[Category, str], Match, str]]:
    """A sentence granting the user a right ("You have the right to be informed before …") gone
    whole from a clause whose other sentences still grant others: the right went, though its words
    ("right to") stand elsewhere (LABELING.md: "fewer or harder-to-use rights")."""
    if sides.kind is not ChangeKind.MODIFIED or any(
        event == "removed" and key[0] is Category.RIGHTS for event, key, _, _ in found
    ):
        return []
    old_grants = {fold(text) for _, text in sides.old.parts() if grants_to_user(text)}
    if any(grants_to_user(text) and fold(text) not in old_grants for _, text in sides.new.parts()):
        return []  # a grant came as one went: a rewording the other rules read
    for offset, text in sides.old.parts():
        if not grants_to_user(text):
            continue
        rights = [
            t
            for t in sides.old_profile.terms
            if t.category is Category.RIGHTS and offset <= t.start < offset + len(text)
        ]
        grouped = rulebook.by_category(Category.RIGHTS).grouped
        named = {t.name for t in rights if t.name not in grouped}
        if named and named <= {
            name for category, name in sides.new_profile.affirmed if category is Category.RIGHTS
        }:
            continue  # "You can ask for correction of it." → "To correct it, write to us.": each right
            # the sentence granted is granted still, in other words
        if rights and _sentence_gone(sides, rights[0], rulebook):
            return [("removed", (Category.RIGHTS, rights[0].name), rights[0], rights[0].text)]
    return []


def _sharing_verb_came(sides: Sides) -> bool:
    """Whether the new side holds a sharing verb (ontology/actions.toml, class "share") in words the
    old side's verbs of that class do not use."""

    def said(text: str) -> set[str]:
        return {fold(words) for name, words in practice_reader().verbs_in(text) if name == "share"}

    return bool(said(sides.new.text) - said(sides.old.text))


def _form_joined(
    words: str, at: int, here: Profile, there: Profile, rulebook: RuleBook
) -> tuple[Match, bool] | None:
    """When every term of ``words`` (at ``at``) is a form of the data joined to one both sides name
    (``_form_named_either_way``): the first, and whether it is a lesser form than every one the other
    side names (``coarser``: pseudonymised beside anonymised, GDPR Recital 26); else None."""
    inside = [t for t in here.terms if at <= t.start < at + len(words) and t.category is not None]
    if not inside or not all(_form_named_either_way(t, here, there, rulebook) for t in inside):
        return None
    theirs = _forms_named(there, rulebook)
    lesser = {finer for coarse in theirs for finer in _finer_forms(coarse, rulebook)} - theirs
    return inside[0], all(_form_concepts(here, t.start, rulebook) <= lesser for t in inside)


def _form_concepts(here: Profile, start: int, rulebook: RuleBook) -> set[str]:
    """The safeguard concepts of the form word of the data at ``start`` ("de-identified" is a form
    of de-identification, whichever other category's act its word also names)."""
    return {
        t.name
        for t in here.terms
        if t.start == start and t.category is not None and rulebook.by_category(t.category).protective
    }


def _forms_named(here: Profile, rulebook: RuleBook) -> set[str]:
    return {name for start in here.forms for name in _form_concepts(here, start, rulebook)}


def _finer_forms(concept: str, rulebook: RuleBook) -> set[str]:
    """The concepts ``concept`` is a coarser (less identifying) form of (``[coarser]``)."""
    return {
        finer for rules in rulebook.categories for coarse, finer in rules.coarser.items() if coarse == concept
    }


def _form_named_either_way(match: Match, here: Profile, there: Profile, rulebook: RuleBook) -> bool:
    """Whether ``match`` is the form of the data a practice acts on (``Profile.forms``) joined to a
    form both sides name ("aggregated" → "aggregated or de-identified", "anonymised or pseudonymised"
    → "anonymised"), and of a kind it compares with: the list of forms decides (GDPR Recital 26)."""
    if match.start not in here.forms:
        return False
    kept = _forms_named(here, rulebook) & _forms_named(there, rulebook)
    near = kept | {f for k in kept for f in _finer_forms(k, rulebook)}
    near |= {k for k in _forms_named(here, rulebook) if _finer_forms(k, rulebook) & kept}
    return bool(kept) and bool(_form_concepts(here, match.start, rulebook) & near)


def form_went_with_its_data(sides: Sides, match: Match, rulebook: RuleBook) -> bool:
    """Whether a safeguard word that went was the form of the data a practice named ("we share
    *hashed* emails with Meta", a row "| Meta | Hashed email |" under "Data shared") and went with
    that practice: the practice went, no safeguard of a practice that stays (LABELING.md, Removals)."""
    if match.start not in sides.old_profile.forms:
        return False
    return sides.kind is ChangeKind.REMOVED or practice_went(sides, match, rulebook)


def practice_went(sides: Sides, match: Match, rulebook: RuleBook) -> bool:
    """Whether a practice the old sentence of ``match`` affirms (a term of a category that is no
    right or safeguard) is affirmed nowhere on the new side: what limited it went with it."""
    span = sides.old.sentence_at(match.start)
    if span is None:
        return False
    rules = rulebook.by_category(match.category) if match.category else None
    # a protective act's objects count ("session cookies are deleted when you close the browser"
    # names cookies, though it states no practice of them); a right's do not ("you can manage
    # cookies": the right went, whatever became of cookies)
    act = rules is not None and not rules.protective and match.name in rules.protects
    terms = sides.old_profile.terms if act else list(sides.old_profile.affirmed.values())
    stated = {t.start for t in (*sides.old_profile.affirmed.values(), *sides.old_profile.denied.values())}
    # (not the words of the limit itself: "to comply with the law" names a legal basis, no practice;
    # nor a practice verb the profile did not state, "we use *standard contractual clauses*": its
    # object is the safeguard)
    here = _keys(
        [
            t
            for t in terms
            if span[0] <= t.start < span[1]
            and not is_safeguard(t, rulebook)
            and not match.start < t.start < match.end
            and not (
                t.category is not None
                and t.name in rulebook.by_category(t.category).grouped
                and t.start not in stated
            )
        ],
        rulebook,
    )
    if (
        rules is not None
        and rules.category is Category.RIGHTS
        and (_granted(sides.old.text, span, match) or granting_lead(sides.lead))
    ):
        # "you have the right to review the data *we keep* about you": the practice words are what
        # the right reaches, no practice the right limited; only one the changed text states in
        # another sentence can have gone with it
        here &= _keys([t for t in terms if not span[0] <= t.start < span[1]], rulebook)
    new = sides.new_profile
    if rules is not None and any(
        c is match.category and term.name in rules.grouped for (c, _), term in new.affirmed.items()
    ):
        # "after the retention period we delete the scans" gone while "we keep your photo" stays:
        # the practice of the act's own category goes on, whatever words of it went
        here = {key for key in here if key[0] is not match.category}
    # (a practice now denied went too: "we may use it to train our models unless you opt out" →
    # "we do not use it to train our models")
    said = _keys(new.terms, rulebook) - set(new.denied)
    went = [key for key in here - said if key not in new.affirmed]
    if went and sides.new.text:
        # "we store your password *in hashed form*" → "we store your password *securely*": the keeping
        # said as a safe state is still the keeping (its verb reads as a safeguard, no practice gone)
        reader, text = practice_reader(), mask_links(sides.new.text)
        acts = {
            act
            for start, end, denied in denial_spans(text, rulebook, context_denied=False)
            if not denied
            for act in reader.actions(text[start:end])
        }
        went = [
            key for key in went if not (key[1] in rulebook.by_category(key[0]).grouped and key[1] in acts)
        ]
    return bool(went)


def _granted(text: str, span: tuple[int, int], match: Match) -> bool:
    """Whether the right ``match`` names is granted to the user by its own sentence ("you have the
    right to …", "California residents may …", after a condition or not)."""
    return grants_to_user(text[span[0] : span[1]], match.end - span[0])


def _defines_only(region: Region, match: Match) -> bool:
    """Whether the sentence of ``match`` defines a word and states no practice: "Sensitive data
    includes racial or ethnic origin …" says what the word covers, not that anything is collected
    (LABELING.md, Data types: new collection "when the policy says it collects it")."""
    span = region.sentence_at(match.start)
    if span is None:
        return False
    sentence = region.text[span[0] : span[1]]
    return _DEFINITION.match(sentence) is not None and not practice_reader().actions(sentence)


# a sentence that defines a word: '"Personal data" means …', "Sensitive data includes …" (not "Examples
# include …", which lists what a category named before holds)
_DEFINITION = lazy(
    # (a definition may say where it holds first: "In this notice, 'device' means …")
    r"\W*(?:(?:in|throughout|for\s+the\s+purposes?\s+of|as\s+used\s+in)\s+this\s+(?:privacy\s+)?"
    r"(?:notice|policy|statement|document|section)\s*,\s*)?"
    r"(?=[\w\"“'])(?!(?:examples?|this|these|it|they|that|such|which|we|our|you|your)\b)"
    r"[\"“']?[\w'’ -]{1,60}?[\"”']?\s+"
    r"(?:includes?|means|refers\s+to|is\s+defined\s+as|consists?\s+of|comprises?|encompasses)\b"
    # … or says what kind of thing a technology is: "Cookies are small text files that …", "A pixel
    # is a tiny image …" (the ePrivacy Directive's information stored on a device, described)
    r"|\W*(?:an?\s+)?(?!(?:examples?|this|these|it|they|that|such|which|we|our|you|your)\b)"
    r"[\w'’ -]{1,40}?\s+(?:is|are)\s+(?:an?\s+)?(?:(?:small|tiny|short|simple|little|unique)\s+)*"
    r"(?:[\w-]+\s+){0,2}?(?:files?|images?|graphics?|pieces?\s+of\s+(?:code|data|text)|strings?|snippets?"
    r"|technolog(?:y|ies))\b",
    re.IGNORECASE,
)


def _keys(terms: Sequence[Match], rulebook: RuleBook) -> set[tuple[Category, str]]:
    return {(t.category, member_key(t, rulebook.by_category(t.category))) for t in terms if t.category}


def swap_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """Single words replaced by wider or narrower ones, in sentences about some category."""
    # a sentence about some category: a term of one, or a practice verb ("your samples are analysed")
    termed = bool(sides.old_profile.terms or sides.new_profile.terms) or any(
        practice_reader().verbs.search(text)
        for region in (sides.old, sides.new)
        for _, text in region.parts()
    )
    guarded = [
        t.category
        for t in (*sides.old_profile.terms, *sides.new_profile.terms)
        if t.category and is_safeguard(t, rulebook)
    ]
    out = []
    for (deleted, inserted), at in replacements_at(sides.edits):
        # "If you block cookies, some pages *will* → *may* load slowly": no commitment of the company's
        aside = termed and about_something_else(sides.new.text, at, rulebook)
        for swap in rulebook.swaps if termed and not aside else [s for s in rulebook.swaps if s.anywhere]:
            if swap.safeguard and not guarded:
                continue
            if swap.company and _USERS_BEFORE.search(sides.new.text, max(0, at - 40), at):
                continue
            old_words, new_words = _folded(swap.old), _folded(swap.new)
            if _swapped_word(deleted, old_words, new_words) and _swapped_word(inserted, new_words, old_words):
                match = Match(swap.id, None, f"{deleted} → {inserted}", 0, 0)
                category = guarded[0] if swap.safeguard else swap.category
                direction, says = swap.direction, swap.says
                if swap.on_practice and _softens_a_practice(sides, at, inserted):
                    direction, says = Direction.NEUTRAL, swap.practice_says
                out.append(signal(category, direction, swap.id, says, match, Side.NEW, CUE))
    if termed:
        out.extend(_sentence_swaps(rulebook, sides, {signal.reason.rule for signal in out}))
    return out


def _softens_a_practice(sides: Sides, at: int, inserted: str) -> bool:
    """Whether the word that came at ``at`` qualifies what the company does ("we *may* share") or
    its revising of this text ("we *may* update this policy"), not a promise to the user."""
    word = Match("", None, inserted, at, at + len(inserted))
    found, text = sides.new_profile, sides.new.text
    return _qualifies_practice(found, text, word) or revises_the_text(text, at)


def revises_the_text(text: str, at: int) -> bool:
    """Whether ``at`` qualifies the company's revising of this text ("we *may* update this policy",
    "… this policy *from time to time*", "*Occasionally*, we update it"), not another act of the
    sentence ("if we change this policy, we *will* notify you") nor a denial ("we will not change it")."""
    start, end = _statement_around(text, at, at)
    sentence, at = text[start:end], at - start
    for revision in _REVISES.finditer(sentence):
        if statement_reader().negation.search(revision.group()):
            continue
        if revision.start() <= at <= revision.end():
            return True  # the modal of the revising verb
        if at > revision.end() and _ANOTHER_ACT.search(sentence, revision.end(), at) is None:
            return True  # a hedge after it, before any other clause
        if at < revision.start() and _LEADING_PHRASE.fullmatch(sentence, at, revision.start()):
            return True  # a phrase set before it: "From time to time, we update …"
    return False


# the company revising this text: "we may update this policy", "we will review our privacy notice"
_REVISES = lazy(
    r"\b(?:we|us)\s+(?:[\w'’]+\s+){0,3}?(?:(?:update|revise|change|amend|modify|review|edit)s?\b[^,;]{0,20}?"
    r"\b(?:this|our|the)\s+(?:privacy\s+|cookies?\s+)?(?:policy|notice|statement|page)\b"
    # … or keeps it current: "we will keep this page up to date"
    r"|keeps?\s+(?:this|our|the)\s+(?:privacy\s+)?(?:policy|notice|statement|page)\s+(?:up\s+to\s+date|current))",
    re.IGNORECASE,
)
# another clause or act after the revision: a subject of its own, or a break ("…, and we will notify you")
_ANOTHER_ACT = lazy(r"[,;:]|\b(?:we|you|they|it|and|but|if|when|before|after)\b", re.IGNORECASE)
# a phrase that opens the sentence and ends where the revision's subject begins ("From time to time, ")
_LEADING_PHRASE = lazy(r"[^,;]*,\s*", re.IGNORECASE)


def _swapped_word(text: str, words: frozenset[str], others: frozenset[str] = frozenset()) -> bool:
    """Whether an edit's words are one of ``words``, alone or with the complement it governs
    ("private" → "visible *to other children*": the audience the new word names is its own), or
    with more joined on that says none of ``others`` ("deleted" → "anonymised *and kept for
    research*"; not "anonymised *and then deleted*", which keeps the old act)."""
    if text in words:
        return True
    head, _, rest = text.partition(" ")
    if head not in words:
        return False
    if _COMPLEMENT.match(rest) is not None:
        return True
    return _JOINED_ON.match(rest) is not None and not others.intersection(rest.split())


_JOINED_ON = lazy(r"(?:and|or)\s+[\w\s'’-]{1,60}$", re.IGNORECASE)
_COMPLEMENT = lazy(r"(?:to|on|in|for|by|with|through)\s+[\w\s'’-]{1,60}$", re.IGNORECASE)


# the user, or the user's request, as the subject right before a modal ("requests must be sent")
_USERS_BEFORE = lazy(
    r"\b(?:you|users?|(?:your\s+|deletion\s+|access\s+|privacy\s+)?requests?|complaints?|appeals?)\s+(?:also\s+)?$",
    re.IGNORECASE,
)


def _sentence_swaps(rulebook: RuleBook, sides: Sides, fired: set[str]) -> list[Signal]:
    """Swaps read across the changed sentences: the old side says one place and the new another."""
    was = " ".join(text for _, text in sides.old.parts()).casefold()
    now = " ".join(text for _, text in sides.new.parts()).casefold()
    out = []
    for swap in rulebook.swaps:
        if not swap.sentence or swap.id in fired:
            continue
        before, after = _phrases(swap.old), _phrases(swap.new)
        left, came = before.search(was), after.search(now)
        if left and came and not before.search(now) and not after.search(was):
            match = Match(swap.id, swap.category, f"{left.group()} → {came.group()}", 0, 0)
            out.append(signal(swap.category, swap.direction, swap.id, swap.says, match, Side.NEW, CUE))
    return out


@cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    """A swap's words as ``fold`` reads a replaced run (built once per swap, not per edit)."""
    return frozenset(fold(word) for word in words)


@cache
def _phrases(words: frozenset[str]) -> re.Pattern[str]:
    # (longest first; the same source in every run, for the rule cache to keep its program)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))
    return lazy(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def column_signals(
    rulebook: RuleBook, kind: ChangeKind, lead: str, old_row: str, new_row: str
) -> list[Signal]:
    """A table row whose cell under a practice's column turned from "No" to "Yes" (or back):
    "| Identifiers | Yes | No |" → "| … | Yes | Yes |" under "| Category | Collected | Sold |" now
    sells identifiers (the CCPA's tables of categories, § 1798.130(a)(5); OPP-115 Does/Does Not)."""
    if kind is not ChangeKind.MODIFIED or "|" not in lead or not old_row.lstrip().startswith("|"):
        return []
    header, old, new = table_cells(lead), table_cells(old_row), table_cells(new_row)
    if len(header) < 2 or not len(header) == len(old) == len(new):
        return []
    out = []
    for index, (was, now) in enumerate(zip(old, new, strict=True)):
        before, after = _cell_answer(was), _cell_answer(now)
        if before is None or after is None or before == after or index == 0:
            continue
        category = column_category(header[index], rulebook)
        if category is None:
            continue
        rules = rulebook.by_category(category)
        event = "added" if after else "removed"
        says = f"the table now says «{now.strip() or '—'}» under «{header[index]}» for «{old[0] or new[0]}»"
        start = new_row.find(now) if now else 0
        match = Match(event, category, now.strip() or header[index], max(start, 0), max(start, 0) + len(now))
        direction = rules.gained if after else rules.lost
        out.append(signal(category, direction, f"{category.value}.{event}", says, match, Side.NEW, TERM))
    return out


# a table column whose cells name kinds of data (GDPR Art. 13(1)(c)/14(1)(d) records, CCPA
# § 1798.110(c)(1) "the categories of personal information it has collected"): "Categories of
# data", "Data collected", or a cell that is only "Data" or "Personal data"
DATA_COLUMN = lazy(
    r"\b(?:(?:categor(?:y|ies)|types?|kinds?)\s+of\s+(?:personal\s+)?(?:data|information)"
    r"|(?:personal\s+)?(?:data|information)\s+(?:categor(?:y|ies)|types?|collected|processed|concerned|used))\b"
    r"|^\W*(?:personal\s+)?(?:data|information|info)\W*$",
    re.IGNORECASE,
)


def column_category(label: str, rulebook: RuleBook) -> Category | None:
    """The category a column's label speaks of: a column of the data itself ("Data used",
    "Categories of personal information"), its practice verb ("Collected", "Sold or shared"), else
    its first term."""
    if DATA_COLUMN.search(label):
        return Category.COLLECTION
    actions = practice_reader().actions(label)
    if actions:
        return PRACTICE_CATEGORY.get(actions[0])
    terms = [t.category for t in rulebook.find_terms(label) if t.category]
    return terms[0] if terms else None


def _cell_answer(cell: str) -> bool | None:
    """A table cell's yes or no: the words of ``_YES_NO``, or a practice verb said alone or denied
    ("Collected" / "Not collected", "Sold" / "Never sold"); None for anything else."""
    folded = fold(cell).strip()
    if folded in _YES_NO:
        return _YES_NO[folded]
    denied = _DENIED_CELL.fullmatch(folded)
    verb = denied.group(1) if denied else folded
    if " " in verb or not practice_reader().actions(verb):
        return None
    return denied is None


_DENIED_CELL = lazy(r"(?:(?:is|are|was|were|does|do|has\s+been|have\s+been)\s+)?(?:not|never)\s+(\w+)")
# a table cell's answer: yes or no (CCPA tables: "Yes"/"No"; ticks and crosses)
_YES_NO = {
    **dict.fromkeys(("yes", "y", "✓", "✔", "☑", "x", "true"), True),
    **dict.fromkeys(("no", "n", "✗", "✘", "☐", "-", "–", "—", "none", "false", "n a"), False),
}


def _permission_category(
    found: Profile, span: tuple[int, int], rulebook: RuleBook, text: str = ""
) -> Category | None:
    """The category of a practice (not a right) spoken of in a sentence, by rule-file priority."""
    inside = [
        t
        for t in found.terms
        if span[0] <= t.start < span[1] and t.category is not None and t.start not in found.forms
    ]
    protective = [t for t in inside if t.category and rulebook.by_category(t.category).protective]
    # … but a right's words after the company's own practice verb are that practice's purpose ("we
    # process your voice to answer your requests and to identify you")
    verbs = [
        t.start
        for t in inside
        if t.category
        and not rulebook.by_category(t.category).protective
        and t.name in rulebook.by_category(t.category).grouped
    ]
    purposes = bool(verbs) and all(
        t.start > min(verbs) and _PURPOSE_BEFORE_RIGHT.search(text, 0, t.start) for t in protective
    )
    if protective and not purposes:
        return None  # "you may object to A and B" lists what a right covers, not new practices
    # (a term an exception takes out of an affirmed sentence, "… (but excluding model training)",
    # names no practice of it: where the sentence affirms some, they decide)
    # (… nor does the form of the data, "*de-identified* data for research": it names the data)
    terms = [t for t in found.terms if span[0] <= t.start < span[1] and t.start not in found.forms]
    denied = {m.start for m in found.denied.values()}
    terms = [t for t in terms if t.start not in denied] or terms
    # (… nor a word of a capitalised name, "AI" in "the Mistral AI Products": a product's name)
    if text:
        terms = [t for t in terms if not _inside_a_name(text, t)] or terms
    for rules in rulebook.categories:
        if rules.protective or rules.gained is not Direction.EXPANDS:
            continue
        if any(t.category is rules.category for t in terms):
            return rules.category
    return None


def _inside_a_name(text: str, term: Match) -> bool:
    """Whether a capitalised term stands between capitalised words ("the Mistral *AI* Products"):
    a word of a name, not the category's own word."""
    if not term.text[:1].isupper():
        return False
    before, after = _CAPITAL_BEFORE.search(text, 0, term.start), _CAPITAL_AFTER.match(text, term.end)
    return before is not None and after is not None


_CAPITAL_BEFORE = lazy(r"\b[a-z]+\s+[A-Z][\w'’-]*\s+$")
_CAPITAL_AFTER = lazy(r"\s+[A-Z][\w'’-]*")


# a right's words set as the purpose of a practice: "… to answer your requests"
_PURPOSE_BEFORE_RIGHT = lazy(r"\b(?:in\s+order\s+)?to\s+$", re.IGNORECASE)


_PERSONAL = lazy(r"\s*personal(?:ly\s+identifiable)?\s*", re.IGNORECASE)
_DATA_WORD = lazy(r"\s*(?:information|data|details)\b", re.IGNORECASE)


def list_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """Words only added (or only removed) inside a sentence about a practice.

    A new member of a list widens an affirmation ("we share it with A and B") and narrows a
    denial; a new qualifier inside a denial ("we do not read your *private* messages") lets
    the company do more.
    """
    if sides.kind not in (ChangeKind.MODIFIED, ChangeKind.MOVED):
        return []
    out: list[Signal] = []
    for edit, old_at, new_at in _lone_edits(sides.edits):
        inserted = edit.op is Op.INSERT
        region, found, at = (
            (sides.new, sides.new_profile, new_at) if inserted else (sides.old, sides.old_profile, old_at)
        )
        # members the clause's other side names too ("Applicable countries: Japan, Taiwan" above a
        # new list of links to the same countries) came or went in wording only
        # (or its equivalent: "your settings and preferences" joins a synonym, no new member)
        other = (sides.old if inserted else sides.new).text
        # (counted, not merely named: "your friends" → "your friends *and friends of your friends*"
        # names the word twice, a wider audience, not the same members again)
        if Counter(
            _content_words(canonical(fold(_SEPARATORS.sub(" ", mask_links(edit.text)))), rulebook)
        ) <= Counter(_content_words(canonical(fold(mask_links(other))), rulebook)):
            continue
        if canonical(fold(mask_links(region.text))) == canonical(
            fold(mask_links(region.text[:at] + region.text[at + len(edit.text) :]))
        ):
            continue  # "your data" → "your *personal* data": the edit is an equivalent form in its
            # place (equivalents.toml), though its words alone are not
        if _PERSONAL.fullmatch(edit.text) and _DATA_WORD.match(region.text, at + len(edit.text)):
            continue  # "we do not collect information from children" → "… *personal* information": the
            # information a privacy notice speaks of is personal (GDPR Art. 4(1)); no qualifier narrows it
        other_found = sides.old_profile if inserted else sides.new_profile
        joined = _form_joined(edit.text, at, found, other_found, rulebook)
        if joined is not None:  # "aggregated *or de-identified* information": the data's form
            form, weaker = joined
            side = Side.NEW if inserted else Side.OLD
            if weaker:  # "anonymised *or pseudonymised*": the data may now be held in a lesser form
                verb = "now" if inserted else "no longer"
                says = f"the data may {verb} be in a less protected form: «{form.text}»"
                direction = Direction.EXPANDS if inserted else Direction.NARROWS
                out.append(
                    signal(Category.SECURITY, direction, "security.form-weakened", says, form, side, TERM)
                )
                continue
            verb = "more" if inserted else "fewer"
            says = f"the form of the data is named in {verb} words of the same kind: «{form.text}»"
            out.append(
                signal(Category.SECURITY, Direction.NEUTRAL, "security.form-named", says, form, side, TERM)
            )
            continue
        if _service_act_joined(edit.text, region, at, rulebook):
            continue  # "to provide *, maintain* and improve it": running the service, named twice
        if _same_act_joined(edit.text, region, at) and not _names_a_thing(
            found, at, len(edit.text), rulebook
        ):
            continue  # "we keep *and store* your receipts": one act of keeping, named twice (not "for
            # marketing *and profiling*", where the word is a purpose's term, a member of its own)
        if _protective_cue_inside(found, at, at + len(edit.text), rulebook):
            continue  # ", and a person reviews every result": a safeguard joined, read by its cue
        if any(
            at <= m.start < at + len(edit.text) and not edit.text[: m.start - at].strip(" ,;")
            for cue in _EXCEPTION_CUES
            for m in found.cues.get(cue, [])
        ):
            continue  # ", subject to certain exceptions": a run opening an exception, read whole by its cue
        if LEGAL_FORM_ALONE.fullmatch(edit.text):
            continue  # "Stripe" → "Stripe, Inc.": the company's legal form, no new member
        if (
            inserted
            and whole_sentences_at(edit.text, region.text, at)
            and any(s <= at + len(edit.text) - 1 < e and d for s, e, d in found.denials)
            and not _MEMBER.match(edit.text)
        ):
            continue  # "… *Your choices about marketing emails do not affect service messages.*": a
            # denial of its own, read by the term signals and cues, no qualifier of another's list
        if _WHERE_TO_GET_IT.fullmatch(edit.text):
            continue  # "our Notice of Privacy Practices*, available on request*": where the reader can
            # get a text or a tool, an aside that names no member of a list (not "available *to* …")
        if whole_sentences_at(edit.text, region.text, at) and POINTER_OPENS.match(edit.text):
            continue  # "… *For information about our cookie practices, see our Cookie Notice.*": a
            # sentence that sends the reader to another text joins no list of this one
        if whole_sentences_at(edit.text, region.text, at) and is_aside(edit.text, rulebook):
            continue  # "… and affiliates. *Our headquarters are in Dublin, Ireland.*": a sentence of
            # its own that names neither the user, a practice nor a term joins no list
        if (
            inserted
            and whole_sentences_at(edit.text, region.text, at)
            and any(at <= m.start < at + len(edit.text) for m in found.cues.get("cue.user-directed", []))
        ):
            continue  # "… *At your request, we send you our newsletter.*": what a sentence of its own
            # does at the user's request is the user's act (OPP-115 User Choice/Control), read by its cue
        if (
            whole_sentences_at(edit.text, region.text, at)
            and practice_reader().actions(edit.text)
            and _names_nothing_new(edit.text, other)
        ):
            continue  # "We use cookies and pixels. *Cookies and pixels help us see how you use our
            # site.*": a sentence of its own joins no list of another; the list it holds names what
            # the clause named, and what it does the term signals (or a lawyer) read
        if (
            not inserted
            and whole_sentences_at(edit.text, region.text, at)
            and any(
                at <= t.start < at + len(edit.text) and t.category and is_safeguard(t, rulebook)
                for t in found.terms
            )
        ):
            continue  # "… *To opt out of this sharing, edit your settings.*" gone: a sentence of its own
            # that held a right or a safeguard is no member of another's list; the term signals read
            # what went with it (LABELING.md, Removals)
        if _OPENS_LIST.fullmatch(edit.text):
            # "for fraud prevention" → "for purposes *such as* fraud prevention": what was the whole
            # list is now an example of an open one (and the mirror: an open list closed)
            span = region.sentence_at(at)
            listed = _permission_category(found, span, rulebook, region.text) if span else None
            if listed is not None:
                denied = any(s <= at < e and d for s, e, d in found.denials)
                key = "opened" if inserted else "closed"
                direction = Direction.EXPANDS if inserted != denied else Direction.NARROWS
                out.append(_list_made(rulebook, key, listed, direction, edit.text, at, inserted=inserted))
                continue
        again = _kind_said_again(edit.text, new_at, sides, rulebook) if inserted else None
        if again is not None and again.end > new_at + len(edit.text):
            continue  # "your name" → "your *full* name": the same kind, said more fully
        if again is not None:  # "name" → "name, surname": a kind of data the list named, in other words
            says = f"a kind of data already disclosed is named in other words: «{again.text}»"
            out.append(
                signal(
                    Category.COLLECTION,
                    Direction.NEUTRAL,
                    "collection.finer-kind-named",
                    says,
                    again,
                    Side.NEW,
                    TERM,
                )
            )
            continue
        named = _names_only_covered(edit.text, new_at, sides, rulebook) if inserted else None
        if named is not None:  # "Stripe and PayPal" where payment processors were disclosed
            category, match = named
            says = f"a party of a class already disclosed is now named: «{match.text}»"
            out.append(
                signal(
                    category,
                    Direction.NEUTRAL,
                    f"{category.value}.instance-named",
                    says,
                    match,
                    Side.NEW,
                    TERM,
                )
            )
            continue
        served = _serving_verb_joined(edit.text, at, region, found, other_found)
        if served is not None:
            # "to prevent fraud" → "to *detect and* prevent fraud": one more way of serving a purpose
            # the sentence names on both sides, no new end (OPP-115 purposes are ends)
            says = f"a purpose already named is named in other words: «{served.text}»"
            side = Side.NEW if inserted else Side.OLD
            out.append(
                signal(
                    Category.PURPOSE, Direction.NEUTRAL, "purpose.finer-kind-named", says, served, side, TERM
                )
            )
            continue
        purpose = _purpose_said_again(edit.text, new_at, sides, rulebook) if inserted else None
        if purpose is not None:  # "for security *and fraud prevention*": one purpose, said more fully
            says = f"a purpose already named is named in other words: «{purpose.text}»"
            out.append(
                signal(
                    Category.PURPOSE,
                    Direction.NEUTRAL,
                    "purpose.finer-kind-named",
                    says,
                    purpose,
                    Side.NEW,
                    TERM,
                )
            )
            continue
        party = _companies_named_after_class(edit.text, new_at, sides) if inserted else None
        if party is not None:
            # "delivery partners *(such as DPD and Royal Mail)*": companies named as examples of a
            # class the sentence discloses (LABELING.md, Recipients: a named instance is neutral)
            out.append(
                _list_made(
                    rulebook, "example_named", party, Direction.NEUTRAL, edit.text, new_at, inserted=True
                )
            )
            continue
        if (
            inserted
            and _unknown_examples(edit.text, new_at, sides)
            # (a company named as an example of a class is read below: LABELING.md, Recipients)
            and not _named_example(edit.text, sides.new.text[max(0, new_at - 80) : new_at])
        ):
            # "…, such as your language": whether an example is a new kind of data or a part of one
            # named (LABELING.md, Data types) no ontology says: described, for the statement's reader
            listed = _permission_category(sides.new_profile, (0, len(sides.new.text)), rulebook)
            out.append(
                _list_made(
                    rulebook,
                    "example_added",
                    listed or Category.OTHER,
                    Direction.NEUTRAL,
                    edit.text,
                    new_at,
                    inserted=True,
                )
            )
            continue
        finer = _finer_examples(edit.text, new_at, sides, rulebook) if inserted else None
        if finer is not None:  # "your address, including your postal code": a part of a kind named
            category, match = finer
            what = "a purpose" if category is Category.PURPOSE else "a kind of data"
            says = f"an example of {what} already disclosed is now named: «{match.text}»"
            out.append(
                signal(
                    category,
                    Direction.NEUTRAL,
                    f"{category.value}.finer-kind-named",
                    says,
                    match,
                    Side.NEW,
                    TERM,
                )
            )
            continue
        # a qualifier narrows a denial only where the other side denied too ("we may use X" → "we
        # do not use X to train models" is a denial added, read by the term signals)
        other_denies = any(
            denied for _, _, denied in (sides.old_profile if inserted else sides.new_profile).denials
        )
        produced = _list_signal(
            rulebook,
            edit.text,
            region,
            found,
            at,
            inserted=inserted,
            other_denies=other_denies,
            right_lead=_RIGHT_LEAD.search(sides.lead) is not None,
        )
        if produced:
            out.append(produced)
    if not out:
        out.extend(_reshuffled_members(rulebook, sides))
    if not out:
        # … and the mirror: "the make, model and VIN" → "the make and model" (a member gone while
        # the joint moved) reads as a member added from the new side to the old
        out.extend(_reshuffled_members(rulebook, _mirrored(sides), removed=True))
    return out


def _service_act_joined(words: str, region: Region, at: int, rulebook: RuleBook) -> bool:
    """Whether ``words`` at ``at`` are only verbs of running the service (``service_acts``) joined
    to a sentence that names another: the same purpose in more words (OPP-115 Basic service)."""
    acts = [w for w in _content_words(words, rulebook) if w not in ("and", "or")]
    if not acts or not all(w in rulebook.service_acts for w in acts):
        return False
    span = region.sentence_at(at)
    if span is None:
        return False
    rest = region.text[span[0] : at] + " " + region.text[at + len(words) : span[1]]
    return any(w in rulebook.service_acts for w in WORD.findall(rest.casefold()))


# a keeping verb and the "until" that names the events ending it, the member after them
_UNTIL_KEPT = lazy(
    r"\b(?:keep|keeps|kept|retain|retains|retained|store|stores|stored|hold|holds|held|save|saves|saved)\b"
    r"[^.;:]*\buntil\b[^.;:]*$",
    re.IGNORECASE,
)


def _same_act_joined(words: str, region: Region, at: int) -> bool:
    """Whether ``words`` at ``at`` are only a practice verb joined to a verb of the same class in its
    sentence ("keep *and store*", "collect *or receive*"): the same act in more words (PolicyLint
    reads a statement by its verb's class); a promise's verb ("erase *or anonymise*") is an
    alternative way to keep it, read by the list cues."""
    reader = practice_reader()
    joined = _SEPARATORS.sub(" ", words).strip()
    found = reader.verbs.fullmatch(joined) if joined else None
    span = region.sentence_at(at)
    if found is None or span is None or reader.promising.match(joined):
        return False
    rest = region.text[span[0] : at] + " " + region.text[at + len(words) : span[1]]
    return any(
        action == found.lastgroup and reader.promising.match(verb) is None
        for action, verb in reader.verbs_in(rest)
    )


def _names_a_thing(found: Profile, at: int, size: int, rulebook: RuleBook) -> bool:
    """Whether a term no verb concept files (a purpose, a kind of data) stands in ``at`` to ``at + size``."""
    return any(
        at <= t.start < at + size and t.name not in rulebook.by_category(t.category).grouped
        for t in found.terms
        if t.category is not None
    )


def _names_nothing_new(words: str, other: str) -> bool:
    """Whether the sentences ``words`` name no name the ``other`` side does not."""
    said = other.casefold()
    # a name inside a sentence ("… with *Acme* and Globex"), not the capital that opens it
    return all(name.group().casefold() in said for name in _INNER_NAME.finditer(words.lstrip()))


_INNER_NAME = lazy(NAME_INSIDE)


def whole_sentences_at(words: str, text: str, at: int) -> bool:
    """Whether ``words``, standing at ``at`` in ``text``, are whole sentences: they open after a
    full stop (or at the start) with a capital and end on a stop."""
    before = text[:at].rstrip()
    return bool(WHOLE_SENTENCES.fullmatch(words)) and (not before or before[-1] in ".!?")


_INVERSE = {Op.INSERT: Op.DELETE, Op.DELETE: Op.INSERT, Op.EQUAL: Op.EQUAL}


def _mirrored(sides: Sides) -> Sides:
    """The same change read from its new side to its old one."""
    return replace(
        sides,
        old=sides.new,
        new=sides.old,
        old_profile=sides.new_profile,
        new_profile=sides.old_profile,
        edits=tuple(Edit(_INVERSE[edit.op], edit.text) for edit in sides.edits),
    )


# what stands before a member of a coordination: ", ", " or ", " and ", " & "
_BEFORE_MEMBER = lazy(r"(?:,|\band/or|\band|\bor|&|\bas well as|\bplus)\s*$", re.IGNORECASE)


def _kind_said_again(words: str, at: int, sides: Sides, rulebook: RuleBook) -> Match | None:
    """The first term of the inserted ``words`` when they only name kinds of data whose concept the
    old side names: "name" → "name and surname" (LABELING.md, Data types: a sub-element of a listed
    type is not new)."""
    # (a term the words begin: "name" → "*first and last* name", the insert is part of one term)
    inside = [
        t
        for t in sides.new_profile.terms
        if at <= t.start < at + len(words) and t.category is Category.COLLECTION
    ]
    said = {m.name for m in sides.old_profile.affirmed.values() if m.category is Category.COLLECTION}
    # (a part of a kind named is that kind: "name" → "first name, last name")
    kinds = rulebook.by_category(Category.COLLECTION).kinds_above
    if not inside or any(t.name not in said and not said.intersection(kinds(t.name)) for t in inside):
        return None
    rest = words
    for term in sorted(inside, key=lambda t: t.start, reverse=True):
        rest = rest[: term.start - at] + " " + rest[min(term.end, at + len(words)) - at :]
    return None if _content_words(_SEPARATORS.sub(" ", rest), rulebook) else inside[0]


def _reshuffled_members(rulebook: RuleBook, sides: Sides, *, removed: bool = False) -> list[Signal]:
    """A member added where a list's joints moved too: "in a merger or acquisition" → "in a merger,
    acquisition or bankruptcy" diffs as ", acquisition" inserted (no new word) and "acquisition" →
    "bankruptcy" replaced. A replacement whose old words all stand on the new side (they moved
    along the list) and whose new words stand nowhere on the old side, right after a joint of the
    list, adds that member."""
    said = _content_words(mask_links(sides.old.text), rulebook)
    old_words = set(said)
    # a list member added and nothing else said otherwise: no word of the old text went (a sentence
    # rewritten round a list, "you can choose whether … Search, Assistant and Maps" → "you can
    # interact with … services", is no member added or removed); the words that join members may
    # move or change ("and" → "including")
    # (… or say the same in an equivalent form: "for example" → "such as")
    if Counter(
        w
        for w in _content_words(canonical(fold(mask_links(sides.old.text))), rulebook)
        if w not in _LIST_JOINTS
    ) - Counter(_content_words(canonical(fold(mask_links(sides.new.text))), rulebook)):
        return []
    runs = edit_runs_at(sides.edits)
    # the old member must come back in another insert of the list ("merger" / ", acquisition")
    reinserted = {word for _, inserted, _ in runs for word in _content_words(inserted, rulebook)}
    other_denies = any(denied for _, _, denied in sides.old_profile.denials)
    for deleted, inserted, at in runs:
        went = set(_content_words(deleted, rulebook))
        came = set(_content_words(inserted, rulebook))
        if deleted.strip() and went and went <= came and (came - went) - old_words:
            # the old member said again inside the insert with one after it: " and phone number" →
            # ", phone number and vehicle make" (the differ joined the moved joint and the new member)
            produced = _member_in_insert(rulebook, sides, inserted, at, went, other_denies, removed=removed)
            if produced is not None:
                return [produced]
            continue
        if not deleted.strip() or not came or not went or not went <= reinserted - came or came & old_words:
            continue
        member = inserted.split()
        if len(member) > _MEMBER_WORDS or _names_clause(member):
            continue  # a clause said anew ("visit:" → "click the official seals below"), no member
        joint = _BEFORE_MEMBER.search(sides.new.text, 0, at)
        if joint is None:
            continue
        words = sides.new.text[joint.start() : at] + inserted
        produced = _list_signal(
            rulebook,
            words,
            sides.new,
            sides.new_profile,
            joint.start(),
            inserted=not removed,
            other_denies=other_denies,
        )
        if produced is not None:
            return [produced]
    return []


def _member_in_insert(
    rulebook: RuleBook,
    sides: Sides,
    inserted: str,
    at: int,
    went: set[str],
    other_denies: bool,
    *,
    removed: bool = False,
) -> Signal | None:
    """The list signal of the member of ``inserted`` that names something the old side did not,
    read from the joint before it ("… and vehicle make")."""
    said = set(_content_words(sides.old.text, rulebook))
    novel = set(_content_words(inserted, rulebook)) - went - said
    cuts = [0, *(m.start() for m in _SEPARATORS.finditer(inserted)), len(inserted)]
    for start, end in itertools.pairwise(cuts):
        piece = inserted[start:end]
        words = _content_words(_SEPARATORS.sub(" ", piece), rulebook)
        member = piece.split()
        if not set(words) & novel or start == 0 and not _SEPARATORS.match(piece):
            continue
        if len(words) > _MEMBER_WORDS or _names_clause(member):
            return None  # a clause said anew, no member
        rest = _SEPARATORS.sub(" ", f"{inserted[:start]} {inserted[end:]}")
        if not set(_content_words(rest, rulebook)) <= went | said:
            return None  # more was reworded around it than the old member said again: no clean list
        if _finer_member(rulebook, sides, at + end):
            return None  # "… and mobile phone number" beside "phone number": a kind already listed
        return _list_signal(
            rulebook,
            piece,
            sides.new,
            sides.new_profile,
            at + start,
            inserted=not removed,
            other_denies=other_denies,
        )
    return None


# a proper name of one or two words, with the comma that sets it before its country: "Frankfurt, "
_CITY = lazy(r"\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s*,\s*")


def _in_its_country(found: Profile, text: str, end: int, rulebook: RuleBook) -> bool:
    """Whether a place data goes (a transfer term that needs a practice beside it) starts at ``end``."""
    return any(
        t.start == end
        and t.category is Category.TRANSFER
        and bool(rulebook.by_category(Category.TRANSFER).required_for(t.name))
        for t in found.terms
    )


def _finer_member(rulebook: RuleBook, sides: Sides, end: int) -> bool:
    """Whether the new member that ends past ``end`` (up to the next joint) ends in a whole member
    of the old list: a finer kind of it (LABELING.md, Data types: a sub-element is not new)."""
    rest = _SEPARATORS.split(sides.new.text[end:], maxsplit=1)[0]
    tail = tuple(_content_words(re.split(r"[.;:()]", rest, maxsplit=1)[0], rulebook))
    if not tail:
        return False
    olds = {tuple(_content_words(piece, rulebook)) for piece in _SEPARATORS.split(sides.old.text)}
    return any(old and tail[-len(old) :] == old for old in olds)


_CAP_BEFORE = lazy(r"\b(?:once|twice|times)\s+$", re.IGNORECASE)
# the cues that read an exception whole: a run holding one is that exception, no list member
_EXCEPTION_CUES = ("cue.exception", "cue.not-covered")
# a period named by its noun after the quantifier: "a limited period", "a certain amount of time"
_PERIOD_NOUN_AFTER = lazy(
    r"\s+(?:period|periods|time|duration|amount\s+of\s+time|length\s+of\s+time|number\s+of\s+(?:days|weeks|months|years))\b",
    re.IGNORECASE,
)
# an exception opened in the same run before the quantifier: "subject to", "except", "with the exception of"
_EXCEPTION_BEFORE = lazy(r"\b(?:subject\s+to|" + EXCEPTING + r")\s+$", re.IGNORECASE)
# "whichever" that picks one of two bounds ("until you leave or for a year, whichever comes first")
# sets which limit applies, not how many things a statement covers: the number rules read the bounds
BOUND_PICKED = (
    r"(?:whichever|whatever)\s+(?:comes?|occurs?|happens?|is|are|falls?|ends?)\s+"
    r"(?:first|earlier|earliest|sooner|soonest|later|latest|last|longer|longest|shorter|shortest)\b"
)
_PICKS_A_BOUND = lazy(BOUND_PICKED, re.IGNORECASE)
# a quantifier that opens a condition ("only if", "only when", "only with your consent") restricts
# the practice through it: the condition and consent cues read it
_CONDITION_AFTER = lazy(
    r"\s+(?:if|when|whenever|where|once|after|with\s+your|to\s+the\s+extent|for\s+as\s+long)\b", re.IGNORECASE
)


# a part of the things a statement names (ontology/scope.toml's partial quantifiers, said in a phrase)
_PARTITIVE = lazy(
    r"\b(?:a|an)\s+(?:small\s+|random\s+|limited\s+)?(?:sample|subset|portion|fraction|selection)\s+of\b",
    re.IGNORECASE,
)
# wideners that name who, not how much: "we do not share it with anyone" says what "we do not share
# it" says (ontology/scope.toml)
_NO_REACH = frozenset({"anyone", "anybody"})
# words that point back to what the text named before them ("that correspondence"): "any" in their
# place may name the same things
_POINTING_BACK = frozenset({"that", "this", "these", "those", "such"})


def scope_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """A quantifier that came or went ("all" → "some", "only" added) in a statement of practice.

    What the company does covering more expands it; a right or a promise covering less expands
    it too (LABELING.md: "fewer or harder-to-use rights"); the mirror cases narrow.
    """
    if sides.kind is not ChangeKind.MODIFIED:
        return []
    reader = practice_reader()
    reach, first, words = 0, None, []
    # wideners ("any", "across") that came, less those that went (a moved "at any time"), and
    # whether a word pointing back went ("that correspondence" → "any correspondence you send us")
    wide, wide_first, wide_net, pointed = [], None, 0, False
    gone, gone_first = [], None  # (… and those that went: "from *any* device" → "from the app")
    old_at = new_at = 0
    forms: list[Counter[str]] = []

    def said_as_often(word: str) -> bool:
        if not forms:
            forms.extend(Counter(canonical(fold(mask_links(r.text))).split()) for r in (sides.old, sides.new))
        key = canonical(word)  # (the word as the texts were read: "solely" is "only")
        return 0 < forms[0][key] == forms[1][key]

    for edit in sides.edits:
        # (a sentence added or gone whole carries its quantifiers with it: "*You can use some of
        # these rights in your account.*" gone is a right's way gone, no "some" lifted from another)
        whole = edit.op is not Op.EQUAL and whole_sentences_at(
            edit.text,
            (sides.new if edit.op is Op.INSERT else sides.old).text,
            new_at if edit.op is Op.INSERT else old_at,
        )
        if edit.op is not Op.EQUAL and not whole:
            sign = 1 if edit.op is Op.INSERT else -1
            masked = mask_links(edit.text)
            for part in _PARTITIVE.finditer(masked):
                # "read *a sample of* conversations": a part of the things named, a partial quantifier
                reach -= sign
                words.append(part.group().strip())
                if first is None:
                    first = (edit, old_at + part.start(), new_at + part.start())
            for word in WORD.finditer(masked):
                if _CONDITION_AFTER.match(masked, word.end()):
                    continue  # "…, but only if you turn it on": a condition, read by the condition cues
                if _CAP_BEFORE.search(masked, 0, word.start()):
                    continue  # "once every 12 months": a cap on how often, read by cue.frequency-cap
                if _PICKS_A_BOUND.match(masked, word.start()):
                    continue  # "…, whichever comes first": which bound applies, read by the number rules
                if _PERIOD_NOUN_AFTER.match(masked, word.end()):
                    continue  # "for a *limited* period" → "for 14 days": a period said vaguely, how
                    # long, read by the number rules; no reach of the statement
                if _EXCEPTION_BEFORE.search(masked, 0, word.start()):
                    continue  # "…, subject to *certain* exceptions": the exceptions' own quantifier,
                    # the exception read whole by its cue
                folded = word.group().casefold()
                shift = word.start()
                if folded in reader.breadth and said_as_often(folded):
                    continue  # "removed *immediately*" → "we remove it *right away*": the same
                    # quantifier in other words or another place (equivalents.toml), no reach changed
                if folded in reader.breadth:
                    reach += sign * reader.breadth[folded]
                    words.append(word.group())
                    if first is None:  # where the first quantifier stands, on its side
                        first = (edit, old_at + shift, new_at + shift)
                elif folded in reader.wideners and folded not in _NO_REACH:
                    wide_net += sign
                    if sign > 0:
                        wide.append(word.group())
                        wide_first = wide_first or (edit, old_at + shift, new_at + shift)
                    else:
                        gone.append(word.group())
                        gone_first = gone_first or (edit, old_at + shift, new_at + shift)
                pointed = pointed or (sign < 0 and folded in _POINTING_BACK)
        old_at += len(edit.text) if edit.op is not Op.INSERT else 0
        new_at += len(edit.text) if edit.op is not Op.DELETE else 0
    widener = not words and wide_net != 0 and not pointed
    if widener and wide_net > 0:
        # a widener that came ("review flagged messages" → "review any message"), with no quantifier
        # of the breadth scale beside it to weigh against ("all" → "most" is less)
        reach, first, words = wide_net, wide_first, wide
    elif widener:
        # … or one that went, nothing of its kind in its place ("from any device" → "from the app")
        reach, first, words = wide_net, gone_first, gone
    if not reach or first is None:
        return []
    edit, old_at, new_at = first
    inserted = edit.op is Op.INSERT
    if inserted and reach < 0 and _ALTERNATIVE_ADDED.match(edit.text):
        return []  # "decisions with legal effects" → "… legal *or similarly significant* effects": the
        # narrowing word qualifies the alternative added, and an alternative widens what is covered
    # a quantifier inside what a run adds anew ("… and email you about *material* changes") qualifies
    # that new thing, not the statement the old side made: the term signals read the new thing
    said = {(t.category, t.name) for t in sides.old_profile.terms}
    if inserted and any(
        (t.category, t.name) not in said for t in rulebook.find_terms(mask_links(edit.text)) if t.category
    ):
        return []
    region, found, at = (
        (sides.new, sides.new_profile, new_at) if inserted else (sides.old, sides.old_profile, old_at)
    )
    span = region.sentence_at(at)
    if span is None:
        return []
    sentence = region.text[span[0] : span[1]]
    if _DEFINITION.match(sentence):
        return []  # '"device" means *any* computer you use': what a word covers, no reach of a
        # practice (a definition reworded is read by the unread rules: every clause using it changes)
    if widener and LAW_REACH.match(region.text, at):
        return []  # "as required by *any* applicable law": the reach of a legal duty, no reach of a practice
    if _in_a_business_event(region.text, span, at, span[1]) or _in_a_business_occasion(region.text, span, at):
        return []  # "if we sell *any* part of our business, …": how much of the company is sold, no
        # reach of what is done with data
    if widener and reach < 0 and IN_A_LEADING_CONDITION.match(sentence[: at - span[0]]):
        return []  # "If you have *any* questions, …": the reader's condition, no reach of a practice
    if inserted and sentence.strip() in edit.text and not OF_THE_USER.search(sentence):
        # a whole sentence added that names neither the user nor their data ("Our *annual* report is
        # published on our investor site"): its quantifier sets the reach of no practice of theirs
        return []
    contrast = [m for m in CONTRAST.finditer(sentence, 0, at - span[0])]
    if contrast and not reader.verbs_in(sentence[contrast[-1].end() :]):
        # "…, but *some* features may not work": a clause of its own, with no practice in it
        return []
    # after a leading condition the quantifier reads its own clause: "If you disable cookies, some
    # features may not work" has no practice in it, though the condition has a verb
    sentence = main_clause(sentence, at - span[0]) or sentence
    verbs = reader.verbs_in(sentence)
    right = USER_RIGHT.match(sentence) is not None  # "you can see …": a right, whatever its verb
    terms = [t for t in found.terms if span[0] <= t.start < span[1] and t.category is not None]
    # a safeguard named without a practice verb ("we conduct regular penetration tests")
    guarded = any(rulebook.by_category(t.category).protective for t in terms if t.category)
    if not verbs and not right and not guarded:
        return []
    if any(
        t.category is Category.TRANSFER and t.name not in rulebook.by_category(t.category).protects
        for t in terms
    ):
        # "all data is stored in Germany" → "most …": less of it there is more of it elsewhere, and
        # more of it there may be more of it abroad; which way depends on the place (a lawyer reads it)
        return []
    action = verbs[0][0] if verbs else "rights" if right else "protect"
    # "Drivers see your first name *only*", "our staff can *only* see your files": what others see is
    # disclosed to them, and a limit on it limits the disclosure, safeguard word or not
    seen = not right and _SEEN_BY_OTHERS.search(sentence) is not None
    if seen and action in ("rights", "protect"):
        action = "share"
    denied = any(s <= at < e and d for s, e, d in found.denials)
    protective = denied or right or action not in WIDENING or bool(reader.promising.match(verbs[0][1]))
    # (a right named in the condition the quantifier bounds is the user's act that sets it, no right
    # the quantifier reaches: "we ask for your ID *only* if you request a refund")
    condition = _CONDITION_OPENS.search(region.text, at, span[1])
    bounding = [t for t in terms if condition is None or t.start < condition.start()]
    protective = (
        protective
        or not seen
        and any(rulebook.by_category(t.category).protective for t in bounding if t.category)
    )
    # … or the quantifier stands in a safeguard a cue reads ("a person reviews *every* result")
    protective = protective or not seen and _in_protective_clause(found, at, rulebook)
    if widener and protective:
        return []  # "we do not pass it to *any* publishers": a widener bounds no denial or right
    if not protective and {w.casefold() for w in words} <= reader.promptness:
        return []  # "we share it *immediately* with partners": how soon a practice is done, no reach
    widens = (reach > 0) != protective
    # the practice's verb says what it is ("used solely for" → purpose); a promise, by its terms
    category = PRACTICE_CATEGORY.get(action, Category.OTHER)
    if protective:
        protected = (t.category for t in terms if t.category and rulebook.by_category(t.category).protective)
        category = next(protected, Category.RIGHTS if right else category)
    other = sides.old if inserted else sides.new
    if {w.casefold() for w in words} <= _AUDIENCE and _PUBLIC_SAID.search(other.text):
        # "we share statistics *publicly*" → "we publish statistics": the audience said in the verb
        return []
    direction = Direction.EXPANDS if widens else Direction.NARROWS
    what = "a right or a promise" if protective else "what the company does"
    quoted = ", ".join(dict.fromkeys(words))
    says = f"{what} now covers {'less' if reach < 0 else 'more'}: «{quoted}»"
    match = Match("scope", category, quoted, at, at + len(words[0]))
    side = Side.NEW if inserted else Side.OLD
    return [
        signal(category, direction, "scope.wider" if reach > 0 else "scope.narrower", says, match, side, CUE)
    ]


# a member naming only the company's own offerings ("… *and services*", ", apps and websites")
_OFFERINGS = lazy(
    r"\s*,?\s*(?:and|or|&|and/or|,)\s+(?:(?:our|other|related|the|its)\s+)?(?:(?:services?|products?|apps?|applications?|"
    r"websites?|sites?|platforms?|features?|tools?|offerings?|solutions?)(?:\s*,\s*|\s+(?:and|or)\s+)?){1,3}\s*",
    re.IGNORECASE,
)
# two ends of a period joined, the sooner of them ending it (retention.toml, retention.later-of-two)
SOONER_OF_TWO = lazy(
    r"\bwhichever\s+(?:is|comes|occurs|happens)\s+(?:the\s+)?(?:sooner|earlier|shorter|first)\b",
    re.IGNORECASE,
)
# a run that adds an alternative to what stands before it ("legal *or similarly significant* effects")
_ALTERNATIVE_ADDED = lazy(r"\s*(?:,\s*)?(?:and/)?or\s+\w", re.IGNORECASE)
# a seeing verb of the rights class ("see your", "view your") whose subject is another party, not the
# user: "Drivers see your first name" discloses it to them (OPP-115 Third Party Sharing/Collection)
_SEEN_BY_OTHERS = lazy(
    r"^\W*(?:(?:all|any|some|most|many|each|one|a\s+few)\s+of\s+)?(?:(?:our|the|other|all|any|some|your)\s+)?(?!you\b)"
    r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
    r"(?:(?:can|may|will|also|only)\s+){0,2}(?:see|sees|view|views|access|accesses|read|reads)\s+(?:your|this)\b",
    re.IGNORECASE,
)
# the verb of a party that sees or reaches the data, right after the member joined to that party
# who alone may reach the data, said before the list of them: "access is limited to", "accessible
# only to", "restricted to authorised staff"
_ACCESS_CONFINED_BEFORE = lazy(
    r"\baccess\b[^.;:!?]{0,60}?\b(?:is|are|will\s+be|remains?)\s+(?:strictly\s+)?(?:limited|restricted|confined)"
    r"\s+to\b[^.;:!?]*$"
    r"|\b(?:accessible|available|visible|viewable)\s+only\s+to\b[^.;:!?]*$"
    r"|\bonly\s+(?:accessible|available|visible|viewable)\s+to\b[^.;:!?]*$",
    re.IGNORECASE,
)
_AUDIENCE_VERB = lazy(
    r"\s*(?:(?:can|may|will|also|could)\s+)?(?:see|view|access|read|review|look\s+at)\s+(?!if\b|whether\b)"
    r"|\s*(?:have|has|get|gets|will\s+have)\s+access\s+to\b",
    re.IGNORECASE,
)
# the audience words of scope.toml's universal list, and the other ways to say the public is it
_AUDIENCE = frozenset({"publicly", "everyone", "everybody"})
_PUBLIC_SAID = lazy(
    r"\bpublish(?:es|ed|ing)?\b|\bmade?\s+public\b|\bpublicly\b|\bthe\s+public\b", re.IGNORECASE
)


def _protective_matches(found: Profile, rulebook: RuleBook) -> Iterator[Match]:
    """The matches of the cues that protect (``effect = "protects"``) in a side's profile."""
    for cue_id, matches in found.cues.items():
        cue = rulebook.cue(cue_id)
        if cue is not None and cue.effect == "protects":
            yield from matches


def _protective_cue_inside(found: Profile, start: int, end: int, rulebook: RuleBook) -> bool:
    """Whether a cue that protects matched most of ``start``-``end`` (a safeguard joined whole)."""
    return any(
        start <= m.start and m.end <= end and 2 * (m.end - m.start) >= end - start
        for m in _protective_matches(found, rulebook)
    )


def _in_protective_clause(found: Profile, at: int, rulebook: RuleBook) -> bool:
    """Whether position ``at`` stands inside a clause a protective cue reads (more than a word of
    it: "solely" is a limiter cue by itself, not a clause around a quantifier)."""
    # (a quantifier that opens the clause is its limit on the practice, "*only* if you request it",
    # not a word inside a safeguard: gone, the practice holds in more cases)
    return any(m.start < at < m.end and len(m.text.split()) > 2 for m in _protective_matches(found, rulebook))


def condition_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    """A condition on the user's act added to or removed from a statement of practice, whole ("we
    share it with credit bureaus *when you apply for credit*"): gone, the practice holds in every
    case, so it covers more; come, it covers less (ontology/scope.toml: a condition weighs when it
    comes or goes; OPP-115's "does/does not" scope). Denials and rights are read by the cues."""
    if sides.kind is not ChangeKind.MODIFIED:
        return []
    reader = practice_reader()
    out: list[Signal] = []
    for edit, old_at, new_at in _lone_edits(sides.edits):
        if not _USERS_CONDITION.fullmatch(edit.text):
            continue
        inserted = edit.op is Op.INSERT
        if f" {fold(edit.text)} " in f" {fold((sides.old if inserted else sides.new).text)} ":
            continue  # "we collect X *when you sign up*" → "*When you sign up*, we collect X": moved
        region, found, at = (
            (sides.new, sides.new_profile, new_at) if inserted else (sides.old, sides.old_profile, old_at)
        )
        span = region.sentence_at(at)
        if span is None:
            continue
        sentence = region.text[span[0] : span[1]]
        if (
            USER_RIGHT.match(sentence)
            or any(s <= at < e and d for s, e, d in found.denials)
            or any(
                rulebook.by_category(t.category).protective
                for t in found.terms
                if t.category and span[0] <= t.start < span[1]
            )
        ):
            continue
        actions = reader.widening_actions(sentence[: at - span[0]])
        if not actions:
            continue
        # (the practice is what the sentence says before its condition: "we may collect it *if you
        # choose to share it*" is collection)
        category = _permission_category(found, (span[0], at), rulebook, region.text)
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        rule = "scope.condition-added" if inserted else "scope.condition-removed"
        says = (
            "what the company does now holds only in a case the user's act sets"
            if inserted
            else "a case the user's act set no longer limits what the company does"
        )
        match = Match("condition", category, edit.text.strip(" ,"), at, at + len(edit.text))
        out.append(signal(category, direction, rule, says, match, Side.NEW if inserted else Side.OLD, CUE))
    return out


# a whole condition on the user's act, to the end of its clause: "when you apply for credit", ", if
# you enrol in a programme"
_USERS_CONDITION = lazy(
    r"[\s,]*(?:only\s+)?(?:when|whenever|if|once|where|after|while)\s+you\b[^.;:,]*?[\s,]*", re.IGNORECASE
)


def _lone_edits(edits: Sequence[Edit]) -> Iterator[tuple[Edit, int, int]]:
    """Inserts or deletes with no edit of the other kind beside them, with their old and new offsets
    (and a member added to a subject with its verb made plural: "tag *is*" → "tag *and play time
    are*" inserts "and play time")."""
    old_at = new_at = 0
    for index, edit in enumerate(edits):
        lone = edit.op is not Op.EQUAL and all(
            edits[i].op in (Op.EQUAL, edit.op) for i in (index - 1, index + 1) if 0 <= i < len(edits)
        )
        if lone:
            yield edit, old_at, new_at
        elif edit.op is Op.DELETE and index + 1 < len(edits) and edits[index + 1].op is Op.INSERT:
            member = _with_agreement(edit.text, edits[index + 1].text)
            if member is not None:
                yield Edit(Op.INSERT, member), old_at, new_at
            member = _with_agreement(edits[index + 1].text, edit.text)
            if member is not None:
                yield Edit(Op.DELETE, member), old_at, new_at
        if edit.op is not Op.INSERT:
            old_at += len(edit.text)
        if edit.op is not Op.DELETE:
            new_at += len(edit.text)


def _with_agreement(verb: str, longer: str) -> str | None:
    """The words ``longer`` adds before a verb of agreement that stands for ``verb`` ("is" → "and
    play time are": "and play time "), or None."""
    words = longer.rstrip().rsplit(None, 1)
    if len(words) != 2 or not _MEMBER.match(words[0]):
        return None
    single, plural = verb.strip().casefold(), words[1].casefold()
    # ("uses" → "and mobile apps use", "applies" → "… apply": the verb's third person gone)
    agrees = (single in _AGREEING and plural in _AGREEING) or (
        plural.isalpha() and single in (plural + "s", plural + "es") or single == plural[:-1] + "ies"
    )
    return longer[: len(longer.rstrip()) - len(words[1])] if agrees else None


_LIST_JOINTS = frozenset({"and", "or", "nor", "plus", "including", "also", "as", "well"})
_AGREEING = frozenset({"is", "are", "was", "were", "has", "have"})


def _list_signal(
    rulebook: RuleBook,
    words: str,
    region: Region,
    found: Profile,
    at: int,
    *,
    inserted: bool,
    other_denies: bool = True,
    right_lead: bool = False,
) -> Signal | None:
    span = region.sentence_at(at)
    # (a member that is only a link or an address, "… and [https://…](https://…) respectively",
    # names nothing a reader reads: LABELING.md, Links)
    if not _content_words(mask_links(words), rulebook) or span is None:
        return None
    span = _with_run_on_lead(region.text, span)
    if SOONER_OF_TWO.search(words):
        return None  # "… *or for five years, whichever is sooner*": another end that can only come
        # first, read by the number rules (a cap), no member more
    if any(
        m.start <= at and at + len(words.rstrip()) <= m.end
        for m in found.cues.get("cue.device-or-server", [])
    ):
        return None  # "runs on your device *or on our servers*": the other way of processing, which
        # its cue reads (no member more a safeguard covers)
    if _WORDS_MEAN.search(region.text, span[0], span[1]):
        return None  # 'the words "include" *and "including"* mean …': how the text's words are read
    if ADVICE.match(region.text, span[0]):
        return None  # "we recommend that you use a strong password *and change it often*": the
        # user's acts, advised; no practice of the company's has a member
    if _attribute_member(region.text[span[0] : at], words, found, at, rulebook):
        return None  # "outputs may be inaccurate *or offensive*": one more quality said of a thing,
        # no data, party, purpose or act
    if _LAW_MEMBER.fullmatch(words) and (
        _LAW_BEFORE.search(region.text, span[0], at) or _COMPLIED_WITH.search(region.text, span[0], at)
    ):
        return None  # "as tax law *and other applicable regulations* require", "we comply with COPPA *and
        # state student privacy laws*": one more law that binds, no more done (a law binds the company
        # whether the policy names it or not)
    if _MANNER_MEMBER.fullmatch(words) and _MANNER_BEFORE.search(region.text, span[0], at):
        return None  # "we process it fairly *and lawfully*": one more manner of an act, no member of
        # what it acts on (the scope signals read "regularly", "always" and their kin)
    if _in_a_business_event(region.text, span, at, at + len(words)):
        return None  # "if we merge *or sell our assets*, your data may pass to the buyer": one more
        # event of the company's own business in the condition, no member of what is done with data
        # (CCPA § 1798.140(ad)(2)(C): a transfer in a merger or acquisition; the condition reader reads it)
    if _one_more_business_event(region.text, span, at, words):
        return None  # "… in connection with a merger *, acquisition or sale of assets*": one more event
        # of the company's business in the occasion, the same kind (CCPA § 1798.140(ad)(2)(C))
    if _PART_OF_IT.fullmatch(words):
        return None  # "if we sell our business *or any part of it*": a part of what the list named,
        # no new member (what the sentence then does is read by the term signals)
    if _CITY.fullmatch(words) and _in_its_country(found, region.text, at + len(words), rulebook):
        return None  # "in Germany" → "in *Frankfurt,* Germany": a city named in its country, the
        # same place said more precisely (an address's form: city, then country)
    category = _permission_category(found, span, rulebook, region.text)
    # the clause the words join, past a joining word that may stand between two clauses (", and")
    lead = _JOINING.match(words)
    where = at + (lead.end() if lead else 0)
    denied = next((d for s, e, d in found.denials if s <= where < e), False)
    # a clause joined by "and" ("…, and you can access them at any time") is no list member
    member = (
        bool(_MEMBER.search(words))
        # (a purpose joined by "to" is a member whatever subject a clause inside it has: "and to
        # suggest people *you may* know to others")
        and not (_OWN_SUBJECT.search(words) and not _PURPOSE_MEMBER.match(words))
        and not _LEGAL_GROUND.match(words)
        and not _LEGAL_DUTY.fullmatch(words)
        # (", so please check what it writes": a consequence told to the reader, no member)
        and not _CONSEQUENCE.match(words)
        # (", after which your data is gone", ", which we review": a relative clause, no member)
        and not _RELATIVE_OPEN.match(words)
    )
    if category is not None and member and _PURPOSE_MEMBER.match(words):
        category = Category.PURPOSE  # "… to fix bugs *and to set your prices*": one more purpose
    own = [t for t in found.terms if at <= t.start < at + len(words) and t.category is not None]
    holder = (
        next(
            (
                t
                for t in found.terms
                if t.category is not None
                and not rulebook.by_category(t.category).protective
                and t.start <= at + len(words) - len(words.lstrip(" ,;"))
                and at + len(words.rstrip(" ,;")) <= t.end
                and t.end - t.start > len(words.strip(" ,;")) + 2
            ),
            None,
        )
        if member
        else None
    )
    if holder is not None and holder.category is not None:
        # "for quality *and training* purposes": the member is a word of one longer term of a practice
        # (a call centre's formula), whose kind coming or going the term signals read; a change of its
        # words only (in a right or a safeguard, "updated *or erased*", each word is one more covered)
        return _list_made(
            rulebook, "term_worded", holder.category, Direction.NEUTRAL, words, at, inserted=inserted
        )
    if member and own and _whole_purpose_named_beside(own, found, span, (at, at + len(words)), rulebook):
        # "recorded for training *and quality purposes*": a member of a purpose compared as a whole
        # (purpose.toml, grouped: a formula said in parts) the list already names is that purpose in
        # more words, no new use ("for research *and product development*" is one more purpose)
        return _list_made(
            rulebook, "term_worded", Category.PURPOSE, Direction.NEUTRAL, words, at, inserted=inserted
        )
    if (
        member
        and _OFFERINGS.fullmatch(words)
        and all(t.category is Category.PURPOSE for t in own)
        and any(t.category is Category.PURPOSE and span[0] <= t.start < at for t in found.terms)
    ):
        # "to improve our products *and services*": the company's own offerings named in more words
        # (a legal doublet), the purpose the same (OPP-115: one purpose, whatever it improves)
        return _list_made(
            rulebook, "term_worded", Category.PURPOSE, Direction.NEUTRAL, words, at, inserted=inserted
        )
    if category is not None and member and own and all(t.category is Category.PURPOSE for t in own):
        category = Category.PURPOSE  # "… for research *and product development*": a purpose by its words
    if category is not None and member and own and all(t.category is Category.TRANSFER for t in own):
        category = Category.TRANSFER  # "processed in Germany *and in other EU member states*": a place
    # "… so you can search them *and so we can suggest replies*": the company's own purpose, said
    # as a clause with its subject (OPP-115 First Party Collection/Use, purpose), whatever it names
    purposed = bool(_PURPOSE_CLAUSE.match(words)) and (
        category is not None or bool(practice_reader().verbs_in(region.text[span[0] : at]))
    )
    if purposed:
        member, category = True, Category.PURPOSE
    promise = region.text[span[0] : span[1]]
    if not denied and _EVEN_REACH.match(words) and (protected := _protected_category(found, span, rulebook)):
        # "we delete your messages*, even from backups,* within 30 days": where the protective act
        # reaches even there; gone, it reaches less (LABELING.md, Removals: a safeguard narrowed)
        key = "safeguard_member_added" if inserted else "safeguard_member_removed"
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        return _list_made(rulebook, key, protected, direction, words, at, inserted=inserted)
    if member and not denied and _ALTERNATIVE.match(words) and _promised_before(promise, at - span[0]):
        # "we will notify you by email *or by a notice on this page*": an alternative lets the
        # company keep its promise the lesser way (LABELING.md: a weaker commitment); one gone binds it
        protected = _protected_category(found, span, rulebook)
        if protected is not None:
            key = "alternative_added" if inserted else "alternative_removed"
            direction = Direction.EXPANDS if inserted else Direction.NARROWS
            return _list_made(rulebook, key, protected, direction, words, at, inserted=inserted)
    if right_lead and member and not denied:
        # an item under "You have the right to:" says what a right covers, whatever practice it
        # names ("access the data we have shared, and obtain it in a portable format")
        key = "safeguard_member_added" if inserted else "safeguard_member_removed"
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        return _list_made(rulebook, key, Category.RIGHTS, direction, words, at, inserted=inserted)
    if member and not denied and _ACCESS_CONFINED_BEFORE.search(region.text, span[0], at):
        # "access to the footage is limited to the security team *and facilities staff*": the list
        # names who alone may reach the data, so one more member is one more party that does (OPP-115
        # Data Security, access limitation: its reach, not one more thing protected)
        key = "member_added" if inserted else "member_removed"
        direction = Direction.EXPANDS if inserted else Direction.NARROWS
        return _list_made(rulebook, key, Category.SHARING, direction, words, at, inserted=inserted)
    if member and not denied and _AUDIENCE_VERB.match(region.text, at + len(words)):
        # "teachers *and parents* can see students' scores": one more party that sees the data is one
        # more recipient (OPP-115 Third Party Sharing/Collection), whatever else its word names
        key = "member_added" if inserted else "member_removed"
        direction = Direction.EXPANDS if inserted else Direction.NARROWS
        return _list_made(rulebook, key, Category.SHARING, direction, words, at, inserted=inserted)
    # the member is a protective act of the company's ("… and then delete them"): it limits the
    # practice (a user's own act, "access, correct or delete your data", is a right: not read here)
    filed = {m.start for m in found.affirmed.values()}
    edited = [t for t in found.terms if at <= t.start < at + len(words) and t.category]
    if (
        member
        and not denied
        and not purposed
        and edited
        and all(
            is_safeguard(t, rulebook) and t.start in filed and t.category is not Category.RIGHTS
            for t in edited
        )
    ):
        key = "safeguard_act_added" if inserted else "safeguard_act_removed"
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        assert edited[0].category is not None
        return _list_made(rulebook, key, edited[0].category, direction, words, at, inserted=inserted)
    if (
        member
        and edited
        and all(t.category is Category.LEGAL_BASIS for t in edited)
        # ("or withdraw consent regarding your data": consent alone may be the user's act, not a basis)
        and any(t.name != "consent_basis" for t in edited)
    ):
        # "Contract<br>Legal obligation (invoicing)": one more legal basis for the same processing,
        # which the legal basis rules read as neither way (legal_basis.toml: gained and lost are
        # neutral; the swap rules read consent given up for legitimate interests) …
        key = "member_added" if inserted else "member_removed"
        direction = Direction.NEUTRAL
        if _OR_JOINT.match(words) and any(
            t.name == "consent_basis" for t in found.terms if span[0] <= t.start < at
        ):
            # … but a basis offered instead of consent ("with your consent *or on the basis of our
            # legitimate interests*") lets the company go on without it (GDPR Art. 7(3), 21): a
            # consent required no longer is, or one no longer offered again is
            direction = Direction.EXPANDS if inserted else Direction.NARROWS
        return _list_made(rulebook, key, Category.LEGAL_BASIS, direction, words, at, inserted=inserted)
    if (
        member
        and not denied
        and _UNTIL_KEPT.search(region.text[span[0] : at])
        # (a thing kept for a period of its own is no event that ends the keeping: "…, and back-up
        # copies for up to 90 days after that")
        and not (_AND_JOINT.match(words) and any(q.unit == "duration" for q in quantities(words)))
    ):
        # "we keep your photos until you delete them *or your account is inactive for two years*":
        # one more event that ends the keeping keeps less (GDPR Art. 5(1)(e)); one gone keeps more
        key = "member_added" if inserted else "member_removed"
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        return _list_made(rulebook, key, Category.RETENTION, direction, words, at, inserted=inserted)
    if member and DOCUMENT_REFERENCE.search(region.text[max(span[0], at - 80) : at]):
        return None  # "in accordance with this policy and our Terms": a document named, no practice widened
    if POINTER_START.match(words):
        return None  # ", as described in our retention schedule": a pointer to a text, no member
    if member and _apposed_name(words, region.text[span[0] : at], region.text[at + len(words) : span[1]]):
        return _list_made(
            rulebook, "example_named", Category.SHARING, Direction.NEUTRAL, words, at, inserted=inserted
        )
    if TAKEN_OUT.match(words.lstrip(" ,;(")) or _EXCEPTION_OPENS.match(words):
        return None  # ", other than advertisers", ", unless …": an exception, read by its cue and its
        # terms' polarity
    if member and ABOUT_THE_TEXT.search(region.text[span[0] : at]):
        return None  # "This policy explains how we use it, as well as your rights": a topic of the text
    if category is None and member and not any(span[0] <= t.start < span[1] for t in found.terms):
        # (a sentence whose terms are a right's or a safeguard's is read as such below)
        # (whose the things are may be said after the member: "records the temperature *and
        # humidity* in your home")
        category = _verb_category(region.text[span[0] : at], region.text[at + len(words) : span[1]])
        if category is None and (
            _PREDICATE.match(region.text, at + len(words)) or _verb_follows(region.text, at + len(words))
        ):
            # a member of the subject ("your gamer tag *and play time* are visible to other players"):
            # the predicate after it says what is done to the list; read with the member where it is
            # the one who acts ("only you *and our moderators* can see your notes": "~can see" is
            # anyone's but the user's)
            category = _verb_category(
                region.text[span[0] : at] + region.text[at + len(words) : span[1]]
            ) or _verb_category(region.text[span[0] : span[1]])
    if category is None and member:
        # "… de-identified statistics to city planners *and to insurers*": a party named in the
        # member is one more recipient, whatever safeguard the sentence names (issue 13: one
        # protective word hides no practice)
        party = next(
            (
                t
                for t in found.terms
                if at <= t.start < at + len(words)
                and t.category is Category.SHARING
                and not is_safeguard(t, rulebook)
                and t.name not in rulebook.by_category(t.category).grouped
            ),
            None,
        )
        category = party.category if party is not None else None
    if category is None and member and _CHECKED_WITH.search(region.text[span[0] : at]):
        # "we verify your identity with a selfie, your ID *and a liveness video*": what a check is
        # made with is data the company takes for it (GDPR Art. 9(1) biometrics; OPP-115 First
        # Party Collection), not one more thing the safeguard covers
        category = Category.COLLECTION
    if (
        not member
        and not denied
        and _RESTRICTS.match(words)
        # ("deleted *within* 30 days after you leave": a bound on when, no part of what it covers)
        and not (
            _TIME_BOUND.fullmatch(words)
            and any(q.unit == "duration" for q in quantities(region.text[at : span[1]]))
        )
        # (a qualifier that is itself a safeguard, "… *in anonymised form*", adds one)
        and not any(at <= t.start < at + len(words) and is_safeguard(t, rulebook) for t in found.terms)
    ):
        guarded = _affirmed_safeguard(found, span, rulebook)
        if (
            guarded is not None
            and _OWN_PLACE.fullmatch(words)
            and _KEPT_SAFE_BEFORE.search(region.text, span[0], at)
        ):
            return None  # "stored securely *on our servers*": where the company keeps what it keeps
            # safe, no part of it left out (OPP-115 Data Security: the safeguard is unchanged)
        if guarded is not None and _SEEN_BY_OTHERS.search(region.text[span[0] : span[1]]):
            # "our staff can see your files *when you ask for help*": the qualifier bounds another's
            # access, which the safeguard is; the access is narrower, the safeguard firmer
            key = "access_limited" if inserted else "access_opened"
            direction = Direction.NARROWS if inserted else Direction.EXPANDS
            return _list_made(rulebook, key, guarded, direction, words, at, inserted=inserted)
        if guarded is not None:
            # "messages *in one-to-one chats* are end-to-end encrypted": the safeguard covers only
            # some of what it covered (LABELING.md: weaker security commitments); gone, it covers all
            key = "qualifier_added" if inserted else "qualifier_removed"
            direction = Direction.EXPANDS if inserted else Direction.NARROWS
            return _list_made(rulebook, key, guarded, direction, words, at, inserted=inserted)
    if category is None:
        return _safeguard_member(rulebook, words, found, span, at, inserted=inserted) if member else None
    if member and category in _NAMED_ROLES and _named_example(words, region.text[span[0] : at]):
        # "our partners (such as Acme Ads and Beta Media)": one more company named as an example of
        # a class the sentence discloses (LABELING.md, Recipients: a named instance is neutral)
        return _list_made(
            rulebook, "example_named", category, Direction.NEUTRAL, words, at, inserted=inserted
        )
    if not member and not (denied and other_denies):
        return None  # a qualifier in an affirmation: too weak to read either way
    if not member and _OWN_SUBJECT.search(words):
        return None  # "…, and we have not sold it in the past year": a clause of its own, no qualifier
    if not member and _REASON_OPEN.match(words):
        return None  # "we do not respond to these signals *because there is no common standard*": why
        # the statement holds, which bounds nothing it says
    if re.match(_CONCESSION, words, re.IGNORECASE):
        return None  # "we do not sell it, even if you ask": the despite cue reads a concession
    if not member and _inside_cue(found, "cue.denial-for-now", words, at):
        return None  # "we do not *currently* sell it": cue.denial-for-now reads the present tense of a denial
    if not member and _AGE_FRAME.fullmatch(words):
        return None  # "under 16" → "under *the age of* 16": the same threshold, said in full
    if (
        not member
        and denied
        and _TO_THIRD_PARTIES.fullmatch(words)
        and _SALE.search(region.text, span[0], at)
    ):
        return None  # "we do not sell it *to third parties*": a sale is to a third party (CCPA
        # § 1798.140(ad)), the denial bounds nothing it did not bound
    if not member and set(_content_words(words, rulebook)) <= _UNBOUNDED:
        return None  # "we do not share it with *any* third parties": a denial without bounds limits nothing
    if (
        member
        and not denied
        and not purposed
        and _protective_act_only(found, span, category, rulebook, region.text)
    ):
        # "deleted when you close your account *or ask us to*", "we delete your chats *and photos*": a
        # member of a protective act the company states widens the protection (LABELING.md,
        # Removals: the mirror of a safeguard removed)
        key = "safeguard_member_added" if inserted else "safeguard_member_removed"
        direction = Direction.NARROWS if inserted else Direction.EXPANDS
        return _list_made(rulebook, key, category, direction, words, at, inserted=inserted)
    key, widens = _list_change(member=member, denied=denied, inserted=inserted)
    direction = Direction.EXPANDS if widens else Direction.NARROWS
    return _list_made(rulebook, key, category, direction, words, at, inserted=inserted)


def _protective_act_only(
    found: Profile, span: tuple[int, int], category: Category, rulebook: RuleBook, text: str
) -> bool:
    """Whether the sentence states the category's practice only by a protective act of it ("your
    files are deleted when …": the delete concept of retention), no practice verb beside it."""
    rules = rulebook.by_category(category)
    stated = [m for m in found.affirmed.values() if m.category is category and span[0] <= m.start < span[1]]
    return bool(stated) and all(
        # (not a word that only names the data: "*deleted* files stay in the trash")
        m.name in rules.protects and not _NAMING_BEFORE.search(text[span[0] : m.start])
        for m in stated
    )


# what stands before a participle that names a thing rather than says an act ("*your* deleted
# files"), or the sentence's start
_NAMING_BEFORE = lazy(
    r"(?:^|\b(?:the|your|our|their|its|a|an|any|all|these|those|such)\s+)\s*$", re.IGNORECASE
)


# a member that is an adverb of manner joined to another ("fairly *and lawfully*")
def _in_a_business_event(text: str, span: tuple[int, int], at: int, end: int) -> bool:
    """Whether ``at`` stands in the leading condition of its sentence (``span``) and that condition,
    read up to ``end`` (or to its comma), names an event of the company's own business ("If we merge
    or sell …", "If our company or any of its assets are sold, …")."""
    if IN_A_LEADING_CONDITION.match(text, span[0], at) is None:
        return False
    comma = text.find(",", end, span[1])
    return _BUSINESS_EVENT.search(text, span[0], max(end, comma)) is not None


def _one_more_business_event(text: str, span: tuple[int, int], at: int, words: str) -> bool:
    """Whether ``words``, joined at ``at`` to an occasion that names an event of the company's own
    business ("… in connection with a merger *, acquisition or sale of assets*"), is one more such event."""
    opened = _occasion_opened(text, span, at)
    return (
        opened is not None
        and _BUSINESS_EVENT.search(text, opened, at) is not None
        and _BUSINESS_EVENT.search(words) is not None
    )


def _in_a_business_occasion(text: str, span: tuple[int, int], at: int) -> bool:
    """Whether ``at`` stands in an occasion that names an event of the company's own business ("…
    in connection with a sale of *all or* part of our company")."""
    opened = _occasion_opened(text, span, at)
    if opened is None:
        return False
    event = _BUSINESS_EVENT.search(text, opened, span[1])
    # (the occasion's own words: the event opens it, after an article at most)
    return event is not None and _ARTICLE_ONLY.fullmatch(text, opened, event.start()) is not None


def _occasion_opened(text: str, span: tuple[int, int], at: int) -> int | None:
    """Where the words of the last occasion opened before ``at`` in its sentence (``span``) begin."""
    opened = [m.end() for m in _OCCASION.finditer(text, span[0], at)]
    return opened[-1] if opened else None


_ARTICLE_ONLY = lazy(r"\s*(?:(?:a|an|the|any|our|its)\s+)?", re.IGNORECASE)


# what opens the occasion of a practice ("… *in connection with* a merger", "… *if* we are acquired")
_OCCASION = lazy(
    r"\b(?:in\s+connection\s+with|in\s+the\s+(?:event|case|course)\s+(?:of|that)|as\s+part\s+of|during|if|when|"
    r"should|where|following|upon|on)\s",
    re.IGNORECASE,
)


# an event of the company's own business: a merger, a sale of it or of its assets, an insolvency
_BUSINESS_EVENT = lazy(
    r"\b(?:merg\w*|acqui\w*|reorgani[sz]\w*|bankrupt\w*|insolven\w*|divest\w*|restructur\w*"
    r"|(?:sell|sale|transfer)\w*\s+(?:of\s+)?(?:all\s+or\s+(?:a\s+)?part\s+of\s+|(?:any|a)\s+part\s+of\s+"
    r"|(?:some|any|all|substantially\s+all)\s+(?:or\s+\w+\s+)?of\s+)?"
    r"(?:(?:our|the|its|a)\s+)?(?:business|company|assets|shares)"
    # (… or in the passive: "if our company or any of its assets *are sold*")
    r"|(?:business|company|assets|shares)\s+(?:is|are|was|were|be|being)\s+(?:sold|acquired|transferred))",
    re.IGNORECASE,
)
# a part of the member before it: "or any part of it", "and all or part of its assets"
_PART_OF_IT = lazy(
    r"[\s,]*(?:and|or)\s+(?:any|a|all|some|every)?\s*(?:or\s+)?(?:part|parts|portion|portions|share)\s+of\s+"
    r"(?:it|them|its\s+\w+|their\s+\w+)[\s,]*",
    re.IGNORECASE,
)
_MANNER_MEMBER = lazy(r",?\s*(?:and|or|but)\s+[a-z]{3,}ly\b[\s,.;]*", re.IGNORECASE)
_MANNER_BEFORE = lazy(r"\b[a-z]{3,}ly\s*$", re.IGNORECASE)


def _inside_cue(found: Profile, cue_id: str, words: str, at: int) -> bool:
    """Whether the words of an edit at ``at`` (spaces and stops aside) stand inside a match of a cue:
    the cue reads them, no list signal does."""
    start = at + len(words) - len(words.lstrip(" ,;"))
    end = at + len(words.rstrip(" ,;."))
    return start < end and any(m.start <= start and end <= m.end for m in found.cues.get(cue_id, []))


def _with_run_on_lead(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span from the lead-in of a list run on in one paragraph ("We never record: A; B; C") to
    the end of the item ``span`` holds, when the sentences before it are that list's items; else ``span``."""
    before = [s for s in sentences(text[: span[0]]) if s[1] <= span[0]]
    for start, end in reversed(before):
        part = text[start:end].rstrip()
        if not part.endswith(";"):
            break
        if ":" in part:
            return start, span[1]
    return span


_AND_JOINT = lazy(r"[\s,]*and\b", re.IGNORECASE)
_KEEP_ASKED = lazy(
    r"\s+(?:us\s+|for\s+us\s+)?to\s+(?:keep|retain|store|hold|save)\b|\s+for\s+(?:a\s+)?longer\b",
    re.IGNORECASE,
)
_AS_LONG_AS_BEFORE = lazy(
    r"\bas\s+long\s+as\s+(?:(?:is|it\s+is|they\s+are|reasonably|strictly)\s+)*$", re.IGNORECASE
)
_AGE_FRAME = lazy(r"\W*(?:the\s+)?ages?\s+of\W*", re.IGNORECASE)


# what names the user's own data or belongings (OPP-115: a practice is about the user's information)
# (or the company as the verb's subject: "we may record *and transcribe* calls")
# (… or the company as the one it goes to: "the car reports its mileage *to us*")
# (the data of a class of data subjects, in the third person: "their students' scores", "a patient's
# records"; GDPR Art. 30(1)(c), the categories of data subjects; not "customer's", which in a
# processor's terms is the business it serves)
_USERS_OWN = lazy(
    r"\b(?:your|you|users?['’]?s?|personal|data|information|we|us"
    r"|(?:students?|pupils?|patients?|employees?|members?|child|children|subscribers?|residents?"
    r"|consumers?|applicants?|candidates?|drivers?|riders?|guests?|players?)['’]s?)(?!\w)",
    re.IGNORECASE,
)


# a sentence whose subject is a thing of the company's, its verb right after it ("the doorbell
# records", "our smart scale also measures"), not a person ("the user records", "each member shares");
# wider than engine._OUR_SUBJECT ("we", "our …"), which reads verbs no ontology names: here the verb
# must be a practice verb of the reader's
_PRODUCT_SUBJECT = lazy(
    r"\W*(?:the|our|this|each|every)\s+(?!(?:users?|members?|customers?|visitors?|players?|students?"
    r"|parents?|employees?|people|person|patients?|drivers?|riders?|buyers?|sellers?)\b)[\w-]+"
    r"(?:\s+[\w-]+)?\s+(?:(?:may|can|will|also|automatically|only)\s+)*[a-z]+s\b",
    re.IGNORECASE,
)
# what a subject list's predicate opens with: a form of "be" ("… are visible to", "… is shared with")
_PREDICATE = lazy(r"\s*(?:is|are|was|were|will\s+be|may\s+be|can\s+be|might\s+be)\b", re.IGNORECASE)


def _verb_follows(text: str, at: int) -> bool:
    """Whether a practice verb (after a modal) comes right after ``at``: the member before it is of
    the verb's subject ("moderators *and automated systems* review what you post")."""
    modal = _MODAL_BEFORE_VERB.match(text, at)
    start = modal.end() if modal else at
    # (the verb's own words may take in the member's last: "systems review")
    return any(
        verb.start() <= start < verb.end()
        for verb in practice_reader().verbs.finditer(text, max(0, at - 30), start + 40)
    )


_MODAL_BEFORE_VERB = lazy(r"\s*(?:(?:may|can|will|must|might|could|should|also)\s+)*", re.IGNORECASE)


def _attribute_member(before: str, words: str, found: Profile, at: int, rulebook: RuleBook) -> bool:
    """Whether ``words`` join an adjective said of a thing with "be" ("may be inaccurate *or
    offensive*"), naming no term and no practice verb, as the adjective names none."""
    attribute = _ATTRIBUTE_BEFORE.search(before)
    if attribute is None:
        return False
    reader = practice_reader()
    if reader.actions(attribute.group(1)) or reader.actions(words):
        return False  # "may be shared *or sold*": a practice's verb, its member
    if any(w.endswith("ed") for w in (attribute.group(1).casefold(), *WORD.findall(words.casefold()))):
        return False  # "is required *or permitted* by law": a participle, what a practice may do
    if any(at <= t.start < at + len(words) for t in found.terms):
        return False
    return len(_content_words(words, rulebook)) <= 2


_ATTRIBUTE_BEFORE = lazy(r"\b(?:is|are|be|been|was|were)\s+(?:\w+ly\s+)?([a-z]+)\s*$", re.IGNORECASE)
# advice to the user: "we recommend that you …", "we encourage you to …"
_JOINT_ONLY = lazy(r"[\s,]*(?:and|or)\s+(?:then\s+)?", re.IGNORECASE)
_EXCEPTION_OPENS = lazy(r"[\s,]*(?:unless|except)\b", re.IGNORECASE)
_PASSIVE = lazy(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en)(?:\s+\w+ly)?\s*$", re.IGNORECASE
)


def _verb_category(before: str, after: str = "") -> Category | None:
    """The category of the company's practice verb that a member joins, when the sentence names no
    term: "visible to your connections *and to recruiters*", "we infer your interests*, income
    bracket*" (the verb's class says what the list is: ontology/actions.toml)."""
    # (a passive says the company does it: "support calls are recorded *and transcribed*")
    # (a product as the verb's subject is the company acting: "the doorbell records sound *and faces*")
    owned = (
        _USERS_OWN.search(before)
        or _USERS_OWN.search(after)
        or _PASSIVE.search(before)
        or _PRODUCT_SUBJECT.match(before)
    )
    if USER_RIGHT.match(before) or not owned:
        # "you can copy, move *or delete* …": what a user does, no practice of ours; "questions can
        # be sent to support *or to our officer*": nothing of the user's is handled
        return None
    reader = practice_reader()
    verbs = reader.verbs_in(before)
    if any(name == "rights" for name, _ in verbs):
        return None  # "request access to it, or have it updated *or corrected*": what a right covers
    widening = [name for name, words in verbs if not reader.promising.match(words)]
    if widening and widening[-1] == "share" and _TO_OURS.search(f"{before} {after}"):
        return Category.COLLECTION  # "sends readings *and occupancy data* to our servers": sent to us
    return PRACTICE_CATEGORY.get(widening[-1]) if widening and widening[-1] in WIDENING else None


# the company's own end of a sending: what is sent there is collected (GDPR Art. 4(2))
_TO_OURS = lazy(r"\bto\s+(?:us|our\s+(?:own\s+)?(?:servers?|cloud|systems?|backend))\b", re.IGNORECASE)


def _companies_named_after_class(words: str, at: int, sides: Sides) -> Category | None:
    """The category of a class of parties (a recipient or a tracking class) that ``words``, inserted
    right after it, give named examples of: "(such as DPD and Royal Mail)", ", e.g. Acme Ads"."""
    found = _NAMED_EXAMPLES.fullmatch(words)
    if found is None:
        return None
    names = [w for w in WORD.findall(found.group(1)) if w.casefold() not in _NAME_JOINTS]
    if not names or not all(w[0].isupper() for w in names):
        return None
    before = sides.new.text[:at]
    for term in sides.new_profile.terms:
        if term.category in _NAMED_ROLES and term.end <= at and not before[term.end :].strip(" ,("):
            return term.category
    return None


# an example list opened and closed by an insertion: " (such as DPD and Royal Mail)", ", e.g. Acme,"
# (each run of spaces has one place to go: no backtracking on a long one)
_NAMED_EXAMPLES = lazy(
    r"\s*(?:[(,]\s*)?" + _EXAMPLE_MARKER + r"\s+([^().;:]+?)\)?\s*(?:,\s*)?", re.IGNORECASE
)


def _named_example(words: str, before: str) -> bool:
    """Whether ``words`` are only names (each word capitalised) joining a list of examples the
    sentence opened before them ("partners (such as Acme", "vendors, e.g. Acme")."""
    names = _names(_JOINING.sub("", words, count=1))
    return bool(names) and _EXAMPLES_OPEN.search(before) is not None


def _names(words: str) -> list[str]:
    """The words of ``words`` but the joints of a name ("and", "of", "Inc"), when each is capitalised
    (the words are then only names); else none."""
    names = [w for w in WORD.findall(words) if w.casefold() not in _NAME_JOINTS]
    return names if all(w[0].isupper() for w in names) else []


def _apposed_name(words: str, before: str, after: str) -> bool:
    """Whether ``words`` are a name set beside the one party named by its role, in apposition,
    after it ("our billing provider*, Paddle*") or before it ("we use *Piano,* a paywall provider"):
    the party named, not one more (LABELING.md, Recipients: a named instance of a class disclosed
    is neutral)."""
    if _TWO_NAMES.search(words) or not 0 < len(_names(words)) <= 4:
        return False  # (two names beside one role: a list, "our provider, Acme and Beta Ads")
    if words.lstrip().startswith(","):
        return _ONE_PARTY_BEFORE.search(before) is not None
    return words.rstrip().endswith(",") and _ONE_PARTY_AFTER.match(after) is not None


# words that bound nothing in a denial: "not … any", "not … at all", "never … whatsoever"
# (and a denial's tense: "we will never sell it" denies what "we never sell it" does)
_UNBOUNDED = frozenset(
    {"any", "all", "at", "whatsoever", "whatever", "ever", "in", "way", "manner", "form", "kind"}
    | {"anyone", "anybody", "anything", "to", "with", "under", "circumstances", "will", "shall"}
)
_NAMED_ROLES = frozenset({Category.SHARING, Category.TRACKING})
_TO_THIRD_PARTIES = lazy(r"\s*(?:to|with)\s+(?:any\s+)?(?:third[\s-]+parties|others)\s*", re.IGNORECASE)
_SALE = lazy(r"\b(?:sell|sells|sold|selling|rent|rents|rented|renting)\b", re.IGNORECASE)
_NAME_JOINTS = frozenset({"and", "or", "of", "the", "de", "inc", "ltd", "llc"})
_TWO_NAMES = lazy(r"\b(?:and|or)\b|&", re.IGNORECASE)
# one party named by its role, singular, right before a name in apposition: "our payment processor, Acme Pay"
_ROLE = (
    r"(?:provider|processor|vendor|partner|supplier|host|carrier|bank|insurer|agency|contractor|sub-?processor"
    r"|company|platform|service|operator|broker|auditor|adviser|advisor)"
)
_ONE_PARTY_BEFORE = lazy(rf"\b(?:our|its|their|the|a|an)\s+(?:[\w-]+\s+){{0,3}}?{_ROLE}\s*$", re.IGNORECASE)
# … and the role right after the name: "Piano, *a paywall provider* that sets cookies"
_ONE_PARTY_AFTER = lazy(rf"\s*(?:our|its|their|the|a|an)\s+(?:[\w-]+\s+){{0,3}}?{_ROLE}\b", re.IGNORECASE)
# a list of examples still open where the words join it: "(such as …", ", for example …"
_EXAMPLES_OPEN = lazy(r"(?:\(|,|\s)\s*" + _EXAMPLE_MARKER + r"[^().;:]*$", re.IGNORECASE)


# a practice's ground in law said after it (", as required by local law", "where the law allows"): a
# condition the condition cue reads, no member of the list (issue 13: coordination is no member)
_CONDITION_OPENS = lazy(r"\b(?:if|when|whenever|unless|once|where)\b", re.IGNORECASE)
# a widener of the laws that bind: "any applicable law", "all relevant regulations"
LAW_REACH = lazy(rf"\s*(?:any|all|every)\s+(?:other\s+)?{LAWS}\b", re.IGNORECASE)
# a law named as the ground of what is done ("as tax law", "where required by law") and a law joined to it
_LAW_BEFORE = lazy(
    rf"\b(?:as|where|when|if|because)\s+(?:(?:required|permitted)\s+by\s+)?(?:[\w-]+\s+){{0,3}}?{LAWS}\s*$",
    re.IGNORECASE,
)
_LAW_MEMBER = lazy(
    rf"[\s,]*(?:and|or)\s+(?:any\s+)?(?:other\s+)?(?:[\w-]+\s+){{0,3}}?(?:{LAWS}|rules)\s*", re.IGNORECASE
)
# the laws a company says it complies with, listed: "we comply with FERPA, COPPA and …"
_COMPLIED_WITH = lazy(
    r"\b(?:comply|complies|complying|compliance|compliant)\s+with\s+[^.;:]*$|\bin\s+accordance\s+with\s+[^.;:]*$",
    re.IGNORECASE,
)
_LEGAL_GROUND = lazy(
    r"[\s,;(]*(?:and\s+)?(?:as|where|when|if|to\s+the\s+extent)\s+(?:(?:it\s+is|is)\s+)?"
    # (the law named by its field or place: "as tax law requires", "where applicable laws allow")
    r"(?:(?:legally\s+)?(?:required|permitted|allowed|mandated|authori[sz]ed)\s+(?:by|under)"
    r"|(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:law|laws|legislation|regulations?)\b)",
    re.IGNORECASE,
)
# the reason a statement gives for itself: "because …", "since …", "given that …", "due to the fact that …"
_REASON_OPEN = lazy(
    r"[\s,;]*(?:(?:and|or)\s+)?(?:because|given\s+that|due\s+to\s+the\s+fact\s+that|as\s+there\s+(?:is|are)"
    # ("since" as a reason, not a time: "since we do not need it", not "since 2024")
    r"|since\s+(?:we|you|it|they|there|this|that|the|our|your)\b)\b",
    re.IGNORECASE,
)
# a consequence drawn for the reader, or advice: "…, so please verify important information", "…, so
# you should keep your password safe"
_CONSEQUENCE = lazy(
    r"[\s,;]*(?:and\s+)?(?:so|therefore|thus|hence)\b,?\s+(?:please|you\s+(?:should|must|may\s+want\s+to|might\s+want\s+to)"
    r"|we\s+(?:recommend|encourage|suggest|advise|ask)|always|remember|make\s+sure|be\s+sure|do\s+not|don['’]t"
    # (the advice said in the imperative: "…, so check important information")
    r"|check|double-check|verify|review|confirm|consider|avoid|be\s+careful|take\s+care)\b",
    re.IGNORECASE,
)
# a duty the law puts on the company, named as one more end: "… *and to comply with tax laws*" (GDPR
# Art. 6(1)(c): processing the law requires; the company gains no use it could choose)
_LEGAL_DUTY = lazy(
    rf"[\s,;]*(?:and|or)\s+(?:in\s+order\s+)?to\s+(?:comply|meet|fulfil|fulfill|satisfy)\s+(?:with\s+)?"
    rf"(?:(?:our|the|any|all|its)\s+)?(?:[\w-]+\s+){{0,2}}?{LAWS}[\s.,;]*",
    re.IGNORECASE,
)
_CONCESSION = rf"^[\s,;]*(?:and\s+)?(?:{EVEN_CONCESSION}|whether\s+or\s+not)\b"
# a place or a copy a protective act reaches as well ("…, even from backups,")
_EVEN_REACH = lazy(r"[\s,;(]*(?:and\s+)?even\s+(?:from|in|on|within|across|including|our)\b", re.IGNORECASE)
# a member that is an infinitive of purpose: "…, and to set the prices we show you" (OPP-115
# Purpose attribute; GDPR Art. 5(1)(b): purposes are specified one by one)
_PURPOSE_MEMBER = lazy(
    r"[\s,;]*(?:(?:and|or|and/or)\s+)?(?:in\s+order\s+)?to\s+(?!you\b|us\b|the\b|our\b|your\b|third\b|other\b|any\b)[a-z]",
    re.IGNORECASE,
)
# a purpose the company gives itself in a clause of its own: "and so (that) we can …"
_PURPOSE_CLAUSE = lazy(
    r"[\s,;]*(?:and|or)\s+(?:so\s+(?:that\s+)?|in\s+order\s+that\s+)(?:we|our\s+[\w-]+)\s+"
    r"(?:can|may|could|might|will)\s+[a-z]",
    re.IGNORECASE,
)
# a clause with a subject of its own: "you can access them", "we will delete it"
# (or a verb phrase joined on: "… that link to *or are otherwise subject to* this policy")
_OWN_SUBJECT = lazy(
    r"\b(?:you|we|they|users?)\s+(?:also\s+)?(?:can|may|will|must|should|could|would|have|are|need)\b"
    r"|^[\s,;]*(?:(?:and|or|and/or)\s+)?(?:is|are|was|were|can|may|will|must|should|could|would)\s"
    # a clause joined by a contrast ("…, but some features may not work") is never a list's member
    r"|^[\s,;]*(?:but|however|though|although|yet)\b"
    # … nor is a clause with a party of its own as subject ("…, and the buyer may use it as …")
    r"|^[\s,;]*(?:and|but)\s+(?:the|our|its|their|any|such|each|that)\s+(?:[\w-]+\s+){1,2}?"
    r"(?:may|will|can|must|shall|would|could|should|is|are)\s"
    # nor is a condition set on the whole clause ("…, if you turn it on"): the condition cues read it
    r"|^[\s,;]*(?:if|unless|provided|once)\s+(?:you|we|they|users?)\b"
    # … or a concession ("…, even after you delete it"): the despite cue reads it; an exception
    # ("…, except where the law prevents it"): the exception cue does
    r"|" + _CONCESSION + r"|^[\s,;]*(?:except|excepting|save\s+where|other\s+than\s+where)\b"
    # … or a relative clause on the last member ("…, who may only use it for us"): it says what that
    # member does, it names no new one
    r"|^[\s,;]*(?:who|whom|whose|which)\b",
    re.IGNORECASE,
)
# the user's own choice to keep their things, right after an exception: "unless you save them",
# "except where you ask us to keep it" (a consent, "unless you agree", lets the company do what it
# promised not to: cue.consent-required and the denial cues read it)
# what ends a keeping before its period: the user's deletion, or an end said to come sooner
_ENDS_SOONER = lazy(
    r"\s+(?:(?:where\s+|when\s+|if\s+)?you\s+(?:first\s+)?(?:delete|erase|remove|clear|close)\b"
    r"|you\s+ask\s+us\s+to\s+(?:delete|erase|remove)\b"
    r"|[^.;:]{0,60}?\b(?:sooner|earlier|a\s+shorter\s+period)\b)",
    re.IGNORECASE,
)
_USERS_CHOICE = lazy(
    r"\s+(?:where\s+|when\s+|if\s+)?you\s+(?:first\s+|explicitly\s+|specifically\s+)?"
    r"(?:save|keep|pin|archive|star|bookmark|mark|choose\s+to\s+(?:save|keep)"
    r"|ask\s+us\s+to\s+(?:save|keep|retain)|request\s+that\s+we\s+(?:save|keep|retain))\b",
    re.IGNORECASE,
)
_OR_JOINT = lazy(r"[\s,;]*(?:or|and/or)\b", re.IGNORECASE)
_JOINING = lazy(r"[\s,;]*(?:(?:and|or)\s+)?(?:(?:including|by)\s+(?=not\b))?", re.IGNORECASE)
# a lead-in that opens a list of the user's rights: "… may have a right to:", "You can:"
_RIGHT_LEAD = lazy(
    r"(?:\brights?\s+to|\b(?:you|users?|residents|consumers|individuals|parents?)\b[^.:;]{0,40}?"
    r"\b(?:can|may|are\s+entitled\s+to|are\s+able\s+to)(?:\s+also)?)\s*:\s*$",
    re.IGNORECASE,
)


def _whole_purpose_named_beside(
    own: Sequence[Match], found: Profile, span: tuple[int, int], member: tuple[int, int], rulebook: RuleBook
) -> bool:
    """Whether every term of a member is a purpose compared as a whole that its sentence names
    outside the member too."""
    grouped = rulebook.by_category(Category.PURPOSE).grouped
    beside = {
        t.name
        for t in found.terms
        if t.category is Category.PURPOSE
        and span[0] <= t.start < span[1]
        and not member[0] <= t.start < member[1]
    }
    return all(t.category is Category.PURPOSE and t.name in grouped and t.name in beside for t in own)


def _list_made(
    rulebook: RuleBook,
    key: str,
    category: Category,
    direction: Direction,
    words: str,
    at: int,
    *,
    inserted: bool,
) -> Signal:
    """The list signal of ``key`` (``[lists]`` of the cue file), named ``cue.list-<key>``."""
    match = Match(key, category, words.strip(), at, at + len(words))
    rule = f"cue.list-{key.replace('_', '-')}"
    return signal(
        category, direction, rule, rulebook.lists[key], match, Side.NEW if inserted else Side.OLD, CUE
    )


# a check and what it is made with: "verify your identity with / using / by scanning …"
_CHECKED_WITH = lazy(
    r"\b(?:verif\w*|confirm\w*|authenticat\w*|check\w*)\b[^.;:]{0,60}?"
    r"\b(?:with|using|by\s+(?:checking|scanning|comparing|asking\s+for|collecting))\b",
    re.IGNORECASE,
)


# what joins list members, and the words that make a clause of what was edited (a subordinator,
# a modal, an object pronoun): a member is a noun phrase or an adjunct of a few words
_SEPARATORS = lazy(r"[,;]|(?:^|\s)(?:and/or|and|or|&|as well as|plus)(?=\s|$)", re.IGNORECASE)
_MEMBER_WORDS = 4
_CLAUSE_WORDS = frozenset(
    {
        "although",
        "because",
        "including",
        "how",
        "which",
        "that",
        "who",
        "whom",
        "where",
        "when",
        "if",
        "unless",
        "while",
        "may",
        "will",
        "can",
        "must",
        "should",
        "would",
        "could",
        "it",
        "them",
        "this",
        "these",
        "those",
        "we",
        "you",
        "they",
        "is",
        "are",
        "be",
    }
)


# a pronoun after a preposition is the object inside a noun phrase ("distance from them", "messages
# sent to you"), not the object of a verb that makes a clause ("and manage it")
_PREPOSITIONS = frozenset(
    {"about", "around", "at", "between", "by", "for", "from", "near", "of", "to", "with"}
)
_PRONOUNS = frozenset({"it", "them", "this", "these", "those", "you"})


def _names_clause(member: list[str]) -> bool:
    """Whether the words of an edited member make a clause (a subordinator, a modal, a verb's object)."""
    folded = [w.casefold().strip(".,;:") for w in member]
    relative = _relative_subject(folded)
    return any(
        word in _CLAUSE_WORDS
        and index != relative
        and not (word in _PRONOUNS and index and folded[index - 1] in _PREPOSITIONS)
        for index, word in enumerate(folded)
    )


# what opens a noun phrase ("the songs …", "any files …") and what joins it to the list before it
_DETERMINERS = frozenset({"the", "any", "every", "each", "all", "other"})
_JOINTS = frozenset({"", "and", "or", "and/or", "&", "plus", "as", "well"})


def _relative_subject(folded: list[str]) -> int | None:
    """Where the subject of a relative clause that lost its "that" stands in a noun phrase ("the
    songs *you* play in the car", "any files *we* scan"): the phrase names a thing, not a clause."""
    start = next((i for i, word in enumerate(folded) if word not in _JOINTS), len(folded))
    if start == len(folded) or folded[start] not in _DETERMINERS:
        return None
    for index in range(start + 2, min(start + 4, len(folded))):
        if folded[index] in _CLAUSE_WORDS:
            # (a modal after it, "the songs you may skip", leaves the clause reading)
            later = folded[index + 1 : index + 2]
            plain = folded[index] in {"you", "we", "they"} and not set(later) & _CLAUSE_WORDS
            return index if plain and not set(folded[start + 1 : index]) & _CLAUSE_WORDS else None
    return None


# an alternative joined to what a promise covers: ", or by …", "or at rest"
_ALTERNATIVE = lazy(
    r"[\s,]*(?:or|or else|or alternatively)\s+(?!more\b|less\b|longer\b|later\b)", re.IGNORECASE
)
# the company's own firm promise, its subject and strong modal ("we will", "we shall", "we must")
COMPANY_PROMISE = lazy(
    r"\bwe\s+(?:will|shall|must|always|commit\s+to|undertake\s+to|promise\s+to|are\s+required\s+to)\b",
    re.IGNORECASE,
)


def _promised_before(sentence: str, at: int) -> bool:
    """Whether the company's firm promise governs position ``at`` of its sentence (no exception or
    condition opens between: "…, unless we must keep it by law *or for …*" widens an exception)."""
    promises = list(COMPANY_PROMISE.finditer(sentence, 0, at)) or list(
        _PROTECTS_NOW.finditer(sentence, 0, at)
    )
    return bool(promises) and not practice_reader().opens_condition(sentence[promises[0].end() : at])


# a protective act the company states in the present binds it as "we will" does: "we notify
# affected users by email", "we delete it after 30 days" (a policy's present states its practice)
_PROTECTS_NOW = lazy(
    r"\bwe\s+(?:then\s+|also\s+|promptly\s+|always\s+)?(?:notify|inform|tell|alert|delete|erase|destroy|encrypt"
    r"|anonymi[sz]e|de-identify)\b",
    re.IGNORECASE,
)


def _affirmed_safeguard(found: Profile, span: tuple[int, int], rulebook: RuleBook) -> Category | None:
    """The category of the first safeguard a sentence affirms (not a right: its own rules read it)."""
    filed = {m.start for m in found.affirmed.values()}
    for term in found.terms:
        if (
            span[0] <= term.start < span[1]
            and term.category is not None
            and term.category is not Category.RIGHTS
            and term.start in filed
            and is_safeguard(term, rulebook)
        ):
            return term.category
    return None


# a keeping verb and the safe state it keeps data in, right before a qualifier ("stored securely")
_KEPT_SAFE_BEFORE = lazy(
    r"\b(?:stored|kept|held|maintained|retained|saved|hosted)\s+(?:securely|safely|safe|secure)\s*$",
    re.IGNORECASE,
)
# the company's own systems, where it keeps data: "on our servers", "in secure data centres"
_OWN_PLACE = lazy(
    r"\s*(?:on|in|at|within)\s+(?:our|its|the)?\s*(?:own\s+)?(?:secure\s+|protected\s+)?"
    r"(?:servers?|systems?|data\s*cent(?:re|er)s?|cloud|infrastructure|premises|facilities|databases?)\s*",
    re.IGNORECASE,
)
_TIME_BOUND = lazy(r"\s*(?:within|no\s+later\s+than|at\s+the\s+latest)\s*", re.IGNORECASE)
# words that restrict what they follow or precede to a part of it: a place, a case, a kind ("in
# one-to-one chats", "that you mark as private", "when you are signed in")
# (no comma before it: ", which we rent from a provider" describes, it does not restrict)
_RESTRICTS = lazy(
    r"\s*(?:in|on|for|from|within|between|during|while|when|where|if|that|which|sent|stored|shared)\b",
    re.IGNORECASE,
)


def _protected_category(found: Profile, span: tuple[int, int], rulebook: RuleBook) -> Category | None:
    """The category of the first protective term of a sentence (a safeguard, a notice, a deletion):
    what the company promises there for the user."""
    for term in found.terms:
        if not (span[0] <= term.start < span[1]) or term.category is None:
            continue
        rules = rulebook.by_category(term.category)
        if term.category is not Category.RIGHTS and (
            is_safeguard(term, rulebook) or rules.gained is Direction.NARROWS
        ):
            return term.category
    return None


_BY_MEANS = lazy(r"[\s,]*(?:or|and)\s+(?:by|via|through|using|in|on)\b", re.IGNORECASE)


def _safeguard_member(
    rulebook: RuleBook, words: str, found: Profile, span: tuple[int, int], at: int, *, inserted: bool
) -> Signal | None:
    """A member added to (or removed from) the list of what a safeguard or a right covers, in a
    sentence that affirms it: one member fewer and the promise covers less."""
    if any(s <= at < e and d for s, e, d in found.denials):
        return None  # "we do not encrypt A or B": no promise to weaken
    member = _SEPARATORS.sub(" ", words).split()
    # (a way of using a right counts by its words of substance: "or by using our online form")
    size = len(_content_words(" ".join(member), rulebook)) if _BY_MEANS.match(words) else len(member)
    if not 0 < size <= _MEMBER_WORDS or _names_clause(member):
        return None  # a clause went or came ("and manage it", ", including how …"), not a list member
    inside = [t for t in found.terms if span[0] <= t.start < span[1] and t.category]
    peer = _peer_of_a_form(rulebook, words, found, inside, at, inserted=inserted)
    if peer is not None:
        return peer
    # a member that names a practice of the company's own ("… and to train our models") is read by
    # the term signals; one a right or a safeguard covers ("object to marketing and profiling") is not
    stated = {m.start for m in (*found.affirmed.values(), *found.denied.values())}
    # (a right's words the profile did not state as one, "apps you connect can access your
    # contacts", cover nothing: the apps access)
    protective = [
        t.category
        for t in inside
        if t.category
        and rulebook.by_category(t.category).protective
        and (t.start in stated or t.category is not Category.RIGHTS)
    ]
    named = [t for t in inside if at <= t.start < at + len(words) and t.start in stated]
    # a practice's own verb joined to a safeguard ("encrypted *and backed up*"): one more thing done
    # with the data, not one more thing the safeguard covers
    acts = [
        t
        for t in inside
        if at <= t.start < at + len(words)
        and t.category
        and not rulebook.by_category(t.category).protective
        and t.name in rulebook.by_category(t.category).grouped
        and not is_safeguard(t, rulebook)
        and _JOINT_ONLY.fullmatch(words, 0, t.start - at)  # the verb right after the joint, not "in backups"
    ]
    # (a right's practices are what it covers: "opt out of the sale *and sharing*")
    if protective and Category.RIGHTS not in protective and acts and acts[0].category is not None:
        key = "member_added" if inserted else "member_removed"
        direction = Direction.EXPANDS if inserted else Direction.NARROWS
        return _list_made(rulebook, key, acts[0].category, direction, words, at, inserted=inserted)
    # (a way to reach us named in it is how the right is used: "… or by using our online form")
    if not protective or any(
        t.category and t.category is not Category.CONTACT and not rulebook.by_category(t.category).protective
        for t in named
    ):
        return None
    key = "safeguard_member_added" if inserted else "safeguard_member_removed"
    direction = Direction.NARROWS if inserted else Direction.EXPANDS
    return _list_made(rulebook, key, protective[0], direction, words, at, inserted=inserted)


def _peer_of_a_form(
    rulebook: RuleBook, words: str, found: Profile, inside: list[Match], at: int, *, inserted: bool
) -> Signal | None:
    """A member joined to the form of the data a practice acts on ("we share *aggregated* and
    *individual-level* statistics"): a form no safeguard names is data the practice now reaches
    unprotected (GDPR Recital 26: only anonymous data is out of scope), not one more thing protected."""
    # (the form right before the joint: "aggregated *and …*", "hashed, *or …*")
    forms = [t for t in inside if t.start in found.forms and 0 <= at - t.end <= 2]
    if not forms or any(at <= t.start < at + len(words) and is_safeguard(t, rulebook) for t in inside):
        return None
    practices = [
        t.category
        for t in inside
        if t.category
        and t.start not in found.forms
        and not rulebook.by_category(t.category).protective
        and t.name in rulebook.by_category(t.category).grouped
    ]
    if not practices:
        return None
    key = "member_added" if inserted else "member_removed"
    direction = Direction.EXPANDS if inserted else Direction.NARROWS
    return _list_made(rulebook, key, practices[0], direction, words, at, inserted=inserted)


def _content_words(words: str, rulebook: RuleBook) -> list[str]:
    return [
        w for w in WORD.findall(words.casefold()) if w not in rulebook.editorial_words and not w.isdigit()
    ]


def _list_change(*, member: bool, denied: bool, inserted: bool) -> tuple[str, bool]:
    """The list signal's key (``[lists]`` of the cue file) and whether the change widens the sentence."""
    if member:  # a member added to an affirmation widens it; one added to a denial narrows it
        return ("member_added" if inserted else "member_removed"), inserted != denied
    # a qualifier added inside a denial shrinks what it denies
    return ("qualifier_added" if inserted else "qualifier_removed"), inserted
