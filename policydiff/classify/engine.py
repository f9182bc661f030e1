"""Turn one change into categories, a direction, a severity and the reasons behind them.

The engine reads only the *changed sentences* of each side (and the clause's heading trail
and list lead-in as context). It first rules out editorial changes (same key, dates,
renames, typos, connecting words), then gathers *signals* from the rule book:

- rules of a category: numbers with units, phrases added or removed, swaps, identity;
- concepts (kinds of data, recipients, purposes …) that appear, disappear, or change
  between an affirmative sentence and a denial ("we do not share …");
- generic cues whose count changed: negations, limiters, consent requirements, firm
  modals (they protect the user), hedges, exceptions, open lists (they permit more).

Any signal adverse to the user makes the change ``expands``; the category of the strongest
one leads. Severity follows the ``major`` set of the settings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policydiff.classify.numbers import Quantity, quantities
from policydiff.classify.rules import CategoryRules, Cue, Match, Rule, RuleBook
from policydiff.model import Category, ChangeKind, Consent, Direction, Edit, Op, Reason, Severity, Side
from policydiff.text import WORD, fold, mask_links, sentences, strip_links

DEFAULT_MAJOR: frozenset[tuple[Category, Direction]] = frozenset(
    (category, Direction.EXPANDS) for category in Category if category not in (Category.CONTACT, Category.OTHER)
)

_EMAIL_OR_PHONE = re.compile(r"[\w.+-]+\s?@\s?[\w-]+(?:\.[\w-]+)+|\+?\d[\d\s().-]{7,}\d")
_DATE_WORD = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|v|version|rev|revision|updated|modified|effective"
    r"|last|date|as|of|on|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)$"
)
_CLAUSE_SPLIT = re.compile(r";|,?\s+but\s+|,\s+however,?\s+|,\s+while\s+|\s+whereas\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Subject:
    """What the engine reads of a change."""

    kind: ChangeKind
    old: str
    new: str
    edits: tuple[Edit, ...]
    old_context: str = ""  # heading trail and list lead-in or table header of the old clause
    new_context: str = ""
    moved: bool = False
    renumbered: bool = False
    section: str = ""  # the folded heading of the section the clause sits in


@dataclass(frozen=True, slots=True)
class Verdict:
    categories: tuple[Category, ...]
    direction: Direction
    severity: Severity
    reasons: tuple[Reason, ...]
    consent: Consent = field(default_factory=Consent)


@dataclass(frozen=True, slots=True)
class Signal:
    category: Category | None
    direction: Direction
    reason: Reason
    strength: int  # 3 a rule, 2 a concept, 1 a generic cue
    consent: str | None = None
    major: bool = False


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the engine needs to know of the whole pair: names changed everywhere, concepts disclosed."""

    renames: frozenset[tuple[str, str]] = frozenset()
    disclosed: frozenset[tuple[str, str, str]] = frozenset()  # (heading key, category, concept) in the old text


# ------------------------------------------------------------------ regions and profiles


@dataclass(slots=True)
class Region:
    """The changed sentences of one side, with their offsets in that side's text."""

    text: str
    spans: list[tuple[int, int]]

    def parts(self) -> Iterable[tuple[int, str]]:
        for start, end in self.spans:
            yield start, self.text[start:end]


@dataclass(slots=True)
class Profile:
    terms: list[Match] = field(default_factory=list)
    affirmed: dict[tuple[Category, str], Match] = field(default_factory=dict)
    denied: dict[tuple[Category, str], Match] = field(default_factory=dict)
    cues: dict[str, list[Match]] = field(default_factory=dict)
    numbers: list[tuple[Quantity, Category | None]] = field(default_factory=list)


def changed_regions(subject: Subject) -> tuple[Region, Region]:
    """The sentences of each side that hold an edit (all of them for an added or removed clause)."""
    old_marks: list[int] = []
    new_marks: list[int] = []
    old_at = new_at = 0
    for edit in subject.edits:
        size = len(edit.text)
        if edit.op is Op.EQUAL:
            old_at += size
            new_at += size
            continue
        if edit.op is Op.DELETE:
            old_marks.extend(range(old_at, old_at + size) if edit.text.strip() else ())
            new_marks.append(new_at)
            old_at += size
        else:
            new_marks.extend(range(new_at, new_at + size) if edit.text.strip() else ())
            old_marks.append(old_at)
            new_at += size
    return _region(subject.old, old_marks, whole=not subject.new), _region(subject.new, new_marks, whole=not subject.old)


def _region(text: str, marks: list[int], *, whole: bool) -> Region:
    spans = sentences(text)
    if whole:
        return Region(text, spans)
    marked = set(marks)
    chosen = [(s, e) for s, e in spans if any(s <= m <= e for m in marked) or any(m in marked for m in range(s, e))]
    return Region(text, chosen)


def _is_denied(sentence: str, rulebook: RuleBook, context_denied: bool) -> list[tuple[int, int, bool]]:
    """Split a sentence into clauses and say which deny (company negation) what they hold."""
    negation = next((c for c in rulebook.cues if c.id == "cue.negation"), None)
    out: list[tuple[int, int, bool]] = []
    position = 0
    for piece in [*_CLAUSE_SPLIT.finditer(sentence), None]:
        end = piece.start() if piece else len(sentence)
        clause = sentence[position:end]
        denied = context_denied
        if negation is not None:
            for match in negation.pattern.finditer(clause):
                if not rulebook.subject_you.search(clause[: match.start()]):
                    denied = not context_denied
                    break
        out.append((position, end, denied))
        position = piece.end() if piece else end
    return out


def profile(region: Region, rulebook: RuleBook, *, context: str) -> Profile:
    """Terms, concepts (affirmed or denied), cues and numbers of a region."""
    found = Profile()
    context_denied = _context_denies(context, rulebook)
    for offset, sentence in region.parts():
        plain = mask_links(sentence)
        clauses = _is_denied(plain, rulebook, context_denied)
        sentence_terms = rulebook.find_terms(plain)
        # a sentence that grants a right or a safeguard names practices as its object, not as new ones
        guarded = any(rulebook.by_category(t.category).protective for t in sentence_terms if t.category)  # type: ignore[arg-type]
        for term in sentence_terms:
            shifted = Match(term.name, term.category, term.text, term.start + offset, term.end + offset)
            found.terms.append(shifted)
            rules = rulebook.by_category(term.category)  # type: ignore[arg-type]
            if guarded and not rules.protective:
                continue
            denied = next((d for s, e, d in clauses if s <= term.start < e), context_denied)
            key = (term.category, term.name)  # type: ignore[arg-type]
            (found.denied if denied else found.affirmed).setdefault(key, shifted)  # type: ignore[arg-type]
        for cue in rulebook.cues:
            for match in cue.pattern.finditer(plain):
                by_user = bool(rulebook.subject_you.search(plain[: match.start()]))
                if by_user != cue.user_subject:
                    continue
                found.cues.setdefault(cue.id, []).append(
                    Match(cue.id, None, match.group(), match.start() + offset, match.end() + offset)
                )
        for quantity in quantities(plain):
            found.numbers.append((quantity.shifted(offset), _number_category(sentence_terms, quantity, rulebook)))
    return found


def _context_denies(context: str, rulebook: RuleBook) -> bool:
    """A list under "We do not share:" is a list of things not shared."""
    if not context:
        return False
    negation = next((c for c in rulebook.cues if c.id == "cue.negation"), None)
    lead = context.rsplit(" › ", 1)[-1].rstrip()
    if negation is None or not lead.endswith(":"):
        return False
    spans = sentences(lead)
    last = lead[spans[-1][0] :] if spans else lead  # the sentence that introduces the list
    return bool(negation.pattern.search(last))


def _number_category(terms: Sequence[Match], quantity: Quantity, rulebook: RuleBook) -> Category | None:
    """The category whose number rule reads this quantity: most terms in the sentence, then priority."""
    scores: Counter[Category] = Counter()
    for term in terms:
        if term.category is not None:
            scores[term.category] += 1
    best: tuple[int, int, Category] | None = None
    for rules in rulebook.categories:
        if any(rule.kind == "number" and rule.unit == quantity.unit for rule in rules.rules):
            score = scores.get(rules.category, 0)
            if score and (best is None or (score, -rules.priority) > (best[0], best[1])):
                best = (score, -rules.priority, rules.category)
    return best[2] if best else None


# ------------------------------------------------------------------ editorial verdicts


def _replacements(edits: Sequence[Edit]) -> list[tuple[str, str]]:
    """Adjacent delete/insert runs as (old words, new words); a lone insert or delete has one side empty."""
    out: list[tuple[str, str]] = []
    deleted = inserted = ""
    for edit in [*edits, Edit(Op.EQUAL, "")]:
        if edit.op is Op.DELETE:
            deleted += edit.text
        elif edit.op is Op.INSERT:
            inserted += edit.text
        elif deleted or inserted:
            out.append((fold(deleted), fold(inserted)))
            deleted = inserted = ""
    return [pair for pair in out if pair != ("", "")]


def _levenshtein_small(left: str, right: str) -> bool:
    if abs(len(left) - len(right)) > 2 or min(len(left), len(right)) < 4:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(left, right) <= 2


def editorial_reason(subject: Subject, rulebook: RuleBook, context: DocumentContext) -> tuple[str, str] | None:
    """The editorial verdict (key and trigger words) when the change has no substance, else None."""
    old_key, new_key = fold(subject.old), fold(subject.new)
    if subject.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        text = subject.new or subject.old
        if not old_key and not new_key or _is_chrome(text):
            return "chrome", text.strip()[:80]
        return None
    if old_key == new_key and _EMAIL_OR_PHONE.findall(subject.old) == _EMAIL_OR_PHONE.findall(subject.new):
        key = "moved" if subject.moved else "renumbered" if subject.renumbered else "formatting"
        return key, _changed_words(subject.edits) or subject.new.strip()[:60]
    if sorted(old_key.split()) == sorted(new_key.split()) and _reordered_list(subject):
        return "reorder", _changed_words(subject.edits)
    replacements = _replacements(subject.edits)
    words = [w for pair in replacements for side in pair for w in side.split()]
    if words and all(_DATE_WORD.match(w) for w in words) and _is_date_line(subject.old) and _is_date_line(subject.new):
        return "date", _changed_words(subject.edits)
    if replacements and all(pair in context.renames for pair in replacements if pair[0] or pair[1]):
        return "rename", _changed_words(subject.edits)
    if replacements and all(
        len(old.split()) == len(new.split()) == 1 and _levenshtein_small(old, new) for old, new in replacements
    ):
        return "typo", _changed_words(subject.edits)
    if words and all(w in rulebook.editorial_words for w in words):
        return "wording", _changed_words(subject.edits)
    return None


_DATE_LINE = re.compile(
    r"\b(?:updated|modified|revised|effective|version|dated?|mise à jour|en vigueur)\b|\b\d{4}-\d{2}-\d{2}\b|\bv\d+(?:\.\d+)+\b",
    re.IGNORECASE,
)


def _is_date_line(text: str) -> bool:
    """A "Last updated: …" or version line: short, and says what the date is."""
    return len(WORD.findall(text)) <= 14 and bool(_DATE_LINE.search(text))


def _reordered_list(subject: Subject) -> bool:
    split = re.compile(r",|;|\band\b|\bor\b")
    old_members = sorted(fold(m) for m in split.split(subject.old) if fold(m))
    new_members = sorted(fold(m) for m in split.split(subject.new) if fold(m))
    return old_members == new_members


def _is_chrome(text: str) -> bool:
    """Navigation, breadcrumbs, tickers, bare headings: no sentence a user could rely on."""
    words = WORD.findall(strip_links(text))
    alpha = [w for w in words if not w.isdigit()]
    return len(alpha) < 4 or (len(alpha) < 12 and not re.search(r"[.!?:;]\s*$", text.strip()))


def _changed_words(edits: Sequence[Edit]) -> str:
    parts = [e.text.strip() for e in edits if e.op is not Op.EQUAL and e.text.strip()]
    return " … ".join(parts)[:120]


# ------------------------------------------------------------------ signals


def _signal(
    category: Category | None, direction: Direction, rule: str, says: str, match: Match, side: Side, strength: int,
    consent: str | None = None, major: bool = False,
) -> Signal:  # fmt: skip
    reason = Reason(rule, says, match.text, side, (match.start, match.end))
    return Signal(category, direction, reason, strength, consent, major)


def _in_category_context(rules: CategoryRules, region_text: str, match: Match, terms: Sequence[Match], context: str) -> bool:
    """A phrase rule fires only where its category is spoken of: same sentence, or the heading trail."""
    for start, end in sentences(region_text):
        if start <= match.start < end:
            if any(t.category is rules.category and start <= t.start < end for t in terms):
                return True
    return any(t.category is rules.category for t in _terms_of(context, rules))


def _terms_of(text: str, rules: CategoryRules) -> list[Match]:
    if not text or rules.terms is None:
        return []
    return [Match(rules.concepts[m.lastgroup or ""], rules.category, m.group(), m.start(), m.end()) for m in rules.terms.finditer(text)]


def _phrase_hits(patterns: Sequence[re.Pattern[str]], region: Region) -> list[Match]:
    hits = []
    for offset, sentence in region.parts():
        for pattern in patterns:
            for m in pattern.finditer(strip_links(sentence)):
                hits.append(Match(pattern.pattern, None, m.group(), m.start() + offset, m.end() + offset))
    return hits


def _rule_signals(
    rule: Rule, rules: CategoryRules, old: tuple[Region, Profile], new: tuple[Region, Profile], subject: Subject
) -> list[Signal]:
    (old_region, old_profile), (new_region, new_profile) = old, new
    out: list[Signal] = []
    if rule.kind == "number":
        old_numbers = [q for q, c in old_profile.numbers if c is rules.category and q.unit == rule.unit]
        new_numbers = [q for q, c in new_profile.numbers if c is rules.category and q.unit == rule.unit]
        for before, after in zip(old_numbers, new_numbers, strict=False):
            if before.value == after.value:
                continue
            larger = after.value > before.value
            direction = rule.larger if larger else _opposite(rule.larger)
            says = f"{rule.says}: {before.text} → {after.text}" if direction is Direction.EXPANDS else (
                f"{rules.topic}: {before.text} → {after.text}"
            )
            match = Match(rule.id, rules.category, after.text, after.start, after.end)
            out.append(_signal(rules.category, direction, rule.id, says, match, Side.NEW, 3, rule.consent if direction is Direction.EXPANDS else None))
        return out
    if rule.kind in ("phrase-added", "phrase-removed"):
        old_hits = [h for h in _phrase_hits(rule.phrases, old_region) if _in_category_context(rules, old_region.text, h, old_profile.terms, subject.old_context)]
        new_hits = [h for h in _phrase_hits(rule.phrases, new_region) if _in_category_context(rules, new_region.text, h, new_profile.terms, subject.new_context)]
        old_words = Counter(fold(h.text) for h in old_hits)
        new_words = Counter(fold(h.text) for h in new_hits)
        if rule.kind == "phrase-added":
            fresh = [h for h in new_hits if new_words[fold(h.text)] > old_words.get(fold(h.text), 0)]
            if fresh:
                out.append(_signal(rules.category, rule.direction, rule.id, rule.says, fresh[0], Side.NEW, 3, rule.consent, rule.major))
        else:
            gone = [h for h in old_hits if old_words[fold(h.text)] > new_words.get(fold(h.text), 0)]
            if gone and subject.kind is not ChangeKind.ADDED:
                out.append(_signal(rules.category, rule.direction, rule.id, rule.says, gone[0], Side.OLD, 3, rule.consent, rule.major))
        return out
    if rule.kind == "swap":
        old_hits = _phrase_hits(rule.old_phrases, old_region)
        new_hits = _phrase_hits(rule.new_phrases, new_region)
        still = _phrase_hits(rule.old_phrases, new_region)
        if old_hits and new_hits and not still and not _phrase_hits(rule.new_phrases, old_region):
            says = f"{rule.says}: «{old_hits[0].text}» → «{new_hits[0].text}»"
            out.append(_signal(rules.category, rule.direction, rule.id, says, new_hits[0], Side.NEW, 3, rule.consent, rule.major))
        return out
    if rule.kind == "identity":
        return _identity(rule, rules, old, new, subject)
    if rule.kind == "details":
        old_details = set(_details(old_region))
        new_details = set(_details(new_region))
        if old_details != new_details and (old_details or new_details):
            added = sorted(new_details - old_details) or sorted(old_details - new_details)
            side = Side.NEW if new_details - old_details else Side.OLD
            match = Match(rule.id, rules.category, added[0], 0, 0)
            out.append(_signal(rules.category, rule.direction, rule.id, rule.says, match, side, 2))
    return out


def _details(region: Region) -> list[str]:
    return [re.sub(r"\s", "", m.group()).casefold() for _, s in region.parts() for m in _EMAIL_OR_PHONE.finditer(s)]


ORGANISATION = re.compile(
    r"\b[A-Z][\w&'-]*(?:[ \t]+(?:[A-Z][\w&'-]*|of|and|&))*[ \t]*,?[ \t]+(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|S\.A\.S?|SAS|SARL"
    r"|B\.V|BV|N\.V|Pty|Corp|Corporation|plc|PLC|AG|SE|S\.p\.A|Co|Company|LLP|LP)\b\.?"
)


def _identity(
    rule: Rule, rules: CategoryRules, old: tuple[Region, Profile], new: tuple[Region, Profile], subject: Subject
) -> list[Signal]:
    """A different legal entity named where the controller or operator is named."""
    (old_region, old_profile), (new_region, new_profile) = old, new

    def entities(region: Region, found: Profile) -> dict[str, Match]:
        named: dict[str, Match] = {}
        controller_sentences = [
            (s, e) for s, e in region.spans
            if any(t.category is rules.category and t.name == "controller" and s <= t.start < e for t in found.terms)
        ]  # fmt: skip
        for start, end in controller_sentences:
            for m in ORGANISATION.finditer(region.text, start, end):
                named.setdefault(fold(m.group()), Match(rule.id, rules.category, m.group(), m.start(), m.end()))
        return named

    before, after = entities(old_region, old_profile), entities(new_region, new_profile)
    if before and after and not set(before) & set(after):
        match = next(iter(after.values()))
        says = f"{rule.says}: {next(iter(before.values())).text} → {match.text}"
        return [_signal(rules.category, rule.direction, rule.id, says, match, Side.NEW, 3, None, True)]
    return []


def _opposite(direction: Direction) -> Direction:
    if direction is Direction.EXPANDS:
        return Direction.NARROWS
    if direction is Direction.NARROWS:
        return Direction.EXPANDS
    return direction


def _concept_signals(
    rulebook: RuleBook, old: Profile, new: Profile, subject: Subject, context: DocumentContext
) -> list[Signal]:
    out: list[Signal] = []
    old_all = {**old.affirmed, **old.denied}
    for key, match in new.affirmed.items():
        if key in old.affirmed:
            continue
        category, concept = key
        rules = rulebook.by_category(category)
        if rules.protective:
            if key not in old_all:
                says = f"new in {rules.topic}: «{match.text}»"
                out.append(_signal(category, Direction.NARROWS, f"{category.value}.added", says, match, Side.NEW, 2))
            continue
        if key in old.denied:
            says = f"a denial about {rules.topic} became an affirmation («{old.denied[key].text}» no longer denied)"
            out.append(_signal(category, Direction.EXPANDS, f"{category.value}.denial-lifted", says, match, Side.NEW, 2, rules.consent.get(concept)))
            continue
        if key in old_all:
            continue
        if subject.kind is ChangeKind.ADDED and (subject.section, category.value, concept) in context.disclosed:
            continue  # a new explanation of a practice this section already disclosed
        says = f"new in {rules.topic}: «{match.text}»"
        out.append(_signal(category, Direction.EXPANDS, f"{category.value}.added", says, match, Side.NEW, 2, rules.consent.get(concept)))
    for key, match in old.denied.items():
        if key in new.denied:
            continue
        category, concept = key
        rules = rulebook.by_category(category)
        if subject.kind is ChangeKind.REMOVED or key in new.affirmed or subject.kind is not ChangeKind.ADDED:
            says = f"a denial about {rules.topic} was removed («{match.text}»)"
            out.append(_signal(category, Direction.EXPANDS, f"{category.value}.denial-removed", says, match, Side.OLD, 2, rules.consent.get(concept)))
    for key, match in new.denied.items():
        if key not in old.denied:
            category, _ = key
            rules = rulebook.by_category(category)
            says = f"new denial about {rules.topic} («{match.text}»)"
            direction = Direction.EXPANDS if rules.protective else Direction.NARROWS
            out.append(_signal(category, direction, f"{category.value}.denial-added", says, match, Side.NEW, 2))
    for key, match in old.affirmed.items():
        if key not in new.affirmed and key not in new.denied:
            category, _ = key
            rules = rulebook.by_category(category)
            says = f"no longer in {rules.topic}: «{match.text}»"
            # losing a right or a safeguard is adverse; losing a practice is not
            direction = Direction.EXPANDS if rules.protective else Direction.NARROWS
            out.append(_signal(category, direction, f"{category.value}.removed", says, match, Side.OLD, 2))
    return out


def _cue_signals(rulebook: RuleBook, old: Profile, new: Profile) -> list[Signal]:
    out: list[Signal] = []
    for cue in rulebook.cues:
        before, after = old.cues.get(cue.id, []), new.cues.get(cue.id, [])
        delta = len(after) - len(before)
        if delta == 0:
            continue
        out.append(_cue_signal(cue, before, after, delta))
    return out


def _cue_signal(cue: Cue, before: list[Match], after: list[Match], delta: int) -> Signal:
    added = delta > 0
    adverse = added if cue.effect == "permits" else not added
    direction = Direction.EXPANDS if adverse else Direction.NARROWS
    match, side = (after[-1], Side.NEW) if added else (before[-1], Side.OLD)
    says = cue.says_added if added else cue.says_removed
    return _signal(None, direction, cue.id, says, match, side, 1)


# ------------------------------------------------------------------ the verdict


def dominant_categories(old: Profile, new: Profile, subject: Subject, rulebook: RuleBook) -> list[Category]:
    """Categories spoken of in the changed sentences (and, more faintly, in the headings)."""
    scores: Counter[Category] = Counter()
    for term in [*old.terms, *new.terms]:
        if term.category is not None:
            scores[term.category] += 2
    for rules in rulebook.categories:
        for term in _terms_of(f"{subject.old_context} {subject.new_context}", rules):
            scores[rules.category] += 1
    priority = {rules.category: rules.priority for rules in rulebook.categories}
    ranked = sorted(scores, key=lambda c: (-scores[c], priority.get(c, 99)))
    return [c for c in ranked if c is not Category.OTHER]


def classify(
    subject: Subject,
    rulebook: RuleBook,
    *,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
    context: DocumentContext | None = None,
) -> Verdict:
    """Decide one change."""
    context = context or DocumentContext()
    editorial = editorial_reason(subject, rulebook, context)
    if editorial is not None:
        key, trigger = editorial
        side = Side.NEW if subject.new else Side.OLD
        reason = Reason(f"editorial.{key}", rulebook.editorial[key], trigger, side)
        return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))

    old_region, new_region = changed_regions(subject)
    old_profile = profile(old_region, rulebook, context=subject.old_context)
    new_profile = profile(new_region, rulebook, context=subject.new_context)
    signals: list[Signal] = []
    for rules in rulebook.categories:
        for rule in rules.rules:
            signals.extend(_rule_signals(rule, rules, (old_region, old_profile), (new_region, new_profile), subject))
    signals.extend(_concept_signals(rulebook, old_profile, new_profile, subject, context))
    signals.extend(_cue_signals(rulebook, old_profile, new_profile))
    dominant = dominant_categories(old_profile, new_profile, subject, rulebook)
    return _decide(signals, dominant, subject, rulebook, major, new_region)


def _decide(
    signals: list[Signal],
    dominant: list[Category],
    subject: Subject,
    rulebook: RuleBook,
    major: frozenset[tuple[Category, Direction]],
    new_region: Region,
) -> Verdict:
    lead = dominant[0] if dominant else Category.OTHER
    resolved = [
        Signal(s.category or lead, s.direction, s.reason, s.strength, s.consent, s.major) for s in signals
    ]
    identity = [s for s in resolved if s.major]
    expands = [s for s in resolved if s.direction is Direction.EXPANDS]
    narrows = [s for s in resolved if s.direction is Direction.NARROWS]
    neutral = [s for s in resolved if s.direction is Direction.NEUTRAL]
    if identity:
        chosen, direction = identity + expands, identity[0].direction
    elif expands:
        chosen, direction = expands, Direction.EXPANDS
    elif narrows:
        chosen, direction = narrows, Direction.NARROWS
    elif neutral:
        chosen, direction = neutral, Direction.NEUTRAL
    else:
        return _no_signal(subject, dominant, rulebook)
    chosen.sort(key=lambda s: -s.strength)
    # only generic cues fired: the category is what the sentences speak of
    primary = chosen[0].category or lead
    categories = _unique([primary, *(s.category for s in chosen), *dominant[:1]])
    severity = Severity.MINOR
    if any(s.major for s in chosen) or (primary, direction) in major:
        severity = Severity.MAJOR
    elif direction is Direction.EXPANDS and any((s.category, direction) in major for s in chosen):
        severity = Severity.MAJOR
    reasons = [s.reason for s in chosen[:6]]
    reasons.extend(s.reason for s in (narrows if direction is Direction.EXPANDS else [])[:2])
    consent = _consent(chosen, new_region, rulebook) if severity is Severity.MAJOR else Consent()
    return Verdict(tuple(categories[:3]), direction, severity, tuple(reasons), consent)


def _no_signal(subject: Subject, dominant: list[Category], rulebook: RuleBook) -> Verdict:
    side = Side.NEW if subject.new else Side.OLD
    text = subject.new or subject.old
    if subject.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        category = dominant[0] if dominant else Category.OTHER
        topic = rulebook.by_category(category).topic
        says = f"{'new' if subject.new else 'removed'} text about {topic}, with no term that widens or narrows it"
        reason = Reason(f"{category.value}.described", says, text.strip()[:80], side)
        return Verdict((category,), Direction.NEUTRAL, Severity.MINOR, (reason,))
    reason = Reason("editorial.reworded", rulebook.editorial["reworded"], _changed_words(subject.edits), side)
    return Verdict((), Direction.NEUTRAL, Severity.EDITORIAL, (reason,))


def _consent(chosen: list[Signal], new_region: Region, rulebook: RuleBook) -> Consent:
    reasons = [s.consent for s in chosen if s.consent and s.direction is Direction.EXPANDS]
    retro = rulebook.retroactive.search(new_region.text)
    if retro:
        reasons.append(f"the change applies to data already collected («{retro.group()}»): consent, not notice")
    unique = tuple(dict.fromkeys(r for r in reasons if r))
    return Consent(bool(unique), unique)


def _unique(items: Iterable[Category | None]) -> list[Category]:
    seen: list[Category] = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen
