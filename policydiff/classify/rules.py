"""Load and validate the rule files; compile their terms and cues into matchers.

A category file (``rules/<category>.toml``) holds the category's ``topic`` in plain words,
its ``terms`` (concept → phrases; ``*`` ends a stem, a space also matches a hyphen), the
concepts whose widening may need ``consent``, and its ``[[rule]]`` tables (numbers with
units, phrases added or removed, swaps, identity). ``rules/cues.toml`` holds the generic
cues every category shares: negations, limiters, hedges, exceptions, openers, modals.
Every rule, cue, swap and category also says in ``plain`` words what its changes mean to a
user: the notices use those sentences (``RuleBook.plain``), never sentences of their own.
The engine knows no category by name: everything it says comes from these files.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policydiff.classify.phrases import PhraseSet
from policydiff.errors import InputError
from policydiff.model import Category, Direction

Finder = re.Pattern[str] | PhraseSet  # both have finditer() and search() with regex-like matches

RULE_KINDS = ("number", "phrase-added", "phrase-removed", "swap", "identity", "details")
CUE_EFFECTS = ("protects", "permits")
UNITS = ("duration", "age")
# the term signals the engine names <category>.<event> (signals.term_signals, engine._no_signal)
TERM_EVENTS = (
    "added",
    "removed",
    "denial-lifted",
    "denial-removed",
    "denial-added",
    "exclusion-added",
    "described",
)


@dataclass(frozen=True, slots=True)
class Match:
    """A term or cue found in a text: what it is, the words, and where."""

    name: str
    category: Category | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plain:
    """A reason told in plain words: a sentence from the rule files and the detail the reason carries.

    ``detail`` is what the engine measured ("6 months → 24 months"); ``quote`` says that the
    triggering words themselves name what changed and belong in the sentence.
    """

    text: str
    detail: str = ""
    quote: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: Category
    kind: str
    says: str
    plain: str
    direction: Direction = Direction.EXPANDS
    larger: Direction = Direction.EXPANDS  # number rules: direction when the new number is larger
    unit: str = "duration"
    phrases: PhraseSet = PhraseSet([])
    old_phrases: PhraseSet = PhraseSet([])
    new_phrases: PhraseSet = PhraseSet([])
    major: bool = False
    consent: str | None = None
    phrase_entries: tuple[tuple[str, str], ...] = ()  # (slot, phrase): slot is "phrases", "old" or "new"


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    effect: str  # "protects" | "permits"
    pattern: Finder
    says_added: str
    says_removed: str
    plain_added: str  # how a notice tells a user of it, in plain words
    plain_removed: str
    subject: str = "any"  # "company": not counted after "you"; "user": counted only after "you"


@dataclass(frozen=True, slots=True)
class Swap:
    """A word replaced by another that widens or narrows ("and" → "or", "will" → "may")."""

    id: str
    old: frozenset[str]
    new: frozenset[str]
    direction: Direction
    says: str
    plain: str


@dataclass(frozen=True, slots=True)
class CategoryRules:
    category: Category
    topic: str
    priority: int
    protective: bool  # its sentences grant rights or safeguards: other practices named there are their object
    adverse: frozenset[str]  # concepts that go against the user even in a protective category
    gained: Direction  # the direction when one of its terms appears in an affirmative sentence
    lost: Direction  # … and when one disappears
    grouped: frozenset[str]  # concepts compared as a whole (verbs); other terms compare member by member
    terms: PhraseSet
    term_entries: tuple[tuple[str, str], ...]  # (phrase, concept)
    consent: Mapping[str, str]  # concept → why consent may be required
    rules: tuple[Rule, ...]
    plain: Mapping[Direction, str]  # how a notice tells a user of a change in this category, by direction


@dataclass(frozen=True, slots=True)
class RuleBook:
    categories: tuple[CategoryRules, ...]
    cues: tuple[Cue, ...]
    subject_you: re.Pattern[str]
    editorial_words: frozenset[str]
    retroactive: Finder
    swaps: tuple[Swap, ...]
    lists: Mapping[str, str]  # list signal key → what it says
    editorial: Mapping[str, str]  # editorial verdict key → what it says
    term_index: PhraseSet  # every category's terms in one index: one pass over a text finds them all
    rule_index: PhraseSet  # every rule's phrases, named "<rule id>\t<phrases|old|new>"
    cue_index: (
        PhraseSet  # every phrase cue in one index, so "including but not limited to" hides "limited to"
    )
    lists_plain: Mapping[str, str]  # list signal key → how a notice tells a user of it

    def by_category(self, category: Category) -> CategoryRules:
        for rules in self.categories:
            if rules.category is category:
                return rules
        raise KeyError(category)

    def cue(self, cue_id: str) -> Cue | None:
        return next((cue for cue in self.cues if cue.id == cue_id), None)

    def rules(self) -> Iterator[Rule]:
        for category in self.categories:
            yield from category.rules

    def plain(self, rule_id: str, says: str, direction: Direction) -> Plain | None:
        """How a notice tells a user of a reason (its rule id and ``says``), read in ``direction``.

        None for reasons no notice tells (editorial ones) and for ids no rule file names.
        """
        rule = next((r for r in self.rules() if r.id == rule_id), None)
        if rule is not None:
            if says == rule.says or says.startswith(f"{rule.says}: "):
                # a contact detail rule names the new address only in its trigger
                detail = says[len(rule.says) :].removeprefix(": ")
                return Plain(rule.plain, detail, quote=rule.kind == "details")
            # a number rule read the other way says "<topic>: a → b" (engine: signals._numbers)
            rules = self.by_category(rule.category)
            return Plain(rules.plain[direction], says.removeprefix(f"{rules.topic}: "))
        cue = self.cue(rule_id)
        if cue is not None:
            return Plain(cue.plain_added if says == cue.says_added else cue.plain_removed, quote=True)
        swap = next((s for s in self.swaps if s.id == rule_id), None)
        if swap is not None:
            return Plain(swap.plain, quote=True)
        key = rule_id.removeprefix("cue.list-").replace("-", "_")
        if key in self.lists_plain:
            return Plain(self.lists_plain[key], quote=True)
        prefix, _, event = rule_id.partition(".")
        category = next((c for c in self.categories if c.category.value == prefix), None)
        if category is None or event not in TERM_EVENTS:
            return None
        if event == "described":
            verb = "added" if says.startswith("new ") else "removed"
            return Plain(f"we {verb} text about {category.topic}")
        return Plain(category.plain[direction], quote=True)

    def find_terms(self, text: str) -> list[Match]:
        """Every term of every category in ``text``, longest first where they overlap."""
        found: list[Match] = []
        for match in self.term_index.finditer(text):
            category, concept = match.name.split("\t")
            found.append(Match(concept, Category(category), match.text, match.begin, match.finish))
        return found


def _regex(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)
    except re.error as error:
        raise InputError(f"{where}: bad pattern: {error}") from error


def _compile(patterns: list[str], *, regex: bool, where: str) -> Finder:
    if not regex:
        return PhraseSet([(p, p) for p in patterns])
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing, where an empty alternation would match everywhere
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as error:
        raise InputError(f"{where}: bad pattern: {error}") from error


def _need(table: Mapping[str, object], key: str, kind: type, where: str) -> object:
    value = table.get(key)
    if not isinstance(value, kind):
        raise InputError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: must be a list of strings")
    return list(value)


def _phrases(value: object, where: str) -> list[str]:
    """Phrases of a rule file; "*" may only end a word (a stem)."""
    phrases = _strings(value, where)
    for phrase in phrases:
        if any("*" in word.rstrip("*") for word in phrase.split()):
            raise InputError(f"{where}: '*' may only end a word, as in 'retain*' (got {phrase!r})")
    return phrases


def _rule(table: Mapping[str, object], category: Category, where: str) -> Rule:
    rule_id = str(_need(table, "id", str, where))
    where = f"{where} rule {rule_id}"
    kind = str(_need(table, "when", str, where))
    if kind not in RULE_KINDS:
        raise InputError(f"{where}: 'when' must be one of {', '.join(RULE_KINDS)}")
    unknown = set(table) - {
        "id",
        "when",
        "says",
        "plain",
        "direction",
        "larger",
        "unit",
        "phrases",
        "old",
        "new",
        "major",
        "consent",
    }
    if unknown:
        raise InputError(f"{where}: unknown keys {', '.join(sorted(unknown))}")

    def patterns(key: str) -> PhraseSet:
        return PhraseSet([(p, p) for p in _phrases(table.get(key, []), where)])

    entries = tuple(
        (slot, p) for slot in ("phrases", "old", "new") for p in _phrases(table.get(slot, []), where)
    )

    unit = str(table.get("unit", "duration"))
    if unit not in UNITS:
        raise InputError(f"{where}: 'unit' must be one of {', '.join(UNITS)}")
    consent = table.get("consent")
    return Rule(
        id=rule_id,
        category=category,
        kind=kind,
        says=str(_need(table, "says", str, where)),
        plain=str(_need(table, "plain", str, where)),
        direction=Direction(str(table.get("direction", "expands"))),
        larger=Direction(str(table.get("larger", "expands"))),
        unit=unit,
        phrases=patterns("phrases"),
        old_phrases=patterns("old"),
        new_phrases=patterns("new"),
        major=bool(table.get("major", False)),
        consent=str(consent) if consent else None,
        phrase_entries=entries,
    )


def _direction(data: Mapping[str, object], key: str, default: Direction, where: str) -> Direction:
    try:
        return Direction(str(data.get(key, default.value)))
    except ValueError:
        raise InputError(f"{where}: '{key}' must be expands, narrows or neutral") from None


def _category_file(data: Mapping[str, object], where: str) -> CategoryRules:
    try:
        category = Category(str(data.get("category")))
    except ValueError as error:
        raise InputError(f"{where}: 'category' must be one of the SPEC's categories") from error
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        raise InputError(f"{where}: 'terms' must be a table of concept = [phrases]")
    entries = [
        (phrase, concept)
        for concept, phrases in sorted(terms.items())
        for phrase in _phrases(phrases, f"{where} terms.{concept}")
    ]
    consent = data.get("consent", {})
    if not isinstance(consent, dict) or not all(isinstance(v, str) for v in consent.values()):
        raise InputError(f"{where}: 'consent' must be a table of concept = \"why\"")
    for concept in consent:
        if concept not in terms:
            raise InputError(f"{where}: consent names '{concept}', which is not a concept of 'terms'")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise InputError(f"{where}: 'rule' must be an array of tables")
    return CategoryRules(
        category=category,
        topic=str(_need(data, "topic", str, where)),
        priority=int(data.get("priority", 50)),  # type: ignore[call-overload]
        protective=bool(data.get("protective", False)),
        adverse=frozenset(_strings(data.get("adverse", []), f"{where} adverse")),
        gained=_direction(data, "gained", Direction.EXPANDS, where),
        lost=_direction(data, "lost", Direction.NARROWS, where),
        grouped=frozenset(_strings(data.get("grouped", []), f"{where} grouped")),
        terms=PhraseSet(entries),
        term_entries=tuple(entries),
        consent=dict(consent),
        rules=tuple(_rule(r, category, where) for r in raw_rules),
        plain=_plain_by_direction(data.get("plain"), where),
    )


def _plain_by_direction(table: object, where: str) -> Mapping[Direction, str]:
    """A category's ``[plain]`` table: one sentence a notice uses for each direction."""
    keys = tuple(d.value for d in Direction)
    if (
        not isinstance(table, dict)
        or set(table) != set(keys)
        or not all(isinstance(v, str) and v.strip() for v in table.values())
    ):
        raise InputError(f"{where}: '[plain]' must give a sentence for each of {', '.join(keys)}")
    return {Direction(key): value for key, value in table.items()}


def _cues(data: Mapping[str, object], where: str) -> tuple[Cue, ...]:
    cues = []
    for table in data.get("cue", []):  # type: ignore[attr-defined]
        cue_id = str(_need(table, "id", str, where))
        effect = str(_need(table, "effect", str, f"{where} cue {cue_id}"))
        if effect not in CUE_EFFECTS:
            raise InputError(f"{where} cue {cue_id}: 'effect' must be one of {', '.join(CUE_EFFECTS)}")
        regex = bool(table.get("regex", False))
        subject = str(table.get("subject", "any"))
        if subject not in ("any", "company", "user"):
            raise InputError(f"{where} cue {cue_id}: 'subject' must be any, company or user")
        cues.append(
            Cue(
                id=cue_id,
                effect=effect,
                pattern=_compile(
                    _strings(table.get("patterns"), f"{where} cue {cue_id}"), regex=regex, where=where
                ),
                says_added=str(_need(table, "says_added", str, f"{where} cue {cue_id}")),
                says_removed=str(_need(table, "says_removed", str, f"{where} cue {cue_id}")),
                plain_added=str(_need(table, "plain_added", str, f"{where} cue {cue_id}")),
                plain_removed=str(_need(table, "plain_removed", str, f"{where} cue {cue_id}")),
                subject=subject,
            )
        )
    return tuple(cues)


def _read(path: Path) -> Mapping[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from error


def load_rulebook(folder: Path | None = None) -> RuleBook:
    """Read every rule file of a folder (default: the packaged rules) into a ``RuleBook``."""
    # beside this module in a checkout and in an installed wheel alike; importlib.resources would
    # cost ~25 ms of start-up for the same folder
    root = folder or Path(__file__).with_name("rules")
    categories = []
    cues_data: Mapping[str, object] = {}
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        data = _read(entry)
        if entry.name == "cues.toml":
            cues_data = data
        else:
            categories.append(_category_file(data, str(entry)))
    seen = [c.category for c in categories]
    duplicates = {c.value for c in seen if seen.count(c) > 1}
    if duplicates:
        raise InputError(f"{root}: more than one rule file for {', '.join(sorted(duplicates))}")
    ids = [rule.id for c in categories for rule in c.rules]
    if len(ids) != len(set(ids)):
        raise InputError(f"{root}: rule ids must be unique")
    where = f"{root}/cues.toml"
    raw_cues = [dict(c) for c in cues_data.get("cue", [])]  # type: ignore[attr-defined]
    ordered = tuple(sorted(categories, key=lambda c: (c.priority, c.category.value)))
    return RuleBook(
        categories=ordered,
        term_index=PhraseSet(
            [
                (phrase, f"{c.category.value}\t{concept}")
                for c in ordered
                for phrase, concept in c.term_entries
            ]
        ),
        rule_index=PhraseSet(
            [
                (phrase, f"{rule.id}\t{slot}")
                for c in ordered
                for rule in c.rules
                for slot, phrase in rule.phrase_entries
            ]
        ),
        cues=_cues(cues_data, where),
        subject_you=_regex(_strings(cues_data.get("subject_you", []), where), where),
        editorial_words=frozenset(
            w.casefold() for w in _strings(cues_data.get("editorial_words", []), where)
        ),
        retroactive=_compile(_strings(cues_data.get("retroactive", []), where), regex=False, where=where),
        swaps=_swaps(cues_data, where),
        lists=_says_table(cues_data.get("lists", {}), LIST_KEYS, f"{where} [lists]"),
        cue_index=PhraseSet(
            [(phrase, cue["id"]) for cue in raw_cues if not cue.get("regex") for phrase in cue["patterns"]]
        ),
        editorial=_says_table(cues_data.get("editorial", {}), EDITORIAL_KEYS, f"{where} [editorial]"),
        lists_plain=_says_table(cues_data.get("lists_plain", {}), LIST_KEYS, f"{where} [lists_plain]"),
    )


def _swaps(data: Mapping[str, object], where: str) -> tuple[Swap, ...]:
    swaps = []
    for table in data.get("swap", []):  # type: ignore[attr-defined]
        swap_id = str(_need(table, "id", str, where))
        swaps.append(
            Swap(
                id=swap_id,
                old=frozenset(w.casefold() for w in _strings(table.get("old"), f"{where} swap {swap_id}")),
                new=frozenset(w.casefold() for w in _strings(table.get("new"), f"{where} swap {swap_id}")),
                direction=Direction(str(_need(table, "direction", str, f"{where} swap {swap_id}"))),
                says=str(_need(table, "says", str, f"{where} swap {swap_id}")),
                plain=str(_need(table, "plain", str, f"{where} swap {swap_id}")),
            )
        )
    return tuple(swaps)


EDITORIAL_KEYS = (
    "formatting",
    "moved",
    "renumbered",
    "date",
    "rename",
    "typo",
    "wording",
    "reworded",
    "chrome",
    "reorder",
)


LIST_KEYS = ("member_added", "member_removed", "qualifier_added", "qualifier_removed")


def _says_table(table: object, keys: tuple[str, ...], where: str) -> Mapping[str, str]:
    if not isinstance(table, dict) or set(table) != set(keys):
        raise InputError(f"{where}: must say each of {', '.join(keys)}")
    return {key: str(value) for key, value in table.items()}


@cache
def default_rulebook() -> RuleBook:
    """The packaged rules, read once."""
    return load_rulebook()
