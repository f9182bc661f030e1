"""Turn one change into categories, a direction, a severity and the reasons behind them.

The engine reads only the *changed sentences* of each side, with the clause's heading trail
and list lead-in (or table header) as context. It first rules out editorial changes
(``editorial.py``), then gathers signals from the rule book: category rules (numbers,
phrases, swaps, identity: ``rule_signals.py``), terms that appear, disappear or change
polarity, and generic cues (``signals.py``). Any signal adverse to the user makes the change
``expands``; the strongest signal's category leads. Severity follows the ``major`` set of
the settings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain

from policydiff.classify.converse import flow, same_flow
from policydiff.classify.definitions import defined_term, definition_body
from policydiff.classify.editorial import (
    EMAIL_OR_PHONE,
    Texts,
    changed_words,
    edit_runs_at,
    edited_words,
    editorial_verdict,
    stated_as_heading,
    visible_words,
)
from policydiff.classify.equivalents import canonical, word_forms
from policydiff.classify.moves import Pool, moved_in, restated_in
from policydiff.classify.numbers import Quantity, quantities, value_of
from policydiff.classify.practice import (
    PRACTICE_CATEGORY,
    USER_RIGHT,
    WIDENING,
    PracticeReader,
    practice_reader,
)
from policydiff.classify.profile import (
    ABOUT_THE_TEXT,
    CONTRAST,
    FOLDED_LEGAL_FORM,
    NAME_INSIDE,
    NAMES_THE_TEXT,
    OF_THE_USER,
    ON_THE_TEXT,
    PRODUCT_RUNS_ON,
    SOFT_CUES,
    TEXT_FORMULA,
    TEXT_OBJECT,
    TEXT_SUBJECT,
    Profile,
    Region,
    about_something_else,
    changed_regions,
    concepts_present,
    denial_spans,
    find_cues,
    is_aside,
    is_safeguard,
    lead_denies,
    main_clause,
    member_key,
    places_named,
    profile,
    stated_practices,
    whole_region,
)
from policydiff.classify.rule_signals import entity_keys, rule_signals, same_period
from policydiff.classify.rulebook import HEAD_NOUNS, Match, RuleBook
from policydiff.classify.signals import (
    COMPANY_PROMISE,
    CUE,
    DATA_COLUMN,
    DOCUMENT_REFERENCE,
    LAW_REACH,
    POINTER_OPENS,
    POINTER_START,
    Sides,
    Signal,
    column_category,
    column_signals,
    condition_signals,
    cue_signals,
    governs_safeguard,
    list_signals,
    named_anew,
    names_no_practice,
    protection_gone,
    scope_signals,
    swap_signals,
    term_signals,
    whole_sentences_at,
)
from policydiff.classify.statements import statement_reader
from policydiff.lazy_re import lazy
from policydiff.model import Category, ChangeKind, Consent, Direction, Edit, Op, Reason, Severity, Side, Told
from policydiff.text import (
    LEADING_MARKER,
    MD_LINK,
    WHOLE_SENTENCES,
    WORD,
    fold,
    folded_sentences,
    list_opener,
    mask_labels,
    mask_links,
    sentences,
    strip_links,
    table_cells,
)

_ANAPHORA = lazy(r"\b(?:them|they|these|those|such (?:parties|companies|partners|providers))\b", re.I)
# a heading of this many words names a topic; a longer one is a statement set as a heading
_TITLE_WORDS = 6
# a heading names what follows: one of up to this many words ("California & Other U.S. States Notice
# at Collection") is a title, however its words read; longer, it is a sentence set as a heading
_HEADING_WORDS = 10
# term events that turn a denial round: the one change a heading or a move can make
_POLARITY = (".denial-lifted", ".denial-removed", ".denial-added")

DEFAULT_MAJOR: frozenset[tuple[Category, Direction]] = frozenset(
    (category, Direction.EXPANDS)
    for category in Category
    if category not in (Category.CONTACT, Category.OTHER)
)


@dataclass(frozen=True, slots=True)
class Subject:
    """What the engine reads of a change."""

    kind: ChangeKind
    old: str
    new: str
    edits: tuple[Edit, ...]
    old_context: str = ""  # heading trail (and lead-in) of the old clause, " › " between parts
    new_context: str = ""
    moved: bool = False
    renumbered: bool = False
    lead: str = ""  # the list lead-in ("We do not share:") or table header the clause is read under
    heading: bool = False  # the clause is a heading: adding or removing one promises nothing
    defines: str = ""  # the term this clause defines ("Personal Data"), if it is a definition
    term_categories: tuple[Category, ...] = ()  # what the clauses using that term speak of, most first


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one change: its categories, direction, severity and reasons."""

    categories: tuple[Category, ...]
    direction: Direction
    severity: Severity
    reasons: tuple[Reason, ...]
    consent: Consent = field(default_factory=Consent)


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the engine needs to know of the whole pair: names changed everywhere, terms already used."""

    renames: frozenset[tuple[str, str]] = frozenset()
    disclosed: frozenset[tuple[str, str]] = (
        frozenset()
    )  # (category, member) affirmed anywhere in the old text
    # every word of the old text, casefolded; read only when an added clause asks what is new
    vocabulary: Callable[[], frozenset[str]] = frozenset
    # the words the old side gave up (removed clauses, deleted runs) and the new side gained
    went: Pool = Pool()
    came: Pool = Pool()
    # the sentences of each whole version, folded: read only when a clause came or went whole
    old_sentences: Callable[[], frozenset[str]] = frozenset
    new_sentences: Callable[[], frozenset[str]] = frozenset
    # whether the new version affirms any of some (category, concept) pairs anywhere, asked only when
    # a removed clause held a practice; None when the new version is not known (a clause judged alone)
    new_affirms: Callable[[frozenset[tuple[Category, str]]], bool] | None = None
    # whether the old version states a purpose of all the data it holds ("we use all the information
    # we collect to prevent fraud"), asked only when a clause names that purpose anew
    used_for_all: Callable[[tuple[Category, str]], bool] | None = None
    # whether the old version affirms any of some (category, concept) pairs anywhere, asked only when
    # a modified clause names a kind of data anew
    old_affirms: Callable[[frozenset[tuple[Category, str]]], bool] | None = None
    # whether the old version denies any of some (category, concept) pairs anywhere ("we do not sell
    # your data"), asked only when an added clause states one of them
    old_denies: Callable[[frozenset[tuple[Category, str]]], bool] | None = None
    # whether the old version affirms one of some purposes or recipients with one of some kinds of
    # data (or of all its data) in one clause, asked only when an added clause pairs them
    old_pairs: (
        Callable[[frozenset[tuple[Category, str]], frozenset[tuple[Category, str]], bool], bool] | None
    ) = None
    # whether the old version states a period or an age, asked only when an added clause names one
    old_states: Callable[[Quantity], bool] | None = None
    # what the text the new version gained affirms, (category, member) pairs: asked only when a removed
    # clause held a right or a safeguard (each gained clause or run read once)
    gained_affirms: Callable[[], frozenset[tuple[Category, str]]] = frozenset


def classify(
    subject: Subject,
    rulebook: RuleBook,
    *,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
    context: DocumentContext | None = None,
) -> Verdict:
    """Decide one change."""
    context = context or DocumentContext()
    subject = _heading_as_lead(subject, rulebook)
    editorial = _editorial(subject, rulebook, major, context.renames)
    if editorial is not None:
        return editorial
    if subject.kind is ChangeKind.ADDED:
        # the column says what a recipient table's row is, whatever words the other cells hold
        row = _new_recipient_row(subject, context.vocabulary, major) or _new_data_row(
            subject, rulebook, context.vocabulary, major
        )
        if row is not None:
            return row
    off_topic = _off_topic(subject, context.vocabulary, rulebook)
    if off_topic is not None:
        says = "added text that shares almost none of the policy's words (injected or captured page text?)"
        return Verdict(
            (Category.OTHER,),
            Direction.NEUTRAL,
            Severity.REVIEW,
            (Reason("review.off-topic", says, off_topic, Side.NEW),),
        )
    if _moved_between_clauses(subject, context):
        trigger = (subject.new or subject.old).strip()[:80]
        return _editorial_verdict("regrouped", trigger, subject, rulebook)
    if _restated(subject, context):
        return _editorial_verdict("restated", (subject.new or subject.old).strip()[:80], subject, rulebook)
    if _definition_renamed(subject):
        # "**Services** means the hosting …" → "**Products and Services** means the hosting …": the
        # name changed, what it names did not (LABELING.md, editorial: brand renames)
        return _editorial_verdict("defined-name", changed_words(subject.edits), subject, rulebook)
    sides = _sides(subject, rulebook)
    if subject.kind is ChangeKind.MODIFIED and _said_the_other_way(sides):
        # "we share X with Y" → "Y receive X from us": one flow of data, told from the other side
        reason = Reason(
            "editorial.converse", rulebook.editorial["converse"], changed_words(subject.edits), _side(subject)
        )
        return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))
    if _same_members(subject, sides):
        reason = Reason(
            "editorial.reorder", rulebook.editorial["reorder"], changed_words(subject.edits), _side(subject)
        )
        return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))
    signals = _signals(subject, sides, rulebook, context.disclosed)
    if subject.kind is ChangeKind.MODIFIED:
        signals = _unless_elsewhere(signals, subject, sides, context)
        signals = [_as_example(s, sides) for s in signals]
    elif subject.kind is ChangeKind.REMOVED:
        signals = _protections_said_anew(signals, sides, context, rulebook)
    if (
        subject.heading  # (a link's address is no words of a heading)
        and max(len(visible_words(subject.old)), len(visible_words(subject.new))) <= _HEADING_WORDS
        # (a promise set as a heading is read: "### We share it with vendors and partners.")
        and not (stated_as_heading(subject.old) or stated_as_heading(subject.new))
    ) or (_header_row(subject.old) and _header_row(subject.new)):
        # a heading names what follows; the clauses under it say what is done (LABELING.md: headings
        # are editorial), unless the heading turns a denial round ("we do not collect" → "we collect")
        signals = [s for s in signals if s.reason.rule.endswith(_POLARITY)]
        if not signals:
            return _editorial_verdict(
                "chrome", subject.new.strip()[:80] or changed_words(subject.edits), subject, rulebook
            )
    dominant = dominant_categories(sides, rulebook) or _verb_categories(sides)
    lead_category = subject.term_categories[0] if subject.term_categories else None
    if lead_category is None and not _has_verb(sides, rulebook):
        cell = _edited_header(subject)
        # a table's column is named by its header cell, whatever its words ("Legal basis", "Shared
        # with"); a list's lead-in by the verb it says
        lead_category = (
            column_category(cell, rulebook) if cell is not subject.lead else _lead_category(cell, rulebook)
        )
    categories = [*([lead_category] if lead_category else []), *dominant]
    if not signals and (duty := _legal_duty_named(subject)) is not None:
        return duty
    if all(s.reason.rule in _CADENCE_READERS for s in signals) and (
        cadence := _safeguard_cadence_moved(subject, dominant, rulebook, major)
    ):
        return cadence  # (the cap and quantifier read of "once a year", "every quarter" are its words)
    if not signals:
        unread = _unread(subject, sides, categories, rulebook, context.vocabulary, major)
        if unread is not None:
            return unread
    elif (
        subject.kind is ChangeKind.MODIFIED
        and all(s.reason.rule == "cue.hedge" and s.direction is Direction.NEUTRAL for s in signals)
        and _more_than_the_hedge(subject, signals, rulebook)
    ):
        # "… kept for 30 days *and may be reviewed by our quality team*": a hedge reads the "may",
        # neither way; what the words beside it say is read as an unread change's are
        unread = _unread(subject, sides, categories, rulebook, context.vocabulary, major)
        if unread is not None and unread.severity in (Severity.MAJOR, Severity.REVIEW):
            return replace(unread, reasons=(*unread.reasons, *(s.reason for s in signals[:4])))
    if subject.kind is ChangeKind.MODIFIED and signals and all(s.reason.side is Side.OLD for s in signals):
        # "with our payment processor" → "with municipal planners": the known recipient that went
        # reads as narrowing; the one that came, which no rule read, is read by its statement's shape
        renamed = _new_things_inserted(subject, rulebook, context.vocabulary, major)
        if renamed is not None:
            return replace(renamed, reasons=(*renamed.reasons, *(s.reason for s in signals[:4])))
    # a rule that reads the addition as wider decides it; so does one that reads it as a new
    # right or safeguard (a protective category narrowing); anything else it may only describe
    # … and a new sentence that only denies ("messages you mark as private are not shared") is a
    # promise not to, whatever else it names
    denies = (
        subject.kind is ChangeKind.ADDED
        and any(s.reason.rule.endswith(".denial-added") for s in signals)
        and _new_words_only_denied(sides, context.vocabulary(), rulebook)
    )
    if not denies and not any(_read_as_wider_or_protective(s, rulebook) for s in signals):
        unknown = _unknown_practice(
            subject,
            categories,
            rulebook,
            context.vocabulary,
            read=bool(signals),
            major=major,
            old_sentences=context.old_sentences,
        )
        if unknown is not None:
            return unknown
    practice = _practice_kept(sides, dominant, rulebook)
    verdict = _decide(signals, dominant, lead_category, subject, rulebook, major, sides, practice)
    if (
        subject.kind is ChangeKind.ADDED
        and verdict.severity in (Severity.MINOR, Severity.EDITORIAL)
        and all(r.rule.endswith((".described", ".bounded")) for r in verdict.reasons)
        and (new := _new_to_the_old_version(subject, sides, rulebook, context, major)) is not None
    ):
        return replace(new, reasons=(*new.reasons, *verdict.reasons))
    if (
        subject.kind in (ChangeKind.MODIFIED, ChangeKind.ADDED)
        and verdict.severity is Severity.MINOR
        # (a bound read beside a new right the verdict names instead: "requests to correct your
        # data are answered within 90 days")
        and any(s.reason.rule.endswith(".bounded") for s in signals)
        and (novel := _novel_period(subject, context, _within_law(signals, rulebook))) is not None
    ):
        # "… We keep backups for ten years." joined to a clause, "Requests are answered within 90
        # days." beside a new right: a bound, but one the old version never states anywhere; a
        # lawyer decides whether it is longer than what the user was told
        says = f"a period the old version never states («{novel}»), bounding what is new to this clause"
        return replace(
            _unread_verdict(subject, verdict.categories[0], says),
            reasons=(Reason("review.unread", says, novel, Side.NEW), *verdict.reasons),
        )
    if verdict.severity is not Severity.MAJOR and subject.kind is ChangeKind.MODIFIED:
        added_kind = _row_kind_added(subject, rulebook, major)
        if added_kind is not None:
            return replace(added_kind, reasons=(*added_kind.reasons, *verdict.reasons))
    if verdict.severity is Severity.MAJOR and (swapped := _only_a_verb_swapped(subject, signals, rulebook)):
        # "The data are stocked by us" → "… stored by us": the statement's verb, in words no rule read
        # before, is now one a rule reads; whether it says the same is a lawyer's call
        says = (
            f"a verb no rule reads became «{swapped}» in one statement: a lawyer decides if it says the same"
        )
        reason = Reason("review.verb-replaced", says, swapped, Side.NEW)
        return Verdict(verdict.categories, Direction.NEUTRAL, Severity.REVIEW, (reason, *verdict.reasons))
    if verdict.severity is Severity.MAJOR and _only_cues_in_a_rewrite(subject, sides, signals):
        says = "a sentence rewritten whole: only a qualifier's going reads as adverse, a lawyer decides"
        trigger = next(s.reason.trigger for s in signals if s.direction is Direction.EXPANDS)
        reason = Reason("review.rewritten", says, trigger, Side.OLD)
        return Verdict(verdict.categories, Direction.NEUTRAL, Severity.REVIEW, (reason, *verdict.reasons))
    if subject.kind is ChangeKind.REMOVED and _practice_gone_everywhere(sides, rulebook, context):
        # a promise went with what it limited, which the new version does nowhere (LABELING.md,
        # Removals: narrows): "we may share it with advertisers, and we will tell you first" gone
        if verdict.severity is Severity.MAJOR and verdict.direction is Direction.EXPANDS:
            says = "the promise went with the practice it limited, which the new version states nowhere"
            trigger = next((r.trigger for r in verdict.reasons if r.side is Side.OLD), "")
            # the practice that went names the change ("sharing", not the notice promised for it)
            practices = [
                c for c in dominant if not rulebook.by_category(c).protective and c is not Category.NOTICE
            ]
            lead = practices[0] if practices else (verdict.categories or (Category.OTHER,))[0]
            reason = Reason(
                f"{lead.value}.went-with-its-promise", says, trigger, Side.OLD, None, Told(added=False)
            )
            ordered = (lead, *(c for c in verdict.categories if c is not lead))
            return Verdict(ordered[:3], Direction.NARROWS, Severity.MINOR, (reason, *verdict.reasons))
        return verdict
    if subject.kind is ChangeKind.REMOVED and verdict.severity in (Severity.MINOR, Severity.EDITORIAL):
        if _protections_all_said_anew(sides, context, rulebook):
            return verdict  # each right or safeguard it held, a sentence the new version gained says
        return _promise_removed(verdict, sides, rulebook) or verdict
    if (
        subject.kind is ChangeKind.MODIFIED
        and verdict.severity is Severity.MAJOR
        and verdict.direction is Direction.EXPANDS
        and all(s.reason.side is Side.OLD for s in signals if s.direction is Direction.EXPANDS)
        and (ended := _practice_now_denied(subject, rulebook)) is not None
    ):
        # "We record calls. Recordings are deleted after 30 days." → "We no longer record calls.": the
        # promise went with the practice it limited, which the clause now denies (LABELING.md,
        # Removals: narrows)
        says = f"the promise went with the practice it limited, which the new text denies («{ended}»)"
        lead = PRACTICE_CATEGORY.get(ended, verdict.categories[0] if verdict.categories else Category.OTHER)
        reason = Reason(f"{lead.value}.went-with-its-promise", says, ended, Side.NEW, None, Told(added=False))
        ordered = (lead, *(c for c in verdict.categories if c is not lead))
        return Verdict(ordered[:3], Direction.NARROWS, Severity.MINOR, (reason, *verdict.reasons))
    return verdict


def _practice_now_denied(subject: Subject, rulebook: RuleBook) -> str | None:
    """The practice class the old side states and the new side now denies, where the new side states
    no widening practice at all ("we record calls" → "we no longer record calls"), else None. Read
    clause by clause ("your consent is not required before *we pass* it on" denies the consent, not
    the act); a denial both sides hold ("you may no longer be able to use the Services") is none."""
    old_affirmed, old_denied = _practices_said(subject.old, rulebook)
    new_affirmed, new_denied = _practices_said(subject.new, rulebook)
    if new_affirmed:
        return None
    return next((action for action in old_affirmed if action in new_denied - old_denied), None)


def _practices_said(text: str, rulebook: RuleBook) -> tuple[list[str], set[str]]:
    """The widening practice classes ``text`` affirms (in order) and those it denies, clause by clause."""
    reader = practice_reader()
    affirmed: list[str] = []
    denied: set[str] = set()
    for start, end in sentences(text):
        sentence = mask_links(text[start:end])
        clauses = denial_spans(sentence, rulebook, context_denied=False)
        for verb in reader.verbs.finditer(sentence):
            act = verb.lastgroup
            if act is None or act not in WIDENING or reader.promising.match(verb.group()):
                continue
            if next((no for s, e, no in clauses if s <= verb.start() < e), False):
                denied.add(act)
            elif act not in affirmed:
                affirmed.append(act)
    return affirmed, denied


# below this share of words in common (of the changed sentences), a sentence was rewritten, not edited
_REWRITTEN = 0.5


# the qualifiers whose going alone is weak evidence in a sentence said anew, and the words of a
# restriction the new sentence may bring of its own
_QUALIFIERS = frozenset({"cue.limiter", "scope.narrower", "scope.wider"})
_RESTRICTING = frozenset({"without", "directly", "only", "solely", "exclusively", "never", "not", "no"})


def _only_a_verb_swapped(subject: Subject, signals: Sequence[Signal], rulebook: RuleBook) -> str:
    """The practice verb of the only adverse signals, when each came in place of one word no term or
    practice verb reads, and the clause's other edits name nothing a rule reads ("stocked" →
    "stored"); else ""."""
    adverse = [s for s in signals if s.direction is Direction.EXPANDS]
    if subject.kind is not ChangeKind.MODIFIED or not adverse:
        return ""
    reader = practice_reader()
    runs = edit_runs_at(subject.edits)
    # (a verb and its auxiliary: "are stocked" → "is stored")
    verbs = {
        fold(inserted)
        for deleted, inserted, _ in runs
        if 1 <= len(WORD.findall(deleted)) <= _VERB_WORDS
        and 1 <= len(WORD.findall(inserted)) <= _VERB_WORDS
        and len(rulebook.find_terms(inserted)) == 1
        and not rulebook.find_terms(deleted)
        and not reader.actions(deleted)
    }
    for found in adverse:
        category = found.category
        if (
            category is None
            or not rulebook.by_category(category).verb_swap_review
            or not found.reason.rule.endswith(".added")
            or not any(fold(found.reason.trigger) in verb.split() for verb in verbs)
            or not any(
                t.name in rulebook.by_category(category).grouped
                for t in rulebook.find_terms(found.reason.trigger)
            )
        ):
            return ""
    # (the other edits name nothing new: "data centers of OUTSCALE" → "OUTSCALE's datacenters")
    for deleted, inserted, _ in runs:
        if fold(inserted) in verbs:
            continue
        before = {(t.category, t.name) for t in rulebook.find_terms(deleted)}
        if any((t.category, t.name) not in before for t in rulebook.find_terms(inserted)):
            return ""
    return adverse[0].reason.trigger


_VERB_WORDS = 3  # a verb with its auxiliaries ("are being stocked")


def _only_cues_in_a_rewrite(subject: Subject, sides: Sides, signals: Sequence[Signal]) -> bool:
    """Whether every adverse signal is a qualifier that went ("strictly", "all") from a sentence
    rewritten whole, whose new words restrict in their own way: "all data is strictly exchanged
    encrypted" → "… occur directly over an encrypted connection, without involving our servers"
    is a lawyer's call, not a limit removed."""
    adverse = [s for s in signals if s.direction is Direction.EXPANDS]
    if subject.kind is not ChangeKind.MODIFIED or not adverse:
        return False
    if any(s.strength > CUE or s.reason.rule not in _QUALIFIERS for s in adverse):
        return False
    old = {w.casefold() for _, text in sides.old.parts() for w in WORD.findall(text)}
    new = {w.casefold() for _, text in sides.new.parts() for w in WORD.findall(text)}
    if not (old and new) or len(old & new) / len(old | new) >= _REWRITTEN:
        return False
    inserted = {w.casefold() for e in subject.edits if e.op is Op.INSERT for w in WORD.findall(e.text)}
    return bool(inserted & _RESTRICTING)


# a table's header row is its labels above the "| --- |" line under them
_SEPARATOR_ROW = lazy(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$", re.MULTILINE)


def _header_row(text: str) -> bool:
    """A table's header row: cells of a few words each over the separator line (labels, not statements)."""
    separator = _SEPARATOR_ROW.search(text)
    if separator is None:
        return False
    cells = [cell for cell in text[: separator.start()].split("|") if cell.strip()]
    return bool(cells) and all(len(WORD.findall(cell)) <= _TITLE_WORDS for cell in cells)


def _practice_gone_everywhere(sides: Sides, rulebook: RuleBook, context: DocumentContext) -> bool:
    """Whether the things a removed clause's practice acts on (its data, recipients, purposes: not its
    verbs, which every policy says again) are affirmed nowhere in the new version."""
    if context.new_affirms is None:
        return False
    things = frozenset(
        (match.category, match.name)
        for match in sides.old_profile.affirmed.values()
        if match.category is not None
        and not is_safeguard(match, rulebook)
        and match.name not in rulebook.by_category(match.category).grouped
        # (how and when changes are told, "by email", "30 days before", is the promise itself: the
        # changes it tells of go on in every version)
        and match.category is not Category.NOTICE
        # (… and so is the place data is said to stay in: "your data stays in the EU")
        and not (match.category is Category.TRANSFER and _STAYS_IN.search(sides.old.text))
    )
    return bool(things) and not context.new_affirms(things)


_STAYS_IN = lazy(
    r"\b(?i:stays?|remains?)\s+(?i:(?:only|entirely|exclusively|solely|always)\s+)?(?i:with)?in\s+(?i:the\s+)?"
    r"(?:(?i:eu|eea|european|uk|united|switzerland|canada|japan|australia|country|region)|[A-Z]\w+)\b",
)


def _promise_removed(verdict: Verdict, sides: Sides, rulebook: RuleBook) -> Verdict | None:
    """A removed clause that held a promise: adverse if its practice stays, not if it went too.

    LABELING.md (removals) decides by whether the practice the promise limited stays; what else
    the policy still says about it is not read here, so a lawyer decides.
    """
    old = sides.old_profile
    protects = {cue.id: cue for cue in rulebook.cues if cue.effect == "protects"}
    # a denial of a safeguard ("we do not encrypt …") withholds it: removing it promises nothing away
    found = [
        m.text
        for cue, matches in old.cues.items()
        if cue in protects
        for m in matches
        if not (protects[cue].on_safeguard and governs_safeguard(old, m, rulebook))
    ]
    # a safeguard, a right or a promise to tell the user, named by its verb (ontology/actions.toml)
    reader = practice_reader()
    # ("changed *without notifying* you": a notice the clause said would not be given)
    unasked = [(m.start, m.end) for m in old.cues.get("cue.unasked", [])]
    for at, sentence in sides.old.parts():
        # data said to stay where it is ("your data stays in the EU"): a promise about where it goes
        # (GDPR Art. 44), held by its verb, not by a cue
        found += [m.group() for m in _STAYS_IN.finditer(sentence)]
        if rulebook.find_terms(mask_links(sentence)):  # about the user's data, not "request a demo"
            found += [
                words
                for action, words in reader.verbs_in(sentence)
                if action in _PROMISING
                and not _denied_at(old, where := at + sentence.find(words))
                and not any(start <= where < end for start, end in unasked)
            ]
    if not found:
        return None
    category = verdict.categories[0] if verdict.categories else Category.OTHER
    trigger = ", ".join(dict.fromkeys(found))[:120]
    says = (
        f"a removed clause about {rulebook.by_category(category).topic} held a promise; "
        "if what it limited is still done, the change is adverse"
    )
    reason = Reason("review.promise-removed", says, trigger, Side.OLD, None, Told(added=False))
    categories = verdict.categories or (category,)
    return Verdict(categories, Direction.NEUTRAL, Severity.REVIEW, (reason, *verdict.reasons))


def _denied_at(found: Profile, position: int) -> bool:
    return any(start <= position < end and denied for start, end, denied in found.denials)


def _unless_elsewhere(
    signals: list[Signal], subject: Subject, sides: Sides, context: DocumentContext
) -> list[Signal]:
    """The signals of a modified clause, less those whose sentence stands in another clause:
    - moved word for word (gained here and given up there, or the mirror): a paragraph break moved
      by a sentence adds and drops nothing (LABELING.md: moved text is editorial); a list item
      reads with its lead-in, so not for one;
    - a safeguard or right that went here but whose sentence the new side gained elsewhere in other
      words (a sentence split into a list item of its own) was moved, not removed;
    - a purpose named anew for some data, where the old text states it of all the data it holds
      ("we use all the information we collect to prevent fraud"): no new use of that data;
    - a kind of data named anew in a list of what is collected, where the old text already says it
      collects that kind elsewhere, and the sentence gives it to no one (LABELING.md, Data types: "a
      data type never named before is new"; Recipients: a recipient's new kind of data is new)."""
    kinds_said = _kinds_said_before(signals, sides, context)
    out = []
    for s in signals:
        new_side = s.reason.side is Side.NEW
        if (
            new_side
            and kinds_said
            and s.direction is Direction.EXPANDS
            and _names_only(s, sides, kinds_said)
            and not _source_unknown_at(s, sides, context.vocabulary())
        ):
            says = "a kind of data the old text already says is collected, now named in this list too"
            out.append(_described(s, Category.COLLECTION, says))
            continue
        if new_side and s.reason.rule == "purpose.added" and context.used_for_all is not None:
            key = _purpose_at(s, sides)
            if key is not None and context.used_for_all(key):
                says = "a purpose the old text already states of all the data it holds, now named here"
                out.append(_described(s, Category.PURPOSE, says))
                continue
        region, pool = (sides.new, context.went) if new_side else (sides.old, context.came)
        bounds = region.sentence_at(s.reason.span[0]) if s.reason.span else None
        if bounds is not None:
            sentence = region.text[bounds[0] : bounds[1]]
            if not subject.lead and moved_in(sentence, pool):
                continue
            if (
                not new_side
                and s.direction is Direction.EXPANDS
                # (a promise a phrase rule reads is one too: "retention.deletion-removed")
                and s.reason.rule.endswith((".removed", "-removed"))
                and restated_in(sentence, context.came, besides=subject.new)
            ):
                continue
        out.append(s)
    return out


def _protections_said_anew(
    signals: list[Signal], sides: Sides, context: DocumentContext, rulebook: RuleBook
) -> list[Signal]:
    """The signals of a removed clause, less a right or safeguard it named that a sentence the new
    version gained affirms in other words ("Requests are free of charge." gone, "We do not charge
    for requests." come): the protection was said anew, not taken away (issue 13: moves)."""
    out = []
    for s in signals:
        term = next(
            (
                t
                for t in sides.old_profile.terms
                if s.reason.span and t.start == s.reason.span[0] and t.category is not None
            ),
            None,
        )
        if (
            term is not None
            and term.category is not None
            and s.reason.side is Side.OLD
            and s.direction is Direction.EXPANDS
            and s.reason.rule.endswith(".removed")
            and rulebook.by_category(term.category).protective
        ):
            key = (term.category, member_key(term, rulebook.by_category(term.category)))
            if key in context.gained_affirms():
                continue
        out.append(s)
    return out


def _protections_all_said_anew(sides: Sides, context: DocumentContext, rulebook: RuleBook) -> bool:
    """Whether a removed clause affirms a right or a safeguard, and each one it affirms a sentence
    the new version gained affirms too."""
    keys = {
        key
        for key, match in sides.old_profile.affirmed.items()
        if match.category is not None and rulebook.by_category(match.category).protective
    }
    return bool(keys) and keys <= context.gained_affirms()


def _as_example(s: Signal, sides: Sides) -> Signal:
    """A signal read from words that only give an example of a limit both sides state ("subject to
    certain exceptions, *such as where we must keep the data by law*"): a new explanation of an
    unchanged limit (LABELING.md, minor), described, neither way."""
    if s.reason.side is not Side.NEW or not s.reason.span or s.direction is Direction.NEUTRAL:
        return s
    if s.category in _NAMED_NEW:
        return s  # a party, a kind of data, a place or a model named in the example is new all the same
    start = s.reason.span[0]
    bounds = sides.new.sentence_at(start)
    if bounds is None:
        return s
    # (the last example run that opens before the signal's words)
    example = max(
        _EXAMPLE_OF_A_LIMIT.finditer(sides.new.text, bounds[0], start), key=lambda m: m.start(), default=None
    )
    if example is None or ")" in sides.new.text[example.end() : start]:
        return s
    limit = " ".join(example.group("limit").casefold().split())
    if limit not in " ".join(sides.old.text.casefold().split()):
        return s  # the limit itself is new: its example is read with it
    category = s.category or Category.OTHER
    says = f"an example of a limit both versions state («{example.group('limit')}»)"
    return _described(s, category, says)


# a general limit on a right or a promise ("certain exceptions", "some limitations") and the
# example run after it ("circumstances" or "cases" are the occasions of a practice, not its limits)
_EXAMPLE_OF_A_LIMIT = lazy(
    r"\b(?P<limit>(?:certain|some|limited|specific|other|a\s+few)\s+(?:exceptions|conditions|limitations"
    r"|restrictions))\s*,?\s*(?:such\s+as|for\s+example|for\s+instance"
    r"|e\.\s?g\.|including|like)\b",
    re.IGNORECASE,
)


_NAMED_NEW = frozenset(
    {Category.SHARING, Category.COLLECTION, Category.TRANSFER, Category.AI, Category.TRACKING}
)


def _described(s: Signal, category: Category, says: str) -> Signal:
    """``s`` read as a new description of what the old text already says (LABELING.md, minor: "a
    new explanation of an unchanged practice"): ``<category>.described``, neither way."""
    reason = replace(s.reason, rule=f"{category.value}.described", says=says)
    return replace(s, category=category, direction=Direction.NEUTRAL, reason=reason, major=False)


def _kinds_said_before(
    signals: list[Signal], sides: Sides, context: DocumentContext
) -> frozenset[tuple[Category, str]]:
    """The kinds of data the new side names anew that the old version affirms elsewhere, where the
    changed sentences of the new side only list what is collected (no use, recipient or period)."""
    # (a member joined to a list of kinds, not a sentence said anew: "We also collect your precise
    # location" restates, and may drop, the conditions the old text set on it)
    if context.old_affirms is None or not any(
        s.reason.side is Side.NEW and s.reason.rule == "cue.list-member-added" for s in signals
    ):
        return frozenset()
    found = sides.new_profile
    # (only a list of what is collected: "Registration information may include …"; data scanned,
    # kept, used or given to someone in the sentence is a practice on it, read by the other rules)
    if any(key[0] is not Category.COLLECTION for key in found.affirmed) or any(
        set(practice_reader().actions(text)) - {"collect"} for _, text in sides.new.parts()
    ):
        return frozenset()
    old_affirms = context.old_affirms
    return frozenset(
        key
        for key, match in found.affirmed.items()
        if key[0] is Category.COLLECTION
        and key not in sides.old_profile.affirmed
        # (a member is keyed by its words, "display name"; the version by its concept, "username")
        and old_affirms(frozenset({(key[0], match.name)}))
    )


# a preposition of purpose before a list: what follows is what a practice looks for or serves
_SOUGHT = lazy(
    r"\b(?:for(?!\s+(?:example|instance)\b)|to\s+(?:detect|find|identify|check|look))\b", re.IGNORECASE
)
# the signals that name a kind of data anew: the term's own, or a new member of the list
_NAMING_RULES = frozenset({"collection.added", "cue.list-member-added"})


def _names_only(s: Signal, sides: Sides, kinds: frozenset[tuple[Category, str]]) -> bool:
    """Whether ``s`` names a kind of data anew and every kind its words name is among ``kinds``
    (in a list of what is collected, not of what is looked for: "we scan messages *for* spam, scams
    and explicit images")."""
    if s.reason.rule not in _NAMING_RULES or not s.reason.span:
        return False
    start, end = s.reason.span
    bounds = sides.new.sentence_at(start)
    if bounds is not None and _SOUGHT.search(sides.new.text, bounds[0], start):
        return False
    inside = [
        key
        for key, match in sides.new_profile.affirmed.items()
        if start <= match.start < end or match.start <= start < match.end
    ]
    named = [key for key in inside if key[0] is Category.COLLECTION]
    return bool(named) and len(named) == len(inside) and all(key in kinds for key in named)


def _purpose_at(s: Signal, sides: Sides) -> tuple[Category, str] | None:
    """The purpose the new side affirms where ``s``'s trigger starts, named as a purpose ("to detect
    and prevent *fraud*", "for *marketing*"), not as a word of a party or a control ("*Advertising*
    technology companies" is a recipient no term may know)."""
    if not s.reason.span:
        return None
    start = s.reason.span[0]
    if not _PURPOSE_MARK.search(sides.new.text, max(0, start - 60), start):
        return None
    return next(
        (
            key
            for key, match in sides.new_profile.affirmed.items()
            if key[0] is Category.PURPOSE and match.start == start
        ),
        None,
    )


# "to", "for" or "against" a few words before a purpose: what it is done for ("to protect you and us
# against fraud")
_PURPOSE_MARK = lazy(r"\b(?:to|for|against)\b(?:\W+\w+){0,6}?\W+$", re.IGNORECASE)


# an added passage of this many distinct longer words, of which under this share stand anywhere in
# the old text, and in which the company never speaks ("we", "our"), speaks of something else than
# the policy: spam injected into a captured page ("bitcoin casino bonus …"), a stray article. Even a
# statutory list of new kinds of data shares more (a fifth and up: "name", "number",
# "information"); a lawyer still sees it (review).
_OFF_TOPIC_WORDS = 20
_OFF_TOPIC_VOCABULARY = 150
_COMPANY_VOICE = lazy(r"\b(?:we|us|our|ours)\b", re.IGNORECASE)
_OFF_TOPIC_SHARE = 0.15
_LONGER_WORD = 4


def _off_topic(subject: Subject, vocabulary: Callable[[], frozenset[str]], rulebook: RuleBook) -> str | None:
    """The first unknown words of an added passage that shares almost no words with the old text."""
    if subject.kind is not ChangeKind.ADDED or _COMPANY_VOICE.search(subject.new):
        return None  # the company speaks ("we now collect …"): a new section, read by the rules
    folded = (w.casefold() for w in visible_words(subject.new) if len(w) >= _LONGER_WORD)
    words = list(dict.fromkeys(w for w in folded if _content_word(w, rulebook)))
    if len(words) < _OFF_TOPIC_WORDS:
        return None
    known = vocabulary()
    if len(known) < _OFF_TOPIC_VOCABULARY:
        return None  # a short policy names too little for a new section to share its words
    unknown = [w for w in words if w not in known]
    if (len(words) - len(unknown)) / len(words) >= _OFF_TOPIC_SHARE:
        return None
    return ", ".join(unknown[:6])


def _restated(subject: Subject, context: DocumentContext) -> bool:
    """A clause that came or went whole while each of its sentences stands word for word elsewhere
    in the other version: one of two copies of "We do not sell your personal information." left,
    and the promise stays (issue 13: duplicates). A sentence of a few words ("Yes.") proves nothing;
    a table row or a list item reads with its table or lead-in, which may be another one."""
    if subject.lead or (subject.new or subject.old).lstrip().startswith("|"):
        return False
    if subject.kind is ChangeKind.REMOVED:
        text, other = subject.old, context.new_sentences
    elif subject.kind is ChangeKind.ADDED:
        text, other = subject.new, context.old_sentences
    else:
        return False
    said = folded_sentences(text)
    if not said or any(len(s.split()) < _RESTATED_WORDS for s in said):
        return False
    return said <= other()


_RESTATED_WORDS = 5


def _moved_between_clauses(subject: Subject, context: DocumentContext) -> bool:
    """An added clause the old side gave up word for word elsewhere (or the mirror): moved text;
    so is a modified clause whose every run gained or lost is whole sentences that went from, or
    came to, another clause (a paragraph break moved by a sentence).

    A list item reads with its lead-in, which may not be the one it left: it is judged as usual.
    """
    if subject.lead:
        return False
    if subject.kind is ChangeKind.ADDED:
        return moved_in(subject.new, context.went)
    if subject.kind is ChangeKind.REMOVED:
        return moved_in(subject.old, context.came)
    runs = [
        (text, pool)
        for deleted, inserted, _ in edit_runs_at(subject.edits)
        for text, pool in ((deleted, context.came), (inserted, context.went))
        if text.strip()
    ]
    # (a fragment that went, "rectify, or withdraw consent regarding", is words taken out of a
    # sentence that stays, whatever other sentence holds them)
    return bool(runs) and all(WHOLE_SENTENCES.fullmatch(text) and moved_in(text, pool) for text, pool in runs)


# a run of whole sentences: from a capital (after any markup) to a stop


def _unread(
    subject: Subject,
    sides: Sides,
    categories: list[Category],
    rulebook: RuleBook,
    vocabulary: Callable[[], frozenset[str]] = frozenset,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
) -> Verdict | None:
    """A reworded statement of practice that no rule reads: a lawyer decides (SPEC: never editorial)."""
    if subject.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return None
    whole = _whole_sentences_changed(subject)
    if _courtesies(whole, rulebook):
        # "We take the protection of your information seriously." added to a clause: a courtesy that
        # states no practice, permission or right, the meaning of the clause unchanged
        reason = Reason(
            "editorial.courtesy", rulebook.editorial["courtesy"], changed_words(subject.edits), _side(subject)
        )
        return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))
    if whole and all(is_aside(text, rulebook) for text in whole):
        # "Our headquarters are in Dublin." came: it names no practice verb, no term and neither the
        # user nor their data: an aside, no statement
        return None
    if (
        whole
        and subject.new.count(".") > subject.old.count(".")
        and all(_quiet(text, rulebook) for text in whole)
    ):
        # "You can choose the language the app is shown in." came: the user's option over the
        # software, or what it runs on, naming no practice: described, as such a paragraph is
        category = categories[0] if categories else Category.OTHER
        says = f"a sentence about {rulebook.by_category(category).topic} came that states no practice"
        reason = Reason(
            f"{category.value}.described",
            says,
            changed_words(subject.edits),
            Side.NEW,
            None,
            Told(added=True),
        )
        return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    if _one_period_said_again(subject, rulebook):
        return None  # "after two years" → "after 24 months": one period in other units
    reader = practice_reader()
    sentences = [text for region in (sides.old, sides.new) for _, text in region.parts()]
    category = categories[0] if categories else Category.OTHER
    topic = rulebook.by_category(category).topic
    if (
        subject.defines
        and any(_content_word(w, rulebook) for w in chain(*_words_that_went_and_came(subject, sides)))
        and _meaning_words(subject.old, rulebook) != _meaning_words(subject.new, rulebook)
    ):
        # '"Personal information" means … that identifies you' → '… or could be linked to you': what
        # every promise using the term covers changed; no rule reads which way
        says = f"the definition of «{subject.defines}» changed, and with it every clause that uses it"
        return _unread_verdict(subject, category, says)
    if _flow_turned(sides):
        # "we share X with Y" → "Y share X with us": the same words, the data now flows the other way
        says = f"who gives data to whom, or how surely, changed in a statement about {topic}"
        return _unread_verdict(subject, category, says)
    if _polar_swapped(subject):
        # "Face grouping stays off until you switch it on" → "… on until you switch it off": a state
        # and its opposite swapped, whatever verb says it (never a rewording)
        says = f"a state and its opposite swapped places in a statement about {topic}, and no rule reads it"
        return _unread_verdict(subject, category, says)
    if not any(reader.states_practice(sentence, rulebook) for sentence in sentences):
        if subject.lead and category in _NAMED_PARTY_CATEGORIES and _names_changed(subject, rulebook, sides):
            # "| Acme Mail | Email delivery |" → "| Acme Post | … |" under a "Recipient" column
            return _name_changed(subject, category, topic, rulebook)
        if _member_joined_to_what_we_do(subject, rulebook):
            # "our keyboard learns your typing style *and the words you type*": one more thing the
            # company does or reads, in a verb no ontology names (issue 13: never fail open)
            says = f"something was added to what we do, in words no rule reads ({topic})"
            return _unread_verdict(subject, category, says)
        # "comments you post are public *and may be quoted in our articles*": one more thing done
        # with what is the user's, in a verb no ontology names
        return _more_done_with_yours(subject, category, topic)
    if _consequence_said(subject, rulebook):
        # "…, but some features may not work": what follows the user's choice, not a practice
        # (LABELING.md, minor: "new descriptions that add no permission")
        says = f"what follows for the user in {topic} is described, with no practice or permission in it"
        told = Told(added=bool(subject.new))
        reason = Reason(
            f"{category.value}.described", says, changed_words(subject.edits), _side(subject), None, told
        )
        return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    raw = _words_that_went_and_came(subject, sides)
    went, came = _still_meant(*raw, sides, rulebook)
    # a practice verb its side did not file states no practice ("we use appropriate security
    # measures": its object protects)
    went = _filed_verbs_only(went, sides.old_profile, reader)
    came = _filed_verbs_only(came, sides.new_profile, reader)
    content = [word for word in (*went, *came) if _content_word(word, rulebook)]
    # a practice that can widen, stated, not denied: "we do not share it with *any* third parties"
    # widens nothing
    widening = any(
        WIDENING.intersection(reader.actions(sentence[start:end]))
        for sentence in sentences
        for start, end, denied in denial_spans(sentence, rulebook, context_denied=False)
        if not denied
    )
    # the company's firm promise ("we will tell you if there is a breach"): when it binds is read
    # as a practice's condition is ("… a breach *that is likely to harm you*")
    # (a condition both sides set: one said anew, "if we make changes, we will tell you", is a rewording)
    bound = widening or (
        any(COMPANY_PROMISE.search(sentence) for sentence in sentences)
        and all(
            any(reader.opens_condition(text) for _, text in region.parts())
            for region in (sides.old, sides.new)
        )
    )
    # "if you have any questions": a filler in a condition sets none
    conditioned = any(word not in _FILLERS for word in content) and (
        reader.conditioned(
            subject.old, _edit_spans(subject.edits, Op.DELETE), widening=bound, other=subject.new
        )
        or reader.conditioned(
            subject.new, _edit_spans(subject.edits, Op.INSERT), widening=bound, other=subject.old
        )
    )
    # new things named in an item of a list of what is collected, used, shared or kept
    # ("We may collect: … contact information, including … and phone number")
    visible = {word.casefold() for word in WORD.findall(mask_links(subject.new))}
    listed = [word for word in came if _content_word(word, rulebook) and word.casefold() in visible]
    # (the lead-in may stand inside the clause: "… falls into the following categories:" then its items)
    opener = subject.lead or _inline_opener(subject.new)
    named = len(listed) >= _NOVEL_WORDS and any(action in WIDENING for action in reader.actions(opener))
    if came and (known := vocabulary()):
        found = _new_things(subject, rulebook, known, major, inserted=came)
        if found is not None:
            return found
    # how a right is used ("at any time" → "by contacting support", "in Settings" → "by email")
    # is the right itself (LABELING.md: "fewer or harder-to-use rights"): a lawyer reads it
    # "you have the right to" → "you are entitled to": the grant said another way is no change of use
    granting = {
        word.casefold()
        for sentence in sentences
        if (opening := USER_RIGHT.match(sentence))
        for word in WORD.findall(opening.group())
    }
    # (the words of the grant's own clause: what follows ", but" or "; however" is a consequence)
    granted_words = {
        word.casefold()
        for sentence in sentences
        if USER_RIGHT.match(sentence)
        for word in WORD.findall(CONTRAST.split(sentence, maxsplit=1)[0])
    }
    used = any(
        word.casefold() not in granting
        and word.casefold() in granted_words
        and word.casefold() not in _CONNECTIVES
        for word in content
    ) and any(
        USER_RIGHT.match(sentence)
        and (
            "rights" in reader.actions(sentence)
            or bool(reader.granted_rights(sentence))  # "you can see …, correct … or delete …"
            or reader.promising.search(sentence) is not None  # "you can delete …": the user's erasure
            or any(term.category is Category.RIGHTS for term in rulebook.find_terms(mask_links(sentence)))
        )
        for sentence in sentences
    )
    # a sentence granting the user something ("You can manage them in your browser") gone whole
    # or come whole: what the user may do changed, whatever verb says it
    # ("you may request deletion of …" → "you can ask us to delete …": the same right, said anew)
    used = used or any(
        USER_RIGHT.match(text.strip()) is not None
        and _gone_whole(text, other)
        and not _same_rights(text, other, reader, rulebook)
        for region, other in ((sides.old, subject.new), (sides.new, subject.old))
        for _, text in region.parts()  # (a region's parts are its changed sentences)
        if text.strip()
    )
    if _polarity_flipped(subject):
        # "We have appointed a Data Protection Officer." → "We have not …": a yes became a no (or
        # back) in words no rule reads; never a rewording
        says = f"a statement about {topic} turned from yes to no (or back), and no rule reads it"
        return _unread_verdict(subject, category, says)
    if _joined_or_parted(subject, rulebook):
        return None  # two sentences said as one (or one as two) in the same words: a rewording
    # "as required by *any* applicable law": the reach of a legal duty, none of a practice
    reaching = {
        m.group().casefold()
        for m in _WIDE_WORD.finditer(subject.new)
        if LAW_REACH.match(subject.new, m.start())
    }
    came = [word for word in came if word.casefold() not in reaching]
    # the party a practice or a safeguard names was replaced ("restricted to your care team" → "to
    # our staff"): who may receive or see the data changed, in words no rule reads
    audience = _audience_changed(subject, rulebook) or _owner_dropped(subject)
    if used and not (conditioned or named or audience) and (means := _means_told(subject, rulebook)):
        # "you can withdraw your consent at any time *in your account settings*": where the user does
        # it alone is told, nothing taken from the right (CCPA § 1798.130(a)(1): the methods are part
        # of the notice); a request in its place ("by contacting us") is harder, and read above
        says = f"how you use a right yourself is told («{means}»), with nothing taken from it"
        told = Told(added=True)
        reason = Reason("rights.described", says, means, Side.NEW, None, told)
        return Verdict((Category.RIGHTS,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    if (
        conditioned
        or named
        or used
        or audience
        or reader.changes_meaning(went, came, rulebook, widening=widening)
    ):
        says = f"a statement about {topic} was reworded and no rule reads it"
        return _unread_verdict(subject, category, says)
    if widening and subject.kind is ChangeKind.MODIFIED and _qualifier_went(subject, sides, reader, rulebook):
        # "we share your data with partners *in a clean room that keeps your identity from them*"
        # → "… with partners": words that said how or where a practice is done went, and no rule
        # reads them (issue 13: an edit with no lexicon hit is never editorial by default)
        says = f"words that qualified a statement about {topic} were removed, and no rule reads them"
        return _unread_verdict(subject, category, says)
    if subject.kind is ChangeKind.MODIFIED and (swap := _protection_swapped(sides, rulebook)) is not None:
        # "we rely on standard contractual clauses" → "… on adequacy decisions": one safeguard of a
        # concept named for another (GDPR Arts. 45-47 offer each), whether as strong a lawyer reads
        says = f"one safeguard named for another («{swap[0].text}» → «{swap[1].text}»), and no rule reads it"
        return _unread_verdict(subject, swap[1].category or category, says)
    if subject.kind is ChangeKind.MODIFIED and _denial_qualified(subject, sides, came, rulebook):
        # "we do not sell personal information, as defined by the CCPA" → "… *for money*": words that
        # came inside a denial may leave out of it what it denied (LABELING.md: a promise narrowed)
        says = (
            f"words that came inside a denial about {topic} may narrow what it denies, and no rule reads them"
        )
        return _unread_verdict(subject, category, says)
    if subject.kind is ChangeKind.MODIFIED and (guarded := _safeguard_qualifier_went(subject, rulebook)):
        # "industry-standard encryption" → "encryption": what said how strong a safeguard is went
        # (LABELING.md: weaker security commitments), in words no rule reads
        topic = rulebook.by_category(guarded).topic
        says = f"words that said how strong a safeguard is were removed ({topic}), and no rule reads them"
        return _unread_verdict(subject, guarded, says)
    if _practice_date_moved(*raw, sides, reader, rulebook):
        # "Starting 1 January 2025, we will stop sharing …" → "… 2027": when the practice holds
        says = f"the date a statement about {topic} takes effect moved, and no rule reads it"
        return _unread_verdict(subject, category, says)
    if _practice_count_changed(*raw, sides, reader, rulebook):
        # "we keep up to 5 backups" → "10", "a fee of $10" → "$25", "every 15 minutes" → "5": how
        # much, how many or how often a practice happens, in words no number rule reads
        says = f"a number in a statement about {topic} changed, and no rule reads it"
        return _unread_verdict(subject, category, says)
    if _yours_named(came, sides, reader, rulebook):
        # "your employer can see whether you completed the training" → "… your training scores": a
        # thing of the user's, named anew in what a practice acts on, in words no term names
        says = f"something of yours is newly named in a statement about {topic}, in words no rule reads"
        return _unread_verdict(subject, category, says)
    if (more := _more_done_with_yours(subject, category, topic)) is not None:
        return more
    if _practice_period_changed(subject, sides, reader, rulebook):
        # "deleted at the end of each day" → "… each week", "for the school year" → "for the school
        # year and the following year": how long or how often, said in words no number rule reads
        says = f"a period in a statement about {topic} changed, and no rule reads it"
        return _unread_verdict(subject, category, says)
    if category in _NAMED_PARTY_CATEGORIES and _names_changed(subject, rulebook, sides):
        return _name_changed(subject, category, topic, rulebook)
    if any(len(_content_words_of(text, rulebook)) >= 2 and OF_THE_USER.search(text) for text in whole):
        # "We look at which pages you open." added to a clause that states a practice: a sentence
        # of its own about the user or their data, in words no rule reads, is never a rewording
        # (issue 13: never fail open); "Our headquarters are in Dublin." speaks of neither
        where = "added to" if subject.new else "removed from"
        says = f"a sentence was {where} a statement about {topic}, in words no rule reads"
        return _unread_verdict(subject, category, says)
    acting = [text for text in whole if reader.states_practice(text, rulebook)]
    if acting:
        # "We record support calls." gone from beside what stays: a statement of the company's practice
        # went whole, in words no lexicon names (issue 13: never fail open); a practice that widens,
        # gone, narrows (LABELING.md, Removals); come, or of any other kind, a lawyer reads it
        gone_whole = _went_whole(subject, acting)
        acts = {act for text in acting for act in reader.actions(text)}
        if gone_whole and acts and acts <= WIDENING:
            gone = acting[0].strip()[:80]
            says = f"a sentence stating a practice went from a statement about {topic} («{gone}»)"
            reason = Reason(f"{category.value}.removed", says, gone, Side.OLD)
            return Verdict((category,), Direction.NARROWS, Severity.MINOR, (reason,))
        where = "removed from" if gone_whole else "added to"
        says = f"a sentence stating a practice was {where} a statement about {topic}, in words no rule reads"
        return _unread_verdict(subject, category, says)
    return None  # names, numbers, addresses, markup: the editorial rules' reading stands


def _denial_qualified(subject: Subject, sides: Sides, came: Sequence[str], rulebook: RuleBook) -> bool:
    """Whether words of substance that came (``came``: not the same meaning in other words) stand in
    an inserted run inside a clause that denies a practice that can widen."""
    reader = practice_reader()
    denied = [
        (start, end)
        for start, end, denies in sides.new_profile.denials
        if denies and WIDENING.intersection(reader.actions(sides.new.text[start:end]))
    ]
    # ("… to *any* publishers", "… *in any way*": a widener inside a denial bounds nothing)
    bounds_nothing = reader.wideners | reader.quantifiers | _FILLERS | {"way", "ways", "manner"}
    fresh = {w.casefold() for w in came if _content_word(w, rulebook)} - bounds_nothing
    # ("third parties" → "third-party companies": one concept both sides name, and its head noun)
    text = sides.new.text
    same = [
        (start, end + (len(head.group()) if (head := _HEAD_NOUN.match(text, end)) else 0))
        for start, end in _concepts_on_both_sides(sides).get(Op.INSERT, [])
    ]
    at = 0
    for edit in subject.edits:
        if edit.op is Op.INSERT and any(s <= at < e for s, e in denied):
            for word in WORD.finditer(edit.text):
                inside = any(s <= at + word.start() < e for s, e in same)
                if word.group().casefold() in fresh and not inside:
                    return True
        if edit.op is not Op.DELETE:
            at += len(edit.text)
    return False


def _protection_swapped(sides: Sides, rulebook: RuleBook) -> tuple[Match, Match] | None:
    """A protecting concept of a practice's category (``protects``: a transfer's safeguards) named
    by one instrument gone and another come, as (old, new), else None."""

    def protecting(profile: Profile) -> dict[tuple[Category, str], Match]:
        found = {}
        for key, match in profile.affirmed.items():
            rules = rulebook.by_category(key[0])
            # (a protective category's own concepts, "protect" or "keep safe", name one act in
            # other words; a practice's protecting concepts list instruments of their own)
            if not rules.protective and match.name in rules.protects and match.name not in rules.grouped:
                found[key] = match
        return found

    old, new = protecting(sides.old_profile), protecting(sides.new_profile)
    gone = [m for k, m in old.items() if k not in new]
    came = [m for k, m in new.items() if k not in old]
    for was in gone:
        now = next((m for m in came if m.category is was.category and m.name == was.name), None)
        if now is not None:
            return was, now
    return None


# the word right after a term, as its head noun ("third-party *companies*")
_HEAD_NOUN = lazy(r"\s+[a-z]+")


def _basis_swapped(chosen: Sequence[Signal]) -> bool:
    """Whether one legal basis went and another came in the same clause (no swap rule read them)."""
    rules = {s.reason.rule for s in chosen}
    return {"legal_basis.added", "legal_basis.removed"} <= rules


def _definition_renamed(subject: Subject) -> bool:
    """Whether a definition gives its term another name and says the same of it."""
    if subject.kind is not ChangeKind.MODIFIED:
        return False
    names = defined_term(subject.old), defined_term(subject.new)
    if None in names or fold(names[0] or "") == fold(names[1] or ""):
        return False
    body = definition_body(subject.old)
    return body is not None and bool(body.strip()) and body == definition_body(subject.new)


def _meaning_words(text: str, rulebook: RuleBook) -> set[str]:
    """The words of substance of a definition, each term of the rule book read as its concept
    ("sharing" and "disclosing" are one act) and "any" left out ("any information that identifies
    you" is the information that does)."""
    folded = fold(mask_links(text))
    terms = [t for t in rulebook.find_terms(folded) if t.category is not None]
    concepts = {f"{t.category.value}.{t.name}" for t in terms if t.category is not None}
    rest = list(folded)
    for t in terms:
        rest[t.start : t.end] = " " * (t.end - t.start)
    words = WORD.findall(canonical("".join(rest)))
    return concepts | {w for w in words if w not in rulebook.editorial_words and w not in ("any", "all")}


def _inline_opener(text: str) -> str:
    """The sentence that opens a list inside a clause ("We may collect the following:" on a line
    of its own, items below it), or ""."""
    line = _OPENING_LINE.search(text)
    return (list_opener(line.group(1)) or "") if line else ""


_OPENING_LINE = lazy(r"(?m)^(.*:)[ \t]*\n(?=(?:[ \t]*\n)*[ \t]*(?:[-*+•]|\d{1,2}[.)])\s)")


def _unread_verdict(subject: Subject, category: Category, says: str) -> Verdict:
    """A change no rule reads, sent to review with what it says and the words that changed."""
    reason = Reason("review.unread", says, changed_words(subject.edits), _side(subject))
    return Verdict((category,), Direction.NEUTRAL, Severity.REVIEW, (reason,))


# where a named party or place fills a role one for another (recipients, places, officers)
_NAMED_PARTY_CATEGORIES = (Category.SHARING, Category.TRANSFER, Category.CONTACT)


def _name_changed(subject: Subject, category: Category, topic: str, rulebook: RuleBook) -> Verdict:
    """One named party for another in the same role: neutral (LABELING.md, recipients; a new
    officer or representative named: contact, minor). A company named anew where the controller
    is named, the old text naming none there, goes to review: a successor or a joint controller is
    major (GDPR Arts. 13(1)(a), 26), the company naming itself is not, and only a lawyer knows which."""
    if _controller_named_anew(subject, rulebook):
        says = (
            "a company is named anew where the controller is named: "
            "who is responsible for your data may have changed"
        )
        return _unread_verdict(subject, Category.CONTACT, says)
    says = f"a named party or place changed in a statement about {topic}"
    reason = Reason(f"{category.value}.name-changed", says, changed_words(subject.edits), _side(subject))
    return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))


def _controller_named_anew(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether a sentence naming the controller names a company by its legal form that the old
    text did not name ("The data controller (from 1 March, Northwind Ltd) is …")."""
    came = entity_keys(subject.new) - entity_keys(subject.old)
    if not came:
        return False
    for start, end in sentences(subject.new):
        sentence = subject.new[start:end]
        if entity_keys(sentence) & came and any(
            term.category is Category.CONTACT and term.name == "controller"
            for term in rulebook.find_terms(sentence)
        ):
            return True
    return False


def _polarity_flipped(subject: Subject) -> bool:
    """Whether a negating word ("not", "never", "no", "n't") came or went, outside a quoted label
    ("Do Not Sell My Personal Information") and not as a negated antonym ("improperly" → "not
    properly"). A table's cells ("N/A (no transfer)" → "No") are read by their columns instead."""
    if subject.old.lstrip().startswith("|") or subject.new.lstrip().startswith("|"):
        return False
    if _whole_sentences_changed(subject):
        return False  # a sentence came or went whole: no statement turned (another rule reads it)
    if _polar_swapped(subject):
        return True  # "off until you turn it on" → "on until you turn it off"
    old, new = mask_labels(subject.old), mask_labels(subject.new)
    if len(_NEGATING.findall(old)) == len(_NEGATING.findall(new)):
        return False
    went = {w.casefold() for e in subject.edits if e.op is Op.DELETE for w in WORD.findall(e.text)}
    came = {w.casefold() for e in subject.edits if e.op is Op.INSERT for w in WORD.findall(e.text)}
    antonyms = any(
        word.startswith(prefix) and word[len(prefix) :] in other
        for words, other in ((went, came), (came, went))
        for word in words
        for prefix in _NEGATIVE_PREFIXES
    )
    return not antonyms


# ("no longer than", "no later than", "no more than" bound a number, "when we no longer need it"
# sets a time: no negation; nor does "no method is completely secure", the perfect security no one
# promises, as cue.negation reads it)
_NEGATING = lazy(
    r"\b(?:not|never|none|nothing|neither|nor|cannot)\b"
    r"|\bno\b(?!\s+(?:longer|later|more|less|fewer)\s+than\b|\s+longer\s+(?:needs?|needed|necessary|required)\b"
    r"|\s+(?:[\w-]+\s+){0,7}?(?:is|are|can\s+be)\s+(?:ever\s+)?(?:completely|100\s*%|totally|perfectly|fully"
    r"|entirely|absolutely)\s+(?:secure|safe|impenetrable|error-free|foolproof|invulnerable)\b)"
    r"|n['’]t\b",
    re.IGNORECASE,
)
_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


def _gone_whole(sentence: str, other: str) -> bool:
    """Whether most of the sentence's words stand nowhere on the other side: it went (or came) whole."""
    words = [w.casefold() for w in visible_words(sentence)]
    there = {w.casefold() for w in visible_words(other)}
    return bool(words) and sum(w in there for w in words) * 2 < len(words)


def _same_rights(sentence: str, other: str, reader: PracticeReader, rulebook: RuleBook) -> bool:
    """Whether ``sentence`` grants some right and ``other`` grants the same ones, in whatever words."""

    def rights(text: str) -> set[str]:
        named = {name for name, _, _ in reader.granted_rights(text)}
        terms = rulebook.find_terms(mask_links(text))
        return named | {t.name for t in terms if t.category is Category.RIGHTS and t.name not in _RIGHT_WORDS}

    granted = rights(sentence)
    return bool(granted) and granted == rights(other)


# the rights category's names for a right in general, which grant nothing in particular
_RIGHT_WORDS = frozenset({"right"})


def _one_sentence_each(sides: Sides) -> tuple[str, str] | None:
    olds = [text for _, text in sides.old.parts()]
    news = [text for _, text in sides.new.parts()]
    return (olds[0], news[0]) if len(olds) == len(news) == 1 else None


def _said_the_other_way(sides: Sides) -> bool:
    """Whether the one changed sentence of each side states the same flow of data."""
    pair = _one_sentence_each(sides)
    return pair is not None and same_flow(*pair)


def _flow_turned(sides: Sides) -> bool:
    """Whether the one changed sentence of each side states a flow of the same data with the same
    party, that now runs the other way or is said with other modal words."""
    pair = _one_sentence_each(sides)
    if pair is None:
        return False
    before, after = flow(pair[0]), flow(pair[1])
    return (
        before is not None
        and after is not None
        and (before.data, before.party) == (after.data, after.party)
        and (before.relation, before.modality) != (after.relation, after.modality)
    )


def _joined_or_parted(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether one side says in more sentences what the other says in fewer, with the same content
    words ("We collect it when you register. We also collect it when you call." → "… when you
    register or call."): the statements are the same."""
    if len(sentences(subject.old)) == len(sentences(subject.new)):
        return False

    def content(text: str) -> set[str]:
        return {
            w.casefold() for w in visible_words(text) if w.casefold() not in rulebook.editorial_words
        } - _JOINING_WORDS

    return content(subject.old) == content(subject.new)


# words that join or restate what two sentences say once joined: "also", "too", pronouns
_JOINING_WORDS = frozenset(
    {"also", "too", "and", "or", "it", "its", "they", "them", "this", "these", "we", "you"}
)


def _member_joined_to_what_we_do(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether an insertion joins new words to a list ("… and the words you type") in a sentence
    whose subject is the company or its product ("we", "our keyboard")."""
    for start, end in _edit_spans(subject.edits, Op.INSERT):
        inserted = subject.new[start:end]
        joint = _JOINED.match(inserted)
        if joint is None:
            continue
        words = [
            w for w in WORD.findall(inserted[joint.end() :]) if w.casefold() not in rulebook.editorial_words
        ]
        if not words:
            continue
        for begin, finish in sentences(subject.new):
            if begin <= start < finish and _OUR_SUBJECT.match(subject.new, begin):
                # "… in accordance with this notice and our Terms": a document named, no practice
                return DOCUMENT_REFERENCE.search(subject.new[begin:start]) is None
    return False


def _more_done_with_yours(subject: Subject, category: Category, topic: str) -> Verdict | None:
    """Review, when an insertion joins a passive predicate to a sentence about what is the user's."""
    if not _done_to_yours_joined(subject):
        return None
    says = f"something more is done with what is yours, in words no rule reads ({topic})"
    return _unread_verdict(subject, category, says)


def _done_to_yours_joined(subject: Subject) -> bool:
    """Whether an insertion joins a passive predicate ("and may be quoted …") to a sentence whose
    subject is the user's ("your photos", "comments you post")."""
    for start, end in _edit_spans(subject.edits, Op.INSERT):
        inserted = subject.new[start:end]
        joint = _JOINED.match(inserted)
        if joint is None:
            continue
        if (
            _ONE_VERB.fullmatch(inserted, joint.end())
            and _ON_YOURS.match(subject.new, end)
            and (before := _SOMEONE_MAY.search(subject.new, 0, start)) is not None
            and not _USER_MAY.search(subject.new, max(0, before.start() - 40), before.end())
        ):
            return True  # "your admin can see *and export* your chats": one more act of another's (or
            # the company's) on what is the user's
        if not _PASSIVE.match(inserted, joint.end()):
            continue
        for begin, finish in sentences(subject.new):
            if begin <= start < finish and _YOURS_SUBJECT.match(subject.new, begin):
                return True
    return False


# one verb joined to another's ("can see *and export*"), acting on what is the user's
_ONE_VERB = lazy(r"[a-z]+\s*")
_ON_YOURS = lazy(r"\s*(?:(?:all|a\s+copy\s+of|copies\s+of)\s+)?your\b", re.IGNORECASE)
_SOMEONE_MAY = lazy(r"\b(?:can|may|could|might|will)\s+(?:also\s+)?[a-z]+\s*$", re.IGNORECASE)
_USER_MAY = lazy(r"\byou\s+(?:also\s+)?(?:can|may|could|might|will)\b", re.IGNORECASE)


# a passive predicate: "may be quoted", "is also shown", "can be downloaded", "will be made public"
_PASSIVE = lazy(
    r"(?:(?:may|might|can|could|will|would)\s+)?(?:also\s+)?(?:be|is|are|get|gets)\s+(?:also\s+)?"
    r"(?:[a-z]+(?:ed|en|wn|ght|id|ade)|made|kept|sent|shown|seen|sold|told|read|put|set)\b",
    re.IGNORECASE,
)
# a sentence whose subject is the user's: "your photos", "comments you post", "the files you upload"
_YOURS_SUBJECT = lazy(
    r"\W*(?:your\b|(?:the\s+|any\s+|all\s+)?\w[\w-]{0,40}(?:\s+\w[\w-]{0,40})?\s+(?:that\s+|which\s+)?you\s+"
    r"(?:post|share|upload|submit|provide|create|send|write|give|enter|make|store|add|publish)\w*)\b",
    re.IGNORECASE,
)
# an insertion that joins a list: "and …", "or …", ", …", "as well as …"
_JOINED = lazy(r"\s*(?:,\s*|\b(?:and|or|as\s+well\s+as|plus)\b\s*)+", re.IGNORECASE)
# a sentence whose subject is the company or one of its products ("we", "our app", "our smart TV");
# named as the company's, since the verb here is one no ontology names ("our keyboard learns …"):
# signals._PRODUCT_SUBJECT also takes "the doorbell …", but only before a known practice verb
_OUR_SUBJECT = lazy(r"\W*(?:we|our(?:\s+[\w-]+){1,3}?\s+(?!is\b|are\b|was\b|were\b)[a-z]+s)\b", re.IGNORECASE)


# words that set no condition of their own inside one: fillers, and the prepositions a wording fix
# swaps ("log within the Service" → "log in to the Service")
_FILLERS = frozenset({"any", "kindly", "also", "just", "within", "into", "onto", "upon"})


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens its sentence (the text's, a line's, or after a full stop)."""
    before = text[max(0, start - 200) : start]
    kept = before.rstrip(" \t")
    spaced = kept != before
    return start == 0 or kept.endswith("\n") or spaced and kept.endswith((".", "?", "!", ":", ";"))


def _names_changed(subject: Subject, rulebook: RuleBook, sides: Sides) -> bool:
    """Whether an edit holds a proper name: a capitalised word that does not start its sentence and
    is no common word of a policy ("Notice" → "Policy": the document's own name); one that is a
    term of a concept both sides name is none ("How We Share" → "How We Disclose",
    "the United States" → "the U.S.": one practice or place in other words), nor is one the
    other side holds in the same words, reordered."""
    texts = {Op.DELETE: subject.old, Op.INSERT: subject.new}
    at = {Op.DELETE: 0, Op.INSERT: 0}
    same = _concepts_on_both_sides(sides)
    if _words_reordered(subject.old, subject.new):
        return False  # the same words in another order ("Utah residents" → "Residents of Utah")
    for edit in subject.edits:
        if edit.op is Op.EQUAL:
            at[Op.DELETE] += len(edit.text)
            at[Op.INSERT] += len(edit.text)
            continue
        text = texts[edit.op]
        if whole_sentences_at(edit.text, text, at[edit.op]):
            at[edit.op] += len(edit.text)
            continue  # (a sentence gone or come whole names no party in another's place)
        for word in WORD.finditer(edit.text):
            start = at[edit.op] + word.start()
            if (
                word.group()[:1].isupper()
                and word.group().casefold() not in rulebook.editorial_words
                and not _starts_sentence(text, start)
                and not any(s <= start < e for s, e in same.get(edit.op, ()))
            ):
                return True
        at[edit.op] += len(edit.text)
    return False


# the words that turn a name's order about ("Utah residents" → "residents of Utah")
_ORDER_WORDS = frozenset({"of", "the", "in", "from", "s"})


def _words_reordered(old: str, new: str) -> bool:
    """Whether two texts hold the same words, case and the words of order aside."""
    words = [
        Counter(w for w in WORD.findall(text.casefold()) if w not in _ORDER_WORDS) for text in (old, new)
    ]
    return words[0] == words[1]


def _concepts_on_both_sides(sides: Sides) -> dict[Op, list[tuple[int, int]]]:
    """The spans of each side's terms whose concept the other side names too, by the edit that
    would hold them (deleted words on the old side, inserted on the new)."""
    old = {(t.category, t.name) for t in sides.old_profile.terms}
    new = {(t.category, t.name) for t in sides.new_profile.terms}
    return {
        Op.DELETE: [(t.start, t.end) for t in sides.old_profile.terms if (t.category, t.name) in new],
        Op.INSERT: [(t.start, t.end) for t in sides.new_profile.terms if (t.category, t.name) in old],
    }


def _still_meant(
    went: list[str], came: list[str], sides: Sides, rulebook: RuleBook
) -> tuple[list[str], list[str]]:
    """The words that went or came without their meaning still standing on the other side.

    A term whose concept the other side's sentences still hold ("share/disclose" → "disclose")
    and a cue word whose cue the other side counts as often, for its subject ("you can" → "you
    may": no hedge of ours), change nothing.
    """
    held = [{(t.category, t.name) for t in found.terms} for found in (sides.old_profile, sides.new_profile)]
    counts = [
        {cue: len(matches) for cue, matches in found.cues.items()}
        for found in (sides.old_profile, sides.new_profile)
    ]

    # the words of a term whose concept both sides hold ("third parties" → "third-party companies"),
    # with the preposition its verb takes ("opt out *of*" → "unsubscribe *from*")
    kept = [
        {
            w.casefold()
            for t in found.terms
            if (t.category, t.name) in held[1 - side]
            for w in (*WORD.findall(t.text), *_preposition_after(region.text, t.end))
        }
        for side, (found, region) in enumerate(
            ((sides.old_profile, sides.old), (sides.new_profile, sides.new))
        )
    ]

    # the head noun a term's words took on ("phone" → "phone number", "IP" → "IP address"): the
    # words before it stood on the other side, the term names what they named
    old_words = [set(WORD.findall(fold(text))) for text in (sides.old.text, sides.new.text)]
    headed = [
        {
            WORD.findall(fold(t.text))[-1]
            for t in found.terms
            if len(WORD.findall(t.text)) > 1
            and set(WORD.findall(fold(t.text))[:-1]) <= old_words[1 - side]
            and WORD.findall(fold(t.text))[-1] in HEAD_NOUNS
        }
        for side, found in enumerate((sides.old_profile, sides.new_profile))
    ]

    def stays(word: str, other: int) -> bool:
        concepts = {(m.category, m.name) for m in rulebook.find_terms(word)}
        if concepts and concepts <= held[other] or word.casefold() in kept[1 - other]:
            return True
        if word.casefold() in headed[1 - other]:
            return True
        cue = rulebook.cue_index.search(word)
        return cue is not None and counts[0].get(cue.name, 0) == counts[1].get(cue.name, 0)

    # numbers spelled out on one side and in figures on the other ("six years" → "6 years"), when
    # both sides say the same numbers ("30" → "thirty (60)" says one more)
    values = [sorted(v for w in words if (v := value_of(w)) is not None) for words in (went, came)]
    same = values[0] == values[1]
    # … and words only another wording of equivalents.toml ("where we" → "if we", "at any time" →
    # "whenever you want", "personal information" → "personal data"), read over the whole clause,
    # as the phrases may span more than one edit
    read = [Counter(canonical(fold(mask_links(text))).split()) for text in (sides.old.text, sides.new.text)]
    really = (read[0] - read[1], read[1] - read[0])
    return (
        [
            w
            for w in went
            if not stays(w, 1) and not (same and value_of(w) is not None) and w.casefold() in really[0]
        ],
        [
            w
            for w in came
            if not stays(w, 0) and not (same and value_of(w) is not None) and w.casefold() in really[1]
        ],
    )


# words that join or place, no way of using a right of their own ("through your settings" = "in your
# settings"; a condition word is read as a condition)
_CONNECTIVES = frozenset(
    {
        "and",
        "or",
        "but",
        "however",
        "so",
        "yet",
        "if",
        "then",
        "through",
        "via",
        "in",
        "using",
        "by",
        "with",
        "from",
        "on",
        "at",
    }
)


def _qualifier_went(subject: Subject, sides: Sides, reader: PracticeReader, rulebook: RuleBook) -> bool:
    """Whether a run of words went whole from after a practice its sentence states, nothing coming
    in its place, holding a few content words and no pointer to another text ("as described below")
    nor a table's cells; or a noun's restrictive clause went, its noun said again ("the service *you
    requested*" → "our services")."""
    came = [w for e in subject.edits if e.op is Op.INSERT for w in _content_words_of(e.text, rulebook)]
    visible = mask_links(subject.old)  # (a link's target is no words of it)
    # (a noun the insertion says again is no word gone: "*public posts*" → "*posts, including …*"
    # lost "public" only)
    inserted = [e.text for e in subject.edits if e.op is Op.INSERT]
    for start, end in _edit_spans(subject.edits, Op.DELETE):
        words = visible[start:end]
        tail = _LAST_WORD_OF.search(words)
        if (
            tail is not None
            and tail.start()
            and any(text.casefold().startswith(tail.group(1).casefold()) for text in inserted)
        ):
            end = start + tail.start()
            words = visible[start:end]
        sentence = sides.old.sentence_at(start)
        opened = sentence[0] if sentence is not None else 0
        # … and so are words that went from inside one ("conversations you rate *highly*", "photos
        # you mark *as favourites*"): they said which of them the clause picks out
        within = _IN_A_RESTRICTIVE_CLAUSE.search(
            visible, opened, start
        ) is not None and not _OUR_PLACE.fullmatch(words)
        # a restrictive relative clause is a qualifier however short ("members *you match with*",
        # "partners *that you approve*"): it said which of them
        needed = 1 if _RESTRICTIVE.match(words) or within else _QUALIFIER_WORDS
        if needed > 1 and _DESCRIBING.match(words):
            # (", which run on our own servers": a clause that tells how or where the practice's
            # object is, however few its words; gone, the sentence no longer says it)
            needed = 2
        if _PARTICIPLE.fullmatch(words) and _NOUN_NEXT.match(visible, end):
            needed = 1  # "we review *flagged* posts": a participle before the noun said which of them
        # "we use your *public* posts": a word before a kind of data said which of it (not a word of
        # the term itself: "*full* name" → "name" names the same kind)
        data_qualifier = (
            _ONE_WORD.fullmatch(words) is not None
            # (gone from the sentence, not said elsewhere in it: "telephone number *and* …")
            and words.strip().casefold() not in {w.casefold() for w in WORD.findall(subject.new)}
            and bool(_content_words_of(words, rulebook))
            and _names_data_at(visible, end, rulebook)
            and not any(t.start <= start < t.end for t in rulebook.find_terms(visible) if t.category)
        )
        if data_qualifier:
            needed = 1
        elif came:
            # (what came may only name again the noun the clause restricted)
            said = {_singular(w) for w in WORD.findall(words)}
            if not _RESTRICTIVE_INSIDE.search(words) or any(_singular(w) not in said for w in came):
                continue
            needed = 1
        if len(_content_words_of(words, rulebook)) < needed or POINTER_START.match(words) or "|" in words:
            continue
        if sentence is not None and WIDENING.intersection(
            reader.actions(sides.old.text[sentence[0] : start])
        ):
            return True
        # (… or what a practice in the passive acts on, its verb after: "conversations you rate
        # *highly* may be used to train our models")
        if (
            within
            and sentence is not None
            and WIDENING.intersection(reader.actions(sides.old.text[end : sentence[1]]))
        ):
            return True
    return False


def _safeguard_qualifier_went(subject: Subject, rulebook: RuleBook) -> Category | None:
    """The category of a safeguard whose qualifier went whole, right before its term, nothing
    coming anywhere ("*industry-standard* encryption" → "encryption")."""
    if any(e.op is Op.INSERT and _content_words_of(e.text, rulebook) for e in subject.edits):
        return None
    visible = mask_links(subject.old)
    guards = [t for t in rulebook.find_terms(visible) if t.category is not None and is_safeguard(t, rulebook)]
    for start, end in _edit_spans(subject.edits, Op.DELETE):
        words = _content_words_of(visible[start:end], rulebook)
        if not words or {w.casefold() for w in words} <= _MEANS_OF_A_SAFEGUARD:
            continue  # (a word of means before a safeguard is none of its strength: "*using* TLS")
        for term in guards:
            if term.start >= end and _JOINED_BEFORE.fullmatch(visible, end, term.start):
                return term.category
    return None


# the words that say by what means, not how strong
_MEANS_OF_A_SAFEGUARD = frozenset(
    {"using", "via", "through", "utilising", "utilizing", "employing", "applying"}
)
# what may stand between a qualifier and the noun it qualifies: a space, a hyphen
_JOINED_BEFORE = lazy(r"[\s-]{0,2}")


def _singular(word: str) -> str:
    """A word folded, without a plural "s" ("services" → "service")."""
    folded = word.casefold()
    return folded[:-1] if folded.endswith("s") and len(folded) > 3 else folded


def _content_words_of(text: str, rulebook: RuleBook) -> list[str]:
    return [w for w in WORD.findall(text) if _content_word(w, rulebook)]


# the content words a run must hold to qualify a practice ("in a clean room", "with text masked")
_QUALIFIER_WORDS = 3
# a relative clause with no comma before it (or one with its pronoun left out: "members you match
# with"): it restricts the noun before it
_RESTRICTIVE = lazy(r"\s*(?:who|whom|whose|that|which|you|we)\s+\w", re.IGNORECASE)
# a past participle alone, as a word before a noun ("flagged", "reported", "selected")
# a relative clause after a comma: it describes the noun before it ("models, which run on our servers")
_DESCRIBING = lazy(r"\s*,\s*(?:which|where|who|whose)\s+\w", re.IGNORECASE)
_PARTICIPLE = lazy(r"\s*[a-z]{3,}ed\s*")
_LAST_WORD_OF = lazy(r"\s+(\w+)\s*$")
_ONE_WORD = lazy(r"\s*[a-z][a-z-]{2,}\s*", re.IGNORECASE)


def _names_data_at(text: str, at: int, rulebook: RuleBook) -> bool:
    """Whether a kind of data (a collection term) starts at ``at``, past spaces."""
    start = at + len(text[at:]) - len(text[at:].lstrip())
    return any(
        t.start == 0 and t.category is Category.COLLECTION
        for t in rulebook.find_terms(text[start : start + 60])
    )


# the words right before a run that stand inside a restrictive clause of a noun: its pronoun (or the
# user or the company as its subject, the pronoun left out) and its verb ("photos *you mark* …")
# (a noun before it, not a word that opens a clause of another kind: "*if you have* any questions")
_IN_A_RESTRICTIVE_CLAUSE = lazy(
    r"\b(?!(?:if|when|whenever|where|wherever|as|because|so|unless|once|after|before|while|and|or|but|since|"
    r"until|than|then|whether|what|how|why|which|that|to|do|does|can|may|will|should|must|would|could|of)\b)"
    r"[a-z][\w-]*\s+(?:that|who|whom|you|we)\s+(?:[\w-]+\s+){1,2}$",
    re.IGNORECASE,
)
# the company's own place or person named after a verb of the user's ("files you upload *to the
# service*", "messages you send *to us*"): where the act goes, no part of what it picks out
_OUR_PLACE = lazy(
    r"\s*(?:to|on|in|into|onto|through|via|with|from|at)\s+(?:us|(?:the|our)\s+(?:service|services|app|apps|site|"
    r"website|websites|platform|platforms|product|products|servers?|systems?))\s*",
    re.IGNORECASE,
)
_NOUN_NEXT = lazy(r"\s*[a-z]")
# … after a noun inside a run (not a preposition's object: "information *about you and* …")
_RESTRICTIVE_INSIDE = lazy(
    r"\b(?!(?:about|to|for|with|from|of|by|on|in|at|and|or|than|as)\b)\w+\s+(?:who|whom|whose|that|which|you|we)\s+\w",
    re.IGNORECASE,
)


def _preposition_after(text: str, end: int) -> tuple[str, ...]:
    """The preposition right after a term ("opt out *of*"), as a one-word tuple, or none."""
    found = _PREPOSITION.match(text, end)
    return (found.group(1).casefold(),) if found else ()


_PREPOSITION = lazy(r"\s+(of|from|to|with|for|on|in|about)\b", re.IGNORECASE)


def _went_whole(subject: Subject, texts: Sequence[str]) -> bool:
    """Whether ``texts`` (sentences added or removed whole) stand on the old side only."""
    return all(text in subject.old and text not in subject.new for text in texts)


def _quiet(text: str, rulebook: RuleBook) -> bool:
    """A sentence that states no practice: what the software runs on ("The app works best on …"),
    the user's option over it naming nothing of the lexicon ("You can choose the language …"), or
    a right it grants by its verbs ("To turn off personalised ads, open the Privacy page")."""
    reader = practice_reader()
    granted = reader.granted_rights(text)
    if granted:
        # (what the right acts on is no practice: "To turn off *personalised ads*, open …" is read
        # from the comma that ends the right's own clause)
        comma = text.find(",", granted[-1][2])
        return comma >= 0 and not reader.widening_actions(_affirmed(text[comma:]))
    if reader.widening_actions(_affirmed(text)):
        return False
    return PRODUCT_RUNS_ON.match(text) is not None or (
        USER_RIGHT.match(text) is not None
        and not any(t.category for t in rulebook.find_terms(mask_links(text)))
    )


def _whole_sentences_changed(subject: Subject) -> list[str]:
    """The sentences added (or removed) whole, where the clause changed only by adding (or only by
    removing) them and kept the rest word for word (none otherwise)."""
    old = {fold(subject.old[s:e]): subject.old[s:e] for s, e in sentences(subject.old)}
    new = {fold(subject.new[s:e]): subject.new[s:e] for s, e in sentences(subject.new)}
    old.pop("", None)
    new.pop("", None)
    if not old.keys() & new.keys():
        return []
    if old.keys() <= new.keys():
        return [text for key, text in new.items() if key not in old]
    if new.keys() <= old.keys():
        return [text for key, text in old.items() if key not in new]
    return []


def _courtesies(texts: Sequence[str], rulebook: RuleBook) -> bool:
    """Whether texts are made only of courtesy and editorial words, with one courtesy word at least
    (a run-in label, "Hosting.", holds no content word: the other editorial rules read it), or are
    each a formula of courtesy or guidance that names nothing a rule reads."""
    # (the company by its name, the subject of a courtesy: "Acme values the trust of its customers")
    named = [_NAME_VALUES.sub("", mask_links(text), count=1) for text in texts]
    words = [w for text in named for w in WORD.findall(text) if _content_word(w, rulebook)]
    if bool(words) and all(word.casefold() in rulebook.courtesy_words for word in words):
        return True
    return bool(texts) and all(_formula(text, rulebook) for text in texts)


# a name (one to three capitalised words) opening a sentence whose verb is a courtesy's
_NAME_VALUES = lazy(
    r"^\W*(?:[A-Z][\w&.-]*\s+){1,3}(?=(?:values|respects|appreciates|cares|is\s+committed|takes|thanks)\b)"
)


# the company's conviction that the user should know how their data is handled ("We believe you
# should always know what data we hold about you"): a principle, no practice (OPP-115's
# Introductory/Generic statements); what it asks be known is told elsewhere, and a sentence that
# goes on with a clause of the company's own ("…, so we now share it") is none
_CONVICTION = lazy(
    r"\W*(?:at\s+[\w&.-]+(?:\s+[\w&.-]+){0,2},\s*)?we\s+(?:(?:strongly|firmly|truly|really|also)\s+)?"
    r"(?:believe|think|feel)\s+(?:that\s+)?(?:you|everyone|every\s+user|people|our\s+(?:users|customers|members))\s+"
    r"(?:should|deserves?\s+to|ought\s+to|have\s+(?:a|the)\s+right\s+to)\s+(?:always\s+|easily\s+|clearly\s+)?"
    r"(?:be\s+able\s+to\s+)?(?:know|understand|see|learn|find\s+out)\s+(?=(?:what|how|which|who|when|why|where)\b)"
    r"(?![^;:]*\b(?:so|and|but|therefore|which\s+is\s+why|that\s+is\s+why|that['’]s\s+why)\b[^;:]*\bwe\b)",
    re.IGNORECASE,
)


# the product's reach, not its practices: "Some features described here may not be available in your
# country" names no data, purpose, recipient or right, only what the service offers where (the
# place is the reader's, no place data goes: GDPR Art. 44 needs a transfer)
_REACH = lazy(
    r"\W*(?:some|certain|not\s+all)\s+(?:of\s+(?:the|these|our)\s+)?(?:features|services|products|functions|options)\b"
    r"[^.;]*?\b(?:(?:may|might)\s+not\s+be|are\s+not|aren['’]t|is\s+not|isn['’]t)\s+(?:yet\s+)?(?:available|offered)"
    r"(?=\s+(?:in|on)\s+(?:your|all|every|some|certain|each)\s+(?:countr(?:y|ies)|regions?|areas?|markets?|languages?"
    r"|devices?|platforms?)\W*$|\W*$)",
    re.IGNORECASE,
)


def _formula(text: str, rulebook: RuleBook) -> bool:
    """Whether a sentence is a formula: thanks or a welcome ("Thank you for choosing us."), or the
    text speaking of itself ("This section explains how we handle your information."), with no term,
    practice verb or cue in it: it states no practice, permission or right (LABELING.md, editorial)."""
    plain = mask_links(text)
    if TEXT_FORMULA.match(plain):
        return True  # the text's own law, translations or the names it gives the parties
    # (a verb whose object or subject is the text itself, "please keep this policy", "this policy
    # was last reviewed", names no practice)
    pointer = POINTER_OPENS.match(plain)
    # (… nor the topics of a part of the text that opens the sentence: "The next section covers
    # *cookies* in more detail": the text says what it covers, the part covering it states it)
    about = ABOUT_THE_TEXT.match(plain, len(plain) - len(plain.lstrip()))
    if pointer is None and about is not None:
        pointer = about
    reach = _REACH.match(plain)
    if pointer is None and reach is not None:
        pointer = reach  # (… the place after it is where the service is offered)
    conviction = _CONVICTION.match(plain)
    if pointer is None and conviction is not None:
        pointer = conviction  # (… what the user should know is what the text tells elsewhere)
    sent = _SENT_TO_A_TEXT.match(plain)
    if pointer is None and sent is not None:
        pointer = sent  # (… the topic another of the company's texts covers: "for more on *cookies*")
    found = rulebook.find_terms(plain)
    present = concepts_present(found, rulebook)
    terms = [
        t
        for t in found
        if not TEXT_OBJECT.match(plain, t.end)
        and not ON_THE_TEXT.match(plain, t.end)
        # (a topic the sentence sends the reader elsewhere for: "For information about *cookies*, see …")
        and not (pointer is not None and t.start >= pointer.end())
        and not (sent is not None and t.start < sent.end())  # (the text's name: "our *cookie* policy")
        and not TEXT_SUBJECT.search(plain, 0, t.start)
        # (a term that needs another the sentence lacks, "remains in" with no place: "the rest
        # remains in effect")
        and not (
            t.category is not None
            and (needed := rulebook.by_category(t.category).required_for(t.name))
            and needed.isdisjoint(present)
        )
    ]
    # (the text kept as it should be, "to keep it accurate": its state, no data kept or corrected)
    kept = [m.span() for m in _KEPT_ACCURATE.finditer(plain)]
    verbs = [
        m
        for m in practice_reader().verbs.finditer(plain)
        if not any(start <= m.start() < end for start, end in kept)
        and not TEXT_OBJECT.match(plain, m.end())
        and not TEXT_SUBJECT.search(plain, 0, m.start())
        and not (pointer is not None and m.start() >= pointer.end())
        and not _WORDS_WE_USE.search(plain, 0, m.start())
        and not _TEXT_ACTS.search(plain, 0, m.start())
        # (the reader's act the text is made easier for: "easier to *scan*")
        and not _EASIER_TO.search(plain, max(0, m.start() - 20), m.start())
        # (… or the reader's use of the service: "read this policy before *using our services*")
        and not _THE_SERVICE_USED.match(plain, m.start())
        # (… or a verb's word as a noun after a determiner: "earlier versions in *our archive*")
        and not _DETERMINER_BEFORE.search(plain, max(0, m.start() - 6), m.start())
        # (… or the reader's own copy of the text: "print this notice or *save* a copy")
        and not _OWN_COPY.match(plain, m.start())
    ]
    return (
        # (a part of the text saying what it covers is a formula too: "The following sections explain …")
        (
            _FORMULA.match(plain) is not None
            or reach is not None
            or about is not None
            or conviction is not None
            or sent is not None
        )
        and not terms
        and not verbs
        # (… the reach's own "may not be available" denies no practice; how surely the text is read,
        # "from time to time", qualifies nothing done)
        and not any(
            (reach is None or cue.start >= reach.end()) and conviction is None and cue_id not in SOFT_CUES
            for cue_id, cue in find_cues(plain, rulebook)
        )
    )


# a thing kept in the state a text should be in: "(to) keep it accurate", "make sure it stays up to date"
_KEPT_ACCURATE = lazy(
    r"\b(?:keep|make\s+sure|ensure)\s+(?:that\s+)?(?:it|this(?:\s+one|\s+policy|\s+notice|\s+statement|\s+page)?)\s+"
    r"(?:is\s+|stays\s+|remains\s+)?(?:accurate|correct|up[\s-]to[\s-]date|current|complete|clear|short|simple|brief"
    r"|concise|readable)\b",
    re.IGNORECASE,
)
# the reader sent to another of the company's texts for a topic ("You can read our cookie policy for
# more details on cookies"): the topic is that text's, named here
_SENT_TO_A_TEXT = lazy(
    r"\W*you\s+(?:can|may|should|might\s+want\s+to)\s+(?:also\s+)?(?:read|see|consult|check|view|refer\s+to|visit)\s+"
    r"our\s+(?:[\w-]+\s+){0,2}?(?:policy|notice|statement|terms|page|help\s+cent(?:re|er))\s+"
    r"(?:for\s+(?:more|further)?\s*(?:information|details|detail)|to\s+(?:learn|find\s+out|read)\s+(?:more\s+)?)"
    r"(?:\s+(?:about|on|regarding))?\b",
    re.IGNORECASE,
)
# the reader keeping a copy of the text: "save a copy for your records", "keep a copy of it"
_OWN_COPY = lazy(
    r"(?:save|keep|print|download|store)\s+(?:(?:a|your\s+own|an\s+electronic|a\s+printed)\s+copy\b(?!\s+of\s+your\b)"
    # (… the text itself as "it": "print this page or *save it as a PDF*")
    r"|it\s+(?:as\s+an?\s+(?:pdf|file|document)|for\s+your\s+(?:own\s+)?records)\b)",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = lazy(r"\b(?:our|the|an?|this|its)\s+$", re.IGNORECASE)
# the reader using the service, or a control of the page, the verb's object no data
_THE_SERVICE_USED = lazy(
    r"(?:use|using|access|accessing|visit|visiting)\s+(?:our|the|this)\s+(?:services?|website|site|apps?|platform|products?"
    r"|menu|link|button|selector|drop-down|toggle)\b",
    re.IGNORECASE,
)


# the text or a part of it as the subject of the verb ("the table below *summarises* …"): it acts on
# its own words, no data
_TEXT_ACTS = lazy(
    r"\b(?:this|the|each)\s+(?:privacy\s+)?(?:policy|notice|section|page|statement|document|summary|table"
    r"|chapter|part|paragraph)\s+(?:below\s+|above\s+)?"
    # … and what it explains, the topic of the text ("This section explains *the choices* you have")
    r"(?:(?:explains|describes|sets\s+out|outlines|covers|lists|summari[sz]es)\s+(?:the\s+|your\s+)?)?$"
    # … or a guide's topic ("guides for *managing* your settings"): the reader's act it explains
    r"|\b(?:guides?|instructions|articles?|steps|tips|tutorials?)\s+(?:for|on|about|to)\s+$",
    re.IGNORECASE,
)
# the words of the text as what is used ("the technical terms we use"): no data (purpose.toml)
_WORDS_WE_USE = lazy(
    r"\b(?:terms|words|language|phrases|expressions|abbreviations|acronyms|definitions|wording)\s+"
    r"(?:(?:that\s+|which\s+)?we\s+)?$",
    re.IGNORECASE,
)
# the reader's act a text is made easier for ("easier to *scan*")
_EASIER_TO = lazy(r"\b(?:easier|easy|simpler|simple|quicker|faster)\s+to\s+$", re.IGNORECASE)
# thanks and welcomes, the text as the subject of its own sentence ("This section explains …", "This
# policy was last reviewed …"), and the reader asked to keep or read it ("Please keep this policy")
_FORMULA = lazy(
    r"\W*(?:thank\s+you\b|thanks\b|welcome\b|we\s+(?:appreciate|thank|welcome)\b"
    # (after a condition on who reads it: "If you live in California, the table below summarises …")
    r"|(?:if\s+you\s+[^,.;:]{1,60},\s*)?(?:this|the\s+following|the\s+next|the\s+previous|each|the)\s+(?:privacy\s+|cookie\s+)?"
    r"(?:policy|notice|section|page|statement|document|summary|table|chapter|part|paragraph)\s+(?:below\s+|above\s+)?"
    r"(?:explains|describes|sets\s+out|outlines|tells\s+you|covers|summari[sz]es|answers|lists|shows|starts|begins|ends"
    r"|(?:was|is|has\s+been|will\s+be)\s+(?:last\s+|regularly\s+|periodically\s+)?(?:reviewed|updated|revised|approved|written|translated))\b"
    # … its length owned to ("We know privacy policies can be long, so we have tried to keep this one
    # short")
    r"|we\s+know\s+(?:that\s+)?(?:privacy\s+)?(?:policies|notices|statements)\s+(?:can|may)\s+be\b"
    r"|we(?:['’]ve|\s+have)?\s+(?:tried|aimed|done\s+our\s+best|worked\s+hard)\s+to\s+(?:keep|make)\s+(?:this|it)\b"
    # … the reader's feedback on it invited ("If you have feedback on this policy, we would love to hear it")
    r"|if\s+you\s+have\s+(?:any\s+)?(?:feedback|comments|suggestions|thoughts)\s+(?:on|about)\s+(?:this|the|our)\s+"
    r"(?:privacy\s+)?(?:policy|notice|statement)\b(?![^.;]*\b(?:we\s+(?:may|will)\s+(?:use|share|keep|collect)))"
    # … its links, where they lead ("Some links in this policy take you to other pages of our website")
    r"|(?:some\s+|the\s+|all\s+)?links\s+in\s+this\s+(?:privacy\s+)?(?:policy|notice|statement|section|page)\s+"
    r"(?:take|lead|point|send|go)\b"
    # … or the company looking it over ("We review this notice every year to keep it accurate")
    r"|we\s+(?:(?:regularly|periodically|routinely|also|will|may)\s+)*(?:review|check|update|revise|reassess"
    r"|look\s+over|go\s+over|go\s+through)\s+(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\b"
    r"(?![^.;:]*\b(?:and|but|so)\s+(?:we|you)\b)"
    r"|please\s+(?:keep|print|save|retain|read|review)\s+(?:a\s+copy\s+of\s+)?(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|statement|page|document)\b"
    # … or urged to read it ("We encourage you to review this policy from time to time")
    r"|we\s+(?:encourage|recommend|invite|urge|ask)\s+you\s+to\s+(?:(?:read|review|check|consult|revisit|look\s+at)"
    r"(?:\s+(?:and|or)\s+)?)+\s+(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement|page|section)\b"
    # … the reading aids added to it ("We have added headings to make this section easier to scan")
    r"|we(?:['’]ve|\s+have)?\s+(?:also\s+)?added\s+(?:more\s+|new\s+)?(?:headings|subheadings|examples|a\s+summary|summaries"
    r"|a\s+table\s+of\s+contents|a\s+glossary|definitions|links)\b"
    # … and the way it is laid out ("We have organised this policy into sections so you can find …")
    r"|(?:we(?:['’]ve|\s+have)?\s+)?(?:organi[sz]ed|arranged|structured|divided|split|grouped|laid\s+out)\s+(?:this|the|our)\s+"
    r"(?:privacy\s+)?(?:policy|notice|statement|page|document)\s+(?:into|in|by|around)\b"
    r"|(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement|page|document)\s+is\s+(?:organi[sz]ed|arranged"
    r"|structured|divided|split|grouped|laid\s+out)\s+(?:into|in|by|around)\b"
    # … its reading aids at work ("The headings below will help you find the information you need")
    r"|(?:the\s+)?(?:headings?|subheadings?|table\s+of\s+contents|summary|links|glossary)\s+(?:below|above)\s+"
    r"(?:(?:will|should|may|can)\s+)?help(?:s)?\s+you\b"
    # … its latest version and where it is ("If you are reading a printed copy, the latest version is
    # on our website")
    r"|(?:if\s+you\s+(?:are\s+reading|read|have)\s+(?:a\s+)?(?:printed|paper|downloaded|saved|pdf)\s+(?:copy|version)"
    r"[^,.;:]{0,40},\s*)?(?:the\s+)?(?:latest|current|most\s+recent|up-to-date)\s+version\s+(?:of\s+(?:this|the|our)\s+"
    r"(?:privacy\s+)?(?:policy|notice|statement)\s+)?(?:is\s+(?:always\s+)?|can\s+(?:always\s+)?be\s+found\s+"
    r"|will\s+always\s+be\s+)(?:available\s+)?(?:on|at|in)\b"
    # … and another of the company's texts, pointed to ("You can find our accessibility statement on
    # our website")
    r"|you\s+can\s+(?:also\s+)?(?:find|read|view|see)\s+our\s+(?:[\w-]+\s+){0,2}?(?:statement|charter|terms)\s+"
    r"(?:on|at|in)\b"
    # … who it was written for ("We have written this notice for our customers around the world")
    r"|we(?:['’]ve|\s+have)?\s+(?:written|prepared|drafted|designed)\s+(?:this|the|our)\s+(?:privacy\s+)?"
    r"(?:policy|notice|statement)\s+(?:for|with)\b"
    # … its examples, there for the reader ("The examples in this policy are there to help you
    # understand it"; not what they cover: "the examples are not exhaustive" leaves a list open)
    r"|(?:the\s+)?examples\s+(?:in|given\s+in|used\s+in)\s+(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|statement|section)"
    r"\s+(?:are|is)\s+(?:there|included|provided|given|meant|intended)\s+(?:only\s+)?to\s+help\b"
    # … the reader's way through it ("You do not have to read this policy in one go", "You can skip
    # to the section that interests you")
    r"|you\s+(?:do\s+not\s+(?:have|need)\s+to|don['’]t\s+(?:have|need)\s+to|need\s+not|needn['’]t|can|may)\s+(?:also\s+)?"
    r"(?:read|skip(?:\s+to)?|jump\s+to|go\s+(?:straight\s+)?to|scroll\s+to)\s+(?:(?:all\s+of\s+)?(?:this|the|our)\s+"
    r"(?:privacy\s+)?(?:policy|notice|statement|page|document)|(?:the|any|each)\s+(?:section|part)s?)\b"
    # … a trademark notice ("Acme is a registered trademark of Acme Holdings Ltd.", "All other
    # trademarks are the property of their respective owners"): whose a name is, no practice
    r"|(?:[\w&.-]+\s+){1,5}(?:is|are)\s+(?:a\s+|the\s+)?(?:registered\s+)?trade\s*-?marks?\s+(?:of|owned\s+by)\b"
    r"|(?:all\s+)?(?:other\s+)?(?:trade\s*-?marks|brand\s+names|product\s+names)[^.;:]{0,40}?\s+(?:are|remain)\s+(?:the\s+)?"
    r"property\s+of\s+their\s+(?:respective\s+)?owners\b"
    # … the reader sent to another part of it ("See the next section for more on cookies")
    r"|(?:please\s+)?see\s+(?:the\s+)?(?:next|following|previous)\s+(?:section|part|page|chapter|paragraph)\b"
    r"|(?:please\s+)?see\s+(?:the\s+)?(?:section|part|chapter)\s+(?:on|about|titled|called|headed)\b"
    # … and the text's own earlier versions ("Earlier versions of this policy are archived here")
    r"|(?:you\s+can\s+(?:also\s+)?(?:read|see|view|find|consult|access)\s+)?(?:the\s+)?(?:earlier|previous|prior|past|older)\s+"
    r"(?:versions?|editions?)\s+of\s+(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\b"
    # … the page read in another language ("You can switch between languages using the menu")
    r"|you\s+can\s+(?:also\s+)?(?:switch|change|select|choose)\s+(?:between\s+)?(?:the\s+|your\s+)?languages?\b"
    # … the text offered in another form ("This notice is also available in large print")
    # (… or a copy of it in that form: "An audio version of this policy is available on request")
    r"|(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:version|copy|edition|recording|translation)\s+of\s+)?"
    r"(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement|document)\s+is\s+(?:also\s+)?available\s+(?:in|as|on|upon|from)\b"
    # … the reader's own copy of it ("You can print this policy", "You may ask for a paper copy")
    r"|you\s+(?:can|may)\s+(?:also\s+)?(?:print|save|download|keep|request|ask\s+for|get)"
    r"(?:\s+(?:or|and|and/or)\s+(?:print|save|download|keep))?\s+"
    r"(?:a\s+(?:printed\s+|paper\s+|pdf\s+)?copy\s+of\s+)?(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|statement|page|document)\b"
    # … its form mended or its aids added ("We have corrected typos", "We've added a table of contents")
    r"|we(?:'ve|’ve|\s+have)?\s+(?:also\s+)?(?:added|included|corrected|fixed|reorganised|reorganized|restructured"
    r"|reformatted|redesigned|renumbered|shortened|simplified)\b(?=[^.;]*\b(?:typos|errors|mistakes|table\s+of\s+contents"
    r"|glossary|headings|layout|formatting|wording)\b)"
    # … its words sent to its glossary ("Some terms used in this policy are explained in the glossary below")
    r"|(?:some|certain|the|all|other)?\s*(?:capitali[sz]ed\s+|technical\s+|key\s+)?(?:terms|words|expressions)\s+"
    r"(?:used\s+)?(?:in\s+this\s+(?:privacy\s+)?(?:policy|notice|statement|section)\s+)?(?:are|is)\s+(?:explained|defined"
    r"|described)\s+in\s+(?:the|our)\s+(?:glossary|definitions)\b"
    # … and an aid to reading it named as the subject ("A glossary at the end explains the terms we use")
    r"|(?:a|the|our)\s+(?:glossary|table\s+of\s+contents|list\s+of\s+(?:the\s+)?(?:terms|words|definitions))\b"
    # … the reader pointed to a part of the text ("You'll find a glossary at the end of this policy")
    r"|you(?:'ll|’ll|\s+will|\s+can|\s+may)?\s+(?:find|see|read)\b(?=[^.;]*\b(?:this|the)\s+(?:privacy\s+)?(?:policy|notice|page|section|statement)\b"
    # (… or to another of the company's texts: "You will find our terms of service on a separate page")
    r"|[^.;]*\b(?:our|the)\s+(?:terms\s+(?:of\s+(?:service|use)|and\s+conditions)|cookie\s+(?:policy|notice)|user\s+agreement)\b)"
    # (… its own interpretation, the boilerplate of any legal text, is signals.TEXT_FORMULA's)
    # … a help resource pointed to as the subject ("Our Help Centre has step-by-step guides for …")
    r"|(?:our|the)\s+(?:help|support)\s+(?:cent(?:re|er)|pages?|site|articles?)\s+"
    r"(?:has|have|offers?|provides?|contains?|includes?)\b"
    # … a sentence that sends the reader to another text for a topic ("For information about our
    # cookie practices, see our Cookie Notice"): the topic is that text's, named here
    r"|for\s+(?:more\s+|further\s+)?(?:information|details)\s+(?:about|on|regarding|concerning)\b"
    r"(?=[^.;]*\b(?:see|visit|read|refer\s+to|consult|go\s+to)\b)"
    # … the company's pride or mission, said of itself ("We are proud to have served customers for
    # twenty years", "Our mission is to make travel simple") and thanks for the reader's help
    r"|we\s+are\s+(?:very\s+|so\s+)?(?:proud|delighted|pleased|honou?red|excited)\s+to\b"
    r"|our\s+(?:mission|vision|goal|ambition)\s+is\s+to\b"
    r"|your\s+(?:feedback|comments|suggestions)\s+(?:helped|helps|has\s+helped|have\s+helped)\s+us\b"
    # … and the company's care for the text itself ("We have tried to keep this policy short")
    r"|we\s+(?:have\s+)?(?:tried|try|aim|aimed|strive|strived|sought|seek|wanted|want)\s+to\s+(?:keep|make|write)\s+"
    r"(?:this|the|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\b)",
    re.IGNORECASE,
)


def _content_word(word: str, rulebook: RuleBook) -> bool:
    """A lower-case word that is no connective: a name, a number, markup or a negation is not."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 1
        and word not in rulebook.editorial_words
        and word not in _FUNCTION_WORDS
    )


# the verbs and negations every statement is built of: "do" and "not" name nothing new
_FUNCTION_WORDS = frozenset(
    {"do", "does", "did", "not", "never", "no", "nor", "don", "doesn", "won", "will", "shall"}
    # pronouns name nothing of their own ("if you are a resident" / "residents")
    | {"you", "we", "us", "they", "them", "me"}
)


def _affirmed(text: str) -> str:
    """The sentences of ``text`` the company does not deny ("we do not …"): what it states it does."""
    negation = statement_reader().negation
    return " ".join(text[start:end] for start, end in sentences(text) if not negation.search(text[start:end]))


# practice classes that promise something to the user: their removal may be adverse
_PROMISING = ("protect", "rights", "notify")
_NOVEL_WORDS = 2  # words the old text never used: fewer is a new wording of what it said
_NOVEL_WORDS_UNSTATED = 3


def _new_words_only_denied(sides: Sides, known: frozenset[str], rulebook: RuleBook) -> bool:
    """Every word the old version never used stands in a denied clause of the new text: "messages
    you mark as private are not shared" (not "we may give attendee lists to sponsors, and we do not
    sell them")."""
    text = sides.new.text
    for start, end, denied in sides.new_profile.denials:
        if denied:
            continue
        words = (word.casefold() for word in WORD.findall(text[start:end]))
        if any(_content_word(word, rulebook) and word not in known for word in words):
            return False
    return True


def _read_as_wider_or_protective(signal: Signal, rulebook: RuleBook) -> bool:
    if signal.direction is Direction.EXPANDS:
        return True
    category = signal.category
    return (
        signal.direction is Direction.NARROWS
        and category is not None
        and rulebook.by_category(category).protective
    )


def _unknown_practice(
    subject: Subject,
    categories: list[Category],
    rulebook: RuleBook,
    vocabulary: Callable[[], frozenset[str]],
    *,
    read: bool,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
    old_sentences: Callable[[], frozenset[str]] = frozenset,
) -> Verdict | None:
    """An added statement of practice naming what the old text never named, and no rule reads it.

    ``read``: a rule gave a signal on the clause (a new way to reach us); with no practice verb
    anywhere, that reading stands. ``old_sentences``: the old version's sentences, folded.
    """
    if subject.kind is not ChangeKind.ADDED:
        return None
    if subject.new.rstrip().endswith(":"):
        return None  # a lead-in ("In the last 12 months we collected:"): its items, each read under
        # it, say what it names
    # (an item under a lead-in, "- Shoe size" under "We collect:", names what the lead-in does)
    texts = [] if subject.lead else [subject.new[start:end] for start, end in sentences(subject.new)]
    # a sentence the old version said word for word, come again in this clause with others, says
    # nothing new: the rest is read for asides and practices
    said = old_sentences() if texts else frozenset()
    unsaid = [text for text in texts if fold(text) not in said]
    if texts and all(is_aside(text, rulebook) or _courtesies([text], rulebook) for text in unsaid or texts):
        return None  # "Our mission is to connect people with music.", "Please read this carefully."
    reader = practice_reader()
    if reader.binds_another_party(mask_links(subject.new)):
        return None  # a safeguard laid on a processor: the rules read it, or it describes
    # a list item names its practice through the lead-in or heading it sits under; a practice
    # denied ("we do not use your chats to train models") states none
    where = (_affirmed(subject.new), subject.lead, subject.new_context)
    stated = any(reader.widening_actions(text) for text in where)
    if stated and not subject.lead:
        # ("We use Matomo. *It is hosted on our own servers.*": the first said before, states nothing new)
        stated = any(
            reader.widening_actions(text) for text in (_affirmed(" ".join(unsaid)), subject.new_context)
        )
    if texts and all(
        NAMES_THE_TEXT.search(text) and not reader.widening_actions(_affirmed(text)) for text in texts
    ):
        return None  # "We hope this explanation answers your questions.": the text speaks of itself,
        # and states no practice (whatever its heading states)
    category = categories[0] if categories else Category.OTHER
    # with no practice verb, a clause read by a rule, or about what cannot widen by being added
    # (how to reach us, a right), stands as read
    if not stated and (read or rulebook.by_category(category).gained is not Direction.EXPANDS):
        return None
    terms = rulebook.find_terms(mask_links(subject.new))
    directed = rulebook.cue("cue.user-directed")
    if texts and directed is not None and all(directed.pattern.search(text) for text in texts):
        return None  # "Our newsletter goes to subscribers who ask for it": what each sentence does is
        # at the user's request (OPP-115 User Choice/Control), no practice of the company's own
    if texts and all(_quiet(text, rulebook) for text in texts):
        return None  # "The app works best on …", "You can choose the language the app is shown in": what
        # the software runs on, or the user's option naming nothing of the lexicon; no practice stated
    # "we delete your posts when you close your account": a safeguard, its object no new practice
    # (a protective act of a category that is no safeguard as a whole: "security" alone may be the
    # word of a "Social Security number"); so is a safeguard a widening verb only makes public ("we
    # publish an annual transparency report")
    filed = profile(whole_region(subject.new), rulebook, terms_only=True).affirmed.values()
    acts = [t for t in filed if t.category and not rulebook.by_category(t.category).protective]
    if acts and all(is_safeguard(term, rulebook) for term in filed):
        return None
    # (an address or a number to reach someone is a contact detail, its words no practice named)
    words = {
        w.casefold()
        for w in visible_words(EMAIL_OR_PHONE.sub(" ", subject.new))
        if _content_word(w, rulebook)
    }
    # a kind of data or a recipient the rule book names is read by its rules, not unknown
    words -= {w.casefold() for term in terms for w in WORD.findall(term.text)}
    known = vocabulary()
    if not known:
        return None
    found = _new_things(subject, rulebook, known, major)
    if found is not None:
        return found
    novel = sorted(words - known)
    if len(novel) < (_NOVEL_WORDS if stated else _NOVEL_WORDS_UNSTATED):
        return None
    says = f"new text about {rulebook.by_category(category).topic} names what the old text never did"
    reason = Reason("review.unknown-practice", says, ", ".join(novel[:6]), Side.NEW)
    return Verdict((category,), Direction.NEUTRAL, Severity.REVIEW, (reason,))


def _new_recipient_row(
    subject: Subject, vocabulary: Callable[[], frozenset[str]], major: frozenset[tuple[Category, Direction]]
) -> Verdict | None:
    """A row added to a table of recipients (sub-processors, vendors) naming one the old text never did.

    A recipient is usually a company's name, which no ontology lists: the column says what it is.
    """
    reader = statement_reader()
    headings = " › ".join(part for part in subject.new_context.split(" › ") if "|" not in part)
    statement = reader.row_recipient(mask_links(subject.new), subject.lead, headings)
    if statement is None:
        return None
    words = [w.casefold() for w in WORD.findall(statement.items[0]) if len(w) > 2 and not w.isdigit()]
    known = vocabulary()
    novel = [w for w in dict.fromkeys(words) if w not in reader.generic and w not in known]
    if not novel or not known:
        return None
    severity = Severity.MAJOR if (Category.SHARING, Direction.EXPANDS) in major else Severity.MINOR
    says = "a row added to the table of recipients names one the old text never did"
    reason = Reason("sharing.new-recipient-row", says, statement.items[0][:80], Side.NEW)
    return Verdict((Category.SHARING,), Direction.EXPANDS, severity, (reason,))


def _new_data_row(
    subject: Subject,
    rulebook: RuleBook,
    vocabulary: Callable[[], frozenset[str]],
    major: frozenset[tuple[Category, Direction]],
) -> Verdict | None:
    """A row added to a table of the data processed ("| Data | Purpose | Duration |") whose data
    cell names a kind the old text never did: new collection, whatever the row's other cells say
    (LABELING.md, data types: a data type never named before is new collection)."""
    if "|" not in subject.lead or "\n" in subject.new.strip() or not subject.new.lstrip().startswith("|"):
        return None
    header, row = table_cells(subject.lead), table_cells(subject.new)
    column = next((i for i, cell in enumerate(header) if DATA_COLUMN.search(cell)), None)
    known = vocabulary()
    if column is None or len(header) != len(row) or not known:
        return None
    for item in _ROW_ITEM.split(mask_links(row[column])):
        words = [
            w.casefold() for w in WORD.findall(item) if len(w) > 2 and _content_word(w.casefold(), rulebook)
        ]
        # the item's head, its last word, is a kind the old text never named ("vehicle *telemetry*")
        if words and words[-1] not in known:
            says = f"a row added to the table of data names a kind the old text never did: «{item.strip()}»"
            severity = Severity.MAJOR if (Category.COLLECTION, Direction.EXPANDS) in major else Severity.MINOR
            reason = Reason("collection.new-kind", says, item.strip()[:80], Side.NEW)
            return Verdict((Category.COLLECTION,), Direction.EXPANDS, severity, (reason,))
    return None


def _new_things(
    subject: Subject,
    rulebook: RuleBook,
    known: frozenset[str],
    major: frozenset[tuple[Category, Direction]],
    inserted: Iterable[str] | None = None,
) -> Verdict | None:
    """The company now collects kinds of data, or shares with recipients, that the old text never named.

    The statement is read by its shape (classify/statements.py), so a kind or a recipient the
    ontologies lack still counts (LABELING.md: a new kind of data collected, a new recipient class
    are major); those they know are the rules'. ``inserted``: in a modified clause, the words the
    edit brought; only they can be new.
    """
    reader = statement_reader()
    text = mask_links(mask_labels(subject.new))
    # a row edited under a column of kinds of data ("Categories of data") lists what is collected
    listed = _under_collection(subject.new_context, rulebook) or (
        inserted is not None and DATA_COLUMN.search(subject.lead) is not None
    )
    found = [
        (Category.COLLECTION, reader.collected(text, listed_under_collection=listed)),
        (Category.SHARING, reader.shared_with(text, lead=subject.lead)),
    ]
    brought = {word.casefold() for word in inserted} if inserted is not None else None
    for category, statement in found:
        if statement is None:
            continue
        start, end = statement.span
        named = {
            w.casefold() for term in rulebook.find_terms(text[start:end]) for w in WORD.findall(term.text)
        }
        items = statement.items
        if category is Category.SHARING:  # a recipient is a class of parties ("app developers")
            items = tuple(item for item in items if re.search(r"[a-z]s$", item))
        novel = [word for word in reader.novel(items, known) if word not in named]
        if brought is not None:
            novel = [word for word in novel if word in brought]
        if len(novel) < (_NOVEL_WORDS if statement.pattern == "collect.listed" else 1):
            continue
        severity = Severity.MAJOR if (category, Direction.EXPANDS) in major else Severity.MINOR
        rule, says = _NEW_THINGS[category]
        reason = Reason(rule, says, ", ".join(novel[:6]), Side.NEW)
        return Verdict((category,), Direction.EXPANDS, severity, (reason,))
    return None


def _row_kind_added(
    subject: Subject, rulebook: RuleBook, major: frozenset[tuple[Category, Direction]]
) -> Verdict | None:
    """A row of a record of processing whose data cell names a kind its old cell did not: that kind
    of data is now processed for the row's purpose, wherever else the policy names it (LABELING.md,
    recipients and data types: a new kind of data for an existing purpose is expands)."""
    if any("|" not in text or "\n" in text.strip() for text in (subject.lead, subject.old, subject.new)):
        return None  # one row under its header (given without its outer pipes), or no row at all
    header = table_cells(subject.lead)
    column = next((i for i, cell in enumerate(header) if DATA_COLUMN.search(cell)), None)
    old, new = table_cells(subject.old), table_cells(subject.new)
    if column is None or not (len(header) == len(old) == len(new)):
        return None
    known = {w.casefold() for w in WORD.findall(mask_links(old[column]))}
    for item in _ROW_ITEM.split(mask_links(new[column])):
        words = [
            w.casefold() for w in WORD.findall(item) if len(w) > 2 and _content_word(w.casefold(), rulebook)
        ]
        if words and not any(w in known for w in words):
            says = f"a kind of data new to this row's purpose: «{item.strip()}»"
            severity = Severity.MAJOR if (Category.COLLECTION, Direction.EXPANDS) in major else Severity.MINOR
            reason = Reason("collection.new-kind", says, item.strip()[:80], Side.NEW)
            return Verdict((Category.COLLECTION,), Direction.EXPANDS, severity, (reason,))
    return None


# where one item of a cell's list ends: "Last name, first name ; Email address<br>Username"
_ROW_ITEM = lazy(r"[,;]|<br\s*/?>|\band\b|\bor\b|\n", re.IGNORECASE)


def _new_things_inserted(
    subject: Subject,
    rulebook: RuleBook,
    vocabulary: Callable[[], frozenset[str]],
    major: frozenset[tuple[Category, Direction]],
) -> Verdict | None:
    """``_new_things`` of the words an edit inserted into a modified clause."""
    came = [
        word for edit in subject.edits if edit.op is Op.INSERT for word in WORD.findall(mask_links(edit.text))
    ]
    if not came or not (known := vocabulary()):
        return None
    if DATA_COLUMN.search(subject.lead) is not None:
        # a row of a record of processing: a kind of data is new to the row's purpose when the old
        # row did not name it, wherever else the policy did (LABELING.md, recipients: an existing
        # one that gets a new kind of data or a new purpose is expands)
        known = frozenset(word.casefold() for word in WORD.findall(mask_links(subject.old)))
    return _new_things(subject, rulebook, known, major, inserted=came)


_NEW_THINGS = {
    Category.COLLECTION: (
        "collection.new-kind",
        "the company now says it collects kinds of data the old text never named",
    ),
    Category.SHARING: (
        "sharing.new-recipient",
        "the company now says it shares data with recipients the old text never named",
    ),
}


def _under_collection(context: str, rulebook: RuleBook) -> bool:
    """Whether the nearest heading or lead-in that states a practice says what is collected.

    A heading that names a kind of data and no practice ("Geolocation data") heads examples of
    that kind: what is listed under it is data.
    """
    reader = practice_reader()
    verbs = rulebook.by_category(Category.COLLECTION).grouped
    for part in reversed(context.split(" › ") if context else []):
        actions = reader.actions(part)
        if actions:
            return actions[0] == "collect" and not statement_reader().negation.search(part)
        terms = rulebook.find_terms(mask_links(part))
        if any(t.category is Category.COLLECTION and t.name not in verbs for t in terms):
            return True
    return False


def _words_that_went_and_came(subject: Subject, sides: Sides) -> tuple[list[str], list[str]]:
    """Deleted words the new sentences no longer hold, and inserted ones the old sentences did not."""
    old_words = {word.casefold() for word in visible_words(sides.old.text)}
    new_words = {word.casefold() for word in visible_words(sides.new.text)}
    went = edited_words(tuple(e for e in subject.edits if e.op is Op.DELETE))
    came = edited_words(tuple(e for e in subject.edits if e.op is Op.INSERT))
    # the words of a control's name ("Do Not Sell My Info") state nothing: text.mask_labels
    labels = _label_words(sides.old.text) | _label_words(sides.new.text)
    gone = [word for word in went if word.casefold() not in new_words and word.casefold() not in labels]
    added = [word for word in came if word.casefold() not in old_words and word.casefold() not in labels]
    # another form of a word the other side holds ("by logging in" → "log in to") says the same
    old_stems = {form for w in old_words for form in word_forms(w)}
    new_stems = {form for w in new_words for form in word_forms(w)}
    gone = [word for word in gone if not word_forms(word.casefold()) & new_stems]
    added = [word for word in added if not word_forms(word.casefold()) & old_stems]
    return _without_negated_antonyms(gone, added)


_YEAR = lazy(r"(?:19|20)\d\d")
# an amount, a number of things or of times: digits (not a year, read above) or a number's word
_COUNT = lazy(
    r"(?!(?:19|20)\d\d$)\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|million|billion"
    # how many times ("twice a year" → "once a year")
    r"|once|twice|thrice",
    re.IGNORECASE,
)
# a number beside a name is part of an address or a name ("125 Park Ave", "Cape Town, 8001",
# "Suite 2050", "NY 10017"), not a count of what a practice does
_NAMED_BESIDE = lazy(NAME_INSIDE + r",?\s+$")
_NAMED_AFTER = lazy(r"(?:st|nd|rd|th)?\s+[A-Z]")
# what stands before a number that names a part of a text or a law ("section 5", "Article 6",
# "§ 1798.100", "page 2"), or is one of a telephone number's or a decimal's digits
_REFERENCE = lazy(
    r"(?:\b(?:sections?|articles?|art|§|clauses?|paragraphs?|para|chapters?|parts?|annex|appendix|schedule"
    r"|exhibits?|notes?|footnotes?|versions?|v|pages?|items?|steps?|tables?|figures?|rules?|recitals?)\.?\s*"
    r"|§\s*|[\d+(]|\d-|\d[.,])$",
    re.IGNORECASE,
)
# a date line of the document itself, not of a practice: "Effective 26 May 2026", "© 2023 …"
_DOCUMENT_DATE = lazy(r"©|copyright|effective|updated|revised|version|archived", re.IGNORECASE)


# ("May" is left out: the modal "may" comes and goes in every rewording)
_MONTH = lazy(
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)",
    re.IGNORECASE,
)


def _practice_date_moved(
    went: list[str], came: list[str], sides: Sides, reader: PracticeReader, rulebook: RuleBook
) -> bool:
    """A year (or a month) went and another came in a sentence that states a practice (a verb or a
    term of it): "From 1 March we will delete …" → "From 1 June …" starts the promise later."""
    dates = [w for w in came if _YEAR.fullmatch(w) or _MONTH.fullmatch(w)]
    went_dates = [w for w in went if _YEAR.fullmatch(w) or _MONTH.fullmatch(w)]
    if not dates or not went_dates:
        return False
    return any(
        any(date in sentence for date in dates)
        and reader.states_practice(sentence, rulebook)
        and not _DOCUMENT_DATE.search(sentence)
        for _, sentence in sides.new.parts()
    )


def _practice_count_changed(
    went: list[str], came: list[str], sides: Sides, reader: PracticeReader, rulebook: RuleBook
) -> bool:
    """A count went and another came in a sentence that states a practice, not as a reference to a
    part of a text ("section 5"), a list's number or a date line of the document."""
    if not any(_COUNT.fullmatch(w) for w in went) or not any(_COUNT.fullmatch(w) for w in came):
        return False
    counts = {w.casefold() for w in came if _COUNT.fullmatch(w)}
    return any(
        match.group().casefold() in counts
        and not _REFERENCE.search(sentence, 0, match.start())
        and not _NAMED_BESIDE.search(sentence, 0, match.start())
        and not _NAMED_AFTER.match(sentence, match.end())
        for sentence, match in _practice_words(sides.new, sides.new_profile, reader, rulebook)
    )


def _practice_words(
    region: Region, found: Profile, reader: PracticeReader, rulebook: RuleBook
) -> Iterator[tuple[str, re.Match[str]]]:
    """Each word of the region's sentences that state a practice (date lines aside), with its
    sentence, outside the periods and ages a number rule reads ("12 months" → "one year" is its)."""
    read = [(q.start, q.end) for q, category in found.numbers if category is not None]
    for offset, part in region.parts():
        for start, end in sentences(part):
            sentence = part[start:end]
            if _DOCUMENT_DATE.search(sentence) or not reader.states_practice(sentence, rulebook):
                continue
            for match in WORD.finditer(sentence):
                at = offset + start + match.start()
                if not any(begin <= at < finish for begin, finish in read):
                    yield sentence, match


def _yours_named(came: list[str], sides: Sides, reader: PracticeReader, rulebook: RuleBook) -> bool:
    """Whether a word that came stands right after "your" (or one word after it) in a sentence of
    the new side that states a practice, not as a label or a document's name."""
    if not came:
        return False
    fresh = {
        w.casefold() for w in came if _content_word(w, rulebook) and w.casefold() not in _CONNECTIVES
    } - _GENERIC_OF_YOURS
    for _, part in sides.new.parts():
        for start, end in sentences(part):
            sentence = part[start:end]
            if not reader.states_practice(sentence, rulebook) or ABOUT_THE_TEXT.search(sentence):
                continue  # ("this policy explains … your rights": what the text covers, no practice)
            for match in _YOUR.finditer(sentence):
                first, second = match.group(1).casefold(), (match.group(2) or "").casefold()
                # (the second word only where the first qualifies it: "your *training scores*")
                if first in fresh or (second in fresh and first not in _CONNECTIVES):
                    return True
    return False


# the user's own equipment, where a cookie or an app keeps what it keeps ("saved in your browser", "on
# your computer, tablet or phone"): one place, the user's side, however it is named (ePrivacy
# Directive Art. 5(3): the user's terminal equipment)
_USERS_EQUIPMENT = frozenset(
    {
        "device",
        "devices",
        "computer",
        "computers",
        "phone",
        "phones",
        "mobile",
        "tablet",
        "tablets",
        "browser",
    }
    | {"browsers", "terminal", "equipment", "hard", "drive", "smartphone", "smartphones", "laptop", "laptops"}
)

# a thing of the user's: "your scores", "your training scores"
_YOUR = lazy(r"\byour\s+(\w+)(?:\s+(\w+))?", re.IGNORECASE)
# what any statement of practice may say of the user's without naming a new thing ("your data",
# "your settings", "your consent", "on your behalf")
_GENERIC_OF_YOURS = frozenset(
    {
        "data",
        "information",
        "info",
        "details",
        "personal",
        "settings",
        "preferences",
        "choices",
        "choice",
        "consent",
        "account",
        "rights",
        "right",
        "request",
        "requests",
        "behalf",
        "use",
        "experience",
        "privacy",
    }
    # the user's own equipment, named as a whole ("stored on your computer or mobile device"): where a
    # practice happens, nothing of it read; what is read from it is named after it ("your phone's
    # contacts", "your browser history": the next word is read)
    | _USERS_EQUIPMENT
)


def _practice_period_changed(
    subject: Subject, sides: Sides, reader: PracticeReader, rulebook: RuleBook
) -> bool:
    """A word naming a span of time was edited, and the sentences stating a practice name it a
    different number of times on each side, outside the periods a number rule reads and the
    document's date lines ("each day" → "each week", "the school year" → "… and the following year")."""
    units = {w.casefold() for w in edited_words(subject.edits) if _TIME_UNIT.fullmatch(w)}
    if not units:
        return False
    # (counted, not compared as sets: the unit the old side already held may be named again)
    old, new = (
        Counter(
            word
            for _, match in _practice_words(region, found, reader, rulebook)
            if (word := match.group().casefold()) in units
        )
        for region, found in ((sides.old, sides.old_profile), (sides.new, sides.new_profile))
    )
    return old != new


# a span of time or how often, named without a number ("each week", "the following year", "daily")
_TIME_UNIT = lazy(
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|semester|trimester|season|year|decade)s?"
    r"|hourly|daily|nightly|weekly|fortnightly|monthly"
    r"|quarterly|yearly|annually",
    re.IGNORECASE,
)


def _filed_verbs_only(words: list[str], found: Profile, reader: PracticeReader) -> list[str]:
    """``words`` without the practice verbs of terms their side's profile found and did not file
    ("we use appropriate security measures": its object protects, no data is used)."""
    filed = {
        w.casefold() for m in (*found.affirmed.values(), *found.denied.values()) for w in WORD.findall(m.text)
    }
    unfiled = {w.casefold() for m in found.terms for w in WORD.findall(m.text)} - filed
    return [w for w in words if not (reader.actions(w) and w.casefold() in unfiled)]


def _label_words(text: str) -> set[str]:
    """Words that stand only in the quoted or linked names of controls (casefolded)."""
    named = {word.casefold() for word in WORD.findall(text)}
    return named - {word.casefold() for word in WORD.findall(mask_labels(text))}


_ANTONYM_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def _without_negated_antonyms(went: list[str], came: list[str]) -> tuple[list[str], list[str]]:
    """ "work improperly" → "not work properly" (and back): the negation and the antonym cancel out."""
    went, came = _cancel_antonyms(went, came)
    came, went = _cancel_antonyms(came, went)
    return went, came


def _cancel_antonyms(gone: list[str], added: list[str]) -> tuple[list[str], list[str]]:
    """``gone`` without its "improperly" and ``added`` without "not properly", where both stand."""
    folded = {word.casefold() for word in added}
    if "not" not in folded:
        return gone, added
    dropped: set[str] = set()
    kept = []
    for word in gone:
        stem = next(
            (word[len(p) :].casefold() for p in _ANTONYM_PREFIXES if word.casefold().startswith(p)), ""
        )
        if stem and stem in folded:
            dropped |= {"not", stem}
        else:
            kept.append(word)
    return kept, [word for word in added if word.casefold() not in dropped]


# the words that lead to a control the user works alone: "*by clicking* the unsubscribe *link*",
# "*under the privacy tab* of your account page"
_MEANS_WORDS = frozenset(
    {"by", "clicking", "click", "tapping", "tap", "using", "selecting", "visiting", "going", "opening"}
    | {"link", "button", "page", "section", "menu", "tab", "toggle", "any", "each", "every", "them", "it"}
    | {"bottom", "foot", "footer", "top", "one", "email", "emails", "message", "messages", "newsletter"}
    # (where the means is found: "in any email *we send* you", "in each message *you receive from us*")
    | {"we", "you", "us", "our", "from", "send", "sends", "sent", "receive", "receives", "received"}
)


def _means_told(subject: Subject, rulebook: RuleBook) -> str | None:
    """The way the user works a right alone ("in your settings", "by clicking the unsubscribe link"),
    or where that way is found, when that is all an edit of a sentence granting it added: nothing
    went, nothing else came."""
    rule = rulebook.rule("rights.self-service-to-request")
    if subject.kind is not ChangeKind.MODIFIED or rule is None:
        return None
    told: list[str] = []
    for deleted, inserted, _ in edit_runs_at(subject.edits):
        if any(_content_word(word, rulebook) for word in WORD.findall(deleted)):
            return None
        found = rule.old_phrases.search(inserted)
        rest = inserted[: found.start()] + " " + inserted[found.end() :] if found is not None else inserted
        if any(
            _content_word(word, rulebook) and word.casefold() not in _MEANS_WORDS
            for word in WORD.findall(rest)
        ):
            return None
        if found is not None or rule.old_phrases.search(subject.new) is not None:
            # (… or where the means the sentence names is found: "by clicking unsubscribe *in any
            # email we send*")
            told.append(inserted.strip(" ,."))
    return told[0] if told else None


def _consequence_said(subject: Subject, rulebook: RuleBook) -> bool:
    """Every edit stands in a clause set apart by a condition or a contrast that speaks of neither
    the company, a practice nor the user's data ("…, but some features may not work"), and one
    such clause is said anew (rewording one both sides hold is not)."""
    said_anew = False
    for text, other, op in ((subject.new, subject.old, Op.INSERT), (subject.old, subject.new, Op.DELETE)):
        known = {word.casefold() for word in WORD.findall(other)}
        for start, end in _edit_spans(subject.edits, op):
            words = list(WORD.finditer(text, start, end))
            if not words:
                continue  # punctuation or white space
            if not about_something_else(text, words[-1].start(), rulebook):
                return False
            clause = main_clause(text, words[-1].start()) or ""
            fresh = [w for w in WORD.findall(clause) if w.casefold() not in known]
            said_anew = said_anew or 2 * len(fresh) > len(WORD.findall(clause))
    return said_anew


def _audience_changed(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether words were replaced right after a verb that names who receives or may see the data
    ("restricted to", "shared with", "visible to"), content words going and coming."""
    return any(
        _content_words_of(deleted, rulebook)
        and _content_words_of(inserted, rulebook)
        and _AUDIENCE.search(subject.new, max(0, at - 60), at)
        for deleted, inserted, at in edit_runs_at(subject.edits)
    )


def _owner_dropped(subject: Subject) -> bool:
    """Whether a party the user chose ("with *your* insurer", "your bank") is now any of its kind
    ("with insurers"), in a statement of sharing: who receives the data widened (OPP-115 Third Party
    Sharing/Collection, third-party entity), in words no rule reads."""
    reader = practice_reader()
    if "share" not in reader.actions(subject.new):
        return False
    for party in _YOUR_PARTY.finditer(subject.old):
        noun = party.group(1).casefold()
        own = re.search(rf"\byour\s+{re.escape(noun)}", subject.new, re.IGNORECASE)
        if own is None and re.search(rf"\b{re.escape(noun)}s?\b", subject.new, re.IGNORECASE):
            return True
    return False


_YOUR_PARTY = lazy(r"\b(?:with|to)\s+your\s+(\w+)", re.IGNORECASE)


# a verb naming who receives or may see the data, and up to two words of the party before the edit
_AUDIENCE = lazy(
    r"\b(?:restricted|limited|available|accessible|visible|shown|disclosed|shared|provided|sent|given|"
    r"transferred|granted)\s+(?:only\s+)?(?:to|with)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _edit_spans(edits: Sequence[Edit], op: Op) -> list[tuple[int, int]]:
    """Offsets of the edits of one kind in their side's text (deletions in the old, insertions in the new)."""
    spans, position = [], 0
    for edit in edits:
        if edit.op is Op.EQUAL or edit.op is op:
            if edit.op is op:
                spans.append((position, position + len(edit.text)))
            position += len(edit.text)
    return spans


def _side(subject: Subject) -> Side:
    """The side a reason about the whole change quotes: the new text, unless the clause went."""
    return Side.NEW if subject.new else Side.OLD


def _editorial(
    subject: Subject,
    rulebook: RuleBook,
    major: frozenset[tuple[Category, Direction]],
    renames: frozenset[tuple[str, str]],
) -> Verdict | None:
    """The verdict on a change without substance (or on the new heading it moved under), else None."""
    texts = Texts(
        subject.kind,
        subject.old,
        subject.new,
        subject.edits,
        subject.moved,
        subject.renumbered,
        subject.heading,
        listed=_listed_under_practice(subject.lead, rulebook),
    )
    editorial = editorial_verdict(texts, rulebook, renames)
    if editorial is None:
        return None
    key, trigger = editorial
    # a heading the old text did not have at all is structure, not a new place in the policy
    headed = subject.old_context and subject.new_context and subject.old_context != subject.new_context
    if headed and key == "renumbered" and _only_lead_lost_or_gained(subject):
        # in place, under the same headings, an item that left its list (or joined one) keeps the
        # lead-in's words just before it: a pasted or re-formatted copy, not a new place
        headed = False
    if key in ("moved", "renumbered") and headed:
        moved = _moved_under_new_heading(subject, rulebook, major)
        if moved is not None:
            return moved
    return _editorial_verdict(key, trigger, subject, rulebook)


def _listed_under_practice(lead: str, rulebook: RuleBook) -> bool:
    """A lead-in sentence in which the company states a practice and opens a list ("We share your
    data with:"), or names the recipients it lists ("Our partners include:"); a table's header row,
    or "please visit the following pages:", is none."""
    opener = list_opener(lead)
    return opener is not None and (
        bool(stated_practices(mask_links(opener))) or _sharing_named(opener, rulebook)[1]
    )


def _sharing_named(opener: str, rulebook: RuleBook) -> tuple[bool, bool]:
    """Whether a lead-in names a sharing act ("We share your data with:") and whether it names a
    class of recipient ("Our partners include:")."""
    grouped = rulebook.by_category(Category.SHARING).grouped
    names = [t.name for t in rulebook.find_terms(mask_links(opener)) if t.category is Category.SHARING]
    return any(n in grouped for n in names), any(n not in grouped for n in names)


def _only_lead_lost_or_gained(subject: Subject) -> bool:
    """The contexts differ only by a lead-in one side has and the other lacks."""
    old, new = subject.old_context, subject.new_context
    return old.startswith(new + " › ") or new.startswith(old + " › ")


def _editorial_verdict(key: str, trigger: str, subject: Subject, rulebook: RuleBook) -> Verdict:
    reason = Reason(f"editorial.{key}", rulebook.editorial[key], trigger, _side(subject))
    return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))


def _sides(subject: Subject, rulebook: RuleBook) -> Sides:
    """The changed sentences of both sides, profiled, with the terms of the clause's headings."""
    context_terms = tuple(rulebook.find_terms(mask_links(f"{subject.old_context} \n {subject.new_context}")))
    old_region, new_region = changed_regions(subject.old, subject.new, subject.edits)
    return Sides(
        kind=subject.kind,
        old=old_region,
        new=new_region,
        old_profile=profile(old_region, rulebook, lead=subject.lead, context_terms=context_terms),
        new_profile=profile(new_region, rulebook, lead=subject.lead, context_terms=context_terms),
        edits=_as_insertions(subject.edits),
        context_terms=context_terms,
        lead=subject.lead,
        headings=f"{subject.old_context}\n{subject.new_context}",
    )


def _as_insertions(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """The edits, each run replaced by one that holds all its words in order cut into the words
    kept and the words inserted between them: the differ merges insertions close together into
    one replacement ("partners, processors and our host" → "partners (such as DPD), processors
    (such as Stripe) and our host (AWS)"), which reads as words gone; the reader needs what came."""
    out: list[Edit] = []
    index = 0
    while index < len(edits):
        edit = edits[index]
        after = edits[index + 1] if index + 1 < len(edits) else None
        if edit.op is Op.DELETE and after is not None and after.op is Op.INSERT:
            refined = _inserted_around(edit.text, after.text)
            if refined is not None:
                out.extend(refined)
                index += 2
                continue
        out.append(edit)
        index += 1
    return tuple(out)


def _inserted_around(gone: str, came: str) -> list[Edit] | None:
    """``came`` as the words of ``gone`` (all of them, in order) with insertions between, or None."""
    from difflib import SequenceMatcher

    old, new = _TOKEN.findall(gone), _TOKEN.findall(came)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    if any(tag in ("delete", "replace") for tag, *_ in opcodes):
        return None
    kept = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if not any(token.strip() for token in old) or kept < len(old):
        return None
    # each run kept holds two words at least: a lone word met again among new ones ("Indeed" in
    # "include Indeed and" → "include other Indeed services and entities") is a coincidence
    if any(
        tag == "equal" and len([t for t in old[i1:i2] if t[0].isalnum()]) < 2 for tag, i1, i2, _, _ in opcodes
    ):
        return None
    out = [
        Edit(Op.EQUAL if tag == "equal" else Op.INSERT, "".join(new[j1:j2])) for tag, _, _, j1, j2 in opcodes
    ]
    return [edit for edit in out if edit.text]


_TOKEN = lazy(r"\s+|\w+|[^\w\s]")


def _signals(
    subject: Subject, sides: Sides, rulebook: RuleBook, disclosed: frozenset[tuple[str, str]]
) -> list[Signal]:
    """Every signal of the change, read as a definition's when the clause defines a term."""
    whole = subject.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)
    # the whole old clause is profiled only when a member of the changed sentences seems new
    old_clause = (
        cache(lambda: profile(whole_region(subject.old), rulebook, lead=subject.lead, terms_only=True))
        if subject.kind is ChangeKind.MODIFIED
        else None
    )
    signals = [
        *rule_signals(rulebook, sides),
        *term_signals(rulebook, sides, disclosed, old_clause),
        # a whole clause added or removed carries its cues with it: its practice is what counts
        # (but a cue that is part of the practice: "we may share it *without your consent*")
        *(s for s in cue_signals(rulebook, sides) if not whole or _whole_clause_cue(s, rulebook)),
        *swap_signals(rulebook, sides),
        *list_signals(rulebook, sides),
        *scope_signals(rulebook, sides),
        *condition_signals(rulebook, sides),
        *column_signals(rulebook, subject.kind, subject.lead, subject.old, subject.new),
    ]
    signals = _within_swaps(_within_alternatives(signals, rulebook), sides, rulebook)
    return _as_definition(signals) if subject.defines else signals


def _whole_clause_cue(found: Signal, rulebook: RuleBook) -> bool:
    """Whether a cue's signal counts in a clause added or removed whole (``Cue.whole``, or a reading
    of the statement's own words: ``Signal.statement``)."""
    cue = rulebook.cue(found.reason.rule)
    return found.statement or (cue is not None and cue.whole)


def _within_swaps(signals: list[Signal], sides: Sides, rulebook: RuleBook) -> list[Signal]:
    """A term of a swap rule's category that came or went inside the phrases the swap read ("even
    *after you delete* your account" → "*until you delete* your account") is read with the swap, not
    as a period gained or lost of its own."""
    swapped = {
        s.reason.rule: s.category
        for s in signals
        if s.category is not None
        and any(r.id == s.reason.rule and r.kind == "swap" for r in rulebook.by_category(s.category).rules)
    }
    if not swapped:
        return signals
    spans = {
        side: [
            (hit.start, hit.end, category)
            for rule_id, category in swapped.items()
            for hit in found.rule_hits.get((rule_id, slot), [])
        ]
        for side, found, slot in ((Side.OLD, sides.old_profile, "old"), (Side.NEW, sides.new_profile, "new"))
    }
    return [
        s
        for s in signals
        if not (
            s.reason.rule.endswith((".added", ".removed"))
            and s.reason.span is not None
            and s.reason.side in spans
            and any(
                category is s.category and start <= s.reason.span[0] and s.reason.span[1] <= end
                for start, end, category in spans[s.reason.side]
            )
        )
    ]


def _within_alternatives(signals: list[Signal], rulebook: RuleBook) -> list[Signal]:
    """A term that came or went as an alternative of a promise ("by email *or in the app*") is read
    with the alternative, not as a safeguard or a channel of its own gained or lost; so is one inside
    a cue that reads its terms ("requests must be sent *by post*")."""
    spans = [
        (s.reason.side, s.reason.span)
        for s in signals
        if (
            s.reason.rule.startswith("cue.list-alternative-")
            or ((cue := rulebook.cue(s.reason.rule)) is not None and cue.reads_terms)
        )
        and s.reason.span is not None
    ]
    if not spans:
        return signals
    return [
        s
        for s in signals
        if not (
            s.reason.rule.endswith((".added", ".removed"))
            and s.reason.span is not None
            and any(
                side is s.reason.side and span[0] <= s.reason.span[0] and s.reason.span[1] <= span[1]
                for side, span in spans
                if span is not None
            )
        )
    ]


def _same_members(subject: Subject, sides: Sides) -> bool:
    """The same words and the same terms on the same side of every denial: a reordered list."""
    # (one equivalent form for another counts as the same words: "such as" and "for example")
    if subject.kind is not ChangeKind.MODIFIED or _word_bag(subject.old) != _word_bag(subject.new):
        return False
    if _polar_swapped(subject):
        return False  # "off until you turn it on" → "on until you turn it off": the state swapped
    old, new = sides.old_profile, sides.new_profile
    return old.affirmed.keys() == new.affirmed.keys() and old.denied.keys() == new.denied.keys()


def _polar_swapped(subject: Subject) -> bool:
    """Whether the words of a state or a side ("off … on", "before … after") stand in another order,
    the same words on each side: swapped, they say the opposite, whatever else the words share."""
    old = [word for word in fold(subject.old).split() if word in _POLAR_WORDS]
    new = [word for word in fold(subject.new).split() if word in _POLAR_WORDS]
    return old != new and sorted(old) == sorted(new)


_POLAR_WORDS = frozenset(
    {
        "on",
        "off",
        "in",
        "out",
        "before",
        "after",
        "public",
        "private",
        "enabled",
        "disabled",
        "opt-in",
        "opt-out",
        "yes",
        "no",
        "more",
        "less",
        "longer",
        "shorter",
        "allowed",
        "blocked",
        "visible",
        "hidden",
    }
)


def _word_bag(text: str) -> list[str]:
    """A clause's words as a sorted bag, each by its stem, without the words that only join an
    instrument or a purpose to its verb: "we use encryption to protect your data" and "we protect
    your data using encryption" say one thing (the terms on each side are compared besides)."""
    return sorted(_lemma(word) for word in canonical(fold(text)).split() if word not in _INSTRUMENT_WORDS)


def _lemma(word: str) -> str:
    """A crude stem, the same for a verb's forms ("use", "uses", "using", "used"): unlike ``_stem``,
    which leaves a short word whole to see one word in two spellings, it cuts every ending."""
    cut = _BAG_ENDING.search(word)
    if cut is not None and cut.start() >= 2:
        word = word[: cut.start()]
    return word[:-1] if len(word) > 2 and word.endswith("e") else word


_BAG_ENDING = lazy(r"(?:ing|ed|es|s)$")
_INSTRUMENT_WORDS = frozenset({"to", "by", "with", "via", "through"})


def _as_definition(signals: list[Signal]) -> list[Signal]:
    """In a definition, an exclusion ("does not include …") takes things out of every promise made with it."""
    out = []
    for s in signals:
        if s.reason.rule.endswith(".denial-added") or s.reason.rule == "cue.negation":
            says = f"the definition now excludes «{s.reason.trigger}»: promises using the term skip it"
            reason = Reason(
                s.reason.rule.replace("denial-added", "exclusion-added"),
                says,
                s.reason.trigger,
                s.reason.side,
                s.reason.span,
                # what the term's promises covered shrinks: a notice tells it as a promise removed
                Told(added=False),
            )
            s = replace(s, direction=Direction.EXPANDS, reason=reason)
        out.append(s)
    return out


# a section's number at the start of a part of a heading trail ("4.2 Sharing › 4.2.1 Partners")
_NUMBERING = lazy(r"(?:^|(?<=› ))[#*\s]*(?:\d+(?:\.\d+)*[.)]?|[IVXivx]+[.)])(?=\s)")


def _moved_under_new_heading(
    subject: Subject, rulebook: RuleBook, major: frozenset[tuple[Category, Direction]]
) -> Verdict | None:
    """Same words under a different heading: read the headings as what changed."""
    if _NUMBERING.sub("#", subject.old_context) == _NUMBERING.sub("#", subject.new_context):
        return None  # only the sections' numbers changed ("4. Sharing" → "5. Sharing"): no heading's meaning
    old_region, new_region = whole_region(subject.old_context), whole_region(subject.new_context)
    sides = Sides(
        kind=ChangeKind.MODIFIED,
        old=old_region,
        new=new_region,
        old_profile=profile(old_region, rulebook),
        new_profile=profile(new_region, rulebook),
        edits=(),
        context_terms=(),
    )
    # moved text is editorial (LABELING.md); what can change is the heading's polarity: items
    # moved from "data we do not collect" to "data we collect" are collected now
    # a clause that names its party only through the heading ("we give *them* your orders") takes
    # its meaning from it: every term of the headings counts
    # (in its first sentence: a paragraph that goes on has its own words for what "these" are)
    text = subject.new or subject.old
    opening = sentences(text)[:1]
    anaphoric = bool(opening and _ANAPHORA.search(text, opening[0][0], opening[0][1]))
    signals = [
        s
        for s in term_signals(rulebook, sides, frozenset())
        if s.direction is not Direction.NEUTRAL and (anaphoric or s.reason.rule.endswith(_POLARITY))
    ]
    if not signals:
        return None
    return _decide(signals, [], None, subject, rulebook, major, sides)


def dominant_categories(sides: Sides, rulebook: RuleBook) -> list[Category]:
    """Categories spoken of in the changed sentences (and, more faintly, in the headings)."""
    scores: Counter[Category] = Counter()
    grouped = {rules.category: rules.grouped for rules in rulebook.categories}
    # a sentence the same on both sides stands beside the change, it was not changed ("… questions
    # to our support team. *We may change this policy.*"): its terms count as a heading's do
    kept = _kept_sentences(sides.old, sides.new)
    for region, found in ((sides.old, sides.old_profile), (sides.new, sides.new_profile)):
        for term in found.terms:
            if term.category is None:
                continue
            if _in_kept(region, term.start, kept):
                scores[term.category] += 1
            else:
                # the verb says what a sentence is about ("we *share* your email"); nouns are its objects
                scores[term.category] += 4 if term.name in grouped[term.category] else 2
    for term in sides.context_terms:
        if term.category is not None:
            scores[term.category] += 1
    for category in _subjects(sides, rulebook):
        scores[category] += 4  # the party that does it says what the sentence is about, as a verb does
    priority = {rules.category: rules.priority for rules in rulebook.categories}
    ranked = sorted(scores, key=lambda c: (-scores[c], priority.get(c, 99)))
    return [c for c in ranked if c is not Category.OTHER]


def _kept_sentences(old: Region, new: Region) -> frozenset[str]:
    """The sentences of the changed regions that stand unchanged on both sides, when a sentence on
    either side changed (else none: a clause reworded in its spacing alone keeps every one)."""
    was = {text.strip() for _, text in old.parts()}
    now = {text.strip() for _, text in new.parts()}
    kept = was & now
    return frozenset(kept) if kept and (was - kept or now - kept) else frozenset()


def _in_kept(region: Region, position: int, kept: frozenset[str]) -> bool:
    """Whether the sentence at ``position`` of ``region`` is one of the ``kept`` ones."""
    if not kept:
        return False
    span = region.sentence_at(position)
    return span is not None and region.text[span[0] : span[1]].strip() in kept


def _verb_categories(sides: Sides) -> list[Category]:
    """The categories of the practice verbs of the changed sentences, when they name no term ("we
    do not *log* the websites you visit"): the verb's class says what the sentence is about
    (ontology/actions.toml); the user's own acts are not read."""
    reader = practice_reader()
    found = []
    for region in (sides.old, sides.new):
        for _, text in region.parts():
            if USER_RIGHT.match(text.strip()):
                continue
            masked = mask_links(text)
            for verb in reader.verbs.finditer(masked):
                # a verb where a verb stands ("we record", "are not recorded"), not a noun of the
                # same letters ("your booking records")
                if (
                    verb.lastgroup in WIDENING
                    and _VERB_BEFORE.search(masked, 0, verb.start())
                    and not reader.promising.match(verb.group())
                ):
                    found.append(PRACTICE_CATEGORY[verb.lastgroup])
    return [c for c in dict.fromkeys(found) if c is not Category.OTHER]


# what stands right before a verb in a statement: its subject, a modal, an auxiliary or a negation
_VERB_BEFORE = lazy(
    r"\b(?:we|they|it|i|not|never|may|might|can|could|will|would|shall|should|must|also|be|been|is|are|was|were|"
    r"do|does|to|and|or|only|always|automatically)\s+$",
    re.IGNORECASE,
)


def _subjects(sides: Sides, rulebook: RuleBook) -> list[Category]:
    """Categories whose term is the subject of its sentence's first practice verb (``as_subject``)."""
    reader = practice_reader()
    found: list[Category] = []
    for region, profiled in ((sides.old, sides.old_profile), (sides.new, sides.new_profile)):
        for start, end in region.spans:
            verb = next(reader.verbs.finditer(mask_links(region.text[start:end])), None)
            if verb is None or verb.lastgroup is None:
                continue
            for term in profiled.terms:
                rules = rulebook.by_category(term.category) if term.category else None
                before = start <= term.start and term.end <= start + verb.start()
                if (
                    rules is not None
                    and before
                    and verb.lastgroup in rules.as_subject
                    and term.name not in rules.grouped
                ):
                    found.append(rules.category)
                    break
    return found


def _has_verb(sides: Sides, rulebook: RuleBook) -> bool:
    """Whether the clause says itself what is done ("we use …"), or only names things (a list item)."""
    for term in [*sides.old_profile.terms, *sides.new_profile.terms]:
        rules = rulebook.by_category(term.category) if term.category else None
        if rules is not None and term.name in rules.grouped and not rules.protective:
            return True
    return False


def _edited_header(subject: Subject) -> str:
    """The lead-in a clause is read under; for a table row, the header cell of the column its first
    edit stands in ("| Category | Examples | Sold or shared |": an example added is no sale)."""
    lead, row = subject.lead, subject.new or subject.old
    if subject.kind is not ChangeKind.MODIFIED or "|" not in lead or not row.lstrip().startswith("|"):
        return lead
    header = table_cells(lead)
    at = 0
    for edit in subject.edits:
        # (markup or punctuation edited, "**" of a bold cell, is no edit of the row's words)
        if edit.op is not Op.EQUAL and WORD.search(edit.text):
            break
        if edit.op is not Op.DELETE:
            at += len(edit.text)
    column = subject.new.count("|", 0, at) - 1
    return header[column] if 0 <= column < len(header) else lead


_THIS_POLICY = lazy(r"\b(?:this|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\b", re.IGNORECASE)


def _more_than_the_hedge(subject: Subject, signals: Sequence[Signal], rulebook: RuleBook) -> bool:
    """Whether an edit says more than the hedges that read it ("we share" → "we may share" says
    only "may"; "… and may be reviewed by our quality team" says more)."""
    hedged = {word.casefold() for s in signals for word in WORD.findall(s.reason.trigger)}
    inserted = " ".join(edit.text for edit in subject.edits if edit.op is Op.INSERT)
    if _THIS_POLICY.search(inserted):
        return False  # "…, and the buyer may use it as this notice describes": held to the policy
    return (
        sum(
            _content_word(word, rulebook) and word.casefold() not in hedged
            for edit in subject.edits
            if edit.op is not Op.EQUAL
            for word in WORD.findall(mask_links(edit.text))
        )
        >= 2
    )


def _practice_kept(sides: Sides, dominant: list[Category], rulebook: RuleBook) -> Category | None:
    """The first of the dominant categories whose practice (a verb, not a safeguard) both sides affirm."""

    def practices(found: Profile) -> set[Category]:
        return {
            category
            for (category, _), term in found.affirmed.items()
            if term.name in rulebook.by_category(category).grouped and not is_safeguard(term, rulebook)
        }

    both = practices(sides.old_profile) & practices(sides.new_profile)
    return next((c for c in dominant if c in both), None)


def _safeguard_came_or_went(signal: Signal, rulebook: RuleBook, practice: Category, sides: Sides) -> bool:
    """Whether a term signal reads only a safeguard's words (no right's) that came or went in a
    sentence stating the ``practice``."""
    span = signal.reason.span
    if span is None or not signal.reason.rule.endswith((".added", ".removed")):
        return False
    terms = rulebook.find_terms(signal.reason.trigger)
    if not terms or not all(is_safeguard(t, rulebook) and t.category is not Category.RIGHTS for t in terms):
        return False
    region, found = (
        (sides.old, sides.old_profile) if signal.reason.side is Side.OLD else (sides.new, sides.new_profile)
    )
    sentence = region.sentence_at(span[0])
    grouped = rulebook.by_category(practice).grouped
    return sentence is not None and any(
        c is practice and t.name in grouped and sentence[0] <= t.start < sentence[1]
        for (c, _), t in found.affirmed.items()
    )


def _lead_category(lead: str, rulebook: RuleBook) -> Category | None:
    """The practice a list's lead-in names by its verb ("We share:" → sharing)."""
    if not lead:
        return None
    terms: list[Match] = rulebook.find_terms(mask_links(lead))
    for rules in rulebook.categories:
        if (
            any(t.category is rules.category and t.name in rules.grouped for t in terms)
            and not rules.protective
        ):
            return rules.category
    return None


def _decide(
    signals: Sequence[Signal],
    dominant: list[Category],
    lead_category: Category | None,
    subject: Subject,
    rulebook: RuleBook,
    major: frozenset[tuple[Category, Direction]],
    sides: Sides,
    practice: Category | None = None,
) -> Verdict:
    """The verdict the signals give (``practice``: the category of the practice both sides state)."""
    lead = dominant[0] if dominant else Category.OTHER
    resolved = [replace(s, category=s.category or lead) for s in signals]
    choice = _chosen(resolved)
    if choice is None:
        return _no_signal(subject, dominant, rulebook, sides)
    chosen, direction = choice
    priority = {rules.category: rules.priority for rules in rulebook.categories}
    chosen.sort(key=lambda s: (-s.strength, priority.get(s.category, 99) if s.category else 99))
    primary = chosen[0].category or lead
    if lead_category is not None and chosen[0].strength < 3 and not any(s.major for s in resolved):
        primary = lead_category  # a list is read as its lead-in says: items under "We share:" are sharing
    if (
        direction is Direction.EXPANDS
        and (primary, direction) not in major
        and (lead, direction) in major
        and any(s.category is None and s.direction is direction for s in signals)
    ):
        # "… and *only* carries out such transfers for the purposes listed" gone, "as data controller"
        # with it: the adverse cue limits the statement's own practice, whatever other term went
        primary = lead
    if (
        practice is not None
        and practice not in {s.category for s in chosen}
        and all(_safeguard_came_or_went(s, rulebook, practice, sides) for s in chosen)
    ):
        # "we use *de-identified* data to train our models" → "your data": a safeguard of the
        # practice came or went; the change is the practice's (LABELING.md, Removals)
        primary = practice
    if (
        primary is Category.COLLECTION
        and all(s.category in (Category.COLLECTION, Category.SHARING) for s in chosen)
        and all(_said_of_sharing(s, sides) for s in chosen if s.category is Category.COLLECTION)
    ):
        # "we share your order details *and phone number* with the courier": a kind of data new to
        # a recipient the sentence keeps is a change of sharing (LABELING.md, Recipients)
        primary = Category.SHARING
    if (
        primary is Category.SHARING
        and all(s.category in (Category.COLLECTION, Category.SHARING) for s in chosen)
        and (parties := [s for s in chosen if s.category is Category.SHARING])
        and all(_named_as_source(s, sides) for s in parties)
    ):
        # "we collect information from sources such as social networks *and data brokers*": a party
        # the data comes from is a source of collection, not a recipient (OPP-115 Third Party
        # Sharing/Collection: collection from a third party; GDPR Art. 14(2)(f))
        primary = Category.COLLECTION
        chosen = [_as_source(s) if s.category is Category.SHARING else s for s in chosen]
    categories = _unique([primary, *(s.category for s in chosen), *dominant[:1]])
    severity = _severity(chosen, primary, direction, major)
    reasons = [s.reason for s in chosen[:6]]
    if direction is Direction.EXPANDS:  # what narrows too, after what widens
        reasons.extend([s.reason for s in resolved if s.direction is Direction.NARROWS][:2])
    if _unplaced(signals, primary, direction, severity):
        # an adverse cue ("when we believe it is right") in a sentence no category's terms name
        # ("we hand records to the police"): which practice widens, and so whether notice is
        # due, is for a lawyer (SPEC: review); a guessed "other" would pass it as minor
        says = "an adverse change in a statement whose practice no rule names: a lawyer decides"
        reasons.insert(0, Reason("review.unplaced", says, chosen[0].reason.trigger, chosen[0].reason.side))
        return Verdict(tuple(categories[:3]), Direction.NEUTRAL, Severity.REVIEW, tuple(reasons))
    if primary is Category.LEGAL_BASIS and direction is Direction.NEUTRAL and _basis_swapped(chosen):
        # "to perform our contract" → "our legitimate interests": which rights apply changed (an
        # objection under Art. 21 where there was none), and no rule orders the two bases
        # (legal-materiality.md: a legal-basis swap is never neutral); a lawyer decides
        says = "the legal basis a practice rests on was replaced by another: which rights apply changed"
        reasons.insert(
            0, Reason("review.basis-swapped", says, chosen[0].reason.trigger, chosen[0].reason.side)
        )
        return Verdict(tuple(categories[:3]), Direction.NEUTRAL, Severity.REVIEW, tuple(reasons))
    if all(s.reason.rule == _EXAMPLE_ADDED for s in chosen) and primary in _EXAMPLE_CATEGORIES:
        # "we collect information about your device, such as its model *and the apps on it*": an
        # example in words no rule names may be a part of a kind named or a new kind (LABELING.md,
        # Data types: a new kind is major): only a reader can say which
        says = (
            "an example in words no rule names was added: a part of what the sentence named, or a new kind?"
        )
        reasons.insert(0, Reason("review.example", says, chosen[0].reason.trigger, chosen[0].reason.side))
        return Verdict(tuple(categories[:3]), Direction.NEUTRAL, Severity.REVIEW, tuple(reasons))
    if all(s.reason.rule == _ALTERNATIVE_ADDED for s in chosen) and primary is not Category.SECURITY:
        # "we will notify you by email *or through the app*", "delete *or anonymise*": whether the
        # other way is a lesser one (a posting for an email) is a lawyer's call; one more way to
        # meet a security measure ("in transit *or at rest*") is always a weaker measure
        says = "an alternative way of keeping a promise was added: is it a lesser one?"
        reasons.insert(0, Reason("review.alternative", says, chosen[0].reason.trigger, chosen[0].reason.side))
        return Verdict(tuple(categories[:3]), Direction.NEUTRAL, Severity.REVIEW, tuple(reasons))
    consent = _consent(chosen, sides.new, rulebook) if severity is Severity.MAJOR else Consent()
    return Verdict(tuple(categories[:3]), direction, severity, tuple(reasons), consent)


_ALTERNATIVE_ADDED = "cue.list-alternative-added"
_EXAMPLE_ADDED = "cue.list-example-added"
# the categories whose lists name kinds of data, recipients, purposes or trackers: a new one is major
_EXAMPLE_CATEGORIES = frozenset(
    {
        Category.COLLECTION,
        Category.SHARING,
        Category.PURPOSE,
        Category.TRACKING,
        Category.AI,
        Category.TRANSFER,
    }
)


def _unplaced(signals: Sequence[Signal], primary: Category, direction: Direction, severity: Severity) -> bool:
    """An adverse minor verdict whose category no signal named, or only the text's own scope ("this
    policy applies to our website *and our apps*"): it fell to "other", which the rubric never weighs,
    or to the contact words beside it ("our *support team* may access your account" without "with
    your permission"): the team that acts is no practice."""
    adverse = [s for s in signals if s.direction is Direction.EXPANDS]
    return (
        severity is Severity.MINOR
        and direction is Direction.EXPANDS
        and primary in (Category.OTHER, Category.CONTACT)
        and bool(adverse)
        and all(s.category in (None, Category.OTHER) for s in adverse)
    )


def _severity(
    chosen: Sequence[Signal],
    primary: Category,
    direction: Direction,
    major: frozenset[tuple[Category, Direction]],
) -> Severity:
    """Major for an identity change or for a (category, direction) the settings call major."""
    if any(s.major for s in chosen) or (primary, direction) in major:
        return Severity.MAJOR
    return Severity.MINOR


def _chosen(resolved: list[Signal]) -> tuple[list[Signal], Direction] | None:
    """The signals that decide and their direction: an identity change first, then any adverse signal."""
    identity = [s for s in resolved if s.major]
    by_direction = {d: [s for s in resolved if s.direction is d] for d in Direction}
    if identity:
        return identity + by_direction[Direction.EXPANDS], identity[0].direction
    for direction in (Direction.EXPANDS, Direction.NARROWS, Direction.NEUTRAL):
        if by_direction[direction]:
            return by_direction[direction], direction
    return None


def _new_to_the_old_version(
    subject: Subject,
    sides: Sides,
    rulebook: RuleBook,
    context: DocumentContext,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
) -> Verdict | None:
    """An added clause whose every term the old version names somewhere, yet which says what no
    old clause says (issue 13: "is this new?" asked of statements, not of a bag of terms): a period
    or an age the old version never states ("may be retained for up to ten years"), a place it never
    names, or a purpose or a recipient paired with a kind of data no old clause pairs it with ("we
    may read your private messages to improve our products"). A lawyer decides: the old text may
    say it in other words."""
    if context.old_pairs is None:
        return None  # a clause judged alone, or a text too long to be read whole for it
    if (company := _company_listed_anew(subject, rulebook, context)) is not None:
        # "We share your data with: - Google - Meta" + "- Amazon": a company new to a list of named
        # recipients (LABELING.md, Recipients: a company new to a closed list is expands); under a
        # class ("Our advertising partners include:") a named company is an instance of it: neutral
        says = f"a company new to the list of those the data is shared with: «{company}»"
        reason = Reason("sharing.company-added", says, company, Side.NEW)
        severity = Severity.MAJOR if (Category.SHARING, Direction.EXPANDS) in major else Severity.MINOR
        return Verdict((Category.SHARING,), Direction.EXPANDS, severity, (reason,))
    # (a period that bounds a deletion, "deleted within 30 days", "immediately", protects: the term
    # signals read it)
    promising = practice_reader().promising
    novel = [
        q
        for start, end in sentences(subject.new)
        if not promising.search(subject.new, start, end)
        for q in quantities(mask_links(subject.new[start:end]))
        if q.unit in ("duration", "age")
        and q.value > 0
        and context.old_states is not None
        and not context.old_states(q)
    ]
    found = sides.new_profile
    category = next((c for c in (t.category for t in found.affirmed.values()) if c), Category.OTHER)
    if novel:
        says = f"a period or an age the old version never states («{novel[0].text}»), in new text"
        return _unread_verdict(subject, category, says)
    transfer = rulebook.by_category(Category.TRANSFER)
    for place in places_named(subject.new, rulebook):
        # "These providers are located in India.": a place the old version never names, whatever
        # the sentence does there (GDPR Art. 13(1)(f): where data goes is told)
        if context.old_affirms is not None and not context.old_affirms(
            frozenset((Category.TRANSFER, name) for name in transfer.lineage(place.name))
        ):
            says = f"a place the old version never names («{place.text}»), in new text"
            return _unread_verdict(subject, Category.TRANSFER, says)
    if (lifted := _denied_in_the_old_version(sides, rulebook, context, major)) is not None:
        return lifted
    reader, known = practice_reader(), context.vocabulary()
    for start, end in sentences(subject.new):
        sentence = mask_links(subject.new[start:end])
        actions = reader.actions(sentence)
        if (named := _source_unknown(sentence, known)) is not None:
            # "We collect your job title from LinkedIn.": a source the old version never names
            says = f"a source of the data collected the old version never names («{named}»), in new text"
            return _unread_verdict(subject, Category.COLLECTION, says)
        if (party := _party_unknown(sentence, context, reader)) is not None:
            # "Drivers receive your phone number.": a party the old version never names where it says
            # who receives data (OPP-115 Third Party Sharing/Collection; "is this new?" asked of its
            # sentences, not of its bag of words)
            says = f"a party the old version never names as receiving data («{party}»), in new text"
            return _unread_verdict(subject, Category.SHARING, says)
        if actions and (announced := _ANNOUNCED.search(sentence)) is not None:
            # "Payment card details are *now* stored on our servers.": the text itself says a practice
            # changed, which the terms it names cannot show
            says = f"new text says a practice changed («{announced.group().strip()}»)"
            return _unread_verdict(subject, category, says)
    collection = rulebook.by_category(Category.COLLECTION)
    kinds = frozenset(
        (Category.COLLECTION, name)
        for key, match in found.affirmed.items()
        if key[0] is Category.COLLECTION and match.name not in collection.grouped
        for name in collection.lineage(match.name)
    )
    if not kinds:
        return None
    # a kind whose use may need the user's consent (GDPR Art. 9: health, biometrics) is paired only
    # where an old clause names it: "we share the information we collect" is not said of it
    explicit = any(collection.consent_for(name) for _, name in kinds)
    for key, match in found.affirmed.items():
        rules = rulebook.by_category(key[0])
        if (
            key[0] not in (Category.PURPOSE, Category.SHARING)
            or match.name in rules.grouped
            or rules.protective
        ):
            continue
        if not context.old_pairs(
            frozenset({(key[0], name) for name in rules.lineage(match.name)}), kinds, explicit
        ):
            says = f"«{match.text}» is paired with a kind of data no old clause pairs it with, in new text"
            return _unread_verdict(subject, key[0], says)
    return None


def _no_signal(subject: Subject, dominant: list[Category], rulebook: RuleBook, sides: Sides) -> Verdict:
    text = subject.new or subject.old
    if subject.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        verb = "new" if subject.new else "removed"
        says = f"{verb} text about {topic}, with no term that widens or narrows it"
        told = Told(added=bool(subject.new))
        reason = Reason(f"{category.value}.described", says, text.strip()[:80], _side(subject), None, told)
        return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    if _periods_differ(subject.old, subject.new):
        # "closed after 24 months" → "after 12 months", "renews every 12 months" → "renews": a period or
        # an age is substance however the sentence is worded; no rule read it (SPEC: never editorial)
        category = dominant[0] if dominant else Category.OTHER
        says = (
            f"a period of time or an age changed, in a statement about {rulebook.by_category(category).topic}"
        )
        return _unread_verdict(subject, category, says)
    if Counter(_recurrences(subject.old)) - Counter(_recurrences(subject.new)):
        # "we send this notice every year" → "when you open an account": how often a practice or a
        # commitment recurs is substance however it is worded, as a period is (SPEC: never editorial);
        # one that went or changed (one told anew beside what stays, "our newsletter comes out every
        # quarter", binds the practice no less than before)
        category = dominant[0] if dominant else Category.OTHER
        says = (
            f"how often something recurs changed, in a statement about {rulebook.by_category(category).topic}"
        )
        return _unread_verdict(subject, category, says)
    if (lifted := _count_lifted(subject.old, subject.new)) is not None:
        # "with one credit agency" → "with credit agencies": what was one may now be many, whatever
        # it is (issue 13: a bound that went is never editorial)
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = f"what was one is now said in the plural («{lifted}»), in a statement about {topic}"
        return _unread_verdict(subject, category, says)
    if (anchor := _period_anchor_moved(subject.old, subject.new)) is not None:
        # "within 72 hours" → "within 72 hours of discovering it", "for 14 days" → "for 14 days from
        # the date they are created": the same number, counted from another point, may be a longer
        # wait or a longer keeping (issue 13: a commitment whose start moved is never editorial)
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = f"the point a period counts from changed («{anchor}»), in a statement about {topic}"
        return _unread_verdict(subject, category, says)
    if (step := _steps_swapped(subject.old, subject.new)) is not None:
        # "aggregated before we review it" → "reviewed before it is aggregated": the same two steps
        # in the other order; a safeguard that came first may now come after (issue 13: never editorial)
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = f"two steps changed their order around «{step}», in a statement about {topic}"
        return _unread_verdict(subject, category, says)
    if _companies_anew(subject, rulebook):
        # "… as an independent controller (from 1 March, Northwind Ltd)": a company named anew is a
        # party the policy speaks of, however the sentence is worded; no rule read it
        category = dominant[0] if dominant else Category.OTHER
        says = f"a company is named anew, in a statement about {rulebook.by_category(category).topic}"
        return _unread_verdict(subject, category, says)
    if (swapped := _name_swapped(subject, rulebook)) is not None:
        # "we use Firebase Crashlytics to collect crash reports" → "… Sentry …", "the Irish Data
        # Protection Commission" → "the Dutch Data Protection Authority": one named party in
        # another's place, here only (a rename throughout the text is editorial, read above); a
        # party that replaces another one-for-one in the same role is neutral (LABELING.md, Recipients)
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = f"a named party changed, in a statement about {topic}: «{swapped[0]}» → «{swapped[1]}»"
        reason = Reason(f"{category.value}.name-changed", says, swapped[1], Side.NEW)
        return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    if (source := _source_named_anew(subject)) is not None:
        # "we collect your job title *from LinkedIn*": where the data comes from is told (GDPR Art.
        # 14(2)(f); OPP-115 Third Party Sharing/Collection: collection from a third party); a source
        # named anew in a collecting sentence is new collection or a new wording of it
        says = f"a source of the data collected is named anew («{source}»), in words no rule reads"
        return _unread_verdict(subject, Category.COLLECTION, says)
    if (purpose := _purpose_named_anew(subject)) is not None:
        # "we store your sketches *so that we can build new tools*": what a practice serves, told
        # anew (GDPR Art. 13(1)(c); OPP-115 First Party Collection/Use, purpose), may be a new use
        says = f"what a practice serves is told anew («{purpose}»), in words no rule reads"
        return _unread_verdict(subject, Category.PURPOSE, says)
    if (setting := _setting_changed(subject, rulebook)) is not None:
        # "we use the pixel *on our checkout page*" → "*on our website*": where a practice is done
        # changed, and with it how far it reaches (issue 13: a scope that moved is never editorial)
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = (
            f"where a practice is done changed («{setting[0]}» → «{setting[1]}»), in a statement about "
            + topic
        )
        return _unread_verdict(subject, category, says)
    if (named := named_anew(sides, rulebook)) is not None:
        # "this policy also covers what we share with *data brokers*": a kind of data, a recipient or
        # a purpose of the lexicon named anew where no rule reads the sentence (issue 13: fail-open)
        says = f"«{named.text}» is named anew, in words no rule reads"
        return _unread_verdict(subject, named.category or Category.OTHER, says)
    if (gone := protection_gone(sides, rulebook)) is not None:
        # "the school controls the data *and can ask us to delete it*" → "…controls the data": a
        # right or a safeguard named no more, held by whoever the sentence names (issue 13: fail-open)
        says = f"«{gone.text}» is no longer named, in words no rule reads"
        return _unread_verdict(subject, gone.category or Category.OTHER, says)
    reason = Reason(
        "editorial.reworded", rulebook.editorial["reworded"], changed_words(subject.edits), _side(subject)
    )
    return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))


def _novel_period(subject: Subject, context: DocumentContext, within_law: float = 0.0) -> str | None:
    """A period that the edit of a clause brought and that the old version never states (in an
    added clause, not one bounding a deletion: "deleted within 30 days" protects), longer than
    ``within_law`` days."""
    if context.old_states is None:
        return None
    promising = practice_reader().promising if subject.kind is ChangeKind.ADDED else None
    for _, inserted, _ in edit_runs_at(subject.edits):
        # (a deletion the user asks for is a right's object: "requests to delete your data will be
        # answered within 90 days" bounds the answer, not the deletion)
        if promising is not None and any(
            not _ASKED_FOR.search(inserted, max(0, m.start() - 30), m.start())
            for m in promising.finditer(inserted)
        ):
            continue
        for q in quantities(mask_links(inserted)):
            if q.unit == "duration" and q.value > within_law and not context.old_states(q):
                return q.text
    return None


# what the user asks the company to do, right before the verb: "requests to", "ask us to", "the right to"
_ASKED_FOR = lazy(
    r"\b(?:requests?\s+(?:to|for)|ask(?:s|ed|ing)?\s+(?:us\s+)?to|right\s+to|instruct(?:s|ed)?\s+us\s+to)\s+"
    r"(?:have\s+(?:us\s+)?)?$",
    re.IGNORECASE,
)


def _within_law(signals: Sequence[Signal], rulebook: RuleBook) -> float:
    """The shortest period the law allows for what the bound signals bound (``within_law``), or 0
    where any of them has none: "we will respond within 30 days" promises no more than GDPR Art.
    12(3) already requires, "within 90 days" may be longer than the user was told."""
    days: list[float] = []
    for s in signals:
        if s.category is None or not s.reason.rule.endswith(".bounded"):
            continue
        rules = rulebook.by_category(s.category)
        names = {t.name for t in rulebook.find_terms(s.reason.trigger) if t.category is s.category}
        days.append(min((rules.within_law.get(name, 0.0) for name in names), default=0.0))
    return min(days, default=0.0)


def _denied_in_the_old_version(
    sides: Sides, rulebook: RuleBook, context: DocumentContext, major: frozenset[tuple[Category, Direction]]
) -> Verdict | None:
    """New text stating a practice the old version denies ("We may sell your personal information"
    where it said "We do not sell your personal information"): a promise taken back (LABELING.md:
    "a promise removed ('we do not' → 'we may')"), whatever other clause held it. Data said to be
    de-identified or aggregated (CCPA § 1798.140(m); GDPR Recital 26) may fall outside the promise:
    a lawyer decides."""
    if context.old_denies is None:
        return None
    for key, match in sides.new_profile.affirmed.items():
        rules = rulebook.by_category(key[0])
        if rules.protective or match.name in rules.protects or rules.gained is not Direction.EXPANDS:
            continue
        if (
            not _stated_by_us(sides.new, match)
            or (match.name in rules.grouped and names_no_practice(match, sides.new, sides.new_profile))
            or not context.old_denies(frozenset({(key[0], name) for name in rules.lineage(match.name)}))
        ):
            continue
        says = f"the old version denies what new text states («{match.text}»): a promise taken back"
        reason = Reason(f"{key[0].value}.denial-lifted", says, match.text, Side.NEW, (match.start, match.end))
        if _OUTSIDE_A_PROMISE.search(sides.new.text) or (key[0], Direction.EXPANDS) not in major:
            review = Reason("review.unread", says + "; the data may fall outside it", match.text, Side.NEW)
            return Verdict((key[0],), Direction.NEUTRAL, Severity.REVIEW, (review,))
        return Verdict((key[0],), Direction.EXPANDS, Severity.MAJOR, (reason,))
    return None


def _stated_by_us(region: Region, match: Match) -> bool:
    """Whether a term stands in a sentence the company states of itself ("we", "us") and ends with a
    stop, outside a link's words: not a heading, a label or a table of contents."""
    span = region.sentence_at(match.start)
    if span is None or any(m.start() <= match.start < m.end() for m in MD_LINK.finditer(region.text)):
        return False
    sentence = region.text[span[0] : span[1]].rstrip()
    return sentence.endswith((".", "!", ";")) and _WE.search(sentence) is not None


_WE = lazy(r"\b(?:we|us)\b", re.IGNORECASE)
# data a promise about personal data may not reach: de-identified, aggregated, anonymised
_OUTSIDE_A_PROMISE = lazy(
    r"\b(?:de-?identified|aggregated?|anonymi[sz]ed|anonymous|pseudonymi[sz]ed)\b", re.IGNORECASE
)


def _setting_changed(subject: Subject, rulebook: RuleBook) -> tuple[str, str] | None:
    """The (old, new) words of a place where a practice is done ("on our checkout page" → "on our
    website"), replaced one for another right after a preposition of place, in a sentence stating
    a practice the company does (not a pointer to a text: "in our cookie notice")."""
    if subject.kind is not ChangeKind.MODIFIED:
        return None
    reader = practice_reader()
    for deleted, inserted, at in edit_runs_at(subject.edits):
        went, came = _content_words_of(deleted, rulebook), _content_words_of(inserted, rulebook)
        if not went or not came or canonical(fold(deleted)) == canonical(fold(inserted)):
            continue
        if _JOINED_UP.sub("", fold(deleted)) == _JOINED_UP.sub("", fold(inserted)):
            continue  # "data centres" → "datacentres": one compound written closed
        if {w.casefold() for w in (*went, *came)} - _CONNECTIVES <= _USERS_EQUIPMENT:
            continue  # "in your browser" → "on your computer or phone": the user's side either way
        if any(q.unit == "duration" for q in (*quantities(deleted), *quantities(inserted))):
            continue  # "in 30 days" → "in a month": a time, which the number rules read
        if not _PLACE_BEFORE.search(subject.new, max(0, at - 40), at):
            continue
        start = max(subject.new.rfind(mark, 0, at) for mark in ".;:!?")
        sentence = subject.new[start + 1 : at + len(inserted) + 80]
        if POINTER_START.search(sentence) or _DOCUMENT_WORD.search(f"{deleted} {inserted}"):
            continue
        if reader.states_practice(sentence, rulebook):
            return deleted.strip(), inserted.strip()
    return None


# a preposition of place and the determiner after it: "on our", "across the", "in every"
_PLACE_BEFORE = lazy(
    r"\b(?:on|in|across|throughout|at|via|through)\s+"
    r"(?:(?:our|the|your|its|their|a|an|any|all|every|each|some|these|those|this|that)\s+)?$",
    re.IGNORECASE,
)
_WIDE_WORD = lazy(r"\b(?:any|all|every)\b", re.IGNORECASE)
_JOINED_UP = lazy(r"[\s-]+")
_DOCUMENT_WORD = lazy(
    r"\b(?:polic(?:y|ies)|notices?|terms|statements?|sections?|paragraphs?|page\s+\d)\b", re.IGNORECASE
)


def _companies_anew(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether the new side names a company by its legal form that the old side names in no form
    ("Stripe" → "Stripe, Inc." names none anew), or by a name written in camel case ("OpenAI",
    "PayPal": a brand's spelling, no word of the language) that the old side does not use."""
    old = set(WORD.findall(fold(subject.old)))
    brands = (
        set(_CAMEL_CASE.findall(mask_links(subject.old))),
        set(_CAMEL_CASE.findall(mask_links(subject.new))),
    )
    if brands[1] - brands[0] and not brands[0] - brands[1]:
        return True  # (one brand for another, "PixelPal" → "SnapStudio", is a rename: editorial)
    operators = (
        {m.group(1) for m in _RUN_BY_NAME.finditer(mask_links(subject.old))},
        {m.group(1) for m in _RUN_BY_NAME.finditer(mask_links(subject.new))},
    )
    if operators[1] - operators[0] and not operators[0] - operators[1]:
        return True  # "… stored in the HR system, *which is hosted by Workday*": its operator named
    # ("The Company" is how a policy names its own company: a legal form with no name is none anew)
    return any(
        not (set(WORD.findall(FOLDED_LEGAL_FORM.sub(" ", key))) - rulebook.editorial_words) <= old
        for key in entity_keys(subject.new) - entity_keys(subject.old)
    )


# a name after the verb that says who runs a system or a service for the company: a processor named
# ("hosted by Workday", "powered by Stripe"; GDPR Art. 28 and 13(1)(e): recipients), whatever its spelling
_RUN_BY_NAME = lazy(
    r"\b(?:hosted|provided|operated|run|managed|processed|powered|supplied|maintained|stored)\s+by\s+"
    r"((?!(?:We|Us|Our|You|Your|The|This|These|Law)\b)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
)


def _name_swapped(subject: Subject, rulebook: RuleBook) -> tuple[str, str] | None:
    """The (old, new) names of an edit that only puts proper names in the place of others, inside
    a sentence ("Firebase Crashlytics" → "Sentry"), each new to its side and no term of the
    lexicon (whose rules read it); None otherwise, and for a text in title case (a heading)."""
    if subject.kind is not ChangeKind.MODIFIED or _title_cased(subject.new) or _title_cased(subject.old):
        return None
    runs = [(d, i, at) for d, i, at in edit_runs_at(subject.edits) if d.strip() or i.strip()]
    if not runs or any(rulebook.find_terms(d) or rulebook.find_terms(i) for d, i, _ in runs):
        return None
    if all(_CAMEL_CASE.fullmatch(d.strip()) and _CAMEL_CASE.fullmatch(i.strip()) for d, i, _ in runs):
        return None  # one brand for another ("PixelPal" → "SnapStudio"): a rename (_companies_anew)
    old_words, new_words = set(WORD.findall(subject.old)), set(WORD.findall(subject.new))
    for deleted, inserted, at in runs:
        gone, came = WORD.findall(deleted), WORD.findall(inserted)
        # (a name that opens the sentence is most often the service's own, "Lumora lets you …":
        # one for another is a rename, which the document's other clauses confirm or not)
        if not gone or not came or _SENTENCE_START.search(subject.new[:at]):
            return None
        if not all(_PROPER.fullmatch(w) and w.casefold() not in _CALENDAR for w in (*gone, *came)):
            return None
        if set(gone) & new_words or set(came) & old_words:
            return None
    return " … ".join(d.strip() for d, _, _ in runs), " … ".join(i.strip() for _, i, _ in runs)


def _title_cased(text: str) -> bool:
    """Whether most words of a text are capitalised, as in a heading ("Who We Share Your Data With")."""
    words = WORD.findall(mask_links(text))
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) * 5 >= len(words) * 3


# a capitalised word of a name ("Sentry", "Crashlytics", "AWS")
_PROPER = lazy(r"[A-Z][\w&.-]*")
_SENTENCE_START = lazy(r"(?:^|[.!?:;]\s*|\n\s*[-*•]?\s*)$")
# names of the calendar: a date changed is editorial ("Last updated: 1 March" → "1 September")
_CALENDAR = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday"}
    | {"saturday", "sunday"}
)


# a word with a capital inside it after lower-case letters: "OpenAI", "PayPal", "LinkedIn"
_CAMEL_CASE = lazy(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")


def _named_as_source(found: Signal, sides: Sides) -> bool:
    """Whether a signal's words stand after "from" or "sources" in a sentence that collects and
    shares nothing ("information from sources such as data brokers")."""
    found_in = _sentence_of(found, sides)
    if found_in is None:
        return False
    sentence, before = found_in
    actions = practice_reader().actions(sentence)
    return "collect" in actions and "share" not in actions and _FROM_SOURCES.search(before) is not None


def _sentence_of(found: Signal, sides: Sides) -> tuple[str, str] | None:
    """The sentence a signal's words stand in (links masked), and its words before them."""
    span = found.reason.span
    region = sides.new if found.reason.side is Side.NEW else sides.old
    bounds = region.sentence_at(span[0]) if span else None
    if span is None or bounds is None:
        return None
    return mask_links(region.text[bounds[0] : bounds[1]]), region.text[bounds[0] : span[0]]


def _said_of_sharing(found: Signal, sides: Sides) -> bool:
    """Whether a signal's sentence, on both sides, gives data to a party and takes none in ("we pass
    your booking reference to the airline"): what it names is what the party gets."""
    found_in = _sentence_of(found, sides)
    if found_in is None or not sides.old.text.strip() or not sides.new.text.strip():
        return False
    reader, sentence = practice_reader(), found_in[0]
    return all(
        set(reader.actions(mask_links(text))) & {"share", "collect"} == {"share"}
        for text in (sentence, sides.old.text, sides.new.text)
    ) and any(
        _TO_A_PARTY.search(sentence, verb.start(), verb.end() + 80)
        for verb in reader.verbs.finditer(sentence)
        if verb.lastgroup == "share"
    )


# the party a verb of sharing gives to, said with a determiner: "… *to the* airline", "*with our*
# couriers" (not "to us", "to you": data the user gives the company is collected)
_TO_A_PARTY = lazy(
    r"\b(?:to|with)\s+(?:the|our|its|their|a|an|any|other|certain|selected|trusted|third)\b", re.IGNORECASE
)


def _as_source(found: Signal) -> Signal:
    """A recipient's term signal told as the source of collection it stands for (any other signal
    keeps its reason, filed under collection)."""
    prefix, _, event = found.reason.rule.partition(".")
    if prefix != Category.SHARING.value:
        return replace(found, category=Category.COLLECTION)
    came = event in ("added", "bounded", "denial-lifted")
    which = "a new" if came else "no longer a"
    says = f"{which} source of the personal information we collect: «{found.reason.trigger}»"
    reason = replace(found.reason, rule=f"collection.{event}", says=says)
    return replace(found, category=Category.COLLECTION, reason=reason)


# what says that the parties after it are where data comes from: "from", "sources", "obtained via"
_FROM_SOURCES = lazy(r"\b(?:from|sources?|obtained\s+(?:through|via))\b", re.IGNORECASE)


def _collecting_sources(text: str, sentence: str) -> list[re.Match[str]]:
    """The sources ``text`` names ("from LinkedIn", "from a credit bureau"), where the sentence it
    stands in collects (none otherwise)."""
    found = list(_SOURCE.finditer(text))
    return found if found and "collect" in practice_reader().actions(sentence) else []


def _heading_as_lead(subject: Subject, rulebook: RuleBook) -> Subject:
    """A list item with no lead-in, right under a heading that states a practice ("## Data we
    collect") or names the user's rights ("## Your rights"), read with that heading as its lead-in,
    as "We collect:" would be read; a heading of neither ("Contents") leads nothing."""
    text = subject.new or subject.old
    if subject.lead or subject.heading or not LEADING_MARKER.match(text):
        return subject
    heading = (subject.new_context or subject.old_context).split(" › ")[-1].strip().rstrip(":.")
    if not heading:
        return subject
    plain = mask_links(heading)
    if stated_practices(plain):
        return replace(subject, lead=f"{heading}:")
    if practice_reader().widening_actions(plain) and lead_denies(f"{heading}:", rulebook):
        # ("## Information we never share" then "- Health data": each item names what is not done,
        # as under "We never share:")
        return replace(subject, lead=f"{heading}:")
    if _RIGHTS_HEADING.search(plain) or any(
        t.category is Category.RIGHTS for t in rulebook.find_terms(plain)
    ):
        # ("## Your rights" then "- Deletion": each item names a right the user has)
        return replace(subject, lead="You have the right to:")
    return subject


# a heading over the user's rights: "Your rights", "Your privacy choices", "Rights of data subjects"
# (OPP-115 User Choice/Control and User Access, Edit and Deletion)
_RIGHTS_HEADING = lazy(
    r"\b(?:your\s+(?:[\w-]+\s+){0,2}?(?:rights|choices)|rights\s+of\s+(?:data\s+subjects|users|consumers))\b",
    re.I,
)


def _company_listed_anew(subject: Subject, rulebook: RuleBook, context: DocumentContext) -> str | None:
    """The proper name an added list item gives, under a lead-in that shares data and names no class
    of recipient ("We share your data with:"), when the old version never names it; else None."""
    opener = list_opener(subject.lead)
    if opener is None or _sharing_named(opener, rulebook) != (True, False):
        return None
    item = LEADING_MARKER.sub("", strip_links(subject.new), count=1).strip().rstrip(".;,")
    words = WORD.findall(item)
    if not 0 < len(words) <= 5 or rulebook.find_terms(item) or not all(w[:1].isupper() for w in words):
        return None
    known = context.vocabulary()
    return item if not all(w.casefold() in known for w in words) else None


def _party_unknown(sentence: str, context: DocumentContext, reader: PracticeReader) -> str | None:
    """The party a new sentence names as the one that receives, sees or can access the user's data
    ("Drivers receive your phone number", "Employees of our parent company can access your
    records"), when it is no word of the lexicon and no old sentence that shares or receives data
    names it; else None."""
    found = _RECEIVING_PARTY.match(sentence)
    if found is None:
        return None
    party = found.group("party")
    head = party.split()[-1].casefold() if party.split() else ""
    if head in _NO_PARTY or not head.isalpha():
        return None
    forms = set(word_forms(head)) | {head}
    for old in context.old_sentences():
        words = set(old.split())
        if forms & words and {"share", "collect"} & set(reader.actions(old)):
            return None
    return party.strip()


# a sentence opened by the party that receives the user's data: "Drivers receive your …", "Employees
# of our parent company can access your …" (the party, then a receiving verb, then what is the user's)
_RECEIVING_PARTY = lazy(
    r"\W*(?:our\s+|the\s+|your\s+|their\s+)?(?P<party>(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)"
    r"(?:\s+of\s+(?:our|the|a|an|your)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"\s+(?:(?:can|may|will|also|could|might|sometimes|then)\s+){0,2}(?:receive|receives|get|gets|see|sees|view|views|access|accesses|obtain|obtains)"
    r"\s+(?:(?:a\s+copy\s+of|some\s+of|parts\s+of)\s+)?(?:your|the\s+user|users)\b"
)
# subjects that name no other party: the user, the company, a pronoun, a thing
_NO_PARTY = frozenset(
    {
        "we",
        "you",
        "they",
        "it",
        "he",
        "she",
        "i",
        "users",
        "user",
        "customers",
        "customer",
        "members",
        "member",
        "people",
        "everyone",
        "anyone",
        "nobody",
        "someone",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "only",
        "also",
        "and",
        "or",
        "app",
        "apps",
        "service",
        "services",
        "site",
        "website",
        "feature",
        "features",
        "systems",
        "system",
    }
)


def _source_unknown(sentence: str, known: frozenset[str]) -> str | None:
    """The source a collecting sentence names ("from LinkedIn") in words the old version never
    uses, or None."""
    for source in _collecting_sources(sentence, sentence)[:1]:
        if not {w.casefold() for w in WORD.findall(source.group(1))} <= known:
            return source.group().strip()
    return None


def _source_unknown_at(found: Signal, sides: Sides, known: frozenset[str]) -> bool:
    """Whether the sentence of a new-side signal names a source the old version never names."""
    bounds = sides.new.sentence_at(found.reason.span[0]) if found.reason.span else None
    return (
        bounds is not None
        and _source_unknown(mask_links(sides.new.text[bounds[0] : bounds[1]]), known) is not None
    )


def _legal_duty_named(subject: Subject) -> Verdict | None:
    """The one edit a purpose clause that names a legal duty ("we keep your records *to comply with
    customs law*"): the practice answers a duty (GDPR Art. 6(1)(c)), which adds no use; else None."""
    purpose = _purpose_named_anew(subject)
    if purpose is None or not _A_LEGAL_DUTY.search(purpose) or len(edit_runs_at(subject.edits)) != 1:
        return None
    says = f"the practice is said to answer a legal duty («{purpose}»): no new use"
    reason = Reason("legal_basis.duty-named", says, purpose, Side.NEW)
    return Verdict((Category.LEGAL_BASIS,), Direction.NEUTRAL, Severity.MINOR, (reason,))


def _purpose_named_anew(subject: Subject) -> str | None:
    """A purpose clause ("to comply with customs law", "so that we can …") an edit added whole at
    the end of a sentence that states a practice; None otherwise."""
    if subject.kind is not ChangeKind.MODIFIED:
        return None
    reader = practice_reader()
    for deleted, inserted, at in edit_runs_at(subject.edits):
        if deleted.strip() or not _PURPOSE_OPENS.match(inserted):
            continue
        span = next((s, e) for s, e in [*sentences(subject.new), (0, len(subject.new))] if s <= at < e)
        rest = subject.new[at + len(inserted) : span[1]]
        if rest.strip(" .;") or not reader.verbs.search(subject.new, span[0], at):
            continue  # (a clause before more of the sentence, or in one that states no practice)
        return inserted.strip(" ,.;")
    return None


# an infinitive or a "so that" clause of purpose opening an inserted run ("… *to comply with* …")
_PURPOSE_OPENS = lazy(
    r"\s*,?\s*(?:(?:in\s+order\s+)?to\s+(?!you\b|us\b|them\b)[a-z]+|so\s+(?:that\s+)?(?:we|you)\b)",
    re.IGNORECASE,
)
# a purpose that is a legal duty ("to comply with customs law", "to meet our tax obligations")
_A_LEGAL_DUTY = lazy(
    r"\b(?:comply|complying|compliance)\s+with\b|\b(?:meet|fulfil|fulfill|satisfy|discharge)\s+(?:our|its|the|any)\s+"
    r"(?:[\w-]+\s+){0,2}(?:obligations?|duties|duty|requirements?)\b",
    re.IGNORECASE,
)


def _source_named_anew(subject: Subject) -> str | None:
    """A source ("from LinkedIn", "from recruiters") an edit added whole to a sentence that collects,
    naming what the old clause never did; None otherwise."""
    if subject.kind is not ChangeKind.MODIFIED:
        return None
    old = fold(subject.old)
    for deleted, inserted, at in edit_runs_at(subject.edits):
        if deleted.strip():
            continue  # one source for another ("from Indeed" → "from LinkedIn"): a swap, read elsewhere
        span = next((s, e) for s, e in [*sentences(subject.new), (0, len(subject.new))] if s <= at < e)
        for found in _collecting_sources(inserted, subject.new[span[0] : span[1]]):
            if fold(found.group(1)) not in old:
                return found.group().strip()
    return None


# words by which a text says that what it states is a change ("are *now* stored", "*from now on*",
# "*going forward*"); not "for now", "until now", "right now", "now that"
_ANNOUNCED = lazy(
    r"(?<!\bfor\s)(?<!\buntil\s)(?<!\bright\s)(?<!\bby\s)\bnow\b(?!\s+that\b)|\bgoing\s+forward\b|\bhenceforth\b"
    r"|\bfrom\s+(?:now|today)\s+on\b|\bwith\s+effect\s+from\b",
    re.IGNORECASE,
)
# "from" and who or what the data comes from: a proper name or a class of parties in the plural
# ("from LinkedIn", "from trusted partners"); not "from time to time", "from you", "from us"
_SOURCE = lazy(
    r"\bfrom\s+(?:(?:the|our|your|their|other|third[- ]party|trusted|public|selected|various|an?)\s+)*"
    r"((?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)|(?!times\b)(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*[a-z]s"
    # … or one party said with "a" ("from a credit bureau")
    r"|(?<=\ba\s)(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]+|(?<=\ban\s)(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]+)\b",
    re.IGNORECASE,
)


def _period_anchor_moved(old: str, new: str) -> str | None:
    """The words that now set the point a period counts from ("of discovering it", "from the date
    they are created"), where the periods of the two texts are the same but counted from another
    point (or from one named on one side only), else None."""
    olds, news = (quantities(mask_links(text)) for text in (old, new))
    if len(olds) != len(news):
        return None
    for before, after in zip(olds, news, strict=True):
        was, now = _anchor_after(old, before.end), _anchor_after(new, after.end)
        if _stems(was) != _stems(now):
            return now or was
    return None


def _steps_swapped(old: str, new: str) -> str | None:
    """The connective ("before", "after", "then") around which the same steps stand in the other
    order ("X before Y" → "Y before X"), by the stems of their words, else None."""
    for connective in ("before", "after", "until", "then"):
        pattern = rf"\b{connective}\b"
        old_parts, new_parts = (
            re.split(pattern, fold(old), maxsplit=1),
            re.split(pattern, fold(new), maxsplit=1),
        )
        if len(old_parts) != 2 or len(new_parts) != 2:
            continue
        (old_a, old_b), (new_a, new_b) = (
            tuple(_stems(part) for part in parts) for parts in (old_parts, new_parts)
        )
        if (
            old_a & new_b
            and old_b & new_a
            and not (old_a & new_a & old_b & new_b)
            and (old_a | old_b) == (new_a | new_b)
        ):
            return connective
    return None


def _stems(words: str) -> frozenset[str]:
    """The content words of a run by their stems, so that one event said in other words is one
    ("after account closure", "after you close your account", "after your account is closed"; a
    plural's or a verb's "s" is no part of the stem: "your employment ends", "the end of it")."""
    return frozenset(
        (w[:-1] if w.endswith("s") else w)[:4]
        for w in WORD.findall(fold(words))
        if len(w) > 2 and w not in _ANCHOR_GLUE
    )


# the words that only join (an anchor's event to its period, a step to its object): no content
_ANCHOR_GLUE = frozenset(
    {
        "of",
        "from",
        "after",
        "following",
        "since",
        "starting",
        "beginning",
        "counting",
        "as",
        "on",
        "with",
        "the",
        "you",
        "your",
        "our",
        "we",
        "they",
        "it",
        "its",
        "their",
        "them",
        "is",
        "are",
        "was",
        "were",
        "been",
        "be",
        "has",
        "have",
        "had",
        "this",
        "that",
    }
)


def _anchor_after(text: str, end: int) -> str:
    """The words right after a period that say what it counts from, or ""."""
    found = _ANCHOR.match(text, end)
    return found.group(1).strip() if found else ""


# what a period counts from: "(within 72 hours) of discovering it", "(for 14 days) from the date they
# are created", "(30 days) after your last visit" (GDPR Art. 33(1): "after having become aware of it";
# Art. 12(3): "of receipt of the request")
_ANCHOR = lazy(
    r"\s*((?:of|from|after|following|since|starting(?:\s+(?:from|on|with))?|beginning(?:\s+(?:from|on|with))?"
    r"|counting\s+from|as\s+of)\b[^.;:,()\n]{0,80})",
    re.IGNORECASE,
)


def _count_lifted(old: str, new: str) -> str | None:
    """The plural the new text puts where the old said "one" of the same thing ("one credit agency"
    → "credit agencies"), with no "one" left before it; else None."""
    later = fold(mask_links(new))
    for match in _ONE_OF.finditer(fold(mask_links(old))):
        words = match.group("words").split()
        for at, head in enumerate(words):  # (the thing is named by any of the words, the last of a compound)
            before = "".join(f"{word} " for word in words[:at])
            for plural in {head + "s", head + "es", head[:-1] + "ies" if head.endswith("y") else head + "s"}:
                found = re.search(rf"(?<![\w-]){re.escape(before)}{re.escape(plural)}\b", later)
                if found is not None and not _STILL_COUNTED.search(later, 0, found.start()):
                    return found.group()
    return None


# a thing counted as one, in so many words: "one credit agency", "a single provider", "only one device"
_ONE_OF = lazy(
    r"\b(?:only\s+one|one|a\s+single|a\s+sole|single)\s+(?:\(1\)\s+)?(?P<words>[a-z-]{3,}(?:\s+[a-z-]{3,}){0,2})"
)
# the words that still count the plural ("one of the agencies", "two agencies"): no bound lifted
_STILL_COUNTED = lazy(r"\b(?:one|two|three|single|sole|\d+)\s+(?:of\s+)?(?:(?:the|our|its|these)\s+)?$")


def _one_period_said_again(subject: Subject, rulebook: RuleBook) -> bool:
    """Whether every edit of a clause swaps a period or an age for the same one in other words
    ("two years" → "24 months", "30 days" → "one month"): nothing else went or came."""
    runs = edit_runs_at(subject.edits)
    if subject.kind is not ChangeKind.MODIFIED or not runs or _periods_differ(subject.old, subject.new):
        return False
    for deleted, inserted, _ in runs:
        olds, news = quantities(deleted), quantities(inserted)
        if not olds or len(olds) != len(news):
            return False
        for text, found in ((deleted, olds), (inserted, news)):
            rest = text
            for q in found:
                rest = rest.replace(q.text, " ")
            if _content_words_of(rest, rulebook):
                return False
    return True


# how often a practice or a commitment recurs, in words with no figure ("every year", "annually",
# "once a month"; not "for a month", a period): "we review access every year" → "when you open an
# account" drops the recurrence
_RECURRENCE = lazy(
    r"\b(?:(?:(?:once|(?P<times>twice|\w+\s+times))\s+(?:a|per|every|each)|every|each)\s+(?:calendar\s+)?"
    r"(day|week|month|quarter|year)"
    r"|(dai)ly|(week)ly|(month)ly|(quarter)ly|(year)ly|(annu)ally|(bienni|biannu)ally)\b",
    re.IGNORECASE,
)
_RECURRENCE_UNIT = {"dai": "day", "annu": "year", "bienni": "two years", "biannu": "half year"}


def _safeguard_cadence_moved(
    subject: Subject,
    dominant: list[Category],
    rulebook: RuleBook,
    major: frozenset[tuple[Category, Direction]],
) -> Verdict | None:
    """A safeguard done on one cadence said on another ("we test our systems every quarter" →
    "every year"): done less often it protects less (GDPR Art. 32(1)(d): regular testing), more often
    more. Only where each side states one recurrence and the statement is a safeguard's."""
    if not dominant or not rulebook.by_category(dominant[0]).protective or dominant[0] is Category.RIGHTS:
        return None
    old, new = _recurrences(subject.old), _recurrences(subject.new)
    if len(old) != 1 or len(new) != 1 or old == new:
        return None
    before, after = _interval_days(old[0]), _interval_days(new[0])
    if before is None or after is None or before == after:
        return None
    category = dominant[0]
    direction = Direction.EXPANDS if after > before else Direction.NARROWS
    verb = "less" if after > before else "more"
    says = f"a safeguard is now done {verb} often («{old[0]}» → «{new[0]}»)"
    rule = f"{category.value}.cadence-{'longer' if after > before else 'shorter'}"
    # (the words as the new text says them, "every year", for the reason's trigger)
    said = _RECURRENCE.search(subject.new)
    trigger = said.group() if said is not None else new[0]
    reason = Reason(rule, says, trigger, Side.NEW, None, Told(f"«{old[0]}» → «{new[0]}»"))
    severity = Severity.MAJOR if (category, direction) in major else Severity.MINOR
    return Verdict((category,), direction, severity, (reason,))


# the signals the words of a recurrence give by themselves ("*once a* year", "*every* quarter")
_CADENCE_READERS = frozenset({"cue.frequency-cap", "scope.narrower", "scope.wider"})
_UNIT_DAYS = {
    "day": 1.0,
    "week": 7.0,
    "month": 30.0,
    "quarter": 91.0,
    "half year": 182.0,
    "year": 365.0,
    "two years": 730.0,
}
_TIMES = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "four times": 4, "several times": None}


def _interval_days(recurrence: str) -> float | None:
    """The days between two times a recurrence ("twice a year") comes round, or None if unknown."""
    times, _, unit = recurrence.partition(" a ")
    count = _TIMES.get(times)
    days = _UNIT_DAYS.get(unit)
    return days / count if count and days else None


def _recurrences(text: str) -> list[str]:
    """The recurrences a text states in words, by unit ("annually" and "every year" are one)."""
    units = []
    for match in _RECURRENCE.finditer(text):
        word = next(g for g in match.groups()[1:] if g).lower()
        times = " ".join((match.group("times") or "once").lower().split())
        units.append(f"{times} a {_RECURRENCE_UNIT.get(word, word)}")
    return sorted(units)


def _periods_differ(old: str, new: str) -> bool:
    """Whether the two texts state other periods or ages, by value ("12 months" and "one year",
    "90 days" and "three months" are one period)."""
    olds, news = (
        sorted(quantities(mask_links(text)), key=lambda q: (q.unit, q.value)) for text in (old, new)
    )
    return len(olds) != len(news) or any(
        before.unit != after.unit
        or (round(before.value) != round(after.value) and not same_period(before, after))
        for before, after in zip(olds, news, strict=True)
    )


def _consent(chosen: list[Signal], new_region: Region, rulebook: RuleBook) -> Consent:
    reasons = [s.consent for s in chosen if s.consent and s.direction is Direction.EXPANDS]
    retro = rulebook.retroactive.search(new_region.text) if new_region.spans else None
    if retro:
        reasons.append(
            f"the change applies to data already collected («{retro.group()}»): consent, not notice"
        )
    unique = tuple(dict.fromkeys(r for r in reasons if r))
    return Consent(bool(unique), unique)


def _unique(items: Iterable[Category | None]) -> list[Category]:
    seen: list[Category] = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen
