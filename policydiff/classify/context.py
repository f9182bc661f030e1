"""What a change means depends on the rest of the pair: defined terms, names renamed everywhere,
and terms the old text already discloses. Read once per pair, before any change is judged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from policydiff.classify.definitions import DEFINING_WORD, defined_term
from policydiff.classify.editorial import edit_runs
from policydiff.classify.engine import DocumentContext, Subject
from policydiff.classify.moves import Pool
from policydiff.classify.numbers import Quantity, number_spellings, quantities
from policydiff.classify.phrases import PhraseSet
from policydiff.classify.practice import practice_reader
from policydiff.classify.profile import (
    ORGANISATION,
    covering_kinds,
    kind_key,
    kinds_named,
    profile,
    whole_region,
)
from policydiff.classify.rulebook import Match, RuleBook
from policydiff.lazy_re import lazy
from policydiff.model import Category, ChangeKind, Clause, Edit, Outline
from policydiff.text import WORD, fold, folded_sentences, mask_links, sentences

__all__ = ["Affirmations", "TermUses", "defined_term", "document_context", "with_definition"]


class TermUses:
    """The new version's leaves, indexed by word on first use: which leaves use a defined term.

    A 10 MB policy changes hundreds of definitions; each was a scan of every leaf. Built once per
    pair, and only when a definition changed; each leaf's terms are found once.
    """

    def __init__(self, outline: Outline) -> None:
        self._outline = outline
        self._leaves: list[Clause] = []
        self._words: defaultdict[str, list[int]] = defaultdict(list)
        self._terms: dict[int, list[Match]] = {}

    def using(self, term: str) -> list[Clause]:
        """The leaves whose text holds ``term`` as words (case as written), in document order."""
        if not self._leaves:
            self._leaves = list(self._outline.leaves())
            self._words = _word_index(self._leaves, casefold=False)
        words = WORD.findall(term)
        if not words:
            return []
        candidates = set.intersection(*(set(self._words.get(word, ())) for word in words))
        uses = re.compile(rf"\b{re.escape(term)}\b")
        return [self._leaves[i] for i in sorted(candidates) if uses.search(self._leaves[i].text)]

    def terms(self, leaf: Clause, rulebook: RuleBook) -> list[Match]:
        key = leaf.start
        if key not in self._terms:
            self._terms[key] = rulebook.find_terms(leaf.text)
        return self._terms[key]


def with_definition(subject: Subject, new_start: int | None, uses: TermUses, rulebook: RuleBook) -> Subject:
    """A changed definition changes every clause that uses the term: read it with their categories."""
    if subject.kind not in (ChangeKind.MODIFIED, ChangeKind.MOVED):
        return subject
    term = defined_term(subject.new) or defined_term(subject.old)
    if not term or not DEFINING_WORD.search(subject.new + subject.old + subject.new_context):
        return subject
    scores: Counter[Category] = Counter()
    for leaf in uses.using(term):
        if leaf.start == new_start:
            continue
        for found in uses.terms(leaf, rulebook):
            rules = rulebook.by_category(found.category)  # type: ignore[arg-type]
            if found.name in rules.grouped and not rules.protective:
                scores[rules.category] += 1
    categories = tuple(category for category, _ in scores.most_common(3))
    return replace(subject, defines=term, term_categories=categories)


def document_context(
    subjects: Sequence[Subject], old_outline: Outline, rulebook: RuleBook, new_outline: Outline | None = None
) -> DocumentContext:
    """Names renamed throughout the pair, and the terms of added clauses the old text already affirms."""
    sentences = _Sentences()
    old_sentences = cache(lambda: sentences.of(old_outline))
    gained = _gone_or_gained(subjects, ChangeKind.ADDED)
    return DocumentContext(
        old_sentences=old_sentences,
        new_sentences=cache(lambda: sentences.of(new_outline) if new_outline is not None else frozenset()),
        new_affirms=Affirmations(new_outline, rulebook).any_of if new_outline is not None else None,
        used_for_all=UsesOfAll(old_outline, rulebook),
        old_affirms=(old_affirmations := Affirmations(old_outline, rulebook)).any_of,
        old_denies=old_affirmations.denies,
        # (asked of a policy's length, not of a generated 10 MB text: the word index of every
        # clause would cost more than its answers are worth there)
        old_pairs=old_affirmations.together if len(old_outline.document.text) <= _PAIRS_UP_TO else None,
        # whether the old text states a period or an age: its text is searched for the number only
        old_states=_PeriodsOf(old_outline.document.text),
        renames=_renames(subjects, rulebook),
        disclosed=_disclosed(subjects, old_outline, rulebook),
        # a 10 MB policy is not split into words unless an added clause asks what it already named
        # (each distinct word casefolded once: a long policy repeats its words)
        vocabulary=cache(lambda: frozenset(map(str.casefold, set(WORD.findall(old_outline.document.text))))),
        went=Pool.of(_gone_or_gained(subjects, ChangeKind.REMOVED)),
        came=Pool.of(gained),
        # (not text the old version said word for word: a label left when its paragraph went,
        # "**Right to Request Deletion.**", says the right no more than it did)
        gained_affirms=cache(lambda: _affirmed_in(gained, old_sentences, rulebook)),
    )


_STATEMENT_WORDS = 3


def _affirmed_in(
    texts: Sequence[str], said_before: Callable[[], frozenset[str]], rulebook: RuleBook
) -> frozenset[tuple[Category, str]]:
    """The rights and safeguards, as (category, member) pairs, the texts affirm, each text read on
    its own: only those that name one are read whole (a long policy gains thousands of runs), and
    none the old version said word for word (``said_before``: its folded sentences)."""
    protective = frozenset(rules.category for rules in rulebook.categories if rules.protective)
    return frozenset(
        key
        for text in texts
        # (a run of a word or two, "free" for "a"; states no right: the word edits of a long text)
        if len(text.split()) >= _STATEMENT_WORDS
        and any(term.category in protective for term in rulebook.find_terms(text))
        and not folded_sentences(text) <= said_before()
        for key in profile(whole_region(text), rulebook).affirmed
        if key[0] in protective
    )


def _word_index(leaves: Sequence[Clause], *, casefold: bool) -> defaultdict[str, list[int]]:
    """Each word of the leaves (casefolded or as written) and the leaves that hold it, in order."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    find = WORD.findall
    # (a list a word, appended once per leaf: a third faster than a set per word on 42,000 leaves)
    for number, leaf in enumerate(leaves):
        for word in set(find(leaf.text.casefold() if casefold else leaf.text)):
            index[word].append(number)
    return index


class Affirmations:
    """Whether a version affirms any of some (category, concept) pairs anywhere: is what a removed
    promise limited still done? Only the leaves holding a first word of one of the concepts' phrases
    are read (a word index built on first use), each once."""

    def __init__(self, outline: Outline, rulebook: RuleBook) -> None:
        self._outline = outline
        self._rulebook = rulebook
        self._leaves: list[Clause] = []
        self._words: defaultdict[str, list[int]] = defaultdict(list)
        self._sorted: list[str] = []  # the words in order: those a stem begins stand together
        self._read: dict[int, frozenset[tuple[Category, str]]] = {}
        self._denied: dict[int, frozenset[tuple[Category, str]]] = {}
        self._may_name_key = MayName(rulebook)

    def any_of(self, things: frozenset[tuple[Category, str]]) -> bool:
        """Whether some leaf of the version affirms one of ``things``."""
        return any(
            self._may_name(index, things) and not things.isdisjoint(self._affirmed(index))
            for index in sorted(self._candidates(things))
        )

    def denies(self, things: frozenset[tuple[Category, str]]) -> bool:
        """Whether some leaf of the version denies one of ``things`` ("we do not sell your data")."""
        for index in sorted(self._candidates(things)):
            if not self._may_name(index, things):
                continue
            self._affirmed(index)
            if not things.isdisjoint(self._denied[index]):
                return True
        return False

    def together(
        self,
        things: frozenset[tuple[Category, str]],
        kinds: frozenset[tuple[Category, str]],
        explicit: bool = False,
    ) -> bool:
        """Whether some leaf affirms one of ``things`` with one of ``kinds`` of data, or with no kind of
        data at all (a purpose or a recipient stated of all the data: "we use it to improve …"), which
        does not do for a kind that must be named (``explicit``: health, biometrics)."""
        for read, index in enumerate(sorted(self._candidates(things))):
            if read >= _MOST_READ:
                return True  # named in this many clauses: read as stated of all (the search has a bound)
            if not self._may_name(index, things):
                continue
            affirmed = self._affirmed(index)
            if things.isdisjoint(affirmed):
                continue
            named = {key for key in affirmed if key[0] is Category.COLLECTION and key[1] not in self._verbs}
            if (not named and not explicit) or not kinds.isdisjoint(named):
                return True
        return False

    @property
    def _verbs(self) -> frozenset[str]:
        return self._rulebook.by_category(Category.COLLECTION).grouped

    def _candidates(self, things: frozenset[tuple[Category, str]]) -> set[int]:
        """The leaves holding a first word of one of the concepts' phrases."""
        if not self._leaves:
            self._leaves = list(self._outline.leaves())
            self._words = _word_index(self._leaves, casefold=True)
            self._sorted = sorted(self._words)
        candidates: set[int] = set()
        for category, concept in things:
            rules = self._rulebook.by_category(category)
            for phrase, owner in rules.term_entries:
                if owner != concept or not (first := phrase.split()[0].casefold() if phrase.split() else ""):
                    continue
                if first.endswith("*"):
                    stem = first.rstrip("*")
                    for word in self._sorted[bisect_left(self._sorted, stem) :]:
                        if not word.startswith(stem):
                            break
                        candidates.update(self._words[word])
                else:
                    candidates.update(self._words.get(first, ()))
        return candidates

    def _may_name(self, index: int, things: frozenset[tuple[Category, str]]) -> bool:
        """False only when the leaf, unread, cannot name any of ``things`` (read, it is not tested)."""
        if index in self._read:
            return True
        leaf = self._leaves[index]
        return any(self._may_name_key(key, leaf.text, lead=leaf.context or "") for key in things)

    def _affirmed(self, index: int) -> frozenset[tuple[Category, str]]:
        if index not in self._read:
            leaf = self._leaves[index]
            found = profile(whole_region(leaf.text), self._rulebook, lead=leaf.context or "", terms_only=True)
            self._read[index] = frozenset(
                (m.category, m.name) for m in found.affirmed.values() if m.category is not None
            )
            self._denied[index] = frozenset(
                (m.category, m.name) for m in found.denied.values() if m.category is not None
            )
        return self._read[index]


class UsesOfAll:
    """Whether a version states a purpose of all the data it holds: a sentence that affirms the
    purpose and names no kind of data ("We use all the information we collect to detect fraud").
    Only the leaves holding the words of one of the purpose's phrases are read, each once."""

    def __init__(self, outline: Outline, rulebook: RuleBook) -> None:
        self._outline = outline
        self._rulebook = rulebook
        self._known: dict[tuple[Category, str], bool] = {}
        self._may_name = MayName(rulebook)

    def __call__(self, key: tuple[Category, str]) -> bool:
        if key not in self._known:
            self._known[key] = self._find(key)
        return self._known[key]

    def _find(self, key: tuple[Category, str]) -> bool:
        collection = self._rulebook.by_category(Category.COLLECTION)
        for leaf in self._outline.leaves():
            if not self._may_name(key, leaf.text):
                continue
            for start, end in sentences(leaf.text):
                found = profile(whole_region(leaf.text[start:end]), self._rulebook, terms_only=True)
                kinds = [
                    name
                    for (category, name) in found.affirmed
                    if category is Category.COLLECTION and name not in collection.grouped
                ]
                if key in found.affirmed and not kinds:
                    return True
        return False


class _Sentences:
    """Every sentence of a version, folded (read only when a clause came or went whole). The two
    versions share most of their clauses word for word: each distinct clause is read once."""

    def __init__(self) -> None:
        self._read: dict[str, frozenset[str]] = {}

    def of(self, outline: Outline) -> frozenset[str]:
        read = self._read
        return frozenset().union(
            *(
                read[leaf.text]
                if leaf.text in read
                else read.setdefault(leaf.text, folded_sentences(leaf.text))
                for leaf in outline.leaves()
            )
        )


def _gone_or_gained(subjects: Sequence[Subject], kind: ChangeKind) -> list[str]:
    """The text of the clauses removed (or added), and the runs deleted (or inserted) inside others."""
    texts = []
    for subject in subjects:
        if subject.kind is kind:
            texts.append(subject.old if kind is ChangeKind.REMOVED else subject.new)
        elif subject.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED):
            side = 0 if kind is ChangeKind.REMOVED else 1
            texts.extend(run[side] for run in edit_runs(subject.edits))
    return texts


def _renames(subjects: Sequence[Subject], rulebook: RuleBook) -> frozenset[tuple[str, str]]:
    """Replacements of capitalised names made the same way in three or more places."""
    counts: Counter[tuple[str, str]] = Counter()
    for subject in subjects:
        if subject.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED):
            counts.update(_name_swaps(subject.edits, rulebook))
    return frozenset(pair for pair, count in counts.items() if count >= 3)


def _name_swaps(edits: Sequence[Edit], rulebook: RuleBook) -> list[tuple[str, str]]:
    return [
        (fold(deleted), fold(inserted))
        for deleted, inserted in edit_runs(edits)
        if _is_name(deleted, rulebook) and _is_name(inserted, rulebook)
    ]


def _is_name(text: str, rulebook: RuleBook) -> bool:
    words = WORD.findall(text)
    if not words or len(words) > 3 or ORGANISATION.search(text) or rulebook.find_terms(text):
        return False
    return all(word[0].isupper() for word in words)


class _PeriodsOf:
    """Whether a text states a period or an age ("ten years" and "10 years" are one): the text is
    searched for the number's spellings, and only the words around each are read."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[tuple[str, float], bool] = {}

    def __call__(self, q: Quantity) -> bool:
        key = (q.unit, q.value)
        if key not in self._known:
            self._known[key] = self._find(q)
        return self._known[key]

    def _find(self, q: Quantity) -> bool:
        spellings = number_spellings(q)
        if not spellings:
            return True  # a number no spelling finds again is not asked about
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, spellings)) + r")\b", re.IGNORECASE)
        for hits, found in enumerate(pattern.finditer(self._text)):
            if hits >= _MOST_HITS:
                return True  # a number said this often is read as stated: the search has a bound
            around = self._text[max(0, found.start() - 12) : found.end() + 48]
            if any((r.unit, r.value) == (q.unit, q.value) for r in quantities(around)):
                return True
        return False


_MOST_HITS = 2000
# the longest old text an added clause's pairs and places are looked for in, whole (the longest
# corpus policy is about 0.4 MB)
_PAIRS_UP_TO = 2_000_000
# the clauses read for a purpose or recipient paired with a kind of data (a policy names one in a
# few dozen; a generated 10 MB one in thousands)
_MOST_READ = 400


def _disclosed(
    subjects: Sequence[Subject], old_outline: Outline, rulebook: RuleBook
) -> frozenset[tuple[str, str]]:
    """Terms the old text affirms somewhere: an added clause naming them explains, it does not widen."""
    wanted: set[tuple[Category, str]] = set()
    for subject in subjects:
        if subject.kind is ChangeKind.ADDED:
            # read as the judgement reads it: under its headings ("| … | Location |" makes a place one)
            around = tuple(rulebook.find_terms(mask_links(f"{subject.old_context} \n {subject.new_context}")))
            found = profile(
                whole_region(subject.new), rulebook, lead=subject.lead, context_terms=around, terms_only=True
            )
            wanted.update(found.affirmed, found.denied)  # denied too: a lead-in can turn them round
            # a kind the old text named covers its parts: an address covers a new postal code
            for key, match in (*found.affirmed.items(), *found.denied.items()):
                wanted.update(covering_kinds(key, match, rulebook))
    # Read only the old clauses that could affirm a wanted term, and stop once all are found:
    # a 10 MB policy with a few additions is not profiled whole.
    disclosed: set[tuple[Category, str]] = set()
    may_name = MayName(rulebook)
    for leaf in old_outline.leaves():
        missing = wanted - disclosed
        if not missing:
            break
        if any(may_name(key, leaf.text) for key in missing):
            found = profile(whole_region(leaf.text), rulebook, terms_only=True)
            disclosed.update(found.affirmed, kinds_named(found))
    return frozenset((category.value, member) for category, member in disclosed & wanted)


class MayName:
    """Whether a clause may name a (category, member) key, affirmed or denied: a test of its words
    that spares reading it, false only where no reading of the clause could find the key."""

    def __init__(self, rulebook: RuleBook) -> None:
        self._rulebook = rulebook
        self._tests: dict[tuple[Category, str], tuple[PhraseSet | None, tuple[tuple[str, ...], ...]]] = {}
        self._squashed = ("", "")  # the last clause asked of (asked of many keys), squashed once

    def __call__(self, key: tuple[Category, str], text: str, *, lead: str = "") -> bool:
        """``lead``: the list lead-in the clause is read under ("You can:" grants each item a right)."""
        if lead and key in _ANY_RIGHT:
            return True
        test = self._tests.get(key)
        if test is None:
            test = self._tests[key] = self._test(key)
        if self._squashed[0] is not text:
            self._squashed = (text, squash(text))
        squashed = self._squashed[1]
        phrases, wordings = test
        return any(all(word in squashed for word in words) for words in wordings) or (
            phrases is not None and phrases.may_hold(text)
        )

    def _test(self, key: tuple[Category, str]) -> tuple[PhraseSet | None, tuple[tuple[str, ...], ...]]:
        """A concept of many wordings (a verb, a kind) is looked for by its phrases, wherever their
        words stand, a member by its words; and either by the words that name it another way."""
        category, member = key
        words = _wordings(category, member, self._rulebook)
        phrases = _phrases_of(category, member, self._rulebook) if words is None else None
        concept = member.removeprefix(kind_key(""))
        # a right granted by the user's verb ("you can *delete* it": erasure)
        if category is Category.RIGHTS:
            verbs = [verb for verb, right in practice_reader().right_verbs.items() if right == concept]
            words = (*(words or ()), *((squash(verb.split()[0]),) for verb in verbs))
        # a keeping verb kept in a state names a safeguard ("keep your data *safe*")
        for rules in self._rulebook.categories:
            if rules.kept_safe_is == (category, concept):
                words = (*(words or ()), *((squash(state),) for state in rules.kept_safe_is_for))
        return phrases, words or ()


# what a lead-in that grants ("You can:") makes an item that names no right by its words
_ANY_RIGHT = frozenset({(Category.RIGHTS, "right"), (Category.RIGHTS, kind_key("right"))})


def squash(text: str) -> str:
    """``text`` casefolded without the marks a word may hold or be split by ("e-mail" is "email",
    "U.S." is "us"), so that a word of a phrase is found in it whichever way it is written."""
    return _MARKS.sub("", text.casefold())


_MARKS = lazy(r"[.\-'’]")


def _phrases_of(category: Category, member: str, rulebook: RuleBook) -> PhraseSet:
    """The phrases that can make a clause affirm a concept compared whole (by its own phrases or
    those of one compared as it: "stored in" as "transfer") or a kind key."""
    rules = rulebook.by_category(category)
    if member.startswith(kind_key("")):
        concepts = {member.removeprefix(kind_key(""))}
    else:
        concepts = {owner for _, owner in rules.term_entries if rules.compare_as.get(owner, owner) == member}
        concepts.add(member)
    return PhraseSet([(phrase, owner) for phrase, owner in rules.term_entries if owner in concepts])


def _wordings(category: Category, member: str, rulebook: RuleBook) -> tuple[tuple[str, ...], ...] | None:
    """The words of the member and of each phrase of a concept of its name (None: a concept of many
    wordings, looked for by its phrases). A member of synonyms ("service_providers") is named by its
    phrases, "vendors" among them; a member read from a term's own words ("lifespan") by them."""
    rules = rulebook.by_category(category)
    if member in rules.grouped or member.startswith(kind_key("")):
        return None
    # (… and of the concepts compared as it: "may be refused" is read as the member "refusal")
    phrases = [
        member,
        *(p for p, owner in rules.term_entries if member in (owner, rules.compare_as.get(owner, owner))),
    ]
    return tuple(tuple(squash(word.rstrip("*")) for word in phrase.split()) for phrase in phrases)
