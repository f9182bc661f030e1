"""The rule book: what the rule files hold, as the engine and the notices ask it.

``rules.py`` reads the files into it; ``RuleBook.plain`` gives the sentence a notice tells a
reason with, from the reason's rule id and the parts (``Told``) its ``says`` was made of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from policydiff.classify.phrases import PhraseSet
from policydiff.lazy_re import lazy
from policydiff.model import Category, Direction, Told

_T = TypeVar("_T")
Finder = re.Pattern[str] | PhraseSet  # both have finditer() and search() with regex-like matches

# the term signals the engine names <category>.<event> (signals.term_signals, engine._no_signal)
TERM_EVENTS = (
    "added",
    "removed",
    "denial-lifted",
    "denial-removed",
    "denial-added",
    "exclusion-added",
    "described",
    "name-changed",
    "coarser",
    "firmer",
    "instance-named",
    "finer-kind-named",
    "bounded",
    "form-named",
    "form-weakened",
    "limited",
    "cadence-longer",
    "cadence-shorter",
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
    """A rule of the rule book: its id, category, kind, what it says, and the phrases it reads."""

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
    phrase_entries: tuple[tuple[str, str], ...] = ()  # (slot, phrase): "phrases", "old", "new" or "same"
    # a phrase-removed rule's phrase limits its sentence's practice: gone with it, it weighs nothing
    limits: bool = False
    # a phrase-removed rule's phrase whose term concept the new side still states, in other words
    # ("by email" → "we will email you": by_email), is no loss
    by_concept: bool = False
    # a swap rule read only where a sentence lets the user act ("you can cancel *online*"): its
    # phrases ("online", "by calling") say how the user acts, and elsewhere say nothing of a right
    users_act: bool = False
    # a phrase-added rule read only where the old side set a bound this phrase replaces: a number of
    # its category, or one of these concepts ("for as long as we need it" in place of "30 days")
    replaces: frozenset[str] = frozenset()
    # a phrase rule whose phrases speak of its category themselves ("no system is *completely
    # secure*"), read where no term of the category stands beside them; once the old side says one
    # of its wordings, another added says nothing more
    names_category: bool = False
    # a phrase-added rule whose phrase is what the user is told to do ("review this page
    # regularly"): said with the company as its subject ("we review this page regularly") it is the
    # company's own act, not read
    told_to_user: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue that turns what a sentence says: it protects (a denial, a safeguard) or permits."""

    id: str
    effect: str  # "protects" | "permits"
    pattern: Finder
    says_added: str
    says_removed: str
    plain_added: str  # how a notice tells a user of it, in plain words
    plain_removed: str
    subject: str = "any"  # "company": not counted after "you"; "user": counted only after "you"
    # the effect when the cue qualifies the company's own practice ("we share X unless you opt out")
    # rather than a promise or a right ("we do not share X unless …", "you can delete X except …")
    on_practice: str | None = None
    practice_says_added: str = ""
    practice_says_removed: str = ""
    # the effect inside a promise not to ("not used for any other purpose"): a denial it widens
    on_denial: str | None = None
    denial_says_added: str = ""
    denial_says_removed: str = ""
    # the effect where it governs a safeguard ("we do not encrypt", "your posts are not deleted"):
    # withholding a protective act is adverse, however the cue reads over a practice
    on_safeguard: str | None = None
    safeguard_says_added: str = ""
    safeguard_says_removed: str = ""
    # where the clause the cue bears on stands: "after" it ("we do not *encrypt*"), or "before" it
    # ("your backups are *encrypted*, even after you leave")
    governs: str = "after"
    # the category the cue's change belongs to whatever the sentence names ("a person reviews
    # every automated decision": human oversight of automated processing is the ai category's)
    category: Category | None = None
    # counted in a clause added or removed whole, where the cues are otherwise left to the practice
    # the clause states: the cue is part of that practice ("we may share it without your consent")
    whole: bool = False
    # the terms inside its words are read with it: "requests must be sent *by post*" confines a
    # request, it gives no contact address
    reads_terms: bool = False
    # the weakness of the grant it comes with, counted even where that grant is new: "we will notify
    # you of changes on this page only" confines the telling it promises (a hedge that came with its
    # grant, "where feasible", otherwise takes nothing away)
    confines: bool = False


@dataclass(frozen=True, slots=True)
class Swap:
    """A word replaced by another that widens or narrows ("and" → "or", "will" → "may")."""

    id: str
    old: frozenset[str]
    new: frozenset[str]
    direction: Direction
    says: str
    plain: str
    # read in any sentence, not only one that names a term ("your profile is public by default")
    anywhere: bool = False
    category: Category | None = None  # the category it speaks of, where its words alone say it
    # read only in a sentence naming a right or a safeguard ("two-factor authentication is
    # required" → "available"): elsewhere the same words may speak of a burden on the user
    safeguard: bool = False
    # read across the changed sentence, not one replaced run: its old side names one of ``old``
    # and none of ``new``, its new side the reverse ("stays on your watch" → "is synced to our
    # servers": the verbs around the place change with it)
    sentence: bool = False
    # a commitment of the company's, not read where the user or the user's request is the modal's
    # subject: "requests must be sent by post" → "can be sent" lifts a burden, softens no promise
    company: bool = False
    # where it qualifies what the company does ("we *will* → *may* share"), or its revising of this
    # text ("we *will* → *may* update this policy"): "neutral", said as ``practice_says``
    on_practice: str | None = None
    practice_says: str = ""


HEAD_NOUNS = frozenset(
    {
        "address",
        "information",
        "data",
        "number",
        "details",
        "history",
        "identifier",
        "type",
        "model",
        "record",
        "status",
        "log",
    }
)
_ACRONYMS = {
    word: word.upper()
    for word in ("ip", "gps", "imei", "udid", "mac", "crm", "kyc", "sms", "id", "ai", "llm")
}


@dataclass(frozen=True, slots=True)
class CategoryRules:
    """One category's lexicon, rules and grouping of members."""

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
    # practice classes (ontology/actions.toml) whose verb, after one of its terms as the subject,
    # makes the sentence about this category ("Stripe *receives* your card number": sharing)
    as_subject: frozenset[str] = frozenset()
    # words that, right before one of its terms, make it another's (the company's own e-mail address)
    not_after: frozenset[str] = frozenset()
    # concepts whose terms, right after "you" (and a modal), name the user's act, not the company's
    user_acts: frozenset[str] = frozenset()
    # rights that are a choice over a practice the company goes on with (opting out of it): what
    # they act on is stated, though read as their object
    choice_over: frozenset[str] = frozenset()
    # words of the state a keeping verb keeps data in ("keep it confidential"): the verb then says
    # how the data is kept, not for how long
    kept_safe: frozenset[str] = frozenset()
    # the (category, concept) a keeping verb kept in such a state reads as ("keep your data safe" is
    # how it is protected: the security category's safeguard), or None
    kept_safe_is: tuple[Category, str] | None = None
    kept_safe_is_for: frozenset[str] = frozenset()  # the state words it reads so
    # concept → words that, right before one of its terms, make it another's ("our confidential
    # business information": the company's own secret, no data kept safe)
    concept_not_after: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # concept → the words that, right after one of its terms, make it another's ("share *the same*
    # design": in common, nothing disclosed), as one pattern matched where the term ends
    concept_not_before: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    # concepts whose words after a term leave it its sense where the term is denied ("not stored on
    # your device" is still a promise about keeping)
    denied_keeps_sense: frozenset[str] = frozenset()
    # concept → kinds (of any category) that, named right after one of its terms, make the term
    # theirs ("a copy of your *passport*": a document handed over, no copy of the user's data)
    object_not: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # words that, right after a one-word term ending in "s", make it a verb's third person, not a
    # noun ("a recruiter *reviews every* result", "the app *records the* call")
    verb_before: frozenset[str] = frozenset()
    # verbs that, right after a term ending in "to", make that "to" an infinitive's ("provided *to
    # comply* with the law"): no party follows, the term is not read
    infinitive_after: frozenset[str] = frozenset()
    parents: Mapping[str, str] = field(default_factory=dict)  # concept → the concept it is part or kind of
    sources: Mapping[str, str] = field(default_factory=dict)  # concept → where it comes from
    # concept → concepts one of which must stand in its sentence for it to count (a place, a transfer)
    requires: Mapping[str, frozenset[str]] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)  # concept → how a notice names it
    # concepts that protect the user in a category that is no safeguard (a transfer's standard
    # contractual clauses): gaining one narrows, losing one expands
    protects: frozenset[str] = frozenset()
    # protecting concepts whose denial reports the law, not a protection withheld ("the Privacy
    # Shield is no longer a valid safeguard"): denied, they explain
    denial_explains: frozenset[str] = frozenset()
    # whether its verb, come in place of a verb no rule reads with the rest of the statement kept
    # ("are stocked" → "are stored"), may say what the old one said: a lawyer decides, no new practice
    verb_swap_review: bool = False
    # concepts that, new in a sentence stating a definite period, say how long, a bound (neutral):
    # unless the sentence also names one of ``bounded_unless`` or a phrase of ``bounded_unless_rules``
    bounded: frozenset[str] = frozenset()
    bounded_unless: frozenset[str] = frozenset()
    # concepts that set a period by its criteria ("for as long as your account is open"): added where
    # the old side set no period, a bound where there was none, not a new practice
    sets_a_bound: frozenset[str] = frozenset()
    bounded_unless_rules: frozenset[str] = frozenset()
    # bounded concept → the shortest period (days) the law allows for it: a new period within it is
    # no longer than anything the user could have been told
    within_law: Mapping[str, float] = field(default_factory=dict)
    instances: frozenset[str] = frozenset()  # named members of a class ("stripe" of payment processors)
    # concept → the finer concept it is a less precise form of (approximate → precise location):
    # the finer one replaced by it narrows, it is not a new kind
    coarser: Mapping[str, str] = field(default_factory=dict)
    # concept → the concept it is a firmer form of (a personal notice → one posted on the website): in
    # that one's place it narrows; the reverse, the firmer one gone, reads as lost
    firmer: Mapping[str, str] = field(default_factory=dict)
    # practice concept → the wider practice it is one kind of, read only in denials (a sale is one
    # kind of disclosure): a denial of the narrower act in place of the wider one denies less
    narrower_acts: Mapping[str, str] = field(default_factory=dict)
    # concepts that make what the category grants harder to use once it exists (a proof of identity,
    # a power of attorney): gained in a modified clause they expand, lost they narrow; in a clause
    # added or removed whole they come with the grant itself and weigh nothing of their own
    hurdles: frozenset[str] = frozenset()
    # concepts that are the company's own act owed in answer to the category's grant (answering a
    # request): said with the company's modal ("we will answer your request") they state the duty,
    # never another party's use of a right
    owed: frozenset[str] = frozenset()
    # concepts read only in a clause's headings or table header (a "Country" column), whose words in
    # a sentence say something else ("your country")
    in_headings: frozenset[str] = frozenset()
    # concepts that name every member of the category at once, broadest first ("anyone", then "third
    # parties"): a denial of one covers a denial of any other but the broader ones before it
    covers_all: tuple[str, ...] = ()
    # concepts whose phrases all name one member ("opt out" = "unsubscribe"), compared as the concept
    # like a verb, though no verb
    synonyms: frozenset[str] = frozenset()
    # a grouped concept compared as another ("stored in", kept_in, as "transfer"): kept apart only
    # for what it requires beside it
    compare_as: Mapping[str, str] = field(default_factory=dict)

    def covers(self, concept: str, other: str) -> bool:
        """Whether ``concept`` names all that ``other`` names (itself, a kind above it, a broad class,
        or the kind whose coarser form it is above: "location" names precise location too)."""
        if concept in self.lineage(other):
            return True
        if any(finer == other and concept in self.lineage(coarse) for coarse, finer in self.coarser.items()):
            return True
        if concept not in self.covers_all:
            return False
        return other not in self.covers_all or self.covers_all.index(concept) <= self.covers_all.index(other)

    def label(self, concept: str) -> str | None:
        """How a notice names ``concept`` to a user ("precise location", "advertising partners"):
        its ``[labels]`` entry, else its name, or its first phrase where that says more ("email"
        → "email address"); None for a verb compared as a whole ("collect", "share")."""
        if concept in self.labels:
            return self.labels[concept]
        if concept in self.grouped:
            return None
        name = concept.replace("_", " ")
        first = next((phrase for phrase, owner in self.term_entries if owner == concept), "").rstrip("*")
        head = first.split()[1:] if first.startswith(name + " ") else []
        if " " not in name and len(head) == 1 and head[0] in HEAD_NOUNS:
            name = first  # "email" → "email address"
        return " ".join(_ACRONYMS.get(word, word) for word in name.split())

    def lineage(self, concept: str) -> tuple[str, ...]:
        """The concept and every concept above it, nearest first."""
        chain = [concept]
        while chain[-1] in self.parents and len(chain) <= len(self.parents):
            chain.append(self.parents[chain[-1]])
        return tuple(chain)

    def required_for(self, concept: str) -> frozenset[str]:
        """What must stand beside the concept (or the nearest kind above it that says) in a sentence."""
        return self._inherited(self.requires, concept) or frozenset()

    def consent_for(self, concept: str) -> str | None:
        """Why widening the concept (or the nearest kind above it that says) may need consent."""
        return self._inherited(self.consent, concept)

    def _inherited(self, table: Mapping[str, _T], concept: str) -> _T | None:
        return next((table[c] for c in self.lineage(concept) if c in table), None)

    def kinds_above(self, concept: str) -> tuple[str, ...]:
        """The concepts ``concept`` is a part or a kind of (an address above a postal code)."""
        return self.lineage(concept)[1:]

    def says(self, rule: Rule, told: Told) -> str:
        """What a reason of one of its rules says: the rule's words (or the topic), then the detail."""
        words = self.topic if told.in_topic else rule.says
        return f"{words}: {told.detail}" if told.detail else words


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every category's rules, the cues and the editorial words: what the judgement reads with."""

    categories: tuple[CategoryRules, ...]
    cues: tuple[Cue, ...]
    subject_you: re.Pattern[str]
    editorial_words: frozenset[str]
    courtesy_words: frozenset[str]  # words of courtesy and reading guidance: no practice in them
    service_acts: frozenset[str]  # verbs each naming the running of the service: one purpose
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

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules() if rule.id == rule_id), None)

    def plain(self, rule_id: str, direction: Direction, told: Told) -> Plain | None:
        """How a notice tells a reason of rule ``rule_id``, built of ``told``, read in ``direction``.

        None for reasons no notice tells (editorial ones) and for ids no rule file names.
        """
        rule = self.rule(rule_id)
        if rule is not None:
            if told.in_topic:
                return Plain(self.by_category(rule.category).plain[direction], told.detail)
            # a contact detail rule names the new address only in its trigger
            return Plain(rule.plain, told.detail, quote=rule.kind == "details")
        cue = self.cue(rule_id)
        if cue is not None:
            return Plain(cue.plain_added if told.added else cue.plain_removed, quote=True)
        swap = next((s for s in self.swaps if s.id == rule_id), None)
        if swap is not None:
            return Plain(swap.plain, quote=True)
        key = rule_id.removeprefix("cue.list-").replace("-", "_")
        if key in self.lists_plain:
            return Plain(self.lists_plain[key], quote=True)
        return self._term_plain(rule_id, direction, told)

    def _term_plain(self, rule_id: str, direction: Direction, told: Told) -> Plain | None:
        """A term signal's reason (``<category>.<event>``): told in its category's words."""
        prefix, _, event = rule_id.partition(".")
        category = next((c for c in self.categories if c.category.value == prefix), None)
        if category is None or event not in TERM_EVENTS:
            return None
        if event == "described":
            return Plain(f"we {'added' if told.added else 'removed'} text about {category.topic}")
        return Plain(category.plain[direction], quote=True)

    def find_terms(self, text: str) -> list[Match]:
        """Every term of every category in ``text``, longest first where they overlap."""
        found: list[Match] = []
        for match in self.term_index.finditer(text):
            category, concept = match.name.split("\t")
            rules = self.by_category(Category(category))
            if rules.not_after and _word_before(text, match.begin) in rules.not_after:
                continue
            if concept in rules.concept_not_after and _made_anothers(
                text, match.begin, match.text, rules.concept_not_after[concept]
            ):
                continue
            if (
                concept in rules.concept_not_before
                and rules.concept_not_before[concept].match(_own_clause(text, match.begin), match.finish)
                and not (concept in rules.denied_keeps_sense and _word_before(text, match.begin) in _DENYING)
            ):
                continue
            if concept in rules.user_acts and _YOU_BEFORE.search(text, max(0, match.begin - 40), match.begin):
                continue  # "you can obtain a copy": the user's act
            if (
                concept in rules.grouped
                and rules.kept_safe
                and (state_end := kept_state_end(text, match.finish, rules.kept_safe)) is not None
            ):
                words = text[match.begin : state_end]
                if rules.kept_safe_is is not None and words.split()[-1].casefold() in rules.kept_safe_is_for:
                    safe_category, safe_concept = rules.kept_safe_is  # "keep your data safe": a safeguard
                    found.append(Match(safe_concept, safe_category, words, match.begin, state_end))
                continue
            if (
                rules.infinitive_after
                and match.text.casefold().endswith(" to")
                and (verb := _NEXT_WORD.match(text, match.finish)) is not None
                and verb.group(1).casefold() in rules.infinitive_after
            ):
                continue  # "the information is provided to comply with the law": a purpose, no one it goes to
            if rules.verb_before and _reads_as_verb(match.text, text, match.finish, rules.verb_before):
                continue
            found.append(Match(concept, rules.category, match.text, match.begin, match.finish))
        found.extend(self._elided(found, text))
        return [m for m in found if not self._object_not(m, found, text)]

    def _elided(self, found: list[Match], text: str) -> list[Match]:
        """The terms whose head noun a coordination shares with a term found ("*billing* and shipping
        addresses", "*first* and last names"): each modifier before the found term, with its head, is
        a term of its own, matched where the modifier stands."""
        out: list[Match] = []
        for term in found:
            words = term.text.split()
            if len(words) < 2 or term.category is None:
                continue
            head = " ".join(words[1:])
            end = term.start
            for _ in range(4):  # "billing, shipping and home addresses"
                before = _COORDINATED_BEFORE.search(text, max(0, end - 60), end)
                if before is None:
                    break
                modifier = before.group(1)
                named = [
                    m
                    for m in self.term_index.finditer(f"{modifier} {head}")
                    if m.begin == 0 and m.finish == len(modifier) + 1 + len(head)
                ]
                category, concept = next(
                    (
                        tuple(m.name.split("\t"))
                        for m in named
                        if m.name.split("\t")[0] == term.category.value
                    ),
                    (None, None),
                )
                if concept is None:
                    break
                out.append(Match(concept, term.category, modifier, before.start(1), before.end(1)))
                end = before.start(1)
        return out

    def _object_not(self, term: Match, found: list[Match], text: str) -> bool:
        """Whether a kind its category's ``object_not`` names follows ``term`` right away."""
        if term.category is None:
            return False
        kinds = self.by_category(term.category).object_not.get(term.name, frozenset())
        return bool(kinds) and any(
            other.category is not None
            and 0 <= other.start - term.end <= 6
            # (an article between: "we rely on *the* Data Privacy Framework")
            and _ARTICLE_ONLY.fullmatch(text, term.end, other.start) is not None
            and kinds.intersection(self.by_category(other.category).lineage(other.name))
            for other in found
        )


def kept_in_state(text: str, end: int, states: frozenset[str]) -> bool:
    """Whether the verb ending at ``end`` keeps data in a state its clause ends on, within a few words
    ("keep it confidential", "keep your messages encrypted end to end."); "… securely for 30 days"
    still says how long."""
    return kept_state_end(text, end, states) is not None


def kept_state_end(text: str, end: int, states: frozenset[str]) -> int | None:
    """Where the state word ends that the verb ending at ``end`` keeps data in (``kept_in_state``),
    or None."""
    clause = _CLAUSE_END.split(text[end : end + 120], maxsplit=1)[0]
    found = list(_WORDS_OF.finditer(clause))
    words = [m.group().casefold() for m in found]
    at = next((i for i, word in enumerate(words[:4]) if word in states), None)
    if at is None or len(words) - at > 4 or _TIME_WORDS.intersection(words[at:]):
        return None
    if at and (words[at - 1], words[at]) in _AT_ONCE:
        return None  # "we erase them *right away*": when, no state the data is kept in
    return end + found[at].end()


# where a clause ends: a stop or a mark, or a coordination ("keep it safe *and* share it …")
# a modifier coordinated before a term that shares its head: "billing *and* shipping addresses"
_COORDINATED_BEFORE = lazy(r"\b([A-Za-z][\w-]*)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or|&)\s+)$")
_CLAUSE_END = lazy(r"[.,;:)!?\n]|\s(?:and|or|but)\s", re.IGNORECASE)
_WORDS_OF = lazy(r"[\w'-]+")
# a state word that is half of an adverb of time: "right away", "straight away" (at once)
_AT_ONCE = frozenset({("right", "away"), ("straight", "away")})
# words that set how long ("securely *for* 30 days", "*until* you delete it")
_TIME_WORDS = frozenset({"for", "until", "till", "while", "during", "after", "before", "within", "up", "as"})


def _reads_as_verb(term: str, text: str, end: int, before: frozenset[str]) -> bool:
    """Whether a one-word term ending in "s" stands as a verb: a determiner follows it."""
    if not term.casefold().endswith("s") or not term.isalpha():
        return False
    following = _FIRST_WORD.match(text, end)
    return following is not None and following.group(1).casefold() in before


_FIRST_WORD = lazy(r"\s+([\w']+)")
# the user as the subject of the word that follows: "you", "you can", "you may also"
_YOU_BEFORE = lazy(
    r"\byou(?:\s+(?:can|may|might|could|will|would|also|then|now|still|cannot|can't|won't|do|did|to|want|wish))*\s+$",
    re.IGNORECASE,
)
_ARTICLE_ONLY = lazy(r"\s*(?:(?:the|a|an|our|its)\s+)?", re.IGNORECASE)
_LAST_WORD = lazy(r"([\w']+)\W*$")
_QUOTED_BEFORE = lazy(r"[\"“‘'][^\"”’'\n]{1,40}[\"”’']\s*$")
# a modifier shared by two coordinated nouns: "anonymous *datasets or* statistics"
_SHARED_MODIFIER = lazy(r"([\w']+)\s+[\w'-]+,?\s+(?:and|or|and/or)\s+$", re.IGNORECASE)


def _made_anothers(text: str, position: int, term: str, words: frozenset[str]) -> bool:
    """Whether the word before a term makes it another's: one of ``words`` (lower case), or one
    written capitalized before a capitalized term ("App Store": a shop's name, nothing kept)."""
    match = _LAST_WORD.search(text, max(0, position - 40), position)
    word = match.group(1) if match else ""
    # (a word or phrase quoted as a name is passed over: 'the term "personal data" *is used* …')
    quoted = _QUOTED_BEFORE.search(text, max(0, position - 80), position)
    if quoted is not None:
        before = _LAST_WORD.search(text, max(0, quoted.start() - 40), quoted.start())
        if before is not None and before.group(1).casefold() in words:
            return True
    # a word joined to the term by a hyphen is listed with it ("in-" for "in-store": a shop)
    joined = text[position - 1 : position] == "-" and f"{word.casefold()}-" in words
    # (… or the word before a noun coordinated with the term, which qualifies both)
    shared = _SHARED_MODIFIER.search(text, max(0, position - 60), position)
    # (… or the words right before it, where an entry holds more than one: "reserves the")
    tail = " " + " ".join(text[max(0, position - 60) : position].casefold().split())
    # (… or, for an entry ending in " *", its words one word before: "aggregated *traffic* statistics")
    one_back = tail.rsplit(" ", 1)[0]
    return (
        joined
        or word.casefold() in words
        or (word in words and term[:1].isupper())
        or (shared is not None and shared.group(1).casefold() in words)
        or any(" " in entry and tail.endswith(" " + entry) for entry in words)
        or any(entry.endswith(" *") and one_back.endswith(" " + entry[:-2]) for entry in words)
    )


_NEXT_WORD = lazy(r"\s+(\w+)")
# a condition that opens its sentence and has not yet ended at a comma: "If we sell our assets"
IN_A_LEADING_CONDITION = lazy(r"\W*(?:if|when|whenever|should|in\s+case)\b[^,;:]*$", re.IGNORECASE)
_STOP = lazy(r"[.;:!?]\s+")


def _own_clause(text: str, position: int) -> str:
    """``text`` up to the comma that ends the leading condition ``position`` stands in, or all of it:
    a party named after that comma ("If we sell our assets, your data may pass *to* the buyer") is
    the main clause's, no party of the condition's verb."""
    start = max(0, position - 200)
    for stop in _STOP.finditer(text, start, position):
        start = stop.end()
    if IN_A_LEADING_CONDITION.match(text, start, position) is None:
        return text
    comma = text.find(",", position)
    return text if comma < 0 else text[:comma]


# the words that, right before a verb, deny it ("not stored", "never kept")
_DENYING = frozenset({"not", "never", "neither", "nor"})


def _word_before(text: str, position: int) -> str:
    """The word right before ``position``, casefolded ("" at the start)."""
    match = _LAST_WORD.search(text, max(0, position - 40), position)
    return match.group(1).casefold() if match else ""
