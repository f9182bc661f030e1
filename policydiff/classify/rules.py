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
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from policydiff.classify.phrases import PhraseSet, another_sense
from policydiff.classify.rulebook import CategoryRules, Cue, Finder, Rule, RuleBook, Swap
from policydiff.errors import InputError
from policydiff.model import Category, Direction
from policydiff.regex_gate import gated_alternatives

RULE_KINDS = ("number", "phrase-added", "phrase-removed", "swap", "identity", "details")
CUE_EFFECTS = ("protects", "permits")
UNITS = ("duration", "age")


def _regex(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(gated_alternatives(patterns, re.IGNORECASE) or r"(?!)", re.IGNORECASE)
    except re.error as error:
        raise InputError(f"{where}: bad pattern: {error}") from error


def _compile(patterns: list[str], *, regex: bool, where: str) -> Finder:
    if not regex:
        return PhraseSet([(p, p) for p in patterns])
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing, where an empty alternation would match everywhere
    try:
        return re.compile(gated_alternatives(patterns, re.IGNORECASE), re.IGNORECASE)
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


def _with_concepts(phrases: list[str], terms: Mapping[str, object], where: str) -> list[str]:
    """A rule's phrases with each "terms.<concept>" replaced by that concept's phrases, so a rule
    reads the same wordings its file's terms do (a basis said anew is said once)."""
    out: list[str] = []
    for phrase in phrases:
        if not phrase.startswith("terms."):
            out.append(phrase)
            continue
        concept = phrase.removeprefix("terms.")
        if concept not in terms:
            raise InputError(f"{where}: {phrase!r} names no concept of 'terms'")
        out.extend(_phrases(terms[concept], f"{where} {phrase}"))
    return list(dict.fromkeys(out))


_RULE_KEYS = frozenset(
    {"id", "when", "says", "plain", "direction", "major", "consent"}  # any rule
    | {"larger", "unit", "phrases", "old", "new"}  # number rules; phrase and swap rules
    | {"same"}  # phrase rules: other wordings of the phrases, counted on the other side only
    | {"limits"}  # phrase rules: the phrase limits its sentence's practice
    | {"by_concept"}  # phrase-removed rules: a phrase whose term concept the other side states stays
    | {"mirror_of"}  # swap rules: the named swap's old and new, the other way round
    | {"users_act"}  # swap rules: read only where a sentence lets the user act
    | {"replaces"}  # phrase-added rules: the bounds of the old side the phrase replaces
    | {"names_category"}  # phrase rules: the phrases speak of the category themselves
    | {"told_to_user"}  # phrase-added rules: the phrase is the user's act, never the company's
)


def _rule(table: Mapping[str, object], category: Category, where: str, terms: Mapping[str, object]) -> Rule:
    rule_id = str(_need(table, "id", str, where))
    where = f"{where} rule {rule_id}"
    kind = _rule_kind(table, where)
    entries = tuple(
        (slot, p)
        for slot in ("phrases", "old", "new", "same")
        for p in _with_concepts(_phrases(table.get(slot, []), where), terms, where)
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
        phrases=_slot(entries, "phrases"),
        old_phrases=_slot(entries, "old"),
        new_phrases=_slot(entries, "new"),
        major=bool(table.get("major", False)),
        consent=str(consent) if consent else None,
        phrase_entries=entries,
        limits=bool(table.get("limits", False)),
        by_concept=bool(table.get("by_concept", False)),
        users_act=bool(table.get("users_act", False)),
        names_category=bool(table.get("names_category", False)),
        told_to_user=bool(table.get("told_to_user", False)),
        replaces=frozenset(_strings(table.get("replaces", []), f"{where} replaces")),
    )


def _mirrored(tables: list[object], where: str) -> list[Mapping[str, object]]:
    """The rule tables with each ``mirror_of`` filled in: the named swap's phrases the other way
    round ("self-service → request" mirrored is "request → self-service"), so a list is kept once."""
    checked: list[Mapping[str, object]] = []
    for table in tables:
        if not isinstance(table, dict):
            raise InputError(f"{where}: 'rule' must be an array of tables")
        checked.append(table)
    by_id = {t.get("id"): t for t in checked}
    out: list[Mapping[str, object]] = []
    for table in checked:
        if "mirror_of" not in table:
            out.append(table)
            continue
        name, here = table["mirror_of"], f"{where} rule {table.get('id')}"
        source = by_id.get(name)
        if source is None or source.get("when") != "swap" or "mirror_of" in source:
            raise InputError(f"{here}: 'mirror_of' must name a swap rule of this file")
        if "old" in table or "new" in table:
            raise InputError(f"{here}: a mirrored rule takes its phrases from {name}")
        out.append({**table, "old": source.get("new", []), "new": source.get("old", [])})
    return out


def _rule_kind(table: Mapping[str, object], where: str) -> str:
    """A rule's ``when``, checked with the rest of its keys."""
    kind = str(_need(table, "when", str, where))
    if kind not in RULE_KINDS:
        raise InputError(f"{where}: 'when' must be one of {', '.join(RULE_KINDS)}")
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise InputError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    return kind


def _slot(entries: tuple[tuple[str, str], ...], slot: str) -> PhraseSet:
    """The phrases a rule lists under one key ("phrases", "old" or "new")."""
    return PhraseSet([(phrase, phrase) for name, phrase in entries if name == slot])


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
    terms, entries = _terms(data, where)
    consent = _consent(data, terms, where)
    parents, sources = _ontology(data, terms, where)
    # a named company is a concept of its own under its class: "Stripe" under payment processors
    instances = _instances(data, terms, where)
    entries += [(name, name) for name in instances]
    parents = {**parents, **instances}
    sources = {**sources, **{name: sources.get(kind, "") for name, kind in instances.items()}}
    requires = _requires(data, terms, category, where)
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise InputError(f"{where}: 'rule' must be an array of tables")
    rule_tables = _mirrored(raw_rules, where)
    ids = {str(table.get("id")) for table in rule_tables}
    unknown = sorted(set(_strings(data.get("bounded_unless_rules", []), where)) - ids)
    if unknown:
        raise InputError(f"{where}: bounded_unless_rules names {', '.join(unknown)}, not rules of this file")
    return CategoryRules(
        category=category,
        topic=str(_need(data, "topic", str, where)),
        priority=int(data.get("priority", 50)),  # type: ignore[call-overload]
        protective=bool(data.get("protective", False)),
        adverse=frozenset(_strings(data.get("adverse", []), f"{where} adverse")),
        hurdles=_concepts_named(data, "hurdles", terms, where),
        owed=_concepts_named(data, "owed", terms, where),
        in_headings=_concepts_named(data, "in_headings", terms, where),
        covers_all=tuple(
            sorted(
                _concepts_named(data, "covers_all", terms, where),
                key=_strings(data.get("covers_all", []), where).index,
            )
        ),
        protects=_concepts_named(data, "protects", terms, where),
        denial_explains=_concepts_named(data, "denial_explains", terms, where),
        verb_swap_review=bool(data.get("verb_swap_review", False)),
        bounded=_concepts_named(data, "bounded", terms, where),
        bounded_unless=_concepts_named(data, "bounded_unless", terms, where),
        sets_a_bound=_concepts_named(data, "sets_a_bound", terms, where),
        bounded_unless_rules=frozenset(
            _strings(data.get("bounded_unless_rules", []), f"{where} bounded_unless_rules")
        ),
        within_law=_within_law(data, where),
        coarser=_concept_pairs(data, "coarser", terms, where),
        firmer=_concept_pairs(data, "firmer", terms, where),
        narrower_acts=_concept_pairs(data, "narrower_acts", terms, where),
        instances=frozenset(instances),
        gained=_direction(data, "gained", Direction.EXPANDS, where),
        lost=_direction(data, "lost", Direction.NARROWS, where),
        grouped=frozenset(_strings(data.get("grouped", []), f"{where} grouped")),
        synonyms=_concepts_named(data, "synonyms", terms, where),
        compare_as=_compare_as(data, terms, where),
        terms=PhraseSet(entries),
        term_entries=tuple(entries),
        consent=consent,
        rules=tuple(_rule(r, category, where, terms) for r in rule_tables),
        plain=_plain_by_direction(data.get("plain"), where),
        not_after=frozenset(w.casefold() for w in _strings(data.get("not_after", []), f"{where} not_after")),
        infinitive_after=frozenset(
            w.casefold() for w in _strings(data.get("infinitive_after", []), f"{where} infinitive_after")
        ),
        verb_before=frozenset(
            w.casefold() for w in _strings(data.get("verb_before", []), f"{where} verb_before")
        ),
        user_acts=_concepts_named(data, "user_acts", terms, where),
        choice_over=_concepts_named(data, "choice_over", terms, where),
        kept_safe=frozenset(w.casefold() for w in _strings(data.get("kept_safe", []), f"{where} kept_safe")),
        kept_safe_is=_kept_safe_is(data, where),
        kept_safe_is_for=frozenset(w.casefold() for w in _strings(data.get("kept_safe_is_for", []), where)),
        concept_not_after=_concept_not_after(data, terms, where),
        concept_not_before={
            # (a verb's other sense gives way to a party named after it; a noun's does not)
            concept: another_sense(
                _strings(words, f"{where} concept_not_before.{concept}"),
                party_after=concept in _strings(data.get("grouped", []), where)
                and bool(data.get("party_after_verb", True)),
            )
            for concept, words in _shared(data, "concept_not_before", terms, where).items()
        },
        denied_keeps_sense=_concepts_named(data, "denied_keeps_sense", terms, where),
        object_not={
            concept: frozenset(_strings(kinds, f"{where} object_not.{concept}"))
            for concept, kinds in _table(data, "object_not", terms, where).items()
        },
        as_subject=_as_subject(data, where),
        parents=parents,
        sources=sources,
        requires=requires,
        # a named company is named as its name is written: "Amazon Web Services", "AWS"
        labels={
            **{name: _company(name) for name in instances},
            # places are proper names ("United States", "EU"): named as written
            **(
                {
                    name: _company(name)
                    for name in terms
                    if name not in _strings(data.get("grouped", []), where)
                }
                if data.get("proper_names")
                else {}
            ),
            **_labels(data, terms, where),
        },
    )


def _kept_safe_is(data: Mapping[str, object], where: str) -> tuple[Category, str] | None:
    """A category's ``kept_safe_is``: "<category>.<concept>", the term a keeping verb kept safe reads as."""
    value = data.get("kept_safe_is")
    if value is None:
        return None
    category, _, concept = str(value).partition(".")
    try:
        return Category(category), concept
    except ValueError as error:
        raise InputError(f"{where}: kept_safe_is must be <category>.<concept>, not {value!r}") from error


def _concepts_named(
    data: Mapping[str, object], key: str, concepts: Mapping[str, object], where: str
) -> frozenset[str]:
    """A list of a category's own concepts under ``key``."""
    named = _strings(data.get(key, []), f"{where} {key}")
    unknown = sorted(set(named) - set(concepts))
    if unknown:
        raise InputError(f"{where}: {key} names {', '.join(unknown)}, not concepts")
    return frozenset(named)


def _table(
    data: Mapping[str, object], key: str, concepts: Mapping[str, object], where: str
) -> dict[str, object]:
    """A category's table keyed by its own concepts (``[concept_not_after]``, ``[object_not]``)."""
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: '{key}' must be a table of concept = [words]")
    unknown = sorted(set(table) - set(concepts))
    if unknown:
        raise InputError(f"{where}: {key} names {', '.join(unknown)}, not concepts")
    return dict(table)


def _shared(
    data: Mapping[str, object], key: str, concepts: Mapping[str, object], where: str
) -> dict[str, object]:
    """A by-concept table (``key``) with the word lists of its shared form joined in: each
    ``[[<key>_shared]]`` entry gives one list of ``words`` to every concept of its ``concepts``
    (the places a law's or a resident's adjective makes no destination share one list)."""
    table: dict[str, list[str]] = {
        c: _strings(w, f"{where} {key}.{c}") for c, w in _table(data, key, concepts, where).items()
    }
    entries = data.get(f"{key}_shared", [])
    if not isinstance(entries, list):
        raise InputError(f"{where}: '{key}_shared' must be an array of tables")
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"concepts", "words"}:
            raise InputError(f"{where}: each [[{key}_shared]] holds concepts = [...] and words = [...]")
        named = _strings(entry["concepts"], f"{where} {key}_shared.concepts")
        unknown = sorted(set(named) - set(concepts))
        if unknown:
            raise InputError(f"{where}: {key}_shared names {', '.join(unknown)}, not concepts")
        for concept in named:
            table.setdefault(concept, []).extend(_strings(entry["words"], f"{where} {key}_shared.words"))
    return dict(table)


def _concept_not_after(
    data: Mapping[str, object], concepts: Mapping[str, object], where: str
) -> dict[str, frozenset[str]]:
    """A category's ``[not_after]``-by-concept table: concept → the words that make its terms another's."""
    table = _shared(data, "concept_not_after", concepts, where)
    return {
        # (a word written capitalized counts only before a capitalized term: "App Store", not "app stores")
        concept: frozenset(
            w if w[:1].isupper() else w.casefold()
            for w in _strings(words, f"{where} concept_not_after.{concept}")
        )
        for concept, words in table.items()
    }


def _compare_as(data: Mapping[str, object], concepts: Mapping[str, object], where: str) -> dict[str, str]:
    """A category's ``[compare_as]`` table: concept → the concept it compares as."""
    table = data.get("compare_as", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise InputError(f"{where}: 'compare_as' must be a table of concept = \"concept\"")
    unknown = sorted((set(table) | set(table.values())) - set(concepts))
    if unknown:
        raise InputError(f"{where}: [compare_as] names {', '.join(unknown)}, not concepts of 'terms'")
    return dict(table)


def _concept_pairs(
    data: Mapping[str, object], name: str, concepts: Mapping[str, object], where: str
) -> dict[str, str]:
    """A category's table of concept → concept (``[coarser]``: the finer concept it is a less precise
    form of; ``[firmer]``: the concept it is a firmer form of)."""
    table = data.get(name, {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise InputError(f"{where}: '[{name}]' must map concepts to concepts")
    unknown = sorted({*table, *table.values()} - set(concepts))
    if unknown:
        raise InputError(f"{where}: [{name}] names {', '.join(unknown)}, not concepts of 'terms'")
    return dict(table)


def _within_law(data: Mapping[str, object], where: str) -> dict[str, float]:
    """A category's ``[within_law]`` table: a concept of ``bounded`` → a period in days."""
    table = data.get("within_law", {})
    if not isinstance(table, dict) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in table.values()
    ):
        raise InputError(f"{where}: '[within_law]' must map concepts to a number of days above 0")
    unknown = sorted(set(table) - set(_strings(data.get("bounded", []), where)))
    if unknown:
        raise InputError(f"{where}: [within_law] names {', '.join(unknown)}, not concepts of 'bounded'")
    return {concept: float(days) for concept, days in table.items()}


def _company(name: str) -> str:
    """A proper name as it is written: "AWS", "EU", "Amazon Web Services", "Isle of Man"."""
    words = name.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 3:
        return words[0].upper()
    return " ".join(word if word in ("and", "of", "the") else word.capitalize() for word in words)


def _labels(data: Mapping[str, object], concepts: Mapping[str, object], where: str) -> dict[str, str]:
    """A category's ``[labels]``: concept → how a notice names it, for concepts of its terms."""
    table = data.get("labels", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise InputError(f"{where}: '[labels]' must map concepts to non-empty strings")
    unknown = sorted(set(table) - set(concepts))
    if unknown:
        raise InputError(f"{where}: [labels] names {', '.join(unknown)}, not concepts")
    return {str(k): str(v) for k, v in table.items()}


def _as_subject(data: Mapping[str, object], where: str) -> frozenset[str]:
    """A category's ``as_subject``: practice classes of ``ontology/actions.toml``."""
    from policydiff.classify.practice import practice_reader

    classes = _strings(data.get("as_subject", []), f"{where} as_subject")
    unknown = sorted(set(classes) - set(practice_reader().classes))
    if unknown:
        raise InputError(
            f"{where}: as_subject names {', '.join(unknown)}, not practice classes of actions.toml"
        )
    return frozenset(classes)


def _requires(
    data: Mapping[str, object], terms: Mapping[str, object], category: Category, where: str
) -> dict[str, frozenset[str]]:
    """A category's ``[requires]`` table: concept → the concepts ("category.concept") one of which
    must share its sentence; a plain name is one of this file's."""
    table = data.get("requires", {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: 'requires' must be a table of concept = [concepts]")
    out = {}
    for concept, needed in table.items():
        names = _strings(needed, f"{where} requires.{concept}")
        # "retention.retain" names another category's concept; a plain name, one of this file
        unknown = sorted({concept, *(n for n in names if "." not in n)} - set(terms))
        if unknown:
            raise InputError(f"{where}: [requires] names {', '.join(unknown)}, not concepts of 'terms'")
        out[concept] = frozenset(n if "." in n else f"{category.value}.{n}" for n in names)
    return out


def _instances(data: Mapping[str, object], terms: Mapping[str, object], where: str) -> dict[str, str]:
    """A category's ``[instances]`` table (class concept → named members) as member → class."""
    table = data.get("instances", {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: 'instances' must be a table of concept = [names]")
    out: dict[str, str] = {}
    for kind, names in table.items():
        if kind not in terms:
            raise InputError(f"{where}: [instances] names {kind}, not a concept of 'terms'")
        for name in _phrases(names, f"{where} instances.{kind}"):
            if name in terms or name in out:
                raise InputError(f"{where}: '{name}' is named twice in [terms] and [instances]")
            out[name] = kind
    return out


def _ontology(
    data: Mapping[str, object], terms: Mapping[str, object], where: str
) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """A category's ``[parent]`` and ``[source]`` tables, checked against its concepts.

    The parents must form a tree of its own concepts; a file that cites sources cites one for
    every concept.
    """
    tables = []
    for key in ("parent", "source"):
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise InputError(f"{where}: '{key}' must be a table of concept = \"…\"")
        unknown = sorted(set(table) - set(terms))
        if unknown:
            raise InputError(f"{where}: [{key}] names {', '.join(unknown)}, not concepts of 'terms'")
        tables.append(dict(table))
    parents, sources = tables
    for concept, parent in parents.items():
        if parent not in terms:
            raise InputError(f"{where}: the parent of '{concept}' is '{parent}', not a concept of 'terms'")
        seen = {concept}
        while parent in parents:
            if parent in seen:
                raise InputError(f"{where}: [parent] makes a cycle through '{concept}'")
            seen.add(parent)
            parent = parents[parent]
    missing = sorted(set(terms) - set(sources)) if sources else []
    if missing:
        raise InputError(f"{where}: concepts without a [source]: {', '.join(missing)}")
    return parents, sources


def _terms(data: Mapping[str, object], where: str) -> tuple[Mapping[str, object], list[tuple[str, str]]]:
    """A category's ``[terms]`` table and its (phrase, concept) entries, concepts in name order."""
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        raise InputError(f"{where}: 'terms' must be a table of concept = [phrases]")
    entries = [
        (phrase, concept)
        for concept, phrases in sorted(terms.items())
        for phrase in _phrases(phrases, f"{where} terms.{concept}")
    ]
    return terms, entries


def _consent(data: Mapping[str, object], terms: Mapping[str, object], where: str) -> Mapping[str, str]:
    """A category's ``[consent]`` table: concept of its terms → why widening it may need consent."""
    consent = data.get("consent", {})
    if not isinstance(consent, dict) or not all(isinstance(v, str) for v in consent.values()):
        raise InputError(f"{where}: 'consent' must be a table of concept = \"why\"")
    for concept in consent:
        if concept not in terms:
            raise InputError(f"{where}: consent names '{concept}', which is not a concept of 'terms'")
    return dict(consent)


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
        governs = str(table.get("governs", "after"))
        if governs not in ("after", "before"):
            raise InputError(f"{where} cue {cue_id}: 'governs' must be after or before")
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
                on_practice=_on_practice(table, f"{where} cue {cue_id}"),
                practice_says_added=str(table.get("practice_says_added", "")),
                practice_says_removed=str(table.get("practice_says_removed", "")),
                on_denial=_on_practice(table, f"{where} cue {cue_id}", "denial"),
                denial_says_added=str(table.get("denial_says_added", "")),
                denial_says_removed=str(table.get("denial_says_removed", "")),
                on_safeguard=_on_practice(table, f"{where} cue {cue_id}", "safeguard"),
                safeguard_says_added=str(table.get("safeguard_says_added", "")),
                safeguard_says_removed=str(table.get("safeguard_says_removed", "")),
                governs=governs,
                category=_cue_category(table, f"{where} cue {cue_id}"),
                whole=bool(table.get("whole", False)),
                reads_terms=bool(table.get("reads_terms", False)),
                confines=bool(table.get("confines", False)),
            )
        )
    return tuple(cues)


def _cue_category(table: Mapping[str, object], where: str) -> Category | None:
    """A cue's own ``category``, if it names one."""
    name = table.get("category")
    if name is None:
        return None
    if name not in {c.value for c in Category}:
        raise InputError(f"{where}: 'category' must be one of {', '.join(c.value for c in Category)}")
    return Category(str(name))


def _on_practice(table: Mapping[str, object], where: str, context: str = "practice") -> str | None:
    """A cue's ``on_practice`` (``on_denial``, ``on_safeguard``) effect, with the sentences it needs."""
    value = table.get(f"on_{context}")
    if value is None:
        return None
    if value not in (*CUE_EFFECTS, "neutral"):
        raise InputError(f"{where}: 'on_{context}' must be one of {', '.join(CUE_EFFECTS)}, neutral")
    for key in (f"{context}_says_added", f"{context}_says_removed"):
        if not isinstance(table.get(key), str):
            raise InputError(f"{where}: 'on_{context}' needs {key}")
    return str(value)


def _read(path: Path) -> Mapping[str, object]:
    import tomllib  # a run that reads the rule book from the rule cache never needs it

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from error


def load_rulebook(folder: Path | None = None) -> RuleBook:
    """Read every rule file of a folder (default: the packaged rules) into a ``RuleBook``."""
    # beside this module in a checkout and in an installed wheel alike; importlib.resources would
    # cost ~25 ms of start-up for the same folder
    root = folder or Path(__file__).with_name("rules")
    categories, cues_data = _read_folder(root)
    where = f"{root}/cues.toml"
    raw_cues = [dict(c) for c in cues_data.get("cue", [])]  # type: ignore[attr-defined]
    ordered = tuple(sorted(categories, key=lambda c: (c.priority, c.category.value)))
    return RuleBook(
        categories=ordered,
        term_index=_term_index(ordered),
        rule_index=_rule_index(ordered),
        cues=_cues(cues_data, where),
        subject_you=_regex(_strings(cues_data.get("subject_you", []), where), where),
        editorial_words=frozenset(
            w.casefold() for w in _strings(cues_data.get("editorial_words", []), where)
        ),
        courtesy_words=frozenset(w.casefold() for w in _strings(cues_data.get("courtesy_words", []), where)),
        service_acts=frozenset(w.casefold() for w in _strings(cues_data.get("service_acts", []), where)),
        retroactive=_compile(_strings(cues_data.get("retroactive", []), where), regex=False, where=where),
        swaps=_swaps(cues_data, where),
        lists=_says_table(cues_data.get("lists", {}), LIST_KEYS, f"{where} [lists]"),
        cue_index=PhraseSet(
            [(phrase, cue["id"]) for cue in raw_cues if not cue.get("regex") for phrase in cue["patterns"]]
        ),
        editorial=_says_table(cues_data.get("editorial", {}), EDITORIAL_KEYS, f"{where} [editorial]"),
        lists_plain=_says_table(cues_data.get("lists_plain", {}), LIST_KEYS, f"{where} [lists_plain]"),
    )


def _read_folder(root: Path) -> tuple[list[CategoryRules], Mapping[str, object]]:
    """The category files of a rule folder, checked against each other, and its ``cues.toml``."""
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
    return categories, cues_data


def _term_index(ordered: tuple[CategoryRules, ...]) -> PhraseSet:
    return PhraseSet(
        [(phrase, f"{c.category.value}\t{concept}") for c in ordered for phrase, concept in c.term_entries]
    )


def _rule_index(ordered: tuple[CategoryRules, ...]) -> PhraseSet:
    return PhraseSet(
        [
            (phrase, f"{rule.id}\t{slot}")
            for c in ordered
            for rule in c.rules
            for slot, phrase in rule.phrase_entries
        ]
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
                anywhere=bool(table.get("anywhere", False)),
                category=_swap_category(table, f"{where} swap {swap_id}"),
                safeguard=bool(table.get("safeguard", False)),
                sentence=bool(table.get("sentence", False)),
                company=bool(table.get("company", False)),
                on_practice=_swap_on_practice(table, f"{where} swap {swap_id}"),
                practice_says=str(table.get("practice_says", "")),
            )
        )
    return tuple(swaps)


def _swap_on_practice(table: Mapping[str, object], where: str) -> str | None:
    """A swap's ``on_practice`` effect: only "neutral" (a practice said less surely), with its words."""
    value = table.get("on_practice")
    if value is None:
        return None
    if value != "neutral":
        raise InputError(f"{where}: 'on_practice' must be neutral")
    if not isinstance(table.get("practice_says"), str):
        raise InputError(f"{where}: 'on_practice' needs practice_says")
    return str(value)


def _swap_category(table: Mapping[str, object], where: str) -> Category | None:
    if "category" not in table:
        return None
    try:
        return Category(str(table["category"]))
    except ValueError:
        raise InputError(f"{where}: 'category' must be one of the SPEC's categories") from None


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
    "regrouped",
    "equivalent",
    "restated",
    "converse",
    "defined-name",
    "courtesy",
)


LIST_KEYS = (
    "member_added",
    "member_removed",
    "qualifier_added",
    "qualifier_removed",
    "safeguard_member_added",
    "safeguard_member_removed",
    "safeguard_act_added",
    "safeguard_act_removed",
    "example_named",
    "example_added",
    "alternative_added",
    "alternative_removed",
    "opened",
    "closed",
    "term_worded",
    "access_limited",
    "access_opened",
)


def _says_table(table: object, keys: tuple[str, ...], where: str) -> Mapping[str, str]:
    if not isinstance(table, dict) or set(table) != set(keys):
        raise InputError(f"{where}: must say each of {', '.join(keys)}")
    return {key: str(value) for key, value in table.items()}


@cache
def default_rulebook() -> RuleBook:
    """The packaged rules, read once."""
    return load_rulebook()
