"""Whether a sentence states a data practice: the test that keeps an unread change from passing as editorial.

A sentence states a practice when it holds a verb of a practice class (``ontology/actions.toml``:
collect, use, share, retain, protect, rights, notify; each class cites its source) or a term
of the rule book (a kind of data, a recipient, a purpose). An edit that no rule explains
inside such a sentence is sent to a lawyer (``review``), never called editorial.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policydiff.classify.alternation import WordAlternation
from policydiff.classify.phrases import another_sense
from policydiff.classify.readers import read_once
from policydiff.classify.rulebook import RuleBook
from policydiff.lazy_re import lazy
from policydiff.model import Category
from policydiff.text import list_opener, mask_links

__all__ = [
    "PRACTICE_CATEGORY",
    "RECEIVING",
    "USER_RIGHT",
    "USER_WORDS",
    "WIDENING",
    "PracticeReader",
    "practice_reader",
]

# a collect-class verb of receiving: it takes in many things besides data ("we received an award",
# "we receive requests"), so what it receives is data only where the sentence says so
RECEIVING = lazy(r"(?:we\s+(?:also\s+)?)?receiv", re.IGNORECASE)

# practice classes whose statement can widen what is done with data (not protect, rights, notify)
WIDENING = frozenset({"collect", "use", "share", "retain"})
# the category a practice class speaks of, where no term of its sentence names one
PRACTICE_CATEGORY = {
    "collect": Category.COLLECTION,
    "use": Category.PURPOSE,
    "share": Category.SHARING,
    "retain": Category.RETENTION,
    "rights": Category.RIGHTS,
    "notify": Category.NOTICE,
    "protect": Category.SECURITY,
}
# the user, or a class of users ("California residents", "consumers", "data subjects"), given a
# right: "you can …", "you have the right to …". The classes are the usual categories of data
# subjects a controller records (GDPR Art. 30(1)(c): customers, employees, subscribers, patients,
# students, applicants, visitors …)
USER_WORDS = (
    r"(?:you|users?|parents?|guardians?|alumni"
    # (other members, the players near you: who can see the user's data, not the user; the modifier
    # starts with a letter and is bounded, so a run of dashes costs no backtracking)
    r"|(?:(?!other\b|nearby\b|some\b|all\b)\w[\w-]{0,40}\s+)?(?:residents|consumers|individuals|customers|members"
    r"|data\s+subjects|subscribers|employees|students|patients|applicants|account\s+holders))"
    # … and where they live, a list of capitalised names ("Residents of California, Colorado and
    # Virginia can …", "users in the EEA may …": the places bound who holds the right)
    r"(?:\s+(?:of|in|from)\s+(?:the\s+)?(?-i:[A-Z])[\w.'’-]*"
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s+)(?:the\s+)?(?-i:[A-Z])[\w.'’-]*){0,10}"
    # (… or any of a kind of place: "residents of any US state", "users in all EU countries")
    r"|\s+(?:of|in|from)\s+(?:any|all|every|each)\s+(?:(?-i:[A-Z])[\w.'’-]*\s+)?"
    r"(?:states?|countr(?:y|ies)|member\s+states?|regions?|provinces?|territor(?:y|ies)|jurisdictions?))?"
)
_GIVEN = r"\s+(?:also\s+)?(?:can|may|will be able to|are able to|have the right to|are entitled to)\b"
# a sentence in which the user holds a right, from its first word
USER_RIGHT = lazy(rf"\W*{USER_WORDS}{_GIVEN}", re.IGNORECASE)
# … or is told a right is withheld ("you will no longer be able to delete …", "you cannot export …"):
# the verbs after it name the rights the denial takes away (profile._right_withheld)
_USER_WITHHELD = lazy(
    rf"\W*{USER_WORDS}\s+(?:will\s+no\s+longer\s+be\s+able\s+to|will\s+not\s+be\s+able\s+to"
    r"|(?:can|may)\s+no\s+longer|cannot|can\s+not|are\s+(?:no\s+longer|not)\s+able\s+to)\b",
    re.IGNORECASE,
)
# … and the same grant wherever its clause starts in the sentence ("Depending on where you live,
# you have the right to obtain:", "**Your requests:** As noted above, you have the right to …")
_USER_GRANT = lazy(rf"\b{USER_WORDS}(?:{_GIVEN}|\s+have\s+the\s+following\s+rights\b)", re.IGNORECASE)
# what may stand before the grant's clause: nothing; a run-in label; a condition ended by a comma
# or by the grant's own subject ("If you are a California resident you have …"); an opening phrase
# set off by a comma ("Depending on where you live, you …")
_GRANT_OPENS = lazy(
    r"\W*(?:\*\*[^*\n]{1,80}\*\*\W*)?(?:(?:if|where|when|whenever|as|once|after|for)\b[^.;:]*?[,\s]"
    r"|[^.;:,]{1,80},\s*)?\s*",
    re.IGNORECASE,
)


def grants_to_user(sentence: str, end: int | None = None) -> bool:
    """Whether a sentence's main clause grants the user something ("you can …", "you have the right
    to …"), after an opening condition, label or phrase or none (``end``: only a grant before it)."""
    stop = len(sentence) if end is None else end
    return any(
        _GRANT_OPENS.fullmatch(sentence, 0, m.start()) for m in _USER_GRANT.finditer(sentence, 0, stop)
    )


def lets_user_act(sentence: str) -> bool:
    """Whether a sentence lets the user do something: a grant ("you can …") or an instruction
    whose purpose is the user's act ("To cancel your plan, call us")."""
    return grants_to_user(sentence) or _INSTRUCTION.match(sentence) is not None


def granting_lead(lead: str) -> bool:
    """Whether a list's lead-in grants the user what its items name ("You can:", "Depending on where
    you live, you have the right to obtain:")."""
    opener = list_opener(lead) if lead else None
    return opener is not None and (USER_RIGHT.match(lead) is not None or grants_to_user(opener))


_RIGHT_TO = lazy(r"\bright\s+to(?=\s)", re.IGNORECASE)
_OWN_RIGHT = lazy(r"\b(?:reserves?|reserved|retains?|we\s+have|we\s+keep)\s+(?:the|a|all)\s*$", re.IGNORECASE)

# where a clause with its own subject joins a sentence: ", and you can …", "; you may …"
_YOU = lazy(r"\byou\b", re.IGNORECASE)
# the reader's own data as the object of a verb run: "… see *your* invoices", "… access all *your* files"
_YOUR_OBJECT = lazy(r"\s+(?:(?:all|any|some|of)\s+)?your\b", re.IGNORECASE)
_JOINED_CLAUSE = lazy(r"[,;]\s+(?:and\s+|but\s+)?(?=(?:you|users?|parents?)\b)", re.IGNORECASE)

ONTOLOGY = Path(__file__).with_name("ontology")
# one verb of a run ("access, correct, and/or delete"), with what may join it to the one before
_TO_PURPOSE = lazy(r"(?<!\bus )(?<!\bthem )(?<!able )\b(?:in\s+order\s+)?to(?=\s+\w)", re.IGNORECASE)
# an instruction to the user, whose purpose names what the user can do: "To access your data,
# email us", "If you wish to object, contact our DPO"
_INSTRUCTION = lazy(
    r"\W*(?:if\s+you\s+(?:want|wish|would\s+like|need|choose)\s+|in\s+order\s+)?(?P<to>to)(?=\s+\w)[^.;:]*?,\s*"
    r"(?:please\s+|just\s+|simply\s+)?(?:e-?mail|contact|write|visit|go|use|send|call|click|submit|fill|complete"
    r"|log|sign|open|select|tap|follow|reach|message)\b",
    re.IGNORECASE,
)
# … and the instruction said first, its purpose after: "Go to Settings to delete your account", "Use
# the switch to turn off the microphone", "Click unsubscribe to opt out" (the imperative opens the
# sentence; each "to" of purpose after it may name what the user can do)
_INSTRUCTION_FIRST = lazy(
    r"\W*(?:please\s+|just\s+|simply\s+|you\s+can\s+also\s+)?(?:e-?mail|contact|write|visit|go|use|send|call|click"
    r"|tap|press|toggle|submit|fill|complete|log|sign|open|select|follow|reach|message|head|navigate)\b",
    re.IGNORECASE,
)
# a request of a right by its noun: "request access to …", "ask for deletion of …"
# (… or "for" alone, after "ask us": "you can ask us *for* a copy of …")
_REQUEST = lazy(
    r"\s+(?:request|ask\s+(?:us\s+)?for|apply\s+for|for)(?=\s+(?:the\s+|a\s+)?[a-z]+\s+(?:to|of)\b)",
    re.IGNORECASE,
)
_NOUN_RUN = lazy(
    r"(?:\s*,)?(?:\s+(?:and/or|and|or))*\s+(?:the\s+)?(?P<noun>a\s+copy|[a-z]+)\s+(?:to|of)\b", re.IGNORECASE
)
_LETS_YOU = lazy(
    r"\b(?:let|lets|allow|allows|enable|enables|permit|permits)\s+you(?:\s+to)?(?=\s+(?!know\b)[a-z])",
    re.IGNORECASE,
)
_ASK_US = lazy(
    r"\b(?:ask|request|require|instruct|direct)(?:s|ing)?\s+(?:us|that\s+we)(?:\s+to)?(?=\s)", re.IGNORECASE
)
_VERB_RUN = lazy(
    r"(?:\s*,)?(?:\s+(?:and/or|and|or|also))*\s+(?P<verb>opt\s+(?:out|in)|(?:turn|switch)\s+(?:off|on)"
    # (the verb split around what it switches: "turn *personalisation* off", "switch them on")
    r"|(?P<split>turn|switch)\s+(?:(?!off\b|on\b)[a-z-]+\s+){1,2}?(?P<particle>off|on)\b"
    # (an account ended by the user: "close your account", right_verbs.toml [erase])
    r"|(?:close|deactivate|cancel)\s+your\s+account|[a-z]+)",
    re.IGNORECASE,
)
# what a granted verb acts on when it is no data of the user's: the company's own things ("see our
# FAQ", "view our partners"), help, or more of a service ("get more relevant results")
_NOT_YOURS = lazy(
    # (… but the company's own acts on the data are the user's to stop: "deactivate *our access* to it")
    r"\s+(?:our(?!\s+(?:access|use|collection|processing|sharing|tracking)\b)|us|help|support|assistance|answers|more"
    r"|in\s+touch|started)\b(?!\s+(?:of\s+)?your\b)",
    re.IGNORECASE,
)
# the company as a sentence's subject: its own obligations are practices ("we are required to share");
# "our processors" are another party
_COMPANY = lazy(r"\b(?:we|us|i)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PracticeReader:
    """The practice verbs, compiled once: which practice classes a sentence speaks of."""

    verbs: WordAlternation  # each verb opens with its stem: tried only at words that begin like one
    classes: tuple[str, ...]  # the group name of each class in ``verbs``, in order
    quantifiers: frozenset[str]  # ``ontology/scope.toml``
    conditions: frozenset[str]
    practice_conditions: frozenset[str]  # conditions only where a practice that can widen is stated
    wideners: frozenset[str]
    obligations: re.Pattern[str]
    breadth: dict[str, int]  # a quantifier's reach: +1 universal ("all"), -1 partial or restrictive
    promptness: frozenset[str]  # how soon a promise is kept: a reach of +1 in promises only
    promising: re.Pattern[str]  # retain-class verbs that promise (delete, erase)
    right_verbs: dict[str, str]  # ``ontology/right_verbs.toml``: a verb the user is granted → its right
    # … and the noun the same right is requested by ("request *access to*, *deletion of* your data")
    right_nouns: dict[str, str] = field(default_factory=dict)

    def granted_rights(self, sentence: str) -> list[tuple[str, int, int]]:
        """The rights a sentence grants the user by its verbs ("you can access, correct or delete
        …"), as (right, start, end) of each verb in the run after "you can"."""
        found = []
        # a right named by its verb ("- the right to erase information you gave us"), the user's
        # unless the company keeps it for itself ("we reserve the right to delete inactive accounts")
        for named in _RIGHT_TO.finditer(sentence):
            if not _OWN_RIGHT.search(sentence, max(0, named.start() - 24), named.start()):
                found.extend(self._verb_run(sentence, named.end()))
        # the sentence's opening, or a clause of its own joined on ("…, and you can access them")
        for start in (0, *(m.end() for m in _JOINED_CLAUSE.finditer(sentence))):
            # (withheld first: "you can *no longer* delete" opens with the grant's words)
            opening = _USER_WITHHELD.match(sentence, start) or USER_RIGHT.match(sentence, start)
            if opening is None:
                # an instruction grants as "you can" does: "To access or delete your data, email us",
                # "If you wish to object, contact our DPO"
                instruction = _INSTRUCTION.match(sentence, start)
                if instruction is not None:
                    found.extend(self._verb_run(sentence, instruction.end("to")))
                elif (first := _INSTRUCTION_FIRST.match(sentence, start)) is not None:
                    ends = [at for mark in (";", ":") if (at := sentence.find(mark, first.end())) >= 0]
                    for to in _TO_PURPOSE.finditer(sentence, first.end(), min(ends, default=len(sentence))):
                        found.extend(self._verb_run(sentence, to.end()))
                continue
            # the run right after "you can", or after a "to" of purpose later in the user's clause
            # ("you can log into your account at any time to access, update or delete …")
            ends = [at for mark in (";", ":") if (at := sentence.find(mark, opening.end())) >= 0]
            starts = [opening.end()]
            starts += [
                m.end()
                for m in _TO_PURPOSE.finditer(sentence, opening.end(), min(ends, default=len(sentence)))
            ]
            # … or after a request to the company ("you can ask us to access, correct or delete …";
            # "allow us to access" grants the company a permission, so only asking verbs)
            starts += [
                m.end() for m in _ASK_US.finditer(sentence, opening.end(), min(ends, default=len(sentence)))
            ]
            run = [right for at in starts for right in self._verb_run(sentence, at)]
            if run and not _YOU.search(opening.group()) and _YOUR_OBJECT.match(sentence, run[-1][2]):
                continue  # "our employees can see *your* invoices": another's access to the reader's
                # data, whoever the subject may elsewhere be (a notice for staff names them users)
            found.extend(run)
        # a right given by a thing the user uses: "your browser settings *let you* refuse cookies",
        # "the app *allows you to* export your data" (not "we will let you know": no right to know)
        for given in _LETS_YOU.finditer(sentence):
            found.extend(self._verb_run(sentence, given.end()))
        return sorted(set(found), key=lambda right: right[1])  # (a run both readings found, once)

    def _verb_run(self, sentence: str, at: int) -> list[tuple[str, int, int]]:
        """The rights the run of verbs at ``at`` names ("access, correct or delete"), or of nouns
        after a request ("request access to, correction of, or deletion of")."""
        if (request := _REQUEST.match(sentence, at)) is not None:
            return self._noun_run(sentence, request.end())
        found = []
        while (match := _VERB_RUN.match(sentence, at)) is not None:
            said = match.group("verb")
            if match.group("split"):
                said = f"{match.group('split')} {match.group('particle')}"
            right = self.right_verbs.get(" ".join(said.casefold().split()))
            if right is None:
                break
            found.append((right, match.start("verb"), match.end("verb")))
            at = match.end()
        if found and _NOT_YOURS.match(sentence, at):
            return []  # "you can see our FAQ", "you can get help": no right over the user's data
        return found

    def _noun_run(self, sentence: str, at: int) -> list[tuple[str, int, int]]:
        """The rights a run of nouns names, each with its "to" or "of" ("access to, correction of")."""
        found = []
        while (match := _NOUN_RUN.match(sentence, at)) is not None:
            right = self.right_nouns.get(" ".join(match.group("noun").casefold().split()))
            if right is None:
                break
            found.append((right, match.start("noun"), match.end("noun")))
            at = match.end()
        return found

    def actions(self, sentence: str) -> list[str]:
        """The practice classes whose verbs the sentence holds, in order of appearance."""
        return list(dict.fromkeys(name for name, _ in self.verbs_in(sentence)))

    def verbs_in(self, sentence: str) -> list[tuple[str, str]]:
        """Each practice verb of the sentence, as (class, the words that name it)."""
        return [
            (match.lastgroup, match.group())
            for match in self.verbs.finditer(mask_links(sentence))
            if match.lastgroup is not None
        ]

    def widening_actions(self, sentence: str) -> list[str]:
        """The widening practice classes of the sentence (collect, use, share, retain), a verb
        that promises (delete, erase) not counted: it narrows what is kept."""
        found = [name for name, words in self.verbs_in(sentence) if not self.promising.match(words)]
        return list(dict.fromkeys(name for name in found if name in WIDENING))

    def states_practice(self, sentence: str, rulebook: RuleBook) -> bool:
        """A practice verb, or a term of the rule book (data, recipients, purposes), in ``sentence``."""
        return bool(self.actions(sentence)) or bool(rulebook.find_terms(mask_links(sentence)))

    def binds_another_party(self, sentence: str) -> bool:
        """An obligation laid on someone other than the company ("processors are bound to …")."""
        match = self.obligations.search(sentence)
        return match is not None and not _COMPANY.search(sentence[: match.start()])

    def changes_meaning(
        self, went: list[str], came: list[str], rulebook: RuleBook, *, widening: bool = True
    ) -> list[str]:
        """The words among those that went or came that can change what a statement permits.

        A term of the rule book, a cue (negation, hedge, exception, limiter), a scope word, or a
        practice verb that came; a verb that went while its objects stay is a rewording. A widener
        ("any") weighs only where a practice that can widen is stated (``widening``): "if you have
        any questions" widens nothing.
        """
        went_concepts, came_concepts = _concepts(went, rulebook), _concepts(came, rulebook)
        found = [
            word
            for words, others in ((went, came_concepts), (came, went_concepts))
            for word in words
            if self._weighs(word, rulebook) and not _reworded(word, others, rulebook)
        ]
        found += [word for word in came if widening and word.casefold() in self.wideners]
        verbs = [word for word in came if self.actions(word)]
        return found + [word for word in verbs if not _reworded(word, went_concepts, rulebook)]

    def _weighs(self, word: str, rulebook: RuleBook) -> bool:
        folded = word.casefold()
        if folded in self.quantifiers or folded in self.conditions:
            return True
        return bool(rulebook.find_terms(word) or rulebook.cue_index.search(word))

    def opens_condition(self, text: str) -> bool:
        """Whether ``text`` holds a word that opens a condition ("if", "when", "unless", "until")."""
        words = {w.casefold() for w in re.findall(r"\w+", text)}
        return not words.isdisjoint(self.conditions | self.practice_conditions)

    def conditioned(
        self, text: str, edits: list[tuple[int, int]], *, widening: bool = False, other: str = ""
    ) -> bool:
        """Whether an edit (offsets in ``text``) falls after a condition word of its own sentence
        (``widening``: the statement is of a practice that can widen, so "when" and "if" count), or
        holds one that ``other`` (the other side) says fewer times."""
        conditions = self.conditions | self.practice_conditions if widening else self.conditions
        said = Counter(w.casefold() for w in re.findall(r"\w+", other))
        here = Counter(w.casefold() for w in re.findall(r"\w+", text))
        for match in re.finditer(r"[^.;!?]+", text):
            words = re.finditer(r"\w+", match.group())
            first = next(
                ((w.start(), w.group().casefold()) for w in words if w.group().casefold() in conditions), None
            )
            if first is None:
                continue
            start = match.start() + first[0]
            if _ASKING.match(match.group(), first[0]):
                continue  # "if you have any questions, contact us": an invitation, no condition
            # an edit after the condition changes when it holds; one holding a condition the other
            # side does not say as often sets it ("…, if you link a card"; two sentences joined
            # under one "when" set none)
            clause = {w.casefold() for w in re.findall(r"\w+", match.group()[first[0] :])}
            sets = here[first[1]] > said[first[1]] and not clause <= set(said)
            if any(
                start < edit_start < match.end() or (sets and edit_start <= start < edit_end)
                for edit_start, edit_end in edits
            ):
                return True
        return False


# a condition that only invites the reader to write ("if you have any questions")
_ASKING = lazy(
    r"\w+\s+you\s+have\s+(?:any\s+)?(?:further\s+|other\s+|more\s+)?"
    r"(?:questions?|concerns?|comments?|quer(?:y|ies)|complaints?|feedback|suggestions?)\b",
    re.IGNORECASE,
)


def _concepts(words: list[str], rulebook: RuleBook) -> set[tuple[Category | None, str]]:
    return {(m.category, m.name) for word in words for m in rulebook.find_terms(word)}


def _reworded(word: str, others: set[tuple[Category | None, str]], rulebook: RuleBook) -> bool:
    """ "retained" for "stored": a term of the same concept stands on the other side."""
    concepts = _concepts([word], rulebook)
    return bool(concepts) and concepts <= others


# the words that make a verb's form a noun right after them ("your records", "public records", "on
# request")
_NOUN_MAKERS = (
    "on",
    "upon",
    "your",
    "our",
    "their",
    "the",
    "a",
    "my",
    "its",
    "public",
    "medical",
    "health",
    "court",
    "official",
    "annual",
)


def _pattern(phrase: str) -> str:
    # a leading "~": the verb of anyone but the user ("reviewers may read" a practice, "you may
    # read this policy" none)
    others = phrase.startswith("~")
    # a leading "=": a verb only, not the noun a determiner or a possessive makes of it ("for your
    # records", "public records")
    verb_only = phrase.startswith("=")
    words = [
        re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
        for word in phrase.lstrip("~=").split()
    ]
    words = [word if word != r"\w*" else r"\w+" for word in words]
    if others:
        # (checked after the first word, a literal: a look-behind that opens an alternative costs
        # the whole alternation its fast start, twice the time of every sentence read)
        words[0] = rf"{words[0]}(?<!\byou\s{words[0]})"
    stem = re.escape(phrase.lstrip("~=").split()[0].rstrip("*"))
    # (after the first word's literal stem: a look-behind of a fixed width) a word made an adjective
    # by "in-" names a place, no act: "in-store purchases", "in-app messages"
    guards = rf"(?<!\bin-{stem})"
    if verb_only:
        guards += "".join(rf"(?<!\b{before}\s{stem})" for before in _NOUN_MAKERS)
    words[0] = stem + guards + words[0][len(stem) :]
    return r"\b" + r"\s+".join(words) + r"\b"


# by folder: read once per process; the packaged one may come from the rule cache (``readers.kept``)
READERS: dict[Path, PracticeReader] = {}


def practice_reader(folder: Path = ONTOLOGY) -> PracticeReader:
    """The reader of the packaged ontology (read once per process)."""
    return read_once(READERS, folder, ONTOLOGY, "practice", PracticeReader, _read)


def _read(folder: Path) -> PracticeReader:
    import tomllib

    with (folder / "actions.toml").open("rb") as handle:
        actions = tomllib.load(handle)
    with (folder / "scope.toml").open("rb") as handle:
        scope = tomllib.load(handle)
    quantifiers = frozenset(word.casefold() for word in scope["quantifiers"])
    conditions = frozenset(word.casefold() for word in scope["conditions"])
    practice_conditions = frozenset(word.casefold() for word in scope["practice_conditions"])
    wideners = frozenset(word.casefold() for word in scope["wideners"])
    groups = []
    for name, table in actions.items():
        alternatives = "|".join(_pattern(phrase) for phrase in table["verbs"])
        # the words after a verb that make it another's ("share the same design": in common)
        other = table.get("not_before", [])
        unless = "(?!" + another_sense(other).pattern + ")" if other else ""
        groups.append(f"(?P<{name}>(?:{alternatives}){unless})")
    stems = [
        phrase.lstrip("~=").split()[0].rstrip("*") for table in actions.values() for phrase in table["verbs"]
    ]
    verbs = WordAlternation.of(re.compile("|".join(groups), re.IGNORECASE), stems)
    obligations = re.compile("|".join(_pattern(phrase) for phrase in scope["obligations"]), re.IGNORECASE)
    promptness = frozenset(word.casefold() for word in scope["promptness"])
    breadth = {word.casefold(): 1 for word in [*scope["universal"], *promptness]}
    breadth.update({word.casefold(): -1 for word in [*scope["partial"], *scope["restrictive"]]})
    promising = re.compile("|".join(_pattern(verb) for verb in scope["promising_verbs"]), re.IGNORECASE)
    with (folder / "right_verbs.toml").open("rb") as handle:
        rights = tomllib.load(handle)
    right_verbs = {verb: right for right, table in rights.items() for verb in table["verbs"]}
    right_nouns = {noun: right for right, table in rights.items() for noun in table.get("nouns", [])}
    return PracticeReader(
        verbs,
        tuple(actions),
        quantifiers,
        conditions,
        practice_conditions,
        wideners,
        obligations,
        breadth,
        promptness,
        promising,
        right_verbs,
        right_nouns,
    )
