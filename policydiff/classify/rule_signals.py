"""Signals of the category rules: numbers, phrases added or removed, swaps, identity, contact details.

Each ``[[rule]]`` of a category file is read by the finder its ``when`` names; all signals
here have strength ``RULE`` but contact details (``TERM``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from policydiff.classify.editorial import EMAIL_OR_PHONE
from policydiff.classify.equivalents import canonical
from policydiff.classify.numbers import Quantity, quantities
from policydiff.classify.practice import granting_lead, lets_user_act, practice_reader
from policydiff.classify.profile import ORGANISATION, Profile, Region, names_the_company, states_a_bound
from policydiff.classify.rulebook import CategoryRules, Match, Rule, RuleBook
from policydiff.classify.signals import (
    BOUND_PICKED,
    RULE,
    SOONER_OF_TWO,
    TERM,
    USERS_SUBJECT,
    Sides,
    Signal,
    form_went_with_its_data,
    opposite,
    signal,
    users_clause,
)
from policydiff.lazy_re import lazy
from policydiff.model import Category, ChangeKind, Direction, Side, Told
from policydiff.text import fold, mask_links, sentences

_SAME_PERIOD = 0.035  # a month is 28 to 31 days: periods this close are one period said two ways
_UNIT = lazy(r"day|week|month|year|hour")
_BOUND_WORDS = 2  # a sentence of fewer words that name something is not recognised without its number
# words that only link the others ("for", "within"): the rest of the sentence must all stand again
_LINKING = frozenset(
    [
        "we",
        "you",
        "our",
        "your",
        "the",
        "a",
        "an",
        "for",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "within",
        "up",
        "after",
        "before",
        "until",
        "and",
        "or",
        "will",
        "may",
        "can",
        "is",
        "are",
        "be",
        "it",
        "this",
        "that",
        # what binds the number itself ("at least 30 days", "no more than", "30 days in advance")
        "least",
        "most",
        "than",
        "less",
        "more",
        "minimum",
        "maximum",
        "prior",
        "advance",
    ]
)


def rule_signals(rulebook: RuleBook, sides: Sides) -> list[Signal]:
    return [
        s
        for rules in rulebook.categories
        for rule in rules.rules
        for s in (
            _limiting_phrases(rule, rules, sides)
            if rule.limits
            else _details(rule, rules, sides, rulebook)
            if rule.kind == "details"
            else _RULE_KINDS[rule.kind](rule, rules, sides)
        )
        if not (rule.kind == "phrase-removed" and rules.protective and _form_went(s, sides, rulebook))
    ]


def _form_went(found: Signal, sides: Sides, rulebook: RuleBook) -> bool:
    """A safeguard phrase gone as the form of data gone with its practice (``form_went_with_its_data``)."""
    span = found.reason.span
    if found.reason.side is not Side.OLD or span is None:
        return False
    match = Match(found.reason.rule, found.category, found.reason.trigger, span[0], span[1])
    return form_went_with_its_data(sides, match, rulebook)


def _limiting_phrases(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    """A phrase rule whose phrase limits the practice its sentence states (consent as the basis of a
    use): gone together with that practice, it takes nothing from the user (LABELING.md, Removals)."""
    return [found for found in _phrases(rule, rules, sides) if _limit_went_alone(found, rule, rules, sides)]


def _limit_went_alone(found: Signal, rule: Rule, rules: CategoryRules, sides: Sides) -> bool:
    """Whether the phrase went from a statement that stays: another of the category's terms in its
    old sentence ("we rely on consent *and legitimate interests*") stands on the new side, and every
    practice the sentence limited ("… for marketing") stands there too."""
    span = found.reason.span
    sentence = sides.old.sentence_at(span[0]) if found.reason.side is Side.OLD and span else None
    if sentence is None:
        return True
    phrases = {fold(p) for _, p in rule.phrase_entries}
    here = [
        (key, term)
        for key, term in sides.old_profile.affirmed.items()
        if sentence[0] <= term.start < sentence[1]
    ]
    new = sides.new_profile.affirmed
    stays = any(
        key[0] is rules.category and key in new and fold(term.text) not in phrases for key, term in here
    )
    limited_stays = all(key in new for key, _ in here if key[0] is not rules.category)
    return stays and limited_stays


def _in_category(
    rules: CategoryRules, region: Region, match: Match, terms: Sequence[Match], sides: Sides
) -> bool:
    """A phrase rule fires only where its category is spoken of: the same sentence, or the headings."""
    sentence = region.sentence_at(match.start)
    if sentence and any(t.category is rules.category and sentence[0] <= t.start < sentence[1] for t in terms):
        return True
    return any(t.category is rules.category for t in sides.context_terms)


def _bounds_a_denial(sides: Sides, gone: Quantity) -> bool:
    """Whether a period or an age that went stood inside a denial that the new side still states
    ("we do not sell data about children under 13" → "… about children")."""
    inside = any(s <= gone.start < e and denied for s, e, denied in sides.old_profile.denials)
    return inside and any(denied for _, _, denied in sides.new_profile.denials)


def _newly_denied(rules: CategoryRules, sides: Sides) -> bool:
    """Whether the new side denies a practice of the category that the old side did not deny (a
    protective act denied, "never deleted", withholds a safeguard: it is no practice gone)."""
    return not rules.protective and any(
        key[0] is rules.category and key not in sides.old_profile.denied and match.name not in rules.protects
        for key, match in sides.new_profile.denied.items()
    )


def same_period(before: Quantity, after: Quantity) -> bool:
    """ "30 days" and "one month", "90 days" and "three months", "12 months" and "a year": one period
    said in other units (in the same unit, "30 days" → "31 days" is a day longer)."""
    return (
        before.unit == after.unit
        and _UNIT.findall(before.text.casefold()) != _UNIT.findall(after.text.casefold())
        and math.isclose(before.value, after.value, rel_tol=_SAME_PERIOD)
    )


def _sooner_of_two(region: Region, quantity: Quantity) -> bool:
    """Whether a period stands in a sentence that ends the practice at the sooner of two ends."""
    span = region.sentence_at(quantity.start)
    return span is not None and SOONER_OF_TWO.search(region.text, quantity.end, span[1]) is not None


def _numbers(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    out = []
    olds = [q for q, c in sides.old_profile.numbers if c is rules.category and q.unit == rule.unit]
    news = [q for q, c in sides.new_profile.numbers if c is rules.category and q.unit == rule.unit]
    olds, news = _counted(olds, news)
    if rule.unit == "age" and sides.kind is ChangeKind.MODIFIED and olds and not news:
        gate = next((q for q in olds if _gates_use(sides.old, q)), None)
        # (an age said in words stands in its place: "at least 18" → "an adult", "of legal age")
        if gate is not None and _AGE_IN_WORDS.search(sides.new.text) is None:
            # "you must be at least 18 to use our services" gone: no minimum age holds now, the
            # lowest of thresholds (LABELING.md: "a lower age threshold"; COPPA, GDPR Art. 8)
            told = Told(f"{gate.text} → no minimum")
            match = Match(rule.id, rules.category, gate.text, gate.start, gate.end)
            says = f"the minimum age for using the service was removed: {gate.text} → no minimum"
            out.append(
                signal(rules.category, Direction.EXPANDS, rule.id, says, match, Side.OLD, RULE, told=told)
            )
            return out
    if sides.kind is ChangeKind.MODIFIED and len(olds) > len(news):
        gone = _bound_alone(olds[len(news) :], sides.old, sides.new)
        if gone is None and not news:
            gone = _bound_dropped(olds, rules, sides)
        if gone is not None and _delay_added(sides.old, gone, sides.new):
            # the mirror of a delay added: "90 days after you close your account" → "when you close it"
            shorter = opposite(rule.larger)
            told = Told(f"{gone.text} → at once", in_topic=shorter is not Direction.EXPANDS)
            match = Match(rule.id, rules.category, gone.text, gone.start, gone.end)
            says = f"what happened a period after an event now happens at once: {gone.text} → at once"
            out.append(signal(rules.category, shorter, rule.id, says, match, Side.OLD, RULE, told=told))
        elif gone is not None and _bounds_a_denial(sides, gone):
            # "we do not sell data about children *under 13*" → "… about children": the bound limited
            # what the denial covered; gone, the denial covers all of them
            says = "a bound on what a denial covers was removed, so it covers more"
            out.append(_bound_gone_narrows(rule, rules, gone, "no bound", says))
        elif gone is not None and _protection_lasts(sides.old, gone):
            # "your opt-out applies for five years" → "… until you tell us otherwise": the period
            # that ended the user's choice went; the choice holds longer (the mirror of one added)
            says = "how long your choice is honoured is no longer limited"
            out.append(_bound_gone_narrows(rule, rules, gone, "no end", says))
        elif gone is not None and _users_deadline(sides.old, gone):
            # "you may appeal our decision *within 45 days*" → "you may appeal our decision": the time
            # limit on the user's own act went, the right is easier to use (the mirror of one added)
            says = "a deadline no longer limits when you can act"
            out.append(_bound_gone_narrows(rule, rules, gone, "no period", says))
        elif gone is not None and not _newly_denied(rules, sides):
            # "30 days' notice of changes" → "notice of changes": nothing bounds it now ("we keep logs
            # for 7 days" → "we keep no logs" denies the practice the period bounded: no longer bound)
            told = Told(f"{gone.text} → no period")
            match = Match(rule.id, rules.category, gone.text, gone.start, gone.end)
            says = rules.says(rule, told)
            out.append(
                signal(rules.category, Direction.EXPANDS, rule.id, says, match, Side.OLD, RULE, told=told)
            )
    if sides.kind is ChangeKind.MODIFIED and len(news) > len(olds) and rule.unit == "duration":
        # the mirror: "we keep it after you close your account" → "for 90 days after …" bounds a
        # practice that had no bound; a period (to keep, to answer, to give notice) limits the company
        came = _bound_alone(news[len(olds) :], sides.new, sides.old)
        if came is not None:
            match = Match(rule.id, rules.category, came.text, came.start, came.end)
            if _sooner_of_two(sides.new, came):
                # "until you ask us to delete it" → "… or for five years, whichever is sooner": the
                # period caps what stood (it can only end the practice earlier), whatever that was
                told = Told(f"no period → at most {came.text}", in_topic=True)
                says = f"a period now caps it, whichever ends sooner: no period → at most {came.text}"
                out.append(
                    signal(
                        rules.category, opposite(rule.larger), rule.id, says, match, Side.NEW, RULE, told=told
                    )
                )
            elif _delay_added(sides.new, came, sides.old):
                # "deleted when you close your account" → "deleted 30 days after you close your
                # account": the practice ended at the event, it now runs a period past it (a longer
                # period, read the rule's way: a later deletion expands, a later effective date narrows)
                told = Told(f"at once → {came.text}", in_topic=rule.larger is not Direction.EXPANDS)
                says = f"what happened at once now happens later: at once → {came.text}"
                out.append(
                    signal(rules.category, rule.larger, rule.id, says, match, Side.NEW, RULE, told=told)
                )
            elif _protection_lasts(sides.new, came):
                # "your opt-out applies until you tell us otherwise" → "… for five years": the user's
                # choice now lapses after the period (a protection that ends, LABELING.md: expands)
                says = f"your choice is now honoured only for a period: no end → {came.text}"
                told = Told(f"no end → {came.text}", in_topic=False)
                out.append(
                    signal(rules.category, Direction.EXPANDS, rule.id, says, match, Side.NEW, RULE, told=told)
                )
            elif _users_deadline(sides.new, came):
                # "you may appeal our decision *within 30 days*": a time limit on the user's right
                says = f"a deadline now limits when you can act: no period → {came.text}"
                told = Told(f"no period → {came.text}", in_topic=False)
                out.append(
                    signal(rules.category, Direction.EXPANDS, rule.id, says, match, Side.NEW, RULE, told=told)
                )
            elif (ended := _own_event_went(sides.old, sides.new)) is not None:
                # "deleted after they are processed" → "deleted after 30 days": the data's own handling
                # ended it at once; a period now runs (read as a delay added, the rule's way)
                told = Told(f"{ended} → {came.text}", in_topic=rule.larger is not Direction.EXPANDS)
                says = f"what ended when the data was handled now lasts a period: {ended} → {came.text}"
                out.append(
                    signal(rules.category, rule.larger, rule.id, says, match, Side.NEW, RULE, told=told)
                )
            elif (erased := _erased_at_once(sides.old, sides.new, came)) is not None:
                # "messages you delete are removed from our servers" → "… removed within 90 days": a
                # deletion that stated no period happened at once; it may now wait the period
                told = Told(f"at once → {came.text}", in_topic=rule.larger is not Direction.EXPANDS)
                says = f"a deletion that named no period («{erased}») may now wait: at once → {came.text}"
                out.append(
                    signal(rules.category, rule.larger, rule.id, says, match, Side.NEW, RULE, told=told)
                )
            else:
                told = Told(f"no period → {came.text}", in_topic=True)
                says = rules.says(rule, told)
                out.append(
                    signal(rules.category, Direction.NARROWS, rule.id, says, match, Side.NEW, RULE, told=told)
                )
    if sides.kind is ChangeKind.MODIFIED and olds and news and len(news) != len(olds) and not out:
        # "within 30 days" → "within 30 days, or 60 days for complex requests": a period that
        # stands beside the ones both sides state, longer or shorter than the longest of them
        extra, stated = (news[len(olds) :], olds) if len(news) > len(olds) else (olds[len(news) :], news)
        longest = max(stated, key=lambda q: q.value)
        for quantity in extra:
            if quantity.value == longest.value:
                continue
            gained = len(news) > len(olds)
            longer = quantity.value > longest.value
            direction = rule.larger if longer == gained else opposite(rule.larger)
            adverse = direction is Direction.EXPANDS
            detail = (
                f"{longest.text} → also {quantity.text}"
                if gained
                else f"also {quantity.text} → {longest.text}"
            )
            told = Told(detail, in_topic=not adverse)
            match = Match(rule.id, rules.category, quantity.text, quantity.start, quantity.end)
            side = Side.NEW if gained else Side.OLD
            says = rules.says(rule, told)
            out.append(signal(rules.category, direction, rule.id, says, match, side, RULE, told=told))
            break
    for before, after in zip(olds, news, strict=False):
        if before.value == after.value or (rule.unit == "duration" and same_period(before, after)):
            continue
        direction = rule.larger if after.value > before.value else opposite(rule.larger)
        lasts = rule.unit == "duration" and _protection_lasts(sides.new, after)
        users = lasts or (rule.unit == "duration" and _users_own_limit(sides.new, after))
        if users:
            # "you may appeal within 30 days" → "60 days": the user's own time limit, longer is more
            # time to act (a shorter one is a harder-to-use right: LABELING.md)
            direction = Direction.NARROWS if after.value > before.value else Direction.EXPANDS
        adverse = direction is Direction.EXPANDS
        # the rule's words say what widens; a favourable change is told in the category's words
        # (the user's own time limit is told in the category's words: the rule's speak of the company)
        told = Told(f"{before.text} → {after.text}", in_topic=users or not adverse)
        match = Match(rule.id, rules.category, after.text, after.start, after.end)
        says = (
            f"how long your choice is honoured changed: {told.detail}"
            if lasts
            else f"the time you have to act changed: {told.detail}"
            if users
            else rules.says(rule, told)
        )
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
                told=told,
            )
        )
    return out


def _bound_gone_narrows(rule: Rule, rules: CategoryRules, gone: Quantity, now: str, says: str) -> Signal:
    """The signal of a period gone whose going favours the user (``now`` says what stands instead)."""
    told = Told(f"{gone.text} → {now}", in_topic=False)
    match = Match(rule.id, rules.category, gone.text, gone.start, gone.end)
    says = f"{says}: {gone.text} → {now}"
    return signal(rules.category, Direction.NARROWS, rule.id, says, match, Side.OLD, RULE, told=told)


# an age said as the least one may be to use the service: "must be at least 18", "aged 16 and over"
_AGE_GATE = lazy(
    r"\b(?:must\s+be|have\s+to\s+be|need\s+to\s+be|only\s+(?:for|open\s+to|available\s+to)|(?:is|are)\s+(?:for|open\s+to))\b"
    r"|\b(?:and|or)\s+(?:over|older|above)\b|\bminimum\s+age\b",
    re.IGNORECASE,
)


_AGE_IN_WORDS = lazy(
    r"\b(?:adults?|age\s+of\s+(?:majority|consent)|legal\s+(?:\w+\s+)?age|old\s+enough|minimum\s+age|years?\s+of\s+age"
    r"|years?\s+old|aged)\b",
    re.IGNORECASE,
)


def _gates_use(region: Region, quantity: Quantity) -> bool:
    """Whether an age stands in a sentence that sets who may use the service ("you must be at least
    18 to use …", "our services are only for people aged 16 and over"), no denial of what is done."""
    span = region.sentence_at(quantity.start)
    if span is None:
        return False
    sentence = region.text[span[0] : span[1]]
    before = region.text[span[0] : quantity.start]  # (a denial of what is done comes before its age)
    return _AGE_GATE.search(sentence) is not None and _NEGATIVE.search(before) is None


def _counted(olds: list[Quantity], news: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The periods to compare: "immediately" (a period of none) counts only where it stands for a
    period the other side states ("deleted immediately" → "within 30 days"), not beside periods
    both sides state ("we immediately stop … and delete it within 30 days" → "we stop … and …")."""
    stated_old = [q for q in olds if q.value or q.unit != "duration"]
    stated_new = [q for q in news if q.value or q.unit != "duration"]
    if len(stated_old) != len(stated_new) and len(olds) == len(news):
        return olds, news
    return stated_old, stated_new


def _bound_dropped(olds: Sequence[Quantity], rules: CategoryRules, sides: Sides) -> Quantity | None:
    """The first of ``olds`` whose sentence states a practice of the category that the new side,
    reworded, states again with no bound at all ("we retain the scans for three years" → "we'll keep
    your photo to compare it later"): the limit went, the practice stays."""
    kept = {
        key for key in sides.new_profile.affirmed if key[0] is rules.category and key[1] not in rules.protects
    }
    if not kept:
        return None
    for start, end in sentences(sides.new.text):
        if any(start <= t.start < end and (t.category, t.name) in kept for t in sides.new_profile.terms) and (
            _BOUNDED.search(sides.new.text, start, end)
        ):
            return None  # a bound said another way ("until you delete it"): other rules, or a lawyer
    for quantity in olds:
        span = sides.old.sentence_at(quantity.start)
        if (
            span is not None
            and _SPAN_BEFORE.search(sides.old.text, span[0], quantity.start)
            and any(
                span[0] <= term.start < span[1] and key in kept
                for key, term in sides.old_profile.affirmed.items()
            )
        ):
            return quantity
    return None


# a number that says how long ("*for* three years", "*within* 30 days", "*up to* a month"), not how
# often ("once a year": cue.frequency-cap reads a cap)
_SPAN_BEFORE = lazy(
    r"\b(?:for|within|to|after|following|than|of|past|beyond)\s+"
    r"(?:(?:up\s+to|at\s+most|about|around|approximately|roughly)\s+)?$",
    re.IGNORECASE,
)


# words that bound a practice in time without a number ("until you delete it", "while you are a member")
_BOUNDED = lazy(
    r"\b(?:until|till|while|as\s+long\s+as|after|following|upon|once|when|whenever|within|expir\w*|"
    r"period|by\s+the\s+end|at\s+the\s+end|no\s+longer|longer|shorter)\b",
    re.IGNORECASE,
)


def _delay_added(region: Region, quantity: Quantity, other_side: Region) -> bool:
    """Whether a period now runs from an event the other side's sentence made the moment itself:
    "when you close your account" → "30 days after you close your account"."""
    after = _AFTER_EVENT.match(region.text, quantity.end)
    if after is None:
        return False
    event = re.escape(after.group(1)).replace(r"\ ", r"\s+")
    # "at the end of the school year", "by the end of your contract" name the moment as well, and
    # "kept *until* you delete your account" ends there
    at_event = re.compile(
        rf"\b(?:when|whenever|once|upon|on|at|by|until|till|as\s+soon\s+as|at\s+the\s+time)\s+{event}", re.I
    )
    return at_event.search(other_side.text) is not None


# the words of the event a period runs from: "30 days *after you close your account*"
_AFTER_EVENT = lazy(r"\s+(?:after|following|from)\s+((?:\w+\s+){0,3}\w+)", re.IGNORECASE)
# the words that pick one of two bounds: "until you leave or for a year, *whichever comes first*"
_PICKS_A_BOUND = lazy(rf",?\s+{BOUND_PICKED}", re.IGNORECASE)


def _erased_at_once(old: Region, new: Region, came: Quantity) -> str | None:
    """The deleting verb ("removed", "erased") of the sentence a new period stands in, where the old
    side says the same verb with no period at all (then the deletion was at once), else None."""
    span = new.sentence_at(came.start)
    sentence = new.text[span[0] : span[1]] if span else new.text
    verb = _companys_deletion(sentence)
    if verb is None or quantities(old.text) or _companys_deletion(old.text) is None:
        return None
    return verb


def _companys_deletion(text: str) -> str | None:
    """The first deleting verb of ``text`` that is not the user's own act ("messages *you delete*"),
    or data said to leave the company's systems ("removed from our servers")."""
    for found in practice_reader().promising.finditer(text):
        if not _USERS_OWN.search(text, max(0, found.start() - 20), found.start()):
            return found.group()
    gone = _REMOVED_FROM_OURS.search(text)
    return gone.group() if gone else None


# data taken off the company's systems: a deletion in other words (NIST SP 800-88: sanitisation)
_REMOVED_FROM_OURS = lazy(
    r"\bremov\w*\s+from\s+(?:our|its|their|the)\s+(?:servers?|systems?|records?|databases?|backups?)\b",
    re.IGNORECASE,
)
_USERS_OWN = lazy(r"\byou\s+(?:[a-z]+\s+)?$", re.IGNORECASE)


def _own_event_went(old: Region, new: Region) -> str | None:
    """The words of an end set by what is done to the data itself ("once *they are processed*",
    "after *it has been verified*") that the old side said and the new one no longer does."""
    for match in _OWN_EVENT.finditer(old.text):
        if re.search(re.escape(match.group()).replace(r"\ ", r"\s+"), new.text, re.I) is None:
            return match.group()
    return None


# the data's own handling as the moment a practice ends: "after it is processed", "once they have
# been verified" (the subject is the data, the verb a participle: no user act, no account event)
_OWN_EVENT = lazy(
    r"\b(?:after|once|when|as\s+soon\s+as)\s+(?:it|they|the\s+\w+|these\s+\w+|this\s+\w+)\s+"
    r"(?:is|are|has\s+been|have\s+been|was|were)\s+\w+(?:ed|en|t)\b",
    re.IGNORECASE,
)


def _users_deadline(region: Region, quantity: Quantity) -> bool:
    """Whether a period bounds what the user does ("you may appeal within 30 days", "you must
    claim it within a year"), not what the company does."""
    return users_clause(region, quantity.start) is not None


def _protection_lasts(region: Region, quantity: Quantity) -> bool:
    """Whether a period says how long a choice of the user's is honoured or a protection holds ("we
    honour your opt-out *for at least 12 months* before asking again", "we wait 12 months before
    asking you again": CCPA § 1798.135(c)(4)): longer protects more, as a user's own deadline does."""
    return _LASTS_BEFORE.search(region.text, max(0, quantity.start - 80), quantity.start) is not None


_LASTS_BEFORE = lazy(
    r"\b(?:honou?r|respect|maintain|apply|keep\s+applying)\w*\s+(?:your|the|this|that|such|each)\s+"
    r"[\w\s-]{0,40}?\bfor\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?$"
    r"|\bwait\w*\s+(?:at\s+least\s+)?$"
    # the choice named first: "your opt-out *will apply for* five years" (GLBA, 12 CFR 1016.7(f))
    r"|\b(?:opt[\s-]?outs?|choices?|preferences?|objections?|elections?)\b[\w\s'-]{0,30}?\b(?:will\s+|shall\s+)?"
    r"(?:apply|applies|last|lasts|remains?\s+in\s+effect|stays?\s+in\s+effect|be\s+honou?red|is\s+honou?red)"
    r"\s+for\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?$",
    re.IGNORECASE,
)


def _users_own_limit(region: Region, quantity: Quantity) -> bool:
    """A user's deadline (``_users_deadline``) whose clause, from the user to the period, holds no
    other actor and no passive: "you may input search queries, which are deleted after 90 days" and
    "you may ask us to erase the data we process within 30 days" time the company's acts."""
    clause = users_clause(region, quantity.start)
    if clause is None:
        return False
    subject = USERS_SUBJECT.match(clause)
    return subject is not None and _OTHER_ACT.search(clause, subject.end()) is None


# another actor, or a passive, between the user's verb and the period it is bounded by
_OTHER_ACT = lazy(r"\b(?:we|us|is|are|be|been|was|were|being)\b", re.IGNORECASE)


# (the user or a class of users: "alumni can keep their portfolio for two years")
def _bound_alone(alone: Sequence[Quantity], region: Region, other_side: Region) -> Quantity | None:
    """The first of ``alone`` (in ``region``) whose sentence stands on the other side without it
    (most of its other words there): a bound taken from or given to a practice that stays, not a
    practice removed or added."""
    for quantity in alone:
        span = region.sentence_at(quantity.start)
        if span is None:
            continue
        # the bound goes with the event it runs from and the words that pick it among bounds: "or
        # for two years *after your last visit, whichever comes first*"
        end = quantity.end
        for phrase in (_AFTER_EVENT, _PICKS_A_BOUND):
            if (found := phrase.match(region.text, end, span[1])) is not None:
                end = found.end()
        sentence = region.text[span[0] : quantity.start] + region.text[end : span[1]]
        words = set(fold(sentence).split()) - _LINKING
        if len(words) < _BOUND_WORDS:
            continue
        for _, other in other_side.parts():
            for start, end in sentences(other):
                if words <= set(fold(other[start:end]).split()):
                    return quantity
    return None


def _phrases(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    old_hits = _hits_in_category(rule, rules, sides.old, sides.old_profile, sides)
    new_hits = _hits_in_category(rule, rules, sides.new, sides.new_profile, sides)
    if rule.replaces and not states_a_bound(sides.old_profile, rules.category, rule.replaces):
        return []  # "we delete it when it is no longer needed" where no period was set: a bound
        # where there was none, read by the term signals, not one bound put for another
    if rule.kind == "phrase-added" and rule.direction is Direction.EXPANDS:
        # a widening phrase inside a promise not to ("not used for any other purpose") widens the
        # promise, not what the company may do: the term and cue signals read the denial
        # (a phrase that is itself a negation, "we no longer limit how long …", denies its own bound)
        old_hits = [h for h in old_hits if not _denied(h, sides.old_profile) or _NEGATIVE.search(h.text)]
        new_hits = [h for h in new_hits if not _denied(h, sides.new_profile) or _NEGATIVE.search(h.text)]
        # … and one a limiter holds in ("stored *only* as long as necessary") sets a limit: GDPR
        # Art. 5(1)(e)'s own storage limitation, not a widening
        old_hits = [h for h in old_hits if not _limited(h, sides.old_profile)]
        new_hits = [h for h in new_hits if not _limited(h, sides.new_profile)]
        # … and one that is only what a user's right acts on ("you can opt out of having your chats
        # used to train our models"): the profile filed no term of its category as stated there
        old_hits = [h for h in old_hits if _stated_there(h, rules, sides.old, sides.old_profile)]
        new_hits = [h for h in new_hits if _stated_there(h, rules, sides.new, sides.new_profile)]
    elif rule.kind == "phrase-removed" and rule.direction is Direction.EXPANDS:
        # a safeguard named only to be denied ("we do not encrypt messages to businesses") is no
        # measure taken: its removal takes nothing away (a phrase that is itself a denial, "we do
        # not retain", still counts)
        old_hits = [h for h in old_hits if not _denied(h, sides.old_profile) or _NEGATIVE.search(h.text)]
        new_hits = [h for h in new_hits if not _denied(h, sides.new_profile) or _NEGATIVE.search(h.text)]
        if rule.by_concept:
            # "notify you by email" → "email you": the way of telling stays, said by another term
            # (each side's hits less those whose concept the other side states: one way for another)
            concepts = _term_concepts(rules)
            # (by concept, not by the member's words: "your consent" is filed as its member "consent")
            old_said = {
                m.name
                for (category, _), m in sides.old_profile.affirmed.items()
                if category is rules.category
            }
            new_said = {
                m.name
                for (category, _), m in sides.new_profile.affirmed.items()
                if category is rules.category
            }
            old_hits = [h for h in old_hits if concepts.get(fold(h.text)) not in new_said]
            new_hits = [h for h in new_hits if concepts.get(fold(h.text)) not in old_said]
    if rule.kind == "phrase-added" and rule.told_to_user:
        # "we review this page regularly to keep it accurate": the company's act, no call to the user
        old_hits, new_hits = _told_to_user(old_hits, sides.old), _told_to_user(new_hits, sides.new)
    # wordings of one thing ("same": "notify you", "tell you") count as one on either side
    old_same = _hits_in_category(rule, rules, sides.old, sides.old_profile, sides, "same")
    new_same = _hits_in_category(rule, rules, sides.new, sides.new_profile, sides, "same")
    if rule.kind == "phrase-added" and rule.names_category and old_same:
        return []  # "we cannot guarantee its security" said, "no method is 100% secure" added: a
        # statement that speaks of its category itself says nothing more for being said twice
    if rule.kind == "phrase-added":
        hit, side = _first_surplus(new_hits, old_hits, new_same, old_same), Side.NEW
    elif sides.kind is not ChangeKind.ADDED:
        hit, side = _first_surplus(old_hits, new_hits, old_same, new_same), Side.OLD
    else:
        return []
    if hit is None:
        return []
    return [
        signal(rules.category, rule.direction, rule.id, rule.says, hit, side, RULE, rule.consent, rule.major)
    ]


_NEGATIVE = lazy(r"\b(?:not|never|no)\b", re.IGNORECASE)
# the company as the subject right before a phrase: "we review", "we may periodically review"
_COMPANY_DOES = lazy(r"\bwe\s+(?:(?!you\b)[a-z]+\s+){0,2}$", re.IGNORECASE)


def _told_to_user(hits: Sequence[Match], region: Region) -> list[Match]:
    """The hits not said with the company as their subject (``Rule.told_to_user``)."""
    return [h for h in hits if not _COMPANY_DOES.search(region.text, max(0, h.start - 30), h.start)]


def _term_concepts(rules: CategoryRules) -> dict[str, str]:
    """The category's term phrases (folded) → their concept, for phrases written out whole."""
    return {fold(phrase): concept for phrase, concept in rules.term_entries if not phrase.endswith("*")}


_LIMITER_GAP = 2  # characters between a limiter and the phrase it limits: "only as long as"


def _stated_there(hit: Match, rules: CategoryRules, region: Region, found: Profile) -> bool:
    """Whether the hit's sentence states (affirms or denies) a term of the rule's category, or names
    none of its terms at all (the headings did: ``_in_category``)."""
    sentence = region.sentence_at(hit.start) or (0, len(region.text))
    inside = [t for t in found.terms if t.category is rules.category and sentence[0] <= t.start < sentence[1]]
    if not inside:
        return True
    filed = {m.start for m in (*found.affirmed.values(), *found.denied.values())}
    return any(t.start in filed for t in inside)


def _limited(hit: Match, found: Profile) -> bool:
    return any(0 <= hit.start - m.end <= _LIMITER_GAP for m in found.cues.get("cue.limiter", []))


def _denied(hit: Match, found: Profile) -> bool:
    return any(start <= hit.start < end and denied for start, end, denied in found.denials)


def _hits_in_category(
    rule: Rule, rules: CategoryRules, region: Region, found: Profile, sides: Sides, slot: str = "phrases"
) -> list[Match]:
    return [
        h
        for h in found.rule_hits.get((rule.id, slot), [])
        if rule.names_category or _in_category(rules, region, h, found.terms, sides)
    ]


def _first_surplus(
    hits: Sequence[Match],
    others: Sequence[Match],
    same: Sequence[Match] = (),
    others_same: Sequence[Match] = (),
) -> Match | None:
    """The first hit whose words occur more often among ``hits`` than among ``others``.

    A rule's phrases are wordings of one thing ("not retained", "not stored"): one for another
    is a rewording, so a side must hold more of them in all than the other side. The ``same``
    hits of each side (a rule's ``same`` wordings) all count as one word.
    """
    mine, theirs = _keyed(hits, same), _keyed(others, others_same)
    if len(mine) <= len(theirs):
        return None
    count, other_count = Counter(key for key, _ in mine), Counter(key for key, _ in theirs)
    return next((h for key, h in mine if h in hits and count[key] > other_count.get(key, 0)), None)


def _keyed(hits: Sequence[Match], same: Sequence[Match]) -> list[tuple[str, Match]]:
    """Each hit with the words it counts as: one key for all ``same`` wordings (a phrase hit where a
    ``same`` one stands is counted once)."""
    spans = {(h.start, h.end) for h in same}
    keyed = [("\tsame" if (h.start, h.end) in spans else fold(h.text), h) for h in hits]
    taken = {(h.start, h.end) for h in hits}
    return keyed + [("\tsame", h) for h in same if (h.start, h.end) not in taken]


# how far after an old phrase a new one may stand to say how the same act is now done
_QUALIFIED_WITHIN = 60
_WHAT_YOU_CAN = lazy(r"you\s+(?:can|may)\b", re.IGNORECASE)


def _swap(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    old_hits = sides.old_profile.rule_hits.get((rule.id, "old"), [])
    new_hits = sides.new_profile.rule_hits.get((rule.id, "new"), [])
    if not old_hits or not new_hits:
        return []
    # (an old phrase still said on the new side blocks the swap, unless a new one qualifies it in its
    # sentence: "you can delete your account *by contacting support*" is the request, not the app)
    still = [
        hit
        for hit in sides.new_profile.rule_hits.get((rule.id, "old"), [])
        if not (
            rule.users_act
            # (only the user's act said as what they can do, not a means: "online form *or by phone*";
            # an item's opening verb under "You can:" is one, "- Delete your account")
            and (_WHAT_YOU_CAN.match(hit.text) is not None or _granted_item_verb(hit, sides))
            and any(
                0 < new.start - hit.end <= _QUALIFIED_WITHIN
                and "." not in sides.new.text[hit.end : new.start]
                for new in new_hits
            )
        )
    ]
    # (the old phrase the new side no longer says names the swap: "in the app", not "you can delete")
    said = {hit.text.casefold() for hit in sides.new_profile.rule_hits.get((rule.id, "old"), [])}
    old_hits = [hit for hit in old_hits if hit.text.casefold() not in said] or old_hits
    if still or sides.old_profile.rule_hits.get((rule.id, "new")):
        return []
    if rule.users_act and not (
        any(lets_user_act(text) for region in (sides.old, sides.new) for _, text in region.parts())
        or any(t.category is rules.category for t in (*sides.old_profile.terms, *sides.new_profile.terms))
        # (a row under a header naming the rights or how to use them: "| Right | How to use it |")
        or _RIGHTS_HEADER.search(sides.lead) is not None
    ):
        return []  # "support is available online" → "by calling": no act of the user's changed
    told = Told(f"«{old_hits[0].text}» → «{new_hits[0].text}»")
    return [
        signal(
            rules.category,
            rule.direction,
            rule.id,
            rules.says(rule, told),
            new_hits[0],
            Side.NEW,
            RULE,
            rule.consent,
            rule.major,
            told=told,
        )
    ]


def _granted_item_verb(hit: Match, sides: Sides) -> bool:
    """Whether a hit is the verb an item opens with under a lead-in that grants ("You can:"): the
    lead's "you can" finishes it, so it is the user's act as "you can delete" is."""
    return granting_lead(sides.lead) and not sides.new.text[: hit.start].strip(" \t-*•·–")


_RIGHTS_HEADER = lazy(
    r"\b(?:rights?|how\s+to\s+(?:use|exercise|make|request)|how\s+you\s+can)\b", re.IGNORECASE
)


def _identity(rule: Rule, rules: CategoryRules, sides: Sides) -> list[Signal]:
    """A different legal entity named where the controller or operator is named."""

    # a section that says who the company is ("## Contact"): a company named there at its address
    heading = _CONTACT_HEADING.search(sides.headings) is not None

    def entities(region: Region, found: Profile) -> dict[str, Match]:
        named: dict[str, Match] = {}
        for start, end in region.spans:
            said = {t.name for t in found.terms if t.category is rules.category and start <= t.start < end}
            # (a representative's or an officer's address names the one who acts for the company)
            addressed = heading and not said & {"dpo", "privacy_team"}
            # ('"We", "us" and "our" refer to Acme Ltd': the company the text speaks as)
            given = names_the_company(region.text[start:end])
            if "controller" not in said and not addressed and given is None:
                continue
            for m in ORGANISATION.finditer(region.text, start, end):
                if given is not None and m.start() == start + given.start("company"):
                    pass
                elif "controller" not in said and not _AT_ADDRESS.match(region.text, m.end()):
                    continue  # under "Contact", only a company given with its address is the one responsible
                if _RELATED_BEFORE.search(region.text, max(start, m.start() - 60), m.start()):
                    continue  # "Example Ltd, a subsidiary of *Example Group plc*": who owns it
                named.setdefault(
                    _entity_key(m.group()), Match(rule.id, rules.category, m.group(), m.start(), m.end())
                )
        return named

    before, after = entities(sides.old, sides.old_profile), entities(sides.new, sides.new_profile)
    # one entity for another, or one more beside those named ("… the controller (from 1 March,
    # Northwind Ltd)", a joint controller): a different set of companies is responsible
    came = [key for key in after if key not in before]
    if before and came:
        match = after[came[0]]
        told = Told(f"{next(iter(before.values())).text} → {match.text}")
        says = rules.says(rule, told)
        return [
            signal(rules.category, rule.direction, rule.id, says, match, Side.NEW, RULE, None, True, told)
        ]
    return []


# a heading (a line of the trail, no table row) that says the section tells who the company is and
# how to reach it (GDPR Art. 13(1)(a): "the identity and the contact details of the controller"; the
# imprint of German law, DDG § 5)
_CONTACT_HEADING = lazy(
    r"^[#*\s\d.]*(?:contact(?:\s+(?:us|details|information))?|how\s+to\s+contact\s+us|who\s+we\s+are|about\s+us"
    r"|imprint|legal\s+notice|company\s+(?:details|information)|(?:the\s+)?(?:data\s+)?controller)[\s*:.]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a company's address right after its name: a street and a number, or a postcode ("Acme GmbH,
# Hauptstrasse 1, 10115 Berlin"; "Acme Ltd, 1 High Street")
_AT_ADDRESS = lazy(r",?\s+(?:[^.;:\n]{0,40}?\d)")


# the company's relation to another named after it ("a subsidiary of", "part of", "owned by"): the
# other company describes the one responsible, it is not responsible itself (GDPR Art. 4(19): a group
# of undertakings is no controller of its own)
_RELATED_BEFORE = lazy(
    r"\b(?:(?:wholly[\s-]owned\s+)?subsidiary|affiliate|division|member|part|brand|unit)\s+of\s+(?:the\s+)?$"
    r"|\b(?:owned|controlled|acquired)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def entity_keys(text: str) -> set[str]:
    """The companies a text names by their legal form, each as ``_entity_key`` reads it (links aside)."""
    return {_entity_key(m.group()) for m in ORGANISATION.finditer(mask_links(text))}


def _entity_key(name: str) -> str:
    """A company's name with its legal form in one spelling: "Acme Limited" is "Acme Ltd"
    (equivalents.toml, legal forms)."""
    return canonical(fold(name))


# a street address as a postal service writes it: a house number, up to four capitalised words and
# a street suffix (USPS Publication 28, Appendix C1: the common suffixes), or a post office box; the
# visible words of a way to reach the company, as an e-mail address or a phone number are
_POSTAL_ADDRESS = lazy(
    r"\b\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+(?:[A-Z][\w'’.-]*\s+){1,4}?"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct"
    r"|Parkway|Pkwy|Highway|Hwy|Quay|Row|Terrace|Plaza|Circle|Crescent|Close|Wharf)\b\.?"
    r"|\bP\.?\s?O\.?\s+Box\s+\d+"
    # … and the postcode that ends it: a UK postcode (Royal Mail PAF), a US state and ZIP code (USPS
    # Publication 28), a Japanese postal code (Japan Post: NNN-NNNN)
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|〒?\b\d{3}-\d{4}\b"
)


def _details(rule: Rule, rules: CategoryRules, sides: Sides, rulebook: RuleBook) -> list[Signal]:
    def found(region: Region, profile: Profile) -> dict[str, str]:
        """Each detail, compared without its spaces or case, → as it is written (a street address
        only where no recipient is named: "our affiliate at 40 Harbour Road" is the party's)."""
        return {
            re.sub(r"\s", "", m.group()).casefold(): m.group()
            for at, s in region.parts()
            for pattern in (EMAIL_OR_PHONE, _POSTAL_ADDRESS)
            if pattern is EMAIL_OR_PHONE or not _names_a_party(profile, at, at + len(s), rulebook)
            for m in pattern.finditer(s)
        }

    before, after = found(sides.old, sides.old_profile), found(sides.new, sides.new_profile)
    if before.keys() == after.keys():
        return []
    side = Side.NEW if after.keys() - before.keys() else Side.OLD
    shown = [after[k] for k in sorted(after.keys() - before.keys())] or [
        before[k] for k in sorted(before.keys() - after.keys())
    ]
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


def _names_a_party(profile: Profile, start: int, end: int, rulebook: RuleBook) -> bool:
    """Whether a sharing term naming a party (not a verb: ``grouped``) stands between ``start`` and
    ``end``."""
    verbs = rulebook.by_category(Category.SHARING).grouped
    return any(
        start <= t.start < end and t.category is Category.SHARING and t.name not in verbs
        for t in profile.terms
    )


_RULE_KINDS = {
    "number": _numbers,
    "phrase-added": _phrases,
    "phrase-removed": _phrases,
    "swap": _swap,
    "identity": _identity,
}
