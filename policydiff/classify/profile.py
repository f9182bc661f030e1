"""What a side of a change says: its changed sentences and, in them, terms, polarity, cues, numbers.

A *region* is the set of sentences of one side that hold an edit (every sentence of an added
or removed clause). Its *profile* lists:

- the terms of every category, each filed as affirmed or denied: a term in a clause with a
  company negation ("we do not share …"), or in a list whose lead-in is one, is denied;
- the cues found (negations, limiters, hedges …), counted only where their subject fits;
- the numbers with units, each given to the category whose number rule should read it;
- the phrases of the category rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policydiff.classify.numbers import Quantity, quantities
from policydiff.classify.practice import (
    PRACTICE_CATEGORY,
    RECEIVING,
    USER_RIGHT,
    WIDENING,
    granting_lead,
    practice_reader,
)
from policydiff.classify.rulebook import CategoryRules, Match, RuleBook, kept_in_state
from policydiff.lazy_re import lazy
from policydiff.model import Category, Edit, Op
from policydiff.text import WORD, fold, list_opener, mask_labels, mask_links, sentences, table_cells

# a company's legal form (a long form written in lower case too: "Canonical Group limited")
_LEGAL_FORMS = (
    r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|S\.A\.S?|SAS|SARL|B\.V|BV|N\.V|Pty|Corp|Corporation|plc|PLC|AG|SE"
    r"|S\.p\.A|Co|Company|LLP|LP|(?i:limited|incorporated|corporation))\b"
)
# the name of a body ("the Data & Marketing Association", "the Digital Advertising Alliance"): its
# words name it, they state no purpose or kind of data of the company's
_BODY_NOUNS = (
    r"(?:Association|Alliance|Institute|Foundation|Council|Coalition|Federation|Society|Initiative"
    r"|Network|Bureau|Board|Authority|Commission|Forum|Consortium|Organi[sz]ation)\b"
)
_BODY_WORD = lazy(r"\b" + _BODY_NOUNS)
# the capitalised words right before a body's noun, at most a few (read back from the noun, so a run
# of thousands of capitalised words costs a short window per noun, not the run at every place)
_BODY_NAME_BEFORE = lazy(r"(?:\b[A-Z][\w&'-]*[ \t]+(?:(?:of|and|&|for)[ \t]+)?){1,6}$")
_BODY_REACH = 120


def body_spans(text: str) -> list[tuple[int, int]]:
    """The names of bodies in ``text`` ("the Data & Marketing Association"), as spans."""
    spans = []
    for noun in _BODY_WORD.finditer(text):
        window = max(0, noun.start() - _BODY_REACH)
        name = _BODY_NAME_BEFORE.search(text, window, noun.start())
        if name is not None:
            spans.append((name.start(), noun.end()))
    return spans


def brand_spans(text: str) -> list[tuple[int, int]]:
    """The name of a product or a company written in capitals that opens a sentence as its subject
    ("Acme Health respects your privacy", "Trail Maps is free"), as a span; none in a text written
    in title case (a heading's words are all capitalised), nor a name that qualifies a noun after
    it ("your Apple Health data" is health data). (signals._inside_a_name reads a term between
    capitals inside a sentence, for the category of a list: "the Mistral *AI* Products".)"""
    words = _CASED_WORD.findall(text)
    if not words or sum(word[0].isupper() for word in words) > 0.6 * len(words):
        return []
    found = _BRAND.match(text)
    return [found.span()] if found is not None else []


# two or more capitalised words opening a sentence, the first no word a sentence opens with, a
# lower-case word (its verb) after them
_BRAND = lazy(
    r"\W*(?!(?:Your|Our|The|This|These|Those|Their|We|You|If|When|Where|For|In|On|To|A|An|All|Any|Some|Each"
    r"|Please|Learn|See|Read|Under|With|By|As|At|From|Most|Many|Certain|Other)\b)"
    r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+(?=[ \t]+[a-z])"
)
_CASED_WORD = lazy(r"\b[^\W\d_][\w'-]*")


def _without_bodies(text: str) -> str:
    """``text`` with the names of bodies blanked, offsets kept."""
    for start, end in body_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# a company's name with its legal form ("Acme Ads Ltd", "Health Data Corp."): its words name it
# a name inside a sentence: a capitalised word that does not open it ("… with *Acme* and Globex")
NAME_INSIDE = r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w&'’.-]*"
ORGANISATION = lazy(
    r"\b[A-Z][\w&'-]*(?:[ \t]+(?:[A-Z][\w&'-]*|of|and|&))*[ \t]*,?[ \t]+" + _LEGAL_FORMS + r"\.?"
)


# a legal form alone, come or gone after a name ("Stripe" → "Stripe, Inc."): the same company
LEGAL_FORM_ALONE = lazy(r"\s*,?\s*" + _LEGAL_FORMS + r"\.?,?\s*")
# … and in a name folded to lower case ("stripe inc"): the words left name the company
FOLDED_LEGAL_FORM = lazy(r"\b" + _LEGAL_FORMS + r"\.?", re.IGNORECASE)


# A promise ends where a contrast or an exception starts: "we do not sell it, except to X"
# does not deny X.
# (every alternative opens with ";", "," or white space: the look-ahead says so first, sparing the
# engine the alternatives at every other character, half the pattern's time)
_CLAUSE_SPLIT = lazy(
    r"(?=[;,\s])(?:;|,?\s+but\s+|,\s+however,?\s+|,\s+while\s+|\s+whereas\s+|,\s+(?:although|though|even\s+though)\s+"
    r"|,?\s+(?=(?:unless|except|excluding|other\s+than|apart\s+from|save\s+where|save\s+for"
    r"|with\s+the\s+exception\s+of)\b)"
    # a trailing clause of time or condition with a subject of its own: "we do not ask for proof
    # *before we erase your account*" denies the proof, not the erasure
    r"|,?\s+(?=(?:before|after|until|once|whenever|because|since)\s+(?:we|you|they)\b)"
    # … and a trailing condition that is itself denied: "we can't process your booking *if we don't
    # collect your name*" denies the processing, not the collection (the condition's own negation is
    # no denial: _CONDITIONAL_BEFORE)
    r"|,?\s+(?=(?:if|when|unless)\s+(?:we|you|they)\s+(?:do\s+not|don['’]t|does\s+not|doesn['’]t|cannot|can['’]t)\b)"
    # … or a trailing condition with a subject of its own: "recordings are deleted after a day *if a
    # report is not filed*" denies the report, not the deletion
    r"|,?\s+(?=(?:if|when|where)\s+(?:an?|the|your|our|such|this|that|these|those|no)\s+[^,.;:]{0,60}?\s+(?:is|are|was|were|has|have|does|do)\b)"
    # a second verb of the same subject, denied: "we collect X and do not share it", "X is only used
    # for Y and is not used for any other purpose" (the first verb is affirmed)
    r"|,?\s+and\s+(?=(?:(?:we|it|they)\s+)?(?:(?:do|does|will|shall|is|are|was|were|would|must|can)"
    r"\s+(?:not|never)|never|don't|doesn't|won't|can't|cannot)\b)"
    # … or a clause with the company as its subject anew: "we do not share your data, *and we
    # encrypt it*" affirms what it says (the denial is the first clause's), its own condition before
    # it or not ("…, and if we find out we have, we delete it")
    r"|,\s+and\s+(?=(?:(?:if|when|once|where|whenever)\s+[^,.;:]{1,60},\s+)?we\s)"
    # a denied gerund joined on denies what follows it only: "we require them to keep it safe,
    # including not using it for other purposes"
    r"|,?\s+(?:and|including|by|or)\s+(?=not\s+[a-z]+ing\b))",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Region:
    """The changed sentences of one side, with their offsets in that side's text."""

    text: str
    spans: list[tuple[int, int]]

    def parts(self) -> Iterable[tuple[int, str]]:
        for start, end in self.spans:
            yield start, self.text[start:end]

    def sentence_at(self, position: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in self.spans if s <= position < e), None)


@dataclass(slots=True)
class Profile:
    """What a region says: its terms (affirmed or denied), cues, numbers and rule phrases."""

    rule_hits: dict[tuple[str, str], list[Match]] = field(default_factory=dict)  # (rule id, slot) → phrases
    terms: list[Match] = field(default_factory=list)
    affirmed: dict[tuple[Category, str], Match] = field(default_factory=dict)  # (category, member) → words
    denied: dict[tuple[Category, str], Match] = field(default_factory=dict)
    cues: dict[str, list[Match]] = field(default_factory=dict)
    numbers: list[tuple[Quantity, Category | None]] = field(default_factory=list)
    denials: list[tuple[int, int, bool]] = field(default_factory=list)  # clause spans and whether they deny
    # safeguard words naming the form of the data a stated practice acts on ("we share *aggregated*
    # statistics"): a kind of data, no safeguard of the sentence
    forms: set[int] = field(default_factory=set)
    # kinds of data held only as the subject of a passive denial ("messages you mark as private are
    # not shared"): the sentence denies a use, it says nothing is newly collected
    held: set[tuple[Category, str]] = field(default_factory=set)
    # practices named only as what a choice of the user's acts on ("newsletters, which you can opt
    # out of"): stated, though read as the right's object
    chosen: set[tuple[Category, str]] = field(default_factory=set)


_MARKUP = lazy(r"<br\s*/?>|[*_|#>`~\\-]", re.IGNORECASE)


def _substantive(text: str) -> bool:
    """An edit of white space, line breaks or Markdown marks alone changes no sentence's meaning."""
    return bool(_MARKUP.sub("", text).strip())


def changed_regions(old: str, new: str, edits: Sequence[Edit]) -> tuple[Region, Region]:
    """The sentences of each side that hold an edit, and their counterparts on the other side.

    An edit marks the sentence it sits in; each marked sentence then marks the sentences of
    the other side that its span maps to, so both regions cover the same passage.
    """
    old_marks, new_marks, old_to_new = _edit_marks(edits)
    if not old or not new:
        return Region(old, sentences(old)), Region(new, sentences(new))
    old_spans, new_spans = sentences(old), sentences(new)
    old_chosen = {span for span in old_spans if _touched(span, old_marks)}
    new_chosen = {span for span in new_spans if _touched(span, new_marks)}
    for _ in range(2):
        _add_counterparts(old_chosen, new_chosen, new_spans, old_to_new, 0)
        _add_counterparts(new_chosen, old_chosen, old_spans, old_to_new, 1)
    return Region(old, sorted(old_chosen)), Region(new, sorted(new_chosen))


def _edit_marks(edits: Sequence[Edit]) -> tuple[set[int], set[int], list[tuple[int, int]]]:
    """The offsets each side's substantive edits touch, and (old, new) anchors at every edit's start."""
    old_marks: set[int] = set()
    new_marks: set[int] = set()
    old_to_new: list[tuple[int, int]] = []
    old_at = new_at = 0
    for edit in edits:
        size = len(edit.text)
        old_to_new.append((old_at, new_at))
        if edit.op is Op.EQUAL:
            old_at += size
            new_at += size
        elif edit.op is Op.DELETE:
            if _substantive(edit.text):
                old_marks.update(range(old_at, old_at + size))
                new_marks.add(new_at)
            old_at += size
        else:
            if _substantive(edit.text):
                new_marks.update(range(new_at, new_at + size))
                old_marks.add(old_at)
            new_at += size
    old_to_new.append((old_at, new_at))
    return old_marks, new_marks, old_to_new


def _add_counterparts(
    chosen: set[tuple[int, int]],
    other_chosen: set[tuple[int, int]],
    other_spans: list[tuple[int, int]],
    anchors: list[tuple[int, int]],
    side: int,
) -> None:
    """Add to ``other_chosen`` the other side's sentences that the ``chosen`` ones map onto."""
    for start, end in list(chosen):
        lo, hi = _map(start, anchors, side), _map(end, anchors, side)
        other_chosen.update(span for span in other_spans if span[0] < max(hi, lo + 1) and span[1] > lo)


def _touched(span: tuple[int, int], marks: set[int]) -> bool:
    return any(m in marks for m in range(span[0], span[1] + 1))


def _map(position: int, anchors: list[tuple[int, int]], side: int) -> int:
    """Map an offset of one side to the other through the edit anchors (side 0: old → new)."""
    other = 1 - side
    best = anchors[0]
    for anchor in anchors:
        if anchor[side] <= position:
            best = anchor
        else:
            break
    return best[other] + (position - best[side]) if best else position


# a participle in the passive: "are deleted", "will be automatically erased", "is not encrypted"
_PASSIVE_BEFORE = lazy(
    r"\b(?:is|are|was|were|be|been|being|gets?|got)\s+(?:(?:not|never|automatically|\w+ly)\s+){0,2}$",
    re.IGNORECASE,
)
_PASSIVE = lazy(r"(?:is|are|was|were|be|been)\s+(?:not|never)\b", re.IGNORECASE)
# a modal right before a rights verb whose subject is someone else ("employees can access your …")
# (denied too: "employees *cannot* access your files" is the company's inability, no right denied)
# (… or before another verb joined to it: "your admin *can see and* export your chats")
_OTHERS_ACT = lazy(
    r"\b(?:can|may|could|might|will|shall|must|cannot|can't|won't|do|does)(?:\s+(?:not|never))?\s+(?:also\s+|only\s+)?"
    r"(?:[a-z]+,?\s+(?:and|or|and/or)\s+)?$",
    re.IGNORECASE,
)
# a party named with the user in a clause of its own before the modal: "apps you connect can …",
# "the people you invite may …" (not "if you …", "so that you …": the user is the subject there)
_YOU_IN_A_RELATIVE = lazy(
    r"\b(?!(?:if|when|whenever|where|wherever|unless|once|and|or|but|so|that|because|as|then|now|also|"
    r"here|there|which|who|after|before|until|while)\b)[A-Za-z-]+\s+you\s+(?:[a-z]+\s+){1,3}?"
    r"(?:can|may|could|might|will)\s+(?:also\s+|only\s+)?$",
    re.IGNORECASE,
)
# … and before a cue ("cannot", "must"): "you" and one verb after a class of people or parties, a
# clause that says which of them ("members you block cannot see your profile", "apps that you
# connect must ask"); they are the cue's subject. Narrower than the above, which reads a right's
# verb: a cue after a thing of the user's binds the user ("payments you make cannot be refunded").
# Not when the word after "you" is an adverb ("you still cannot").
_PARTY_THE_USER_PICKS = lazy(
    r"\b(?:members?|users?|people|persons?|others|friends?|contacts?|followers?|accounts?|profiles?"
    r"|players?|participants?|recipients?|guests?|matches|creators?|anyone|someone|everyone|those"
    r"|companies|partners?|advertisers?|apps?|applications?|services?|developers?|sellers?|buyers?)"
    r"\s+(?:(?:that|who|whom)\s+)?you\s+(?!(?:also|still|then|only|now|too|just|therefore|thus|always"
    r"|never|often|usually|no|not|will|would|can|could|may|might|must|shall|should|do|did|does|are|were)\b)"
    r"(?![a-z]+ly\b)[a-z]+\s+$",
    re.IGNORECASE,
)
# what the company asks for ("we may ask for *a copy of your* passport"): a proof it takes, unless the
# user is the one asking ("you can ask for a copy of your data")
_COMPANY_ASKS_FOR = lazy(
    r"(?<!\byou\s)(?<!\byou\scan\s)(?<!\byou\smay\s)\b(?:ask|asks|asking|require|requires)\s+(?:you\s+)?"
    r"(?:for\s+|to\s+(?:send|provide|give)\s+(?:us\s+)?)(?:a|an)\s+$",
    re.IGNORECASE,
)
_YOU_RIGHT_BEFORE = lazy(r"\byou\s+$", re.IGNORECASE)
# the user as the subject of the verb that follows: "you share", "you choose to share", "if you
# decide to sell" (not "you agree that we may share": the company's verb, the user agrees)
_USER_DOES = lazy(
    r"\byou\s+(?:(?:can|may|could|might|will|also|then|already|choose\s+to|decide\s+to|want\s+to|wish\s+to"
    r"|opt\s+to|elect\s+to|have)\s+)*$",
    re.IGNORECASE,
)
# what a class of people acts on when it is the reader's: "(employees may review) your support chats"
_CLASS_ON_YOURS = lazy(r"\s+(?:(?:a\s+)?cop(?:y|ies)\s+of\s+|all\s+(?:of\s+)?)?your\b", re.IGNORECASE)
# a place named as a legal forum or a body of law: "the courts of Ireland", "the laws of the State of
# California" (a transfer needs a place data goes: GDPR Art. 44)
# the company's own seat, said of its offices or of its founding (GDPR Art. 13(1)(a): the
# controller's identity and address, no place its data goes)
_SEAT_NOUNS = (
    r"\b(?:headquarters|head\s+office|registered\s+office|principal\s+place\s+of\s+business|offices?)\s+"
    r"(?:is|are)\s+"
)
SEAT_OFFICES = rf"{_SEAT_NOUNS}(?:located\s+|based\s+|situated\s+)?(?:in|at)\s+"
SEAT_FOUNDED = (
    r"\b(?:incorporated|registered|headquartered|established|organi[sz]ed)\s+"
    r"(?:in|under\s+the\s+laws\s+of)\s+"
)
# where the company's own people work ("our team works from offices around the world", "our engineers
# are based in Lisbon"): where staff sit, no place data goes (GDPR Art. 13(1)(a): who the company is)
STAFF_AT = (
    r"\b(?:our|its)\s+(?:[\w-]+\s+)?(?:team|teams|staff|employees|people|engineers|colleagues|workforce|offices)\s+"
    r"(?:(?:work|works|operate|operates|sit|sits)\s+|(?:is|are)\s+(?:located\s+|based\s+|spread\s+)|live\s+)"
    r"(?:from|in|at|across|around)\s+(?:(?:offices|locations|sites|hubs)\s+(?:(?:in|across)\s+)?)?"
)
# … and how many people it employs there ("the Company employs 500 people worldwide")
STAFF_COUNT = (
    r"\b(?:employs?|employing|has|have)\s+(?:over\s+|more\s+than\s+|about\s+|around\s+|nearly\s+|some\s+)?"
    r"[\d,]+\s+(?:people|staff|employees|engineers|colleagues)\s+(?:(?:in|across|around)\s+)?"
)
# … and where its own wares are made ("Our products are designed in Sweden and made in Portugal"):
# a place of manufacture, no place data goes
MADE_AT = (
    r"\b(?:our|its|the\s+company['’]s)\s+(?:[\w-]+\s+){0,2}?(?!data\b|information\b|records?\b|files?\b|backups?\b)[\w-]+\s+"
    r"(?:are|is|were|was)\s+(?:(?:designed|made|manufactured|built|produced|assembled|developed|sourced|crafted)"
    r"(?:\s+(?:and|or)\s+(?:designed|made|manufactured|built|produced|assembled|developed|sourced|crafted))?\s+)"
    r"(?:in|at)\s+"
)
_SEAT = lazy(rf"(?:{SEAT_OFFICES}|{SEAT_FOUNDED}|{STAFF_AT}|{STAFF_COUNT}|{MADE_AT})[^.;:]*", re.IGNORECASE)


def places_named(text: str, rulebook: RuleBook) -> list[Match]:
    """The places a text names by their proper names ("India", "the European Union"), whatever its
    sentence says of them, but the company's own seat and a forum ("the courts of Ireland")."""
    plain = _SEAT.sub(lambda m: " " * len(m.group()), mask_links(text))
    # (a sentence that gives a way to reach someone names a postal address: "Write to us at Acme
    # GmbH, 10115 Berlin, Germany")
    addresses = [
        (s, e)
        for s, e in sentences(plain)
        if any(t.category is Category.CONTACT for t in rulebook.find_terms(plain[s:e]))
    ]
    return [
        t
        for t in rulebook.find_terms(plain)
        if not any(s <= t.start < e for s, e in addresses)
        and t.category is Category.TRANSFER
        and t.text[:1].isupper()
        and t.name not in rulebook.by_category(t.category).grouped
        and t.name not in rulebook.by_category(t.category).in_headings
        and not _LEGAL_PLACE.search(plain, 0, t.start)
    ]


def states_a_bound(found: Profile, category: Category, concepts: frozenset[str]) -> bool:
    """Whether a side sets a period of the category: a number read as one, or an affirmed term of
    one of ``concepts`` (a criterion, an event it runs from)."""
    return any(c is category for _, c in found.numbers) or any(
        c is category and match.name in concepts for (c, _), match in found.affirmed.items()
    )


# the text itself as the subject: what it explains is a list of its topics, no practice
_ABOUT_THE_TEXT = (
    r"\b(?:this|our|the)\s+(?:(?:next|following|previous|last|first|present)\s+)?(?:privacy\s+|cookie\s+)?"
    r"(?:policy|notice|statement|section|part|page|document|chapter|table)\s+(?:below\s+|above\s+)?"
    r"(?:also\s+|further\s+)?(?:explains|describes|sets\s+out|covers|tells\s+you|outlines|details|addresses|lists|shows"
    r"|summari[sz]es)\b"
    # (… and several parts at once: "the following sections explain …")
    r"|\b(?:these|the|our)\s+(?:(?:next|following|previous|last|first)\s+)?(?:sections|parts|pages|chapters|tables)"
    r"\s+(?:below\s+|above\s+)?(?:also\s+|further\s+)?(?:explain|describe|set\s+out|cover|tell\s+you|outline|detail"
    r"|list|show|summari[sz]e)\b"
)
ABOUT_THE_TEXT = lazy(_ABOUT_THE_TEXT, re.IGNORECASE)
# the text, or a part of it, named in a sentence ("a summary of *this section*", "*our glossary*")
# (the names of the text and its parts, one list for what is said on it and what names it)
TEXT_PARTS = r"(?:policy|notice|statement|document|section|page)"
NAMES_THE_TEXT = lazy(
    rf"\b(?:this|these|our|the)\s+(?:privacy\s+|cookie\s+)?(?:{TEXT_PARTS}|sections|explanation|summary|glossary"
    r"|table\s+of\s+contents)\b",
    re.IGNORECASE,
)
# … a part of it opening a sentence and saying how or what: "This section explains how we …", "The
# table below sets out what we …" (the policy's own opening, "This Privacy Policy explains how we
# collect …", sums up what it states and is read; no denial: "this policy does not cover how …")
_TELLS_OF = lazy(
    r"\W*(?!(?:this|our|the)\s+(?:privacy\s+|cookie\s+)?(?:policy|notice|statement|page|document)\b)"
    + _ABOUT_THE_TEXT
    + r"\s+(?:you\s+)?(?:how|what|why|when|where|which|the\s+ways?)\b",
    re.IGNORECASE,
)


# the names the text gives the company: '"Acme", "we" or "us" means Acme Ltd and its subsidiaries'
_NAMES_GIVEN = lazy(
    r"\W*(?i:in\s+this\s+(?:privacy\s+)?(?:policy|notice|statement),?\s*)?"
    r"(?P<names>(?:[\"“'‘][^\"”'’]{1,30}[\"”'’][\s,]*(?i:and|or)?\s*)+)"
    r"(?i:means?|refers?\s+to)\s+(?P<company>" + ORGANISATION.pattern + r")[^;:]*$"
)
_QUOTED = lazy(r"[\"“'‘]([^\"”'’]{1,30})[\"”'’]")


def names_the_company(text: str) -> re.Match[str] | None:
    """The sentence's giving the company its names ("we", "us", "our", or its own first word), with
    the company's legal name as the group ``company``; None for a term defined ('"Partners" means …')."""
    given = _NAMES_GIVEN.match(text)
    if given is None:
        return None
    names = [name.casefold() for name in _QUOTED.findall(given.group("names"))]
    first = given.group("company").split()[0].casefold()
    return given if any(name in ("we", "us", "our", first) for name in names) else None


# advice to the reader, the acts after it the reader's own ("we recommend that you use …")
ADVICE = lazy(
    r"\W*(?:we\s+)?(?:strongly\s+)?(?:recommend|encourage|advise|urge|suggest)\s+(?:that\s+)?you\b",
    re.IGNORECASE,
)


def is_instruction(text: str) -> bool:
    """Whether a sentence tells the reader what to do with their own things, the company not
    speaking in it ("Please keep your password secret.", "Never share your login code.", "We
    recommend that you use a strong password.": the company speaks only to advise)."""
    advice = ADVICE.match(text)
    if advice is not None:
        # (not advice to check the text itself, "we recommend you review this page": the notice
        # rules read that as a telling left to the reader)
        return not _COMPANY_SPEAKS.search(text, advice.end()) and not NAMES_THE_TEXT.search(text)
    return _TO_THE_READER.match(text) is not None and not _COMPANY_SPEAKS.search(text)


def is_aside(text: str, rulebook: RuleBook) -> bool:
    """Whether a text names neither the user nor their data, a practice verb nor a term (a place
    where providers are is one; the company's own seat is none; a body's name, "the Data & Marketing
    Association", names neither): "Our headquarters are in Dublin."."""
    named = _without_bodies(text)
    if is_instruction(named) and not _HOW_A_REQUEST_IS_MADE.search(named):
        return True  # "Do not share your password with anyone.": the reader's own acts (not what a
        # request must hold: "Please include proof of your identity with your request" is a hurdle
        # on a right, CCPA § 1798.140(ak) verifiable requests)
    seatless = _SEAT.sub(" ", mask_links(named))
    verbs = list(practice_reader().verbs.finditer(named))
    # (a verb's text object is no verb of its own: "we publish an annual sustainability *report*")
    objects = [(m.end(), found.end()) for m in verbs if (found := TEXT_OBJECT.match(named, m.end()))]
    return not (
        OF_THE_USER.search(named)
        # ("our company has received several awards": a receiving of no one's data; "we publish a
        # summary of this notice": an act on the text itself)
        or any(
            not RECEIVING.match(m.group())
            and not TEXT_OBJECT.match(named, m.end())
            and not any(start <= m.start() < end for start, end in objects)
            # ("our newsletter *is published* every month": the company's own publication, its subject)
            and not _OWN_PUBLICATION_BEFORE.search(named, 0, m.start())
            for m in verbs
        )
        or any(
            t.category
            and t.name not in rulebook.by_category(t.category).in_headings
            # (a term acting on the text: "we *use* plain language")
            and not TEXT_OBJECT.match(seatless, t.end)
            for t in rulebook.find_terms(seatless)
        )
    )


# what a request to the company must hold or how it is made: the use of a right
_HOW_A_REQUEST_IS_MADE = lazy(
    r"\b(?:requests?|opt[\s-]?out|rights?|identity|proof|verif\w*|your\s+(?:id|passport|driving\s+licen[cs]e))\b",
    re.IGNORECASE,
)
_A_CONDITION_OPENS = lazy(
    r"\b(?:when|whenever|if|where|as|unless|to\s+the\s+extent|insofar\s+as)\s+$", re.IGNORECASE
)
# (… or its own wares, sold: "the Company's products are sold in 40 countries" sells no one's data)
_OWN_PUBLICATION_BEFORE = lazy(
    r"\b(?:our|the|its|the\s+company['’]s)\s+(?:[\w-]+\s+)?(?:newsletters?|magazines?|blogs?|podcasts?|journals?"
    r"|bulletins?|products|goods|devices|wares|merchandise)"
    r"\s+(?:is|are|will\s+be|was|were|gets|get|have\s+been|has\s+been)\s+(?:\w+ly\s+|also\s+)?$",
    re.IGNORECASE,
)
# what the notice calls itself, and the copies of it a sentence can speak of (one list, so that a
# sentence acting on the text and one about its archived versions read the same words)
_NOTICE_NOUNS = r"(?:policy|policies|notice|statement)"
_COPIES = r"(?:versions?|copies|copy|editions?|translations?)"


# the text itself as a verb's object ("keep this page up to date", "we may update this policy"), or
# a part of its form ("we corrected several typographical errors", "we added a table of contents")
TEXT_OBJECT = lazy(
    rf"\s+(?:(?:(?:(?:a|an|the|earlier|previous|prior|older|past)\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_COPIES}|summary|summaries|overview|print-?out)"
    rf"\s+of\s+)?(?:this|the|our)\s+(?:privacy\s+)?(?:{_NOTICE_NOUNS}|page|document|section|website|site)\b"
    # … and what the text says, by where it stands ("the information below", "the details in this section")
    r"|(?:the\s+)?(?:information|details|content)\s+(?:below|above|that\s+follows|in\s+this\s+(?:section|policy|notice|statement))\b"
    r"|(?:(?:a|an|the|its|some|several|a\s+few|minor|small|any|these|our)\s+){0,2}"
    r"(?:(?:typographical|spelling|grammatical|drafting|formatting)\s+(?:errors?|mistakes?)|typos?\b|wording\b"
    r"|formatting\b|layout\b|headings\b|table\s+of\s+contents\b|glossary\b"
    # … or another publication of the company's own ("we publish *our annual report*")
    # (… whatever its determiner and however many of its kinds: "an annual sustainability report")
    r"|(?:(?:our|its|the\s+company['’]s|an?|the)\s+)(?:(?:annual|yearly|half-yearly|financial|sustainability|quarterly"
    r"|impact|esg|environmental|diversity|modern\s+slavery|corporate(?:\s+social)?\s+responsibility)\s+){1,3}"
    r"(?:reports?|statements?|accounts|reviews?)\b"
    r"|press\s+releases?\b"
    # … or a link of the text gone wrong ("we corrected a broken link")
    r"|(?:broken|dead|outdated|incorrect|faulty)\s+(?:web\s+)?links?\b"
    # … or the words it is written in ("we use plain language wherever we can")
    r"|(?:plain|simple|clear|everyday|easy-to-understand|non-technical)\s+(?:language|english|words|terms)\b))",
    re.IGNORECASE,
)
# the text itself as a passive verb's subject ("earlier versions of this policy are archived", "this
# notice will be kept up to date")
TEXT_SUBJECT = lazy(
    rf"\b(?:(?:(?:earlier|previous|prior|past|older|all)\s+)?{_COPIES}\s+of\s+)?"
    rf"(?:this|the|our)\s+(?:privacy\s+)?(?:{_NOTICE_NOUNS}|page)\s+"
    # (… and where it is kept or found: "earlier versions of this policy are available *in our archive*")
    r"(?:is|are|was|were|will\s+be|may\s+be|can\s+be)\s+(?:\w+\s+){0,3}?$",
    re.IGNORECASE,
)


# what a period lasts as long as ("kept for as long as *we process* your data"): a practice named as
# the criterion that ends the keeping (GDPR Art. 13(2)(a)), not one the sentence states
_CRITERION_BEFORE = lazy(
    r"\bas\s+long\s+as\s+(?:(?:we|you|it|they)\s+(?:still\s+|continue\s+to\s+)?)?$", re.IGNORECASE
)


# the text's own versions: "the previous version of this policy", "earlier editions of our notice"
_VERSIONS_OF_THE_TEXT = lazy(
    rf"\b{_COPIES}\s+of\s+(?:this|the|our)\s+(?:privacy\s+)?{_NOTICE_NOUNS}\b",
    re.IGNORECASE,
)


# what is the user's, or data: "your", "data", "information", "records"
_USERS_DATA = lazy(r"\b(?:your|yours|data|information|details|records|content)\b", re.IGNORECASE)


# the user, a class of users, or their data named in a sentence
OF_THE_USER = lazy(
    # ("customer service", "member support": a team of the company's, no user)
    # ("we are a member of an industry body": the company's membership, no user)
    # ("our offices are open to visitors": people the premises admit, no user of the service)
    # ("we are proud to serve customers in forty countries": the people the business serves, as a
    # class, no user of whom data is said)
    r"\b(?<!\bopen\sto\s)(?:you|your|yours|(?<!\bserve\s)(?<!\bserves\s)(?<!\bserving\s)(?<!\bserved\s)(?:users?|customers?)|(?<!\bare\sa\s)(?<!\bis\sa\s)(?<!\bare\san\s)(?<!\bis\san\s)member"
    # ("we are proud members of an industry body": the company's membership)
    r"|(?<!\bare\s)(?<!\bproud\s)(?<!\bactive\s)(?<!\bfounding\s)members"
    r"|visitors?|subscribers?|data|information)\b"
    r"(?!\s+(?:service|services|support|care|success|team)\b)"
    # ("the information below", "the information in this section": the text's own, no user's)
    r"(?!\s+(?:below|above|in\s+this\s+(?:section|policy|notice|statement)|on\s+this\s+page)\b)",
    re.IGNORECASE,
)


_LEGAL_PLACE = lazy(
    r"\b(?:courts?|laws?|jurisdiction|tribunals?|arbitration|legislation|statutes?)\s+(?:of|in)\s+"
    r"(?:the\s+)?(?:(?:state|republic|commonwealth|province)\s+of\s+)?$"
    # … and the company's own seat: "our headquarters are located in Dublin, Ireland", "incorporated
    # in Delaware"
    rf"|{SEAT_OFFICES}(?:[\w-]+,?\s+){{0,3}}$"
    rf"|{_SEAT_NOUNS}$"  # (… and "located in" itself after them)
    # … and where the company's own people work (no place data goes)
    rf"|{STAFF_AT}(?:the\s+)?$"
    # … or the people it employs there ("the Company employs 500 people worldwide")
    rf"|{STAFF_COUNT}(?:the\s+)?$"
    # … and where the company's representative or officer is (GDPR Art. 27: a representative in the
    # Union; Art. 37: the data protection officer), no place data goes
    r"|\b(?:representatives?|data\s+protection\s+officers?|dpos?)\s+(?:is\s+|are\s+)?(?:located\s+|based\s+)?"
    r"(?:in|for|within)\s+(?:the\s+)?$"
    rf"|{SEAT_FOUNDED}(?:the\s+)?(?:(?:state|republic)\s+of\s+)?(?:[\w-]+,?\s+){{0,3}}$"
    # … and where people live ("users who live in Canada", "residents of the EEA"): whose law applies
    # or whom a section is for (GDPR Art. 3(2): data subjects who are in the Union), no place data goes
    r"|\b(?:live|lives|living|reside|resides|residing|resident|residents|citizens|nationals|inhabitants)"
    r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:state|republic|province)\s+of\s+)?$"
    # … and where an age applies ("13, or 16 in the EEA": GDPR Art. 8(1), each Member State's age of
    # consent), a bare number before the place, no period ("30 days in the EU" keeps data there)
    r"|\b\d{1,2}\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SAYS_MORE = lazy(
    r"[:;]|\b(?:now|will|may|no\s+longer|also\s+(?:share|sell|use|collect))\b|,\s*(?:and\s+)?we\b", re.I
)
_ABOUT_ITS_CHANGES = lazy(
    r"^\W*(?:summary\s+of\s+(?:the\s+)?(?:key\s+)?changes|what['’]s\s+new|changes\s+(?:in|to)\s+this\s+(?:version|update))\b"
    r"|\bwe(?:['’]ve|\s+have)?\s+(?:also\s+)?(?:clarified|updated|revised|amended|expanded|reorganized|reorganised"
    r"|rewrote|reworded|explained|added\s+(?:more\s+)?(?:details|information|clarity|language)|made\s+(?:it\s+)?clearer)"
    r"\s+(?:on\s+|about\s+)?(?:how|what|when|why|where|which|who|details|information|this|the\s+(?:section|description|language|wording))\b"
    # … or the reading aids it added ("We have added headings to make this section easier to scan")
    r"|\bwe(?:['’]ve|\s+have)?\s+(?:also\s+)?added\s+(?:more\s+|new\s+)?(?:headings|examples|a\s+summary|summaries|a\s+table\s+of\s+contents"
    r"|a\s+glossary|definitions|links|subheadings)\b",
    re.IGNORECASE,
)
# a participle (or "anonymous") standing before the noun it qualifies: "aggregated statistics",
# "encrypted backups", "anonymous statistics", and those joined before it ("aggregated or
# de-identified information": two forms of one noun)
_DATA_FORM = lazy(
    # (a form joined to another of any shape: "aggregated *and individual-level* data")
    # ("aggregate" as an adjective too: CCPA § 1798.140(b), "aggregate consumer information")
    r"(?:[\w-]+ed|anonymous|aggregate)"
    # (… or of any word but a pronoun: "anonymised *or identifiable* data", "hashed *or raw* emails")
    r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|and/or\s+)(?!(?:we|you|they|it|then|also)\b)[\w-]+){0,3}"
    r"\s+(?!(?:with|by|in|at|to|and|or|it|them|before|after|when|using|under|for|from|on|as)\b)[a-z]",
    re.IGNORECASE,
)
_ADVERB = lazy(r"\w+ly\s+", re.IGNORECASE)
_JOINED = lazy(r"\s*(?:,|and|or|and/or)\s*", re.IGNORECASE)
_CELL_BREAK = lazy(r"\||<br\s*/?>", re.IGNORECASE)


def is_safeguard(term: Match, rulebook: RuleBook) -> bool:
    """A term of a right or a safeguard: of a protective category, or a protective act of another
    ("delete" in retention, a browser's opt-out signal in tracking)."""
    assert term.category is not None
    rules = rulebook.by_category(term.category)
    # (a concept whose gaining is adverse, a fee for a right, acceptance by continued use, protects
    # no one, whatever its category)
    return (rules.protective or term.name in rules.protects) and term.name not in rules.adverse


def whole_region(text: str) -> Region:
    return Region(text, sentences(text))


def member_key(term: Match, rules: CategoryRules) -> str:
    """Verbs compare as their concept ("share" = "disclose"); list members as their own words."""
    if term.name in rules.grouped or term.name in rules.synonyms:
        return rules.compare_as.get(term.name, term.name)
    # ("e-mail address" is "email address"; "location data" is "your location": a generic head
    # names no other kind of data)
    words = fold(_LETTER_PREFIX.sub(r"\1", term.text)).split()
    words = [w for w in words if w not in DETERMINERS] or words
    words = [w for w in words if w not in _GENERIC_HEADS] or words
    return " ".join(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words)


_GENERIC_HEADS = frozenset({"data", "information", "info", "details"})
# a one-letter prefix joined by a hyphen ("e-mail", "e-commerce"): one word with or without it
_LETTER_PREFIX = lazy(r"\b([A-Za-z])-(?=[A-Za-z])")


# the words before a noun that name no kind of it ("your email" is "email")
DETERMINERS = frozenset({"your", "our", "the", "a", "an", "their", "its", "my"})


def kind_key(concept: str) -> str:
    """A concept filed beside member keys (which are words, never holding a colon) as a kind."""
    return f"kind:{concept}"


def kinds_named(found: Profile) -> set[tuple[Category, str]]:
    """The concepts a profile affirms, as kind keys: each covers the kinds below it."""
    return {(category, kind_key(match.name)) for (category, _), match in found.affirmed.items()}


def covering_kinds(key: tuple[Category, str], match: Match, rulebook: RuleBook) -> list[tuple[Category, str]]:
    """The kind keys that would cover a member: the concepts its own concept is part or kind of."""
    return [(key[0], kind_key(kind)) for kind in rulebook.by_category(key[0]).kinds_above(match.name)]


# a sentence that opens with a condition: "If you disable cookies, …", "When you log out, …"
_LEADING_CONDITION = lazy(
    r"\W*(?:(?:for\s+example|for\s+instance|in\s+particular|however|also),?\s+)?"
    r"(?:if|when|whenever|once|unless|should|where|in\s+case)\b[^,.;:!?]*,\s*",
    re.IGNORECASE,
)
# a leading condition that names the reader by an age or as a minor, and the bar that follows it:
# "If you are under 16, you may not join the chat" bars the group from the service, as "users under
# 16 may not join" does (COPPA 16 CFR 312.2; GDPR Art. 8: an age gate protects the children it names)
_AGE_CONDITION = lazy(
    r"\W*(?:if|when|while)\s+you\s+are\s+(?:under|below|younger\s+than|not\s+(?:yet\s+)?(?:at\s+least|over|older\s+than)"
    r"|an?\s+(?:child|minor|teen|teenager)\b)",
    re.IGNORECASE,
)
_READER_BARRED = lazy(
    r"\s*(?:then\s+)?you\s+(?:(?:may|must|should|can)\s*not|can['’]t|mustn['’]t|are\s+not\s+(?:allowed|permitted|eligible))\b",
    re.IGNORECASE,
)
# a concession naming what the user does, before a right's verb: "even if you *opt out*"
_DESPITE_BEFORE = lazy(
    r"\b(?:even\s+(?:if|after|when|though|once|while)|whether\s+or\s+not|regardless\s+of\s+whether"
    r"|irrespective\s+of\s+whether)\s+you\s+(?:have\s+|had\s+|already\s+)?$",
    re.IGNORECASE,
)
# the reader told the least age they must be: "you must be at least 16 to use the chat"
_MUST_BE_OF_AGE = lazy(
    r"\byou\s+(?:must|need\s+to|have\s+to)\s+be\s+(?:at\s+least\s+|over\s+|older\s+than\s+|aged\s+)?"
    r"(?:(?:the\s+)?age\s+of\s+)?(?:\d{1,2}\b|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty[-\s]one|an\s+adult|of\s+(?:the\s+)?(?:legal\s+|majority\s+)?age\b|old\s+enough)"
    r"(?:\s*\(\d{1,2}\))?(?:\s+years?(?:\s+of\s+age|\s+old)?)?(?:\s+or\s+(?:older|over|above))?",
    re.IGNORECASE,
)


def age_gate(sentence: str) -> bool:
    """Whether a sentence bars the reader by age ("If you are under 16, you may not join", "you must be
    at least 16 to use it"): a restriction on the user that protects the children it names."""
    condition = _LEADING_CONDITION.match(sentence)
    if (
        condition is not None
        and _AGE_CONDITION.match(sentence)
        and _READER_BARRED.match(sentence, condition.end())
    ):
        return True
    return _MUST_BE_OF_AGE.search(sentence) is not None


# a clause joined by a contrast: "…, but some features may not work"
CONTRAST = lazy(r"[,;]\s*(?:but|however,?|though|although|yet)\s+", re.IGNORECASE)
_LEADING_CONTRAST = lazy(r"\W*(?:but|however,?|though|although|yet)\s+", re.IGNORECASE)
# the company, or the user's data, named in a clause ("your activity data may be saved")
_COMPANY_WORD = lazy(
    r"\b(?:we|us|our)\b|\byour\s+(?:[\w&'’-]+\s+){0,4}?(?:data|information|content|details|history|activity)\b",
    re.IGNORECASE,
)


def denial_spans(sentence: str, rulebook: RuleBook, *, context_denied: bool) -> list[tuple[int, int, bool]]:
    """Split a sentence into clauses and say which deny (a company negation) what they hold."""
    negation = rulebook.cue("cue.negation")
    out: list[tuple[int, int, bool]] = []
    position = 0
    # a leading condition is a clause of its own: "If you block cookies, the site will not remember
    # you" denies nothing about cookies
    condition = _LEADING_CONDITION.match(sentence)
    after = condition.end() if condition else 0
    breaks = [
        *([(after, after)] if condition else []),
        *(m.span() for m in _CLAUSE_SPLIT.finditer(sentence, after)),
    ]
    before: bool | None = None  # whether the clause before denied (None: no clause before)
    barred = (
        condition is not None
        and _AGE_CONDITION.match(sentence) is not None
        and _READER_BARRED.match(sentence, after) is not None
    )
    for start, stop in [*breaks, (len(sentence), len(sentence))]:
        clause = sentence[position:start]
        if barred and position == 0:
            # "If you are under 16," before "you may not join": the group the condition names is barred
            out.append((0, start, not context_denied))
            before = not context_denied
            position = stop
            continue
        taken = TAKEN_OUT.match(clause)
        if taken is not None and before is not None:
            # "we use it to improve our products, *excluding model training*": what an exception
            # takes out of a statement is what it does not do, and out of a denial what it does
            # (PolicyLint's exceptions); the exception ends at its phrase, the statement resumes
            # (its own words, "except for", stand with the statement they qualify)
            end = next((m.start() for m in _EXCEPTION_END.finditer(clause, taken.end())), len(clause))
            out.append((position, position + taken.end(), before))
            out.append((position + taken.end(), position + end, not before))
            if end < len(clause):
                out.append((position + end, start, before))
            position = stop
            continue
        denied, head = context_denied, 0
        matches = [
            (m.start(), m.group())
            for m in (negation.pattern.finditer(clause) if negation else ())
            if not _qualifies(clause, m.start())
        ]
        if matches:
            # a negation inside a safeguard's term is the safeguard's own words ("predictions *never
            # leave your device*"): it denies nothing
            own = [
                (t.start, t.end)
                for t in rulebook.find_terms(clause)
                if t.category is not None and is_safeguard(t, rulebook)
            ]
            matches = [(at, words) for at, words in matches if not any(s <= at < e for s, e in own)]
        if all(lone_without(words) or asks_no_consent(clause, at + len(words)) for at, words in matches):
            # "we may share it without your consent", "we no longer ask for your consent before we
            # share it": the consent is denied, not the sharing
            matches = []
        for at, words in matches:
            if (
                not said_by_user(clause[:at], words, rulebook)
                or _right_withheld(clause, at + len(words), rulebook)
                # (the company's act on the user in the passive: "you will *not be told*")
                or _DONE_TO_THE_USER.match(clause, at + len(words)) is not None
            ):
                denied = not context_denied
                # a relative clause holds the denial: "we share de-identified data *that does not
                # identify you*" denies nothing of what comes before it
                # (the pronoun right before the denial: "messages *that you mark* as private are not
                # shared" denies the messages' sharing, the relative clause ends before it)
                relative = [m for m in _RELATIVE_PRONOUN.finditer(clause, 0, at)]
                between = clause[relative[-1].end() : at].split() if relative else []
                head = relative[-1].start() if relative and len(between) <= 1 else 0
                if _CONTRAST.match(words):
                    # "processed on your device, *not on our servers*": the contrast denies what
                    # follows it, and affirms what comes before
                    head = at
                break
        if head:
            out.append((position, position + head, context_denied))
        gate = _MUST_BE_OF_AGE.search(clause, head)
        if gate is not None and not denied:
            # "you must be at least 18 to open an account": the age bars those below it, as "users
            # under 18 may not open one" does; the rest of the clause stands as it was
            out.append((position + head, position + gate.start(), denied))
            out.append((position + gate.start(), position + gate.end(), True))
            out.append((position + gate.end(), start, denied))
        else:
            out.append((position + head, start, denied))
        before = denied
        position = stop
    return out


# an exception that names what it takes out ("except for advertising", "excluding model training",
# "other than our processors"), not a condition ("except where required by law", "unless you …")
# the words that take something out of what a statement covers
EXCEPTING = (
    r"(?:except(?:\s+for)?|excluding|other\s+than|apart\s+from|save\s+for|with\s+the\s+exception\s+of)"
)
TAKEN_OUT = lazy(
    r"\W*(?:but\s+)?" + EXCEPTING + r"\s+(?!(?:where|when|if|as|that|in\s+(?:the\s+)?cases?|to\s+the\s+extent"
    r"|insofar|so\s+far|under|in\s+accordance|required|permitted|otherwise)\b)",
    re.IGNORECASE,
)
# … and ends at the next comma, bracket or semicolon: "…, excluding X, and to personalise ads"
_EXCEPTION_END = lazy(r"[,;)\]]")


def _right_withheld(clause: str, end: int, rulebook: RuleBook) -> bool:
    """Whether a denial said of the user withholds a right: "you will *no longer be able to*
    download a copy of your data", "you *cannot* opt out", "you may no longer *request the
    deletion* of …" (GDPR Arts. 15-21: what the user may do, denied, is a right taken away, not the
    user's own choice)."""
    found = _ABLE_TO.match(clause, end)
    at = found.end() if found else end
    asked = _REQUEST_FOR.match(clause, at)
    if asked is not None:  # a request for a right ("request the deletion of", "ask us to delete")
        tail = clause[asked.end() : asked.end() + _REQUEST_REACH]
        return any(t.category is Category.RIGHTS for t in rulebook.find_terms(tail)) or bool(
            (verb := _NEXT_VERB.match(tail))
            and " ".join(verb.group(1).casefold().split()) in practice_reader().right_verbs
        )
    verb = _NEXT_VERB.match(clause, at)
    if verb is None:
        return False
    return " ".join(verb.group(1).casefold().split()) in practice_reader().right_verbs


# the user asking for what a right gives ("request the deletion of", "ask us to delete", "submit a
# request for access to"), within a few words
_REQUEST_FOR = lazy(
    r"\s*(?:request(?:\s+that\s+we)?|ask\s+(?:us\s+)?(?:for|to)|(?:submit|make)\s+(?:a\s+)?requests?(?:\s+(?:for|to))?)\b",
    re.IGNORECASE,
)
_REQUEST_REACH = 40


# what may stand between the denial and the verb: "be able to", "able to", "longer be able to"
_ABLE_TO = lazy(r"\s*(?:longer\s+)?(?:be\s+)?(?:able\s+to|allowed\s+to|permitted\s+to)?", re.IGNORECASE)
_NEXT_VERB = lazy(r"\s*(opt\s+(?:out|in)|(?:turn|switch)\s+(?:off|on)|\w+)", re.IGNORECASE)


def _subject_of_passive_denial(
    plain: str, term: Match, clauses: Sequence[tuple[int, int, bool]], rulebook: RuleBook
) -> bool:
    """Whether a kind of data is the subject of a passive denial of something other than its
    collection ("your messages are not used to train our models" holds the messages)."""
    negation = rulebook.cue("cue.negation")
    clause = next(((s, e) for s, e, _ in clauses if s <= term.start < e), None)
    if negation is None or clause is None:
        return False
    match = negation.pattern.search(plain[clause[0] : clause[1]])
    if match is None or not _PASSIVE.match(match.group()) or clause[0] + match.start() < term.end:
        return False
    return practice_reader().actions(match.group()) not in ([], ["collect"])


_RELATIVE_PRONOUN = lazy(r"\b(?:that|which|who|whose)\b", re.IGNORECASE)
# a negation that opens a contrast without a verb of its own (cues.toml, cue.negation)
_CONTRAST = lazy(r"[,\s]*(?:(?:and|but)\s+)?not\s|rather\s+than\b|instead\s+of\b", re.IGNORECASE)


# what may stand before an instruction's negation: nothing, a list mark, "please", "and"
_IMPERATIVE_BEFORE = lazy(r"[\W\d]*(?:please\s+)?(?:(?:also|always|and)\s+)?", re.IGNORECASE)
_IMPERATIVE_DENIAL = lazy(r"(?:do\s+not|don['’]t|never)\b", re.IGNORECASE)


def said_by_user(before: str, words: str, rulebook: RuleBook) -> bool:
    """Whether the user is the subject of ``words`` (a cue), by the text before it. A passive cue
    has its own subject: "messages you send are not encrypted" is the company's, whatever "you"
    stands in the subject's relative clause."""
    if _PASSIVE.match(words):
        return bool(_YOU_RIGHT_BEFORE.search(before))
    if _IMPERATIVE_BEFORE.fullmatch(before) and _IMPERATIVE_DENIAL.match(words):
        return True  # "Do not share your password with anyone.", "* never reuse it": told to the reader
    if _PARTY_THE_USER_PICKS.search(before):
        return False  # "members *you block* cannot see your profile": the members cannot
    return bool(rulebook.subject_you.search(before))


def _inline_lead(part: str, before: str) -> str:
    """The lead-in of a list run on in one paragraph that the next part continues: the words up to
    the colon of a part ending in ";" (or the lead the part itself continued), else none."""
    if not part.rstrip().endswith(";"):
        return ""
    colon = part.find(":")
    return part[: colon + 1].strip() if colon > 0 else before


# an item of a run-on list: a few words with no subject of their own ("your contacts", not "we share …")
# (each word after the first needs white space before it: a word that could be split anywhere made
# a long sentence with no stop backtrack through every split, seconds a sentence)
_BARE_ITEM = lazy(
    r"\s*(?!(?:we|you|our|they|it|this|these|us)\b)[^\s.;:]+(?:\s+[^\s.;:]+){0,11}\s*[.;]?\s*$", re.IGNORECASE
)


def lead_denies(lead: str, rulebook: RuleBook) -> bool:
    """A list under "We do not share:" is a list of things not shared."""
    negation = rulebook.cue("cue.negation")
    opener = list_opener(lead)
    return opener is not None and negation is not None and bool(negation.pattern.search(opener))


# the modals of possibility: inside a negation they prohibit ("may not"), they hedge nothing
MODALS = frozenset({"may", "might"})
# "26 May 2026", "May 26, 2026": the month is a date, not the modal verb a hedge cue looks for
_MONTH_MAY = lazy(r"(?<=\d )May\b|\bMay(?= \d)")


def find_cues(text: str, rulebook: RuleBook) -> Iterable[tuple[str, Match]]:
    """Every cue in a text whose subject fits ("you may" is no hedge of the company's)."""
    text = _MONTH_MAY.sub("   ", text)
    found = [(m.name, m.group(), m.start(), m.end()) for m in rulebook.cue_index.finditer(text)]
    for cue in rulebook.cues:
        if isinstance(cue.pattern, re.Pattern):
            found.extend((cue.id, m.group(), m.start(), m.end()) for m in cue.pattern.finditer(text))
    found = _unasked(found, text)
    # "… with our vendors and other companies": "other companies" is the class of third parties, as
    # open as "third parties" was; no list was left open by it
    found = [f for f in found if not (f[0] == "cue.open-list" and _other_parties(text, f[3], rulebook))]
    # "… in accordance with the GDPR *and other* applicable laws": a list of laws left open leaves no
    # practice open
    found = [f for f in found if not (f[0] == "cue.open-list" and _LAWS_AFTER.match(text, f[3]))]
    found = [f for f in found if not (f[0] == "cue.negation" and _qualifies(text, f[2]))]
    # "may" inside a prohibition ("children *may not use* the service") is no hedge: it denies
    denials = [(start, end) for cue_id, _, start, end in found if cue_id == "cue.negation"]
    bonds = [(start, end) for cue_id, _, start, end in found if cue_id == "cue.others-bound"]
    for cue_id, words, start, end in found:
        if cue_id == "cue.strong-modal" and any(s <= start < e for s, e in bonds):
            continue  # "processors *are contractually required to*": the bond of another party, read by
            # cue.others-bound however it is said ("processors must, by contract, …")
        if cue_id == "cue.hedge" and words.casefold() in MODALS and any(s <= start < e for s, e in denials):
            continue  # (an adverb there hedges the denial: "not *usually* used for advertising")
        if cue_id == "cue.strong-modal" and _A_CONDITION_OPENS.search(text, max(0, start - 30), start):
            continue  # "… *when we are required to* by law": the condition of a promise, no commitment
        if cue_id == "cue.human-review" and (
            _YOUR_CONTENT_BEFORE.search(text, max(0, start - 120), start)
            or _YOUR_CONTENT_AFTER.match(text, end)
        ):
            continue  # "your conversations may be *reviewed by our staff*", "*human reviewers* do not
            # see your conversations": people and the user's own content, a practice (or its denial),
            # no check of what a machine produced
        if cue_id == "cue.hedge" and _NOT_EVEN.search(text, 0, start) and _ATTEMPT.fullmatch(words):
            continue  # "we will not *try to* re-identify it": not even attempted, a firmer denial
        found_cue = rulebook.cue(cue_id)
        if found_cue is None or found_cue.subject == "any":
            yield cue_id, Match(cue_id, None, words, start, end)
            continue
        by_user = said_by_user(text[:start], words, rulebook)
        if by_user and cue_id == "cue.negation" and _DONE_TO_THE_USER.match(text, end):
            by_user = False  # "you will *no longer* be told before we change it": the company's act on
            # the user, said in the passive, is the company's (it will not tell)
        if found_cue.subject == "company" and not by_user and about_something_else(text, start, rulebook):
            continue
        if cue_id in SOFT_CUES and not by_user and _speaks_of_nothing_done(text, rulebook):
            continue  # "Some features may not be available in all countries": no practice to hedge
        if by_user == (found_cue.subject == "user"):
            yield cue_id, Match(cue_id, None, words, start, end)


# a passive of what the company does to the user, right after a negation ("you will not *be told*",
# "you will no longer *be asked* for consent")
_DONE_TO_THE_USER = lazy(
    r"\s+(?:be\s+|get\s+)(?:told|notified|informed|asked|contacted|emailed|e-mailed|alerted|warned|given|sent|offered"
    r"|consulted|reminded|charged|billed)\b",
    re.IGNORECASE,
)
_CONTENT = (
    r"\byour\s+(?:[\w-]+\s+){0,2}?(?:conversations?|messages?|chats?|recordings?|photos?|videos?|posts?|files?"
    r"|documents?|emails?|prompts?|calls?|voice\s+(?:notes?|clips?|recordings?)|uploads?|notes?)\b"
)
# … or the object of the reviewers' own verb ("human reviewers do not see your chats")
_YOUR_CONTENT_AFTER = lazy(
    r"(?:\s+(?:do|does|will|would|may|might|can|could)(?:\s+not|n['’]t)?|\s+never|\s+cannot)?"
    r"(?:\s+(?:also\s+)?(?:see|read|listen\s+to|view|watch|access|hear|look\s+at|review))\s+" + _CONTENT,
    re.IGNORECASE,
)
# the user's own content as the subject of a passive review, in its sentence ("your chats with our
# assistant may be reviewed by …")
_YOUR_CONTENT_BEFORE = lazy(_CONTENT + r"[^.;!?]*$", re.IGNORECASE)
# the laws that bind the company, however named ("applicable data protection laws", "legal
# obligations"): one pattern for every reading of a law as the ground or the reach of a duty
LAWS = (
    r"(?:(?:applicable|relevant|local|national|data\s+protection|privacy|consumer\s+protection)\s+)*"
    r"(?:laws?|regulations?|legislation|legal\s+requirements?|statutes?|legal\s+obligations?)"
)
_LAWS_AFTER = lazy(rf"\s+{LAWS}\b", re.IGNORECASE)
# a negation right before an attempt ("will not try to", "never seek to")
_NOT_EVEN = lazy(r"\b(?:not|never|n['’]t)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_ATTEMPT = lazy(r"(?:try|seek|aim|attempt)\s+to", re.IGNORECASE)


def _unasked(found: list[tuple[str, str, int, int]], text: str) -> list[tuple[str, str, int, int]]:
    """The cues of a text with "without your consent" or "without notice" read as the practice done
    unasked when no other denial stands in the text for it to condition ("we may share it *without
    your consent*"), and no consent required where the text says it is not asked."""
    negations = [(words, end) for cue_id, words, _, end in found if cue_id == "cue.negation"]
    lone = bool(negations) and all(
        lone_without(words) or asks_no_consent(text, end) for words, end in negations
    )
    return [
        ("cue.unasked", words, start, end)
        if lone and cue_id == "cue.negation"
        else (cue_id, words, start, end)
        for cue_id, words, start, end in found
        if not (
            cue_id == "cue.consent-required"
            and (_WITHOUT_BEFORE.search(text, 0, start) or _ASKING_DENIED.search(text, 0, start))
        )
    ]


def _other_parties(text: str, end: int, rulebook: RuleBook) -> bool:
    """Whether an "and other" ending at ``end`` opens a name of third parties as a class ("other
    companies", "other organisations": sharing.toml third_parties)."""
    if not text[:end].casefold().endswith("other"):
        return False
    start = end - len("other")
    return any(
        t.start in (0, len("other ")) and t.category is Category.SHARING and t.name == "third_parties"
        for t in rulebook.find_terms(text[start : start + 60])
    )


def asks_no_consent(text: str, end: int) -> bool:
    """Whether the negation ending at ``end`` denies the asking for consent, not the practice ("we no
    longer ask for your consent before …", "we do not need your permission to …")."""
    return _CONSENT_ASKED.match(text, end) is not None


# the asking for consent, as the verb a negation denies: "(we do not) ask for your consent", "(we no
# longer) need your permission" (GDPR Arts. 6(1)(a), 7; ePrivacy Directive Art. 5(3): consent before
# storing information on a device)
_CONSENT_ASKED = lazy(
    r"\s+(?:be\s+)?(?:(?:first|always|necessarily|explicitly|separately|specifically)\s+)?"
    r"(?:ask|asks|asking|asked|seek|seeks|seeking|request|requests|requesting|need|needs|require|requires|requiring"
    r"|obtain|obtains|obtaining|get|gets|getting)\s+(?:for\s+)?"
    r"(?:your\s+|their\s+|the\s+user's\s+|a\s+parent's\s+|parental\s+|any\s+)?"
    r"(?:prior\s+|explicit\s+|express\s+|separate\s+|specific\s+|affirmative\s+)?"
    r"(?:consent|permission|approval|authori[sz]ation)\b",
    re.IGNORECASE,
)
# … and before a consent cue: "we no longer *ask for your consent*" requires none
_ASKING_DENIED = lazy(
    r"(?:\bnot|\bnever|\bno\s+longer|n['’]t)\s+(?:(?:first|always|necessarily|explicitly|separately|specifically)\s+)?$",
    re.IGNORECASE,
)


def lone_without(words: str) -> bool:
    """Whether a denial's words are a "without" (of consent or of notice), which denies the practice
    only as the condition of another denial."""
    return words[:8].casefold().startswith("without")


# a negation inside a condition ("we cannot deliver it *if we do not* collect your address", "*if we
# did not* keep it, …"): the practice is what the condition says is needed, not a thing denied (a
# proviso is no such condition: "we may share it, *provided that we will not* share it in a way that
# identifies you" limits the permission, a promise of its own)
_CONDITIONAL_BEFORE = lazy(
    r"\b(?:if|unless|in\s+case)\s+(?:we|they|it|our\s+\w+)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


# a concession, the case in which the statement holds all the same: "… *even when location services*
# are turned off", "*even if you* do not use the app" (signals reads a run opening on one likewise)
EVEN_CONCESSION = r"even\s+(?:if|after|when|though|where|once|while)"
_CONCESSION_BEFORE = lazy(rf"\b{EVEN_CONCESSION}\s+(?:[\w'’-]+\s+){{0,5}}$", re.IGNORECASE)


def _qualifies(text: str, at: int) -> bool:
    """Whether a negation at ``at`` only qualifies, and denies no statement: a condition the practice
    needs ("… if we do not collect your address"), a concession it holds despite ("we track it even
    when location services are turned off"), or a relative clause picking out whom the statement is of
    ("members *who do not* take part pay higher premiums", as "if they do not" would say), or which
    places ("countries *that do not* have data protection laws": where the data goes, not a denial)."""
    return bool(
        _CONDITIONAL_BEFORE.search(text, 0, at)
        or _CONCESSION_BEFORE.search(text, max(0, at - 80), at)
        or _PICKED_OUT.search(text, max(0, at - 40), at)
    )


# people picked out by a relative clause ("members who", "anyone that", "those who"), or places
# ("countries that", "jurisdictions which", "regions where", "countries whose laws")
_PICKED_OUT = lazy(
    r"(?:\b(?:users?|members?|customers?|people|persons|individuals?|those|anyone|visitors?|players?|patients?"
    r"|subscribers?|applicants?|students?|parents?|children|account\s+holders?|policyholders?|employees?|staff"
    r"|workers?|drivers?|riders?|guests?)\s+(?:who|that)"
    r"|\b(?:countr(?:y|ies)|jurisdictions?|regions?|territor(?:y|ies)|states|nations|places|locations)\s+"
    r"(?:that|which|where|whose\s+laws))\s+$",
    re.IGNORECASE,
)
# a safeguard named right after "without" ("without parental oversight", "without encryption")
_SAFEGUARD_WITHOUT = lazy(r"\bwithout\s+(?:any\s+|a\s+|an\s+|the\s+|your\s+|their\s+)?$", re.IGNORECASE)
# "without your *prior consent*": the consent named is the one not asked
_WITHOUT_BEFORE = lazy(r"\bwithout\s+(?:your\s+)?$", re.IGNORECASE)


def main_clause(text: str, start: int) -> str | None:
    """The clause the word at ``start`` stands in when a leading condition ("If you disable
    cookies, *some features may not work*") or a contrast ("…, but *some features may not work*")
    sets it apart from the rest of its sentence, else None."""
    opening, end = _clause_around(text, start)
    contrasts = [m for m in CONTRAST.finditer(text, opening, start) if m.end() <= start]
    leading = _LEADING_CONTRAST.match(text, opening)  # a clause of its own: "However, some …"
    if leading is not None and leading.end() <= start:
        contrasts.insert(0, leading)
    if contrasts:
        return text[contrasts[-1].end() : end]
    condition = _LEADING_CONDITION.match(text, opening)
    if condition is None or condition.end() > start:
        return None
    return text[condition.end() : end]


def _clause_around(text: str, start: int) -> tuple[int, int]:
    """Where the sentence holding ``start`` opens, and where its clause ends (a stop or ";")."""
    opening = max(text.rfind(mark, 0, start) for mark in (".", "!", "?", "\n")) + 1
    ends = [at for mark in (".", "!", "?", "\n", ";") if (at := text.find(mark, start)) >= 0]
    return opening, min(ends, default=len(text))


def after_users_own_choice(text: str, start: int) -> bool:
    """Whether ``start`` stands in the main clause after a leading condition that is the user's own
    choice ("If you disable cookies, …", "If you choose not to provide it, …"): what follows it is a
    consequence the user chooses (OPP-115 User Choice/Control), no restriction the company adds."""
    condition = _LEADING_CONDITION.match(text)
    return (
        condition is not None
        and condition.end() <= start
        and _USERS_CHOICE_IF.match(condition.group()) is not None
    )


_USERS_CHOICE_IF = lazy(
    r"\W*(?:if|when|should)\s+you\s+(?:(?:choose|decide|prefer|elect|want)\s+(?:not\s+)?to\s+)?"
    r"(?:disable|block|delete|clear|reject|decline|refuse|withdraw|opt\s+out|turn\s+off|do\s+not|don't|fail\s+to|"
    r"deny|remove|switch\s+off)\b",
    re.IGNORECASE,
)


def _speaks_of_nothing_done(sentence: str, rulebook: RuleBook) -> bool:
    """Whether a sentence names neither the company, the user or their data, a practice verb nor a
    term of any category: a company cue in it ("may", "will") qualifies nothing the company does."""
    return not (
        _COMPANY_WORD.search(sentence)
        or _USER_WORD.search(sentence)
        or practice_reader().verbs.search(sentence)
        # (a word read only in headings, "countries", is no term of a sentence)
        or any(
            t.category and t.name not in rulebook.by_category(t.category).in_headings
            for t in rulebook.find_terms(sentence)
        )
    )


# the cues that only say how surely the company acts: with nothing done in their sentence they
# qualify nothing (a denial still denies: "the marketplace is not for people under 18")
SOFT_CUES = frozenset({"cue.hedge", "cue.strong-modal"})
_USER_WORD = lazy(r"\b(?:you|your|yours)\b", re.IGNORECASE)


def about_something_else(text: str, start: int, rulebook: RuleBook) -> bool:
    """Whether a cue stands in the main clause after a leading condition, and that clause speaks
    of neither the company, a practice nor the user's data: "If you disable cookies, some
    features may not work" hedges no commitment and denies nothing the company does."""
    main = main_clause(text, start)
    if main is None:
        # (… or before a trailing one: "Some features may not work *if you disable cookies*")
        opening, stop = _clause_around(text, start)
        condition = _TRAILING_CONDITION.search(text, start)
        if condition is None or condition.start() > stop:
            return False
        main = text[opening : condition.start()]
    return not (
        _COMPANY_WORD.search(main) or practice_reader().verbs.search(main) or rulebook.find_terms(main)
    )


# a condition that closes its sentence ("…, if you disable cookies")
_TRAILING_CONDITION = lazy(r",?\s+(?:if|when|unless|once|should|where)\s+you\b", re.IGNORECASE)


# formulas of the text about itself, whatever words they hold: the law that governs it ("This Privacy
# Policy is governed by the laws of Ireland"), its translations, and the names it gives the parties
# ('In this policy, "you" means the person using the Services'; not who "we" are, which names the
# controller); a sentence that goes on with a practice after a semicolon or a colon is no formula
TEXT_FORMULA = lazy(
    r"\W*(?:(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|statement)\s+(?:is|shall\s+be|will\s+be)\s+governed\s+by\b"
    r"|we\s+(?:may\s+)?(?:provide|offer|make\s+available)\s+translations\s+of\s+(?:this|the|our)\b"
    # … and what the text itself does not do to the reader's rights or duties ("For the avoidance of
    # doubt, this paragraph does not create new obligations", "Nothing in this policy limits …")
    r"|(?:for\s+the\s+avoidance\s+of\s+doubt,?\s*)?(?:this|nothing\s+in\s+this)\s+(?:privacy\s+)?"
    r"(?:paragraph|section|policy|notice|statement)\s+(?:does\s+not\s+|shall\s+not\s+|is\s+not\s+intended\s+to\s+)?"
    r"(?:create|creates|limit|limits|affect|affects|restrict|restricts|waive|waives|exclude|excludes)\b"
    r"|(?:in\s+this\s+(?:privacy\s+)?(?:policy|notice|statement),?\s*)?[\"“'‘](?:you|your|services?|site|website|apps?|devices?|platform|products?|account)"
    r"[\"”'’]\s+(?:means?|refers?\s+to|includes?)\b"
    # … and two of its words said to mean one thing ('"personal information" and "personal data" mean
    # the same thing'): how the text reads, whatever the words name
    r"|(?:(?:in|throughout)\s+this\s+(?:privacy\s+)?(?:policy|notice|statement),?\s*)?[\"“'‘][^\"“”'‘’]{1,40}[\"”'’]\s+"
    r"(?:and|or)\s+[\"“'‘][^\"“”'‘’]{1,40}[\"”'’]\s+(?:both\s+)?(?:mean|refer\s+to|are\s+used\s+for)\s+the\s+same\b"
    # … or said as the company's use of its words ('We use the term "you" to refer to any user',
    # 'We use the words "personal information" and "personal data" to mean the same thing')
    r"|we\s+(?:may\s+)?(?:also\s+)?use\s+the\s+(?:terms?|words?|phrases?|expressions?)\s+[\"“'‘][^\"“”'‘’]{1,40}[\"”'’]"
    r"(?:\s*,?\s*(?:and|or)\s+[\"“'‘][^\"“”'‘’]{1,40}[\"”'’])?\s+(?:to\s+(?:refer\s+to|mean|describe|cover)|interchangeably|for)\b"
    # ('We call these companies "partners"', 'we refer to them as "vendors"')
    r"|we\s+(?:may\s+)?(?:call|refer\s+to)\s+(?:[\w-]+\s+){1,6}?(?:as\s+)?[\"“'‘][^\"“”'‘’]{1,40}[\"”'’]"
    # … and the reading of the text, as a contract's boilerplate says it: its headings for reference,
    # its provisions severable, one language prevailing, its capitalised terms defined elsewhere
    r"|(?:the\s+)?(?:headings?|titles?|captions?)\s+(?:(?:used\s+)?(?:in|of)\s+(?:this|the)\s+(?:privacy\s+)?"
    r"(?:policy|notice|statement)\s+)?(?:are|is)\s+(?:included\s+)?for\s+(?:convenience|reference)\b"
    r"|if\s+any\s+(?:part|provision|term|section|portion)\s+of\s+(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|statement)"
    r"\s+(?:is|are|should\s+be)\s+(?:found|held|deemed|determined)\b"
    r"|in\s+(?:the\s+)?(?:event|case)\s+of\s+(?:any\s+)?(?:conflict|inconsistency|discrepancy)\s+between\s+(?:the\s+)?"
    r"[\w-]+\s+(?:version|text)\b"
    r"|capitali[sz]ed\s+terms\s+(?:used|not\s+defined)\b"
    # … and where a part of it went ("We have moved our cookie information to a separate Cookie
    # Notice"): the text's own layout, whatever the part is about
    r"|we(?:['’]ve|\s+have)?\s+(?:moved|relocated|split)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:information|details|section|sections|part|text|content)\s+(?:about\s+(?:[\w-]+\s+){1,4}?)?"
    r"(?:out\s+)?(?:to|into)\s+(?:a\s+|our\s+|the\s+)?(?:separate|new|dedicated|standalone|own)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:notice|policy|statement|page|document)\b)[^;:]*$",
    re.IGNORECASE,
)


def profile(
    region: Region,
    rulebook: RuleBook,
    *,
    lead: str = "",
    context_terms: Sequence[Match] = (),
    terms_only: bool = False,
) -> Profile:
    """Terms (affirmed or denied), cues, numbers and rule phrases of a region (``terms_only``: terms)."""
    found = Profile()
    context_denied = lead_denies(lead, rulebook) if lead else False
    # (a row and its header may come without their outer pipes: "Data | Purpose")
    header = tuple(table_cells(lead)) if "|" in lead else ((lead,) if lead else ())
    # an item under "You can:" says what the user can do, as a sentence after "you can" does
    granting = granting_lead(lead)
    opened = False  # a part before ended with ":", and the parts since are its items
    inline = ""  # the lead-in of a list run on in one paragraph ("We do not collect: A; B; C.")
    for offset, sentence in region.parts():
        # an item under a lead-in of the same region ("we collect:" / "- your name") is a member of
        # its list, as an item read under its lead is, no heading-like fragment
        item = opened and bool(_ITEM_MARK.match(sentence).group().strip())  # type: ignore[union-attr]
        opened = sentence.rstrip().endswith(":") or item
        plain = _mask_retroactive(mask_links(mask_labels(sentence)), rulebook)
        # (an item after ";" has no lead-in of its own: "your contacts" is not collected either)
        run_on = bool(inline) and _BARE_ITEM.match(plain) is not None
        denied_here = context_denied or run_on and lead_denies(inline, rulebook)
        inline = _inline_lead(plain, inline)
        clauses = denial_spans(plain, rulebook, context_denied=denied_here)
        found.denials.extend((s + offset, e + offset, d) for s, e, d in clauses)
        # (a formula of the text about itself names no practice, whatever words it holds: "We have
        # moved our cookie information to a separate Cookie Notice")
        sentence_terms = (
            []
            if TEXT_FORMULA.match(plain)
            else _with_granted_rights(plain, rulebook.find_terms(plain), granting_lead=granting)
        )
        filed_before = len(found.terms)
        _file_terms(
            found,
            plain,
            offset,
            sentence_terms,
            clauses,
            rulebook,
            denied_here,
            listed=bool(lead) or item or run_on,
            users_lead=bool(lead) and bool(rulebook.subject_you.search(lead.rstrip().rstrip(":"))),
            around=context_terms,
            header=header,
            row=region.text,
        )
        if terms_only:  # a whole document read for what it already discloses: the rest is not needed
            continue
        _file_cues(found, plain, offset, rulebook)
        # a term its sentence does not let stand ("emails" with no word of a policy change is no
        # channel of notice) gives no number its category either
        filed = found.terms[filed_before:]
        _file_numbers(found, plain, offset, filed, context_terms, rulebook)
        _file_rule_phrases(found, plain, offset, rulebook, granting=granting)
    return found


def concepts_present(terms: Iterable[Match], rulebook: RuleBook) -> set[str]:
    """Each term's concept and the kinds above it, as "category.concept": what a sentence names, for
    a term that needs another beside it (``CategoryRules.required_for``: "Germany" is a place in the EU)."""
    return {
        f"{t.category.value}.{name}"
        for t in terms
        if t.category
        for name in rulebook.by_category(t.category).lineage(t.name)
    }


def _states_practice(header: tuple[str, ...]) -> bool:
    """Whether a table's header (or the one header cell a row is read under) names a practice the
    company does with what the cells name: "Data shared", "Why we use it", "Purpose" (OPP-115: a
    purpose is of a use); a list's lead-in sentence is no header."""
    if not header or header[-1].rstrip().endswith(":") or sum(len(WORD.findall(c)) for c in header) > 12:
        return False
    return any(
        _PURPOSE_COLUMN.match(cell) or WIDENING.intersection(practice_reader().actions(cell))
        for cell in header
    )


def _in_purpose_column(row: str, at: int, header: tuple[str, ...]) -> bool:
    """Whether ``at`` stands in a row's cell under a purpose column ("| Phone | *Two-factor
    authentication* |" under "| Data | Purpose |"), or the row is read under that cell alone."""
    if len(header) == 1:
        return _PURPOSE_COLUMN.match(header[0]) is not None
    if "|" not in row:
        return False
    column = row.count("|", 0, at) - (1 if row.lstrip().startswith("|") else 0)
    return 0 <= column < len(header) and _PURPOSE_COLUMN.match(header[column]) is not None


_PURPOSE_COLUMN = lazy(r"\W*(?:purposes?|uses?)(?:\s+of\s+(?:processing|use))?\W*$", re.IGNORECASE)


# a sentence that tells the reader what to do with their own things: "Please keep …", "Do not share …",
# "Never give …" (not "Please note that …", "Please contact us", which speak of the company)
_TO_THE_READER = lazy(
    # (… or invited to: "feel free to share this page", "you're welcome to print it")
    r"\W*(?:please\s+(?:(?:always|also)\s+)?|(?:do\s+not|don['’]t|never)\s+|feel\s+free\s+to\s+"
    r"|(?:you\s+are|you['’]re)\s+welcome\s+to\s+)"
    r"(?:keep|share|give|disclose|store|send|post|reuse|write\s+down|tell|leave|protect|choose|use|log\s+out"
    r"|sign\s+out|change|update|create|avoid|upload|include|lend|hand|print|download|save|forward|copy)\b",
    re.IGNORECASE,
)
# the company speaking: "we", "us", "our" (a later _WE reads "we" alone, as a subject)
_COMPANY_SPEAKS = lazy(r"\b(?:we|us|our|ours)\b", re.IGNORECASE)


def _readers_condition(plain: str, at: int) -> bool:
    """Whether ``at`` stands in a leading condition about the user ("If you have a disability, …")
    that names no practice: it says who reads on, no data is collected in it."""
    condition = _LEADING_CONDITION.match(plain)
    if condition is None or at >= condition.end():
        return False
    said = plain[: condition.end()]
    return _USER_IS_SUBJECT.match(said) is not None and not practice_reader().actions(said)


def _consent_object(plain: str, at: int, rulebook: RuleBook) -> bool:
    """Whether ``at`` stands right after the user's permission said as a condition (a phrase of
    cue.consent-required opening with "if", "when", "once" …: "only if you allow *tracking*")."""
    consent = rulebook.cue("cue.consent-required")
    if consent is None:
        return False
    start = max(0, at - 50)
    return any(
        _CONDITION_WORD.match(found.group()) and _TO_ITS_OBJECT.fullmatch(plain, start + found.end(), at)
        for found in consent.pattern.finditer(plain[start:at])
    )


# a condition's opening word; what may stand between a permission and what it covers ("us to use your")
_CONDITION_WORD = lazy(r"(?:if|when|once|where|provided|unless)\b", re.IGNORECASE)
_TO_ITS_OBJECT = lazy(r"\s+(?:to\s+)?(?:us\s+to\s+(?:use\s+)?)?(?:the\s+|your\s+)?", re.IGNORECASE)


def _discovery_condition(plain: str, at: int) -> bool:
    """Whether ``at`` stands in a leading condition in which the company learns what it holds ("If we
    become aware that we have collected …, we will delete it"): a fact found, not a practice stated."""
    condition = _LEADING_CONDITION.match(plain)
    return condition is not None and at < condition.end() and _LEARNS.match(condition.group()) is not None


# the company learning of something (COPPA, 16 CFR 312: an operator that learns it has collected a
# child's data; GDPR Art. 8 and the like): "if we learn", "should we become aware", "when we discover"
_LEARNS = lazy(
    r"\W*(?:if|when|whenever|once|should|where|in\s+case)\s+(?:we|the\s+company)\s+(?:ever\s+)?"
    r"(?:learn|discover|find(?:\s+out)?|determine|realise|realize|become\s+aware|are\s+(?:made\s+)?aware"
    r"|are\s+(?:notified|informed|told)|receive\s+notice|obtain\s+knowledge|have\s+reason\s+to\s+believe)\b",
    re.IGNORECASE,
)
# the user as the condition's subject, in a state, not an act ("If you have a disability", "If you
# are under 16", "Where you live in Quebec"; not "If you connect your account", which gives data)
_USER_IS_SUBJECT = lazy(
    r"\W*(?:if|when|where|whenever|once|should|in\s+case)\s+you\s+(?:ever\s+)?(?:are|have|live|reside|were|had"
    # (… or what befalls the user's things: "If you forget your password", "If you lose your phone")
    r"|forget|forgot|lose|lost|misplace|misplaced|think|believe|suspect|notice)\b",
    re.IGNORECASE,
)
# a part of the text named by its topic ("the section on children", "the chapter about cookies")
_PART_ON = lazy(
    r"\b(?:sections?|chapters?|parts?|paragraphs?|headings?)\s+(?:on|about|titled|called|named|headed|regarding|concerning)"
    r"\s+(?:[\w'’-]+\s+){0,3}$"
    # … or what the text says of a topic, moved within it ("we have moved the information about cookies")
    r"|\b(?:moved|moving|move)\s+(?:the\s+|our\s+)?(?:information|details|text|explanations?)\s+(?:on|about|regarding|concerning)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# … or with its topic before it ("the cookies section")
_PART_AFTER = lazy(r"\s+(?:sections?|chapters?)\b", re.IGNORECASE)
# … or a document named by its topic ("our cookie notice", "our security policy" is a text about
# them, no practice); not a notice's own words ("we will post the updated notice")
_DOCUMENT_AFTER = lazy(r"\s+(?:privacy\s+)?(?:policy|policies|notices?|statements?)\b", re.IGNORECASE)
# what is said of the text itself ("your comments *on this notice*", "questions about this policy"),
# or done to it ("our team *reviews this policy*"): words about the document, no data collected
# a copy of the text in a form the word before names ("an *audio* version of this notice")
_FORM_OF_THE_TEXT = lazy(
    rf"\s+{_COPIES}\s+of\s+(?:this|the|our)\s+(?:privacy\s+)?(?:{_NOTICE_NOUNS}|page|document)\b",
    re.IGNORECASE,
)
ON_THE_TEXT = lazy(
    rf"\s+(?:(?:on|about|regarding|concerning)\s+)?(?:this|the|our)\s+(?:privacy\s+)?{TEXT_PARTS}\b",
    re.IGNORECASE,
)


def _object_is_safeguard(verb: Match, terms: Sequence[Match], plain: str, rulebook: RuleBook) -> bool:
    """The first term after a practice verb, a few words on in its clause, is a safeguard of the
    security category ("we use encryption", "we implement and use appropriate security measures"),
    or one of another category's ("we use standard contractual clauses": GDPR Art. 46)."""
    after = [t for t in terms if t.start >= verb.end]
    first = min(after, key=lambda t: t.start, default=None)
    if first is None or first.category is None:
        return False
    if first.category is not Category.SECURITY and (
        first.category is verb.category or not is_safeguard(first, rulebook)
    ):
        return False
    between = plain[verb.end : first.start]
    if re.fullmatch(r"\s*(?:,|and|or|and/or)\s*", between, re.IGNORECASE):
        return False  # "we delete *or anonymise* it": a second verb joined to the first, not its object
    if _MODIFIES_DATA.match(plain, first.end) or any(
        t.category is Category.COLLECTION and 0 < t.start - first.end <= 2 for t in after
    ):
        return False  # "we share *pseudonymised* trip logs": the safeguard qualifies the data shared
    # (adjectives before the safeguard may be coordinated by a comma: "appropriate, industry-standard
    # security measures"; a clause break may not)
    return len(between.split()) <= 3 and not re.search(r"[;:.]|,\s*(?:and|or|but|which|who)\b", between)


# what a safeguard's participle qualifies when data follows it ("anonymised usage data", "aggregated
# statistics"): the verb's object is the data, the practice stands
_MODIFIES_DATA = lazy(
    r"(?<=ed|us)\s+(?:[\w-]+\s+){0,2}?(?:data|information|logs?|records?|statistics|datasets?|content|details|insights|reports?"
    # … or a form of it: "a *hashed version* of your email address", "an encrypted copy of your files"
    r"|versions?|cop(?:y|ies)|forms?|values?|identifiers?|files?)\b",
    re.IGNORECASE,
)


def _with_granted_rights(plain: str, terms: list[Match], *, granting_lead: bool = False) -> list[Match]:
    """The terms of a sentence, each verb of a right granted to the user read as that right:
    "you can access, correct or delete your data" erases nothing of the company's (nor does
    "- Turn off personalised ads" under "You can:", ``granting_lead``)."""
    if granting_lead:
        # the item as the rest of its lead's sentence: "You can" + "turn off personalised ads"
        bullet = len(_ITEM_MARK.match(plain).group())  # type: ignore[union-attr]  # (it matches "")
        shift = len(_GRANTED) - bullet
        granted = [
            (right, start - shift, end - shift)
            for right, start, end in practice_reader().granted_rights(_GRANTED + plain[bullet:])
            if start >= len(_GRANTED)
        ]
    else:
        granted = practice_reader().granted_rights(plain)
    # (a verb whose object is the text itself grants no right over data: "you may download this policy")
    granted = [right for right in granted if not TEXT_OBJECT.match(plain, right[2])]
    if not granted and granting_lead and not any(t.category is Category.RIGHTS for t in terms):
        # "- confirmation of whether we process your data" under "You have the right to obtain:":
        # the item is a right granted, in whatever words no right verb names
        words = [m for m in WORD.finditer(plain) if m.group().isalpha()]
        if words:
            right = Match(
                "right",
                Category.RIGHTS,
                plain[words[0].start() : words[-1].end()],
                words[0].start(),
                words[-1].end(),
            )
            return sorted([*terms, right], key=lambda t: t.start)
    if not granted:
        return terms
    kept = [t for t in terms if not any(t.start < end and start < t.end for _, start, end in granted)]
    rights = [Match(right, Category.RIGHTS, plain[start:end], start, end) for right, start, end in granted]
    return sorted([*kept, *rights], key=lambda t: t.start)


_GRANTED = "You can "
_ITEM_MARK = lazy(r"[\s\-*•·–]*(?:\(?(?:\d{1,2}|[a-z])[.)]\s+)?")


def _file_terms(
    found: Profile,
    plain: str,
    offset: int,
    sentence_terms: Sequence[Match],
    clauses: Sequence[tuple[int, int, bool]],
    rulebook: RuleBook,
    context_denied: bool,
    *,
    listed: bool = False,
    users_lead: bool = False,
    around: Sequence[Match] = (),
    header: tuple[str, ...] = (),
    row: str = "",
) -> None:
    """File a sentence's terms, and each under affirmed or denied by the clause it stands in
    (``listed``: the region is an item read under a lead-in, "We share your data with:";
    ``around``: the terms of the clause's headings, which count for what a term requires;
    ``header``: the cells of the table header a row is read under, "| Partner | Data shared |";
    ``row``: the whole text the sentence stands in at ``offset``, whose cells the header names)."""
    # a sentence that grants a right or a safeguard names practices as its object, not as new ones
    # (and so does one that binds another party: "processors are bound to protect it")
    # — within its clause: "we share X with partners unless you opt out" still shares
    bound = bool(sentence_terms) and practice_reader().binds_another_party(plain)

    def users_act(term: Match) -> bool:
        """A protective act of the user's own ("you can delete your posts", "until you delete it",
        an item under "You can:"): a right, no safeguard of the company's."""
        assert term.category is not None
        rules = rulebook.by_category(term.category)
        if rules.protective or term.name not in rules.protects:
            return False
        before = plain[: term.start]
        if _PASSIVE_BEFORE.search(before):
            return False  # "photos you upload are deleted": the photos are, whoever uploads them
        return users_lead or bool(rulebook.subject_you.search(before))

    def others_act(term: Match) -> bool:
        """A rights verb with someone else's modal before it: "our support team may access your
        data" is the company's access, no right of the user's. (A fee for a right, rights.toml
        adverse, is the company's to ask: "we may charge a fee for access requests".)"""
        if term.category is Category.RIGHTS and term.name in rulebook.by_category(term.category).adverse:
            return False
        if term.category is Category.RIGHTS and term.name in rulebook.by_category(term.category).owed:
            return False  # "we will answer your request": the company's duty, whoever's modal
        return term.category is Category.RIGHTS and (
            (
                bool(_OTHERS_ACT.search(plain, 0, term.start))
                and not rulebook.subject_you.search(plain, 0, term.start)
                # (a class of users is the user: "parents can review their child's data"; not one
                # that acts on the reader's data, "employees may review *your* chats": staff do)
                and (USER_RIGHT.match(plain) is None or _CLASS_ON_YOURS.match(plain, term.end) is not None)
            )
            or bool(_COMPANY_ASKS_FOR.search(plain, 0, term.start))
            # ("third-party apps *you connect* can access your contacts": the user in a clause that
            # names the apps; the apps access, no right of the user's)
            or bool(_YOU_IN_A_RELATIVE.search(plain, 0, term.start))
        )

    # (a hurdle set before a right, "we may ask you to verify your identity with a photo of your
    # ID", guards nothing: the data it asks for is collected)
    protective = [
        t
        for t in sentence_terms
        if t.category
        and is_safeguard(t, rulebook)
        and not users_act(t)
        and not others_act(t)
        and t.name not in rulebook.by_category(t.category).hurdles
        # a request named as the moment a period runs from ("… within 30 days *of receiving your
        # request*") grants nothing: the act it times is the company's
        and not _TIME_ANCHOR.search(plain, 0, t.start)
    ]
    # … but not a practice the company states beside it: "we encrypt your data and share it with
    # advertisers" shares; "you can opt out of the sale of your data" sells nothing
    # (a recipient as the subject of a verb sharing.toml's as_subject names: "partners receive …")
    parties = [t for t in sentence_terms if t.category is Category.SHARING]
    kept_safe = rulebook.by_category(Category.RETENTION).kept_safe
    party_acts = rulebook.by_category(Category.SHARING).as_subject
    stated = stated_practices(plain, kept_safe, parties, party_acts) if protective else []
    # … nor the form of the data it acts on: "we share aggregated statistics and usage records" (a row
    # under "| Partner | Data shared |" states the sharing from its start)
    acted = [0, *stated] if protective and _states_practice(header) else stated
    # (… a practice the company denies acts on its data too, and on what its exception takes out:
    # "we do not share it with advertisers, except *hashed* email addresses")
    acted = sorted([*acted, *_denied_practices(plain)]) if protective else acted
    forms = [
        t
        for t in protective
        if _DATA_FORM.match(plain, t.start)
        and (
            bisect_right(acted, t.start)
            # (… or is its subject in the passive: "*aggregated* statistics may be shared")
            or any(_PASSIVE_SUBJECT.fullmatch(plain, t.end, p) for p in stated if p > t.end)
        )
    ]
    found.forms.update(t.start + offset for t in forms)
    protective = [t for t in protective if t not in forms]
    # nor does a safeguard named as the purpose of a stated practice ("we use your face scan to verify
    # your identity and to train our models"): it is one purpose among those that follow
    # a right or a safeguard guards the terms of its clause; a protective act of another category
    # its object: after it ("we destroy the recordings"), or before it in the passive ("recordings
    # are destroyed"), not a practice stated before it ("we hold recordings and then destroy them")
    guards = [
        (
            t.start,
            rulebook.by_category(t.category).protective,
            next(((s, e) for s, e, _ in clauses if s <= t.start < e), (0, len(plain))),
            rulebook.by_category(t.category).protective or bool(_PASSIVE_BEFORE.search(plain, 0, t.start)),
            t.name in rulebook.by_category(t.category).choice_over,
        )
        for t in protective
        if t.category
        # (… or a cell under a purpose column: "| Phone | Two-factor authentication and marketing |")
        if not (
            (
                bisect_right(stated, t.start)
                and (
                    _PURPOSE_BEFORE.search(plain, 0, t.start)
                    # (… or the state a purpose keeps something in: "to keep our service *secure*")
                    or _PURPOSE_KEEPS.search(plain, max(0, t.start - 80), t.start)
                )
            )
            or _in_purpose_column(row, offset + t.start, header)
        )
    ]
    # "Security." or "Cookies" alone is a heading-like fragment: it names a topic, it promises nothing;
    # under a lead-in ("We share your data with:") a short item is a member of what the lead-in says
    # ("(b) affiliates." after "…with (a) service providers;" is a member of its list, no fragment)
    fragment = not listed and len(WORD.findall(plain)) < 3 and not _ENUMERATED.match(plain)
    # … and a sentence about the text's own changes ("Summary of changes: we clarified how we use
    # cookies") names its topics, not what is done: the clauses it summarises say that
    # (not where it goes on to say something done: "we updated how we share it: we now share …")
    about = _ABOUT_ITS_CHANGES.search(plain)
    if about is not None:
        # (a label's own colon, "What's new:", opens the summary it labels)
        after = about.end() + len(plain[about.end() :]) - len(plain[about.end() :].lstrip(" :"))
        fragment = fragment or not _SAYS_MORE.search(plain, after)

    # an instruction to the reader, in which the company does nothing ("Please keep your password
    # secret.", "Never share your login code with anyone."): the user's own acts (OPP-115 User
    # Choice/Control is what the company offers; this offers nothing and takes nothing)
    instruction = is_instruction(plain)
    # … or a sentence that says what the text tells ("This section explains how we use the information
    # described above."): the practices it points to are stated where it points, not in it
    instruction = instruction or _TELLS_OF.match(plain) is not None
    # (… or one that gives the company its names: "its subsidiaries" there are who "we" are, no recipient)
    instruction = instruction or names_the_company(plain) is not None

    def heading_only(term: Match) -> bool:
        return term.category is not None and term.name in rulebook.by_category(term.category).in_headings

    # (a term stands for the kinds above it too: "Germany" is a place in the EU)
    present = concepts_present((t for t in sentence_terms if not heading_only(t)), rulebook)
    present |= {f"{t.category.value}.{t.name}" for t in around if t.category}
    # … and the practice its verb names, though no phrase of the lexicon does ("we may transfer your
    # information to Brazil": the verb's class, ontology/actions.toml, is the practice)
    if sentence_terms:
        present |= {
            f"{PRACTICE_CATEGORY[action].value}.{action}"
            for action in practice_reader().actions(plain)
            if action in PRACTICE_CATEGORY
        }
    # a term that requires another gives its first word back to the terms it swallowed: "stored in
    # encrypted form" has no place, so no "stored in", but "stored" still keeps the data (and
    # "stored in Norway" keeps it too, on either side alike)
    freed = _freed_words(sentence_terms, plain, rulebook)
    if freed:
        sentence_terms = sorted([*sentence_terms, *freed], key=lambda t: t.start)
        present |= concepts_present(freed, rulebook)
    shares = any(
        t.category is Category.SHARING and t.name in rulebook.by_category(t.category).grouped
        for t in sentence_terms
    )
    names = (
        [m.span() for m in ORGANISATION.finditer(plain)]
        if sentence_terms and _LEGAL_FORM.search(plain)
        else []
    ) + (body_spans(plain) if sentence_terms else [])
    # a sentence about the text's own versions, naming neither the user nor their data: what it
    # keeps, publishes or sends is the text
    # (the reader may be its subject: "you can find the previous version of this policy in our archive")
    own_versions = _VERSIONS_OF_THE_TEXT.search(plain) is not None and not _USERS_DATA.search(plain)
    # what the product runs on, said of the product with no act on data ("The app works best on the
    # latest version of your operating system"): a requirement of the software, nothing collected
    runs_on = (
        bool(sentence_terms)
        and PRODUCT_RUNS_ON.match(plain) is not None
        and not practice_reader().actions(plain)
    )
    brands = brand_spans(plain) if sentence_terms else []
    for term in sentence_terms:
        assert term.category is not None
        if heading_only(term):
            continue  # "your country": a heading's word, no term of a sentence
        if term.category not in _PARTY_CATEGORIES and any(s <= term.start < e for s, e in names):
            continue  # "including Acme Ads Ltd": a company's name, no purpose or kind of data
        if term.category not in _PARTY_CATEGORIES and any(
            s < term.start and term.end <= e for s, e in brands
        ):
            continue  # "Acme Health respects your privacy": a word of a product's name, no kind of data
        rules = rulebook.by_category(term.category)
        if term.category is Category.SHARING and not shares and _APPOSITION.search(plain, 0, term.start):
            continue  # "Acme Inc. (a subsidiary of Acme Holdings) is responsible …": who it is, no recipient
        if (
            term.category is Category.SHARING
            and _WHAT_SOMEONE_IS.search(plain, 0, term.start)
            and not any(
                t.category in (Category.SHARING, Category.COLLECTION) and t.start < term.start
                for t in sentence_terms
            )
            and not practice_reader().actions(plain)
        ):
            continue  # "Drivers are independent contractors.": what a party is, said with no data and no
            # practice (a recipient is one data goes to: OPP-115 Third Party Sharing/Collection)
        needed = rules.required_for(term.name)
        if needed and needed.isdisjoint(present):
            continue  # "Japan" in a sentence about the courts is no place data goes
        if needed and _LEGAL_PLACE.search(plain, 0, term.start):
            continue  # "the courts of Ireland", "the laws of Japan": a forum, no place data goes
        if needed and any(m.start() <= term.start < m.end() for m in _SEAT.finditer(plain)):
            continue  # "our offices are in Dublin", "our bikes are built in Taiwan": where the company,
            # its staff or its wares are, no place data goes (whatever heading it stands under)
        if needed and any(s < term.start and term.end <= e for s, e in names):
            continue  # "Google Ireland Limited", "Acme UK Ltd": a word of a company's name, no place
            # data goes (where the company keeps it is said of the data, as any place is)
        if _PART_ON.search(plain, max(0, term.start - 60), term.start) or _PART_AFTER.match(plain, term.end):
            continue  # "the section on children", "the cookies section": a part of the text, by its topic
        if term.category is not Category.NOTICE and _DOCUMENT_AFTER.match(plain, term.end):
            continue  # "see our cookie notice": a text about cookies, by its topic
        if term.name in rules.grouped and _CRITERION_BEFORE.search(
            plain, max(0, term.start - 40), term.start
        ):
            continue  # "kept for as long as *we process* your data": the period's criterion, no practice
        if runs_on and term.category is Category.COLLECTION:
            continue
        if own_versions and term.name in rules.grouped and term.category is not Category.RIGHTS:
            continue  # "earlier versions of this policy are kept in our archive": the text's own keeping
        if term.category is Category.COLLECTION and ON_THE_TEXT.match(plain, term.end):
            continue  # "your comments on this notice": what is said of the document, no data collected
        if term.category is Category.COLLECTION and _FORM_OF_THE_TEXT.match(plain, term.end):
            continue  # "an *audio* version of this policy": the form a copy of the text takes, no data
        if term.category is Category.RIGHTS and _DESPITE_BEFORE.search(
            plain, max(0, term.start - 40), term.start
        ):
            continue  # "we send service emails *even if you opt out* of marketing": the case the practice
            # holds despite (cues.toml cue.despite reads it), no right the sentence grants
        if term.category is Category.COLLECTION and _readers_condition(plain, term.start):
            continue  # "If you have a disability, you can ask for …": who reads, no data collected
        if term.name not in rules.grouped and _consent_object(plain, term.start, rulebook):
            continue  # "we use your advertising ID only if you allow *tracking*": what the user's
            # permission covers, which the main clause states (GDPR Art. 4(11); Apple's ATT prompt)
        if (
            term.name in rules.adverse
            and (condition := _LEADING_CONDITION.match(plain)) is not None
            and term.end <= condition.end()
        ):
            continue  # "If we decline your request, you may appeal": the case an appeal or a notice is
            # for, no refusal or fee stated (the main clause says what is done in it)
        if _discovery_condition(plain, term.start):
            continue  # "If we learn that we have collected data from a child, we delete it": what the
            # company may find it holds, which the sentence goes on to undo, is no practice it states
        if instruction:
            continue  # "Please keep your password secret and do not share it": the reader's own acts
        if (
            term.category is Category.SHARING
            and term.name not in rules.grouped
            and _RELATIVE_BEFORE.search(plain, max(0, term.start - 16), term.start)
            and (act := _ACT_AFTER.match(plain, term.end)) is not None
            and not _RECEIVING_ACT.match(act.group(1))
        ):
            continue  # "messages *that other users report*": the party acts in a clause that says which
            # data, it receives nothing (PolicyLint: the entity of a share statement is its recipient)
        shifted = Match(term.name, term.category, term.text, term.start + offset, term.end + offset)
        found.terms.append(shifted)
        if (
            term.category is Category.SHARING
            and term.name in rules.grouped
            and _USER_DOES.search(plain, max(0, term.start - 40), term.start)
        ):
            continue  # "the posts *you share*", "private unless you share its link": the user shares
            # (OPP-115 User Choice/Control), the company discloses nothing to anyone (the words are
            # still read as the term they are: "you share" said "you disclose" is a rewording)
        # a stated practice starts a new part of the sentence: a safeguard guards what follows it in
        # its own part, and what precedes it only where no practice was stated ("we may share X with
        # advertisers, subject to your choices" shares; "under the Privacy Shield we commit to
        # resolve complaints about our collection" states none)
        part = bisect_right(stated, term.start)
        guards_here = [
            (strong, choice)
            for start, strong, clause, back, choice in guards
            if clause[0] <= term.start < clause[1]
            # (the same words read in two categories guard nothing of their own: "we *anonymise* it"
            # is a safeguard and the end of the keeping at once)
            and start != term.start
            and bisect_right(stated, start) == part
            and (start <= term.start or (part == 0 and back) or _absolute(plain, term, start))
            # a safeguard or a protective act reaches its object in its own table cell, not the row's
            # other cells ("Phone number | Two-factor authentication" collects the number for it)
            and not _CELL_BREAK.search(plain, min(start, term.start), max(start, term.start))
            # … nor the time it is done ("deleted 30 days *after account closure*"): no object of it
            and not _TIME_PHRASE.match(term.text)
            # … nor a protective act joined to it ("we delete *or* anonymise it": two acts, one object)
            # or that it qualifies as an adverb ("*securely* delete the scans": the act is done so)
            and not (
                is_safeguard(term, rulebook)
                and (_JOINED.fullmatch(plain, term.end, start) or _ADVERB.fullmatch(plain, start, term.start))
            )
        ]
        # a protective act guards its objects ("we delete your posts": no posts collected); a right
        # or a safeguard of its own category also reads the acts it names ("you have the right to
        # erase your data": the company's erasure is the right's)
        if any(choice for _, choice in guards_here) and not is_safeguard(term, rulebook):
            # "newsletters, which you can opt out of": a choice over a practice says the practice
            # goes on until the user makes it (OPP-115 User Choice/Control)
            found.chosen.add((term.category, member_key(term, rules)))
        # (a fee asked for a right is what the right now costs, no object of it: rights.toml adverse)
        if fragment or (
            (bound or guards_here) and not is_safeguard(term, rulebook) and term.name not in rules.adverse
        ):
            continue
        if (
            (bound or any(strong for strong, _ in guards_here))
            and not rules.protective
            and term.name not in rules.adverse
        ):
            continue
        if users_act(term):
            continue
        if others_act(term):
            continue
        if (
            term.name in rules.grouped
            and not rules.protective
            and _object_is_safeguard(term, sentence_terms, plain, rulebook)
        ):
            continue  # "we use appropriate security measures": the verb's object protects, no data is used
        denied = next((d for s, e, d in clauses if s <= term.start < e), context_denied)
        if (
            denied
            and term.category is Category.COLLECTION
            and _subject_of_passive_denial(plain, term, clauses, rulebook)
        ):
            denied = False  # "photos you upload are not shared": the photos are held, their sharing denied
            found.held.add((term.category, member_key(term, rules)))
        if (
            denied
            and term.name not in rules.adverse
            and any(
                t.category is term.category
                and t.name in rules.adverse
                and t.end <= term.start
                and next((d for s, e, d in clauses if s <= t.start < e), context_denied)
                for t in sentence_terms
            )
        ):
            # "we do not charge a fee *for access requests*": the denial is the fee's; the right it
            # was asked for stands
            denied = False
        if denied and not rules.protective and _EXCEPTED_BEFORE.search(plain, 0, term.start):
            if term.category is Category.TRANSFER and term.name not in rules.grouped:
                # "we do not transfer your data outside the UK": the place is where the data stays,
                # none it goes to (GDPR Art. 44); the move denied is read by the verb
                continue
            # "not shared outside our group of companies": the group is the exception, where it is shared
            denied = False
        if not denied and is_safeguard(term, rulebook) and _SAFEGUARD_WITHOUT.search(plain, 0, term.start):
            denied = True  # "may use the service *without parental* oversight": the safeguard is withheld
        key = (term.category, member_key(term, rules))
        (found.denied if denied else found.affirmed).setdefault(key, shifted)


# a relative clause whose subject is the party named after it: "messages *that* other users report"
_RELATIVE_BEFORE = lazy(r"\b(?:that|which)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ACT_AFTER = lazy(r"\s+([a-z]+)\b")
# … unless the verb is one of taking in or seeing: "data that advertisers receive" is shared with them
_RECEIVING_ACT = lazy(
    r"(?:can|may|will|could|might|would|should|must|shall|are|is|were|was|have|has|had|do|does|did"
    r"|receiv|access|see|view|collect|use|get|obtain|process|stor|hold|keep|gather|buy|purchas|us)",
)


# a legal form's word, looked for before the costlier company name is read
_LEGAL_FORM = lazy(r"\b" + _LEGAL_FORMS)
# categories whose terms may name a company ("Stripe", "Google Analytics"): kept inside its name
_PARTY_CATEGORIES = frozenset(
    {Category.SHARING, Category.TRACKING, Category.CONTACT, Category.TRANSFER, Category.AI}
)


def _freed_words(terms: Sequence[Match], plain: str, rulebook: RuleBook) -> list[Match]:
    """The terms of the first word of each term that requires another, that need nothing themselves."""
    freed = []
    for term in terms:
        assert term.category is not None
        needed = rulebook.by_category(term.category).required_for(term.name)
        first = WORD.match(plain, term.start)
        if not needed or first is None or first.end() >= term.end:
            continue
        freed += [
            Match(found.name, found.category, found.text, found.start + term.start, found.end + term.start)
            for found in rulebook.find_terms(first.group())
            if found.category is not None
            and not rulebook.by_category(found.category).required_for(found.name)
        ]
    return freed


def _absolute(plain: str, term: Match, guard: int) -> bool:
    """Whether a term is the noun of "with … <safeguard>" ("…, with passwords redacted", "with your
    name removed"): the safeguard acts on it, whatever practice stands before."""
    return bool(_WITH_BEFORE.search(plain, 0, term.start)) and bool(
        _NOUN_TAIL.fullmatch(plain, term.end, guard)
    )


_WITH_BEFORE = lazy(r"\bwith\s+(?:(?:all|any|every|your|the|their|its)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_NOUN_TAIL = lazy(r"\s*(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# a term that says when, not what: "after account closure", "until you delete it", "for as long as"
_TIME_PHRASE = lazy(r"(?:after|until|for\s+as\s+long|as\s+long|indefinitely)\b", re.IGNORECASE)
# what makes the party after it the exception to a denial: "not shared outside our group", "with no
# one other than our processors" (the denial's own scope, PolicyLint's exception handling)
# ("other than" and "apart from" open an exception clause of their own: denial_spans turns it round)
_EXCEPTED_BEFORE = lazy(
    r"\b(?:outside(?:\s+of)?|beyond)\s+(?:the\s+|our\s+|its\s+|your\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# what stands right before a verb whose subject is the company: "we (may) collect", "… and share",
# ", we collect" (a purpose phrase before it: "to protect your account, we collect …"); an adverb
# may stand between ("we *usually* use", "we *automatically* collect")
# the company as the subject: "we", or "the Company" as a policy defines itself in the third person
# the company letting a party act, or giving it something, the party named right after the verb
# the words that may stand between the company and its verb: modals and adverbs
_BETWEEN_SUBJECT_AND_VERB = (
    r"(?:(?:may|will|can|also|then|might|could|would|shall|do|does|must|additionally|further|now|still|often"
    r"|sometimes|\w+ly)\s+){0,3}"
)
_LETS_A_PARTY = lazy(
    r"\bwe\s+" + _BETWEEN_SUBJECT_AND_VERB + r"(?:let|allow|permit|enable|authori[sz]e|give|send)\s+"
    r"(?:(?:our|the|some|certain|selected|trusted)\s+)?$",
    re.IGNORECASE,
)
_COMPANY_VERB_BEFORE = lazy(
    r"(?:\bwe|\bthe\s+company|\band|,|;)\s+" + _BETWEEN_SUBJECT_AND_VERB + "$", re.IGNORECASE
)
_WE = lazy(r"\bwe\b|\bthe\s+company\b", re.IGNORECASE)
# what introduces a purpose right before a term: "… to verify", "… in order to protect", "… for"
_PURPOSE_BEFORE = lazy(r"\b(?:(?:in\s+order\s+)?to|for(?:\s+the\s+purposes?\s+of)?)\s+$", re.IGNORECASE)
_PURPOSE_KEEPS = lazy(
    r"\b(?:in\s+order\s+)?to\s+(?:help\s+)?(?:keep|make|maintain|help\s+keep)\s+(?:[\w'’-]+\s+){1,4}$",
    re.IGNORECASE,
)


# a preposition whose object is an act named by its gerund, perhaps after another member: "of sale
# and sharing", "from selling"
_GERUND_OBJECT = lazy(r"\b(?:of|from|against)\s+(?:the\s+)?(?:[\w-]+\s*,?\s+(?:and|or)\s+)?$", re.IGNORECASE)


# the product as the subject of what it runs on: "The app works best on …", "Our website is
# optimised for …" (not what it needs of the user: "the service requires your phone number" collects it)
PRODUCT_RUNS_ON = lazy(
    r"\W*(?:the|our|this)\s+(?:[\w-]+\s+)?(?:app|apps|application|applications|website|site|service|services"
    r"|software|product|products|extension|game|games|player)\s+(?:(?:works|work|runs|run)(?:\s+best)?\s+(?:on|with|in)"
    r"|(?:is|are)\s+(?:available|compatible|optimi[sz]ed|designed)\s+(?:for|on|with))\b",
    re.IGNORECASE,
)


def stated_practices(
    plain: str,
    kept_safe: frozenset[str] = frozenset(),
    parties: Sequence[Match] = (),
    party_acts: frozenset[str] = frozenset(),
) -> list[int]:
    """Where the company states a practice of its own in a sentence: its widening verbs (collect,
    use, share, retain but delete), with the company as subject, said or coordinated, or a verb of
    ``party_acts`` (sharing.toml ``as_subject``) with one of ``parties`` (recipients) as subject:
    what a recipient receives or uses is shared with it.

    A keeping verb whose clause ends on a state in ``kept_safe`` ("is kept confidential") states a
    safeguard, no practice."""
    reader = practice_reader()
    found = []
    passive = False
    for match in reader.verbs.finditer(plain):
        if match.lastgroup not in WIDENING or reader.promising.match(match.group()):
            continue
        if match.lastgroup == "retain" and kept_safe and kept_in_state(plain, match.end(), kept_safe):
            continue
        before = plain[: match.start()]
        if match.group().casefold().endswith("ing") and _GERUND_OBJECT.search(before):
            continue  # "an opt-out *of* sale and *sharing*": the act named as what something is of, no
            # practice stated (the guard before it reaches it)
        if (_COMPANY_VERB_BEFORE.search(before) and _WE.search(before + match.group())) or _WE_LEADS.match(
            match.group()
        ):
            found.append(match.start())  # ("we get", "we upload": a verb named with its subject)
        elif match.lastgroup in party_acts and any(
            _subject_of(plain, party, match.start()) for party in parties
        ):
            # "Advertising partners receive a hashed version of your email": the recipient's taking
            # is the company's sharing (PolicyLint: the entity of a collect statement), however the
            # data is dressed
            found.append(match.start())
        # … or in the passive, the user's data its subject: "location is used … *and sold* to …"
        elif _STATED_PASSIVE.search(before) or (passive and _COORDINATED.search(before)):
            found.append(match.start())
            passive = True
    # a recipient the company lets act, or gives something to ("we let advertisers reach you using a
    # *hashed* version of your number", "we give partners a hashed copy"): PolicyLint's third-party
    # collection by the company's leave; the recipient takes what the sentence names, however dressed
    found += [
        party.start for party in parties if _LETS_A_PARTY.search(plain, max(0, party.start - 60), party.start)
    ]
    return sorted(found)


def _denied_practices(plain: str) -> list[int]:
    """Where the company denies a practice of its own in a sentence ("we do not share", "we will
    never sell"): the verb's start."""
    reader = practice_reader()
    return [
        match.start()
        for match in reader.verbs.finditer(plain)
        if match.lastgroup in WIDENING and _COMPANY_DENIES_BEFORE.search(plain, 0, match.start())
    ]


_COMPANY_DENIES_BEFORE = lazy(
    r"\bwe\s+(?:(?:do|does|will|would|shall|may|must|can|also|currently|ever)\s+){0,2}"
    r"(?:not|never|n['’]t)\s+(?:(?:ever|knowingly|otherwise)\s+)?$",
    re.IGNORECASE,
)


# a request named as the moment a deadline runs from: "within 30 days *of* receiving your request"
_TIME_ANCHOR = lazy(
    r"\b(?:within|in)\s+[\w-]+\s+(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|months?)\s+(?:of|after|following|from)\s+$",
    re.IGNORECASE,
)
_WE_LEADS = lazy(r"we\s", re.IGNORECASE)


def _subject_of(plain: str, party: Match, verb: int) -> bool:
    """Whether ``party`` opens its clause and is the subject of the verb at ``verb`` (modals between)."""
    return (
        party.end <= verb
        and _MODALS_ONLY.fullmatch(plain, party.end, verb) is not None
        and _CLAUSE_OPENS.search(plain, 0, party.start) is not None
    )


# what may stand between a subject and its verb: modals and adverbs ("partners *may also* receive")
_MODALS_ONLY = lazy(
    r"\s+(?:(?:may|might|can|could|will|would|shall|also|then|only|do|does|now|\w+ly)\s+){0,3}", re.IGNORECASE
)
# the start of a clause, a few words of its subject's own before the party ("*Our* advertising partners")
_CLAUSE_OPENS = lazy(
    r"(?:^|[.;:!?]\s+|,\s+(?:and|but|while)\s+)\W*(?:(?:our|some|certain|trusted|selected|these|such|the)\s+){0,2}$",
    re.IGNORECASE,
)
# a practice stated in the passive, affirmed (unlike ``_PASSIVE_BEFORE``, no "not" between), and
# not in a relative clause: "personal information *that is transferred*" names the data, it states
# no practice of its own
# the rest of a passive's subject and its auxiliary, no clause between ("… statistics may be ")
_PASSIVE_SUBJECT = lazy(
    r"[\w\s/-]{1,80}?\b(?:may\s+|will\s+|can\s+|might\s+|could\s+|would\s+|shall\s+)?"
    r"(?:also\s+)?(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?",
    re.IGNORECASE,
)
_STATED_PASSIVE = lazy(
    r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_COORDINATED = lazy(
    r"(?:,|\band|\bor|\band/or)\s+(?:(?:may|will|can|also|then)\s+)?(?:be\s+)?$", re.IGNORECASE
)


# a company's name and the start of a phrase set beside it that says who it is: "Acme Inc. (a
# subsidiary of …", "Acme Ltd, an affiliate of …", "Acme Ltd is a wholly owned subsidiary of …"
# a class of party as the predicate of a sentence's copula: "Drivers *are independent* contractors"
_WHAT_SOMEONE_IS = lazy(
    r"^\W*(?:[\w-]+\s+){1,3}?(?:is|are|was|were|remain|remains)\s+(?:not\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_APPOSITION = lazy(
    r"\b[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*\s*(?:[,(]|\bis\b)\s*(?:a|an|the)\s+"
    r"(?:wholly[- ]owned\s+|indirect\s+|direct\s+)?$"
)
# a list's member numbered inside a sentence: "(b) affiliates", "ii) partners"
_ENUMERATED = lazy(r"\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s", re.IGNORECASE)


def _file_cues(found: Profile, plain: str, offset: int, rulebook: RuleBook) -> None:
    denials = 0
    for cue_id, match in sorted(find_cues(plain, rulebook), key=lambda hit: hit[1].start):
        if cue_id == "cue.negation":
            denials += 1
            if denials > 1 and match.text[:7].casefold() == "without":
                continue  # "we do not share it without your consent": a condition of the first, not a second
        found.cues.setdefault(cue_id, []).append(
            Match(cue_id, None, match.text, match.start + offset, match.end + offset)
        )


def _file_numbers(
    found: Profile,
    plain: str,
    offset: int,
    sentence_terms: Sequence[Match],
    context_terms: Sequence[Match],
    rulebook: RuleBook,
) -> None:
    """File a sentence's numbers, each under the category its sentence (else the headings) speaks of."""
    for quantity in quantities(plain):
        category = number_category(sentence_terms, quantity, rulebook, plain) or number_category(
            context_terms, quantity, rulebook
        )
        if category is None and quantity.unit == "age" and _AGE_ALONE.match(plain, quantity.end):
            # "you must be at least 16 to use the app": an age threshold speaks of who may use the
            # service, whatever words stand near it ("at least 16 characters" counts no age)
            readers = [r.category for r in rulebook.categories if any(x.unit == "age" for x in r.rules)]
            category = readers[0] if len(readers) == 1 else None
        found.numbers.append((quantity.shifted(offset), category))


# what may follow an age: its unit, then the end of the phrase ("at least 16 to use", "16 or older")
_AGE_ALONE = lazy(
    r"\s*(?:years?(?:\s+(?:old|of\s+age))?)?\s*(?:$|[.,;:)]|(?:to|or|and|who|in|may|can|cannot|must|are|is|should|will|need)\b)",
    re.IGNORECASE,
)


def _file_rule_phrases(
    found: Profile, plain: str, offset: int, rulebook: RuleBook, *, granting: bool = False
) -> None:
    text, shift, bullet = plain, 0, 0
    if granting:
        # an item under "You can:" is read as the sentence it finishes, for the rules' phrases too:
        # "- delete it" is "you can delete it" (a swap to "- ask us to delete it" takes a request)
        bullet = len(_ITEM_MARK.match(plain).group())  # type: ignore[union-attr]  # (it matches "")
        text, shift = _GRANTED + plain[bullet:], bullet - len(_GRANTED)
    for hit in rulebook.rule_index.finditer(text):
        rule_id, slot = hit.name.split("\t")
        begin = max(hit.begin + shift, bullet)
        finish = max(hit.finish + shift, begin)
        found.rule_hits.setdefault((rule_id, slot), []).append(
            Match(rule_id, None, plain[begin:finish] or hit.text, begin + offset, finish + offset)
        )


def _mask_retroactive(text: str, rulebook: RuleBook) -> str:
    """ "data we have already collected" speaks of the change's reach, not of new collection."""
    for match in rulebook.retroactive.finditer(text):
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return text


def number_category(
    terms: Sequence[Match], quantity: Quantity, rulebook: RuleBook, text: str = ""
) -> Category | None:
    """The category whose number rule reads this quantity: most terms nearby, then priority
    (``text``, where the terms and the quantity stand: a term of the quantity's own clause counts
    thrice, "respond within 45 days, or inform you of the reason" is a response time)."""
    scores: Counter[Category] = Counter()
    # a period of telling in a sentence that names a breach times the breach notice (GDPR Art. 34),
    # never the notice of changes to the policy
    breach = any(t.category is Category.SECURITY and t.name == "breach" for t in terms)
    for t in terms:
        if t.category is Category.NOTICE and breach:
            continue
        if (
            text
            and t.category is not Category.RIGHTS
            and _ASKED_FOR.search(text, max(0, t.start - 24), t.start)
        ):
            continue  # "we respond to requests *to delete* your data within a month": what a request asks
            # for is no practice the period bounds; the answer to it is (GDPR Art. 12(3))
        if t.category is not None:
            weight = 3 if text and _same_clause(text, t, quantity) else 1
            scores[t.category] += weight
            if t.category is Category.COLLECTION and _KEEPING.match(t.text):
                # "we keep records of your orders for 24 months": a record kept is kept for the period
                scores[Category.RETENTION] += weight
    best: tuple[int, int, Category] | None = None
    for rules in rulebook.categories:
        if any(rule.kind == "number" and rule.unit == quantity.unit for rule in rules.rules):
            score = scores.get(rules.category, 0)
            if score and (best is None or (score, -rules.priority) > (best[0], best[1])):
                best = (score, -rules.priority, rules.category)
    return best[2] if best else None


_KEEPING = lazy(r"(?:keep|keeps|kept|hold|holds|held)\b", re.IGNORECASE)
# a request's object just before a term: "requests to delete", "a request for the deletion of"
_ASKED_FOR = lazy(r"\brequests?\s+(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)


def _same_clause(text: str, term: Match, quantity: Quantity) -> bool:
    """Whether no clause break (a comma, a semicolon, a parenthesis, "or") stands between a term
    and a quantity."""
    start, end = (term.end, quantity.start) if term.end <= quantity.start else (quantity.end, term.start)
    return start >= end or _CLAUSE_BREAK.search(text, start, end) is None  # (overlapping: one clause)


_CLAUSE_BREAK = lazy(r"[,;()]|\bor\b", re.IGNORECASE)
