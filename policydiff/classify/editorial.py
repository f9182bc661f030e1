"""Changes without substance: formatting, moves, dates, renames, typos, connecting words, page furniture.

Each test returns the key of an ``[editorial]`` verdict of ``rules/cues.toml`` and the
words that show it, or ``None`` when the change may carry substance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policydiff.classify.equivalents import canonical
from policydiff.classify.rulebook import RuleBook
from policydiff.lazy_re import lazy
from policydiff.model import ChangeKind, Edit, Op
from policydiff.text import WORD, fold, mask_links, sentences, strip_links

# an e-mail address or a phone number; a date ("18-09-2025", "2025-09-18") is no phone number
# (an address starts where its run of letters, dots and dashes starts: tried from inside a long run
# of dashes, it read the run to its end again from every place, time quadratic in the run)
EMAIL_OR_PHONE = lazy(
    r"(?<![\w.+-])[\w.+-]+\s?@\s?[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\d+])(?!\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b|\d{4}[-./]\d{1,2}[-./]\d{1,2}\b)\+?\d[\d\s().-]{7,}\d"
)
_DATE_WORD = lazy(
    r"^(?:\d{1,4}(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|v|version|rev|revision|updated|modified|effective"
    r"|last|date|as|of|on|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)$"
)
_DATE_LINE = lazy(
    r"\b(?:updated|modified|revised|effective|version|dated?|mise à jour|en vigueur)\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\bv\d+(?:\.\d+)+\b",
    re.IGNORECASE,
)
# a list item that is one link whose words send the reader somewhere ("View our certification")
_LONE_LINK = lazy(
    r"^\W*\[(?:view|see|read|learn|download|click|visit|go to|open|print)\b[^\]]{0,120}\]\([^)]+\)\W*$",
    re.IGNORECASE,
)
# a heading's number as a replaced run reads it ("13", "13.2", "13.")
_NUMBERING = lazy(r"^\d{1,4}(?:[.\s]\d{1,4})*\.?$")
# what may stand before a heading's number on its line: heading marks, or a word that names a part
_LINE_OPENS = lazy(r"[\s#>*_]*(?:(?:section|article|part|chapter|clause)\s+)?", re.IGNORECASE)
# a line marked as a heading ("## 9. Sharing")
_MARKED_HEADING = lazy(r"[ \t]*#{1,6}[ \t]")
# "posted 4 weeks ago": the age of a page element, not a term of the policy
_AGO = lazy(r"^(?:ago|minutes?|hours?|days?|weeks?|months?|years?)$")
# a table of contents: one link to a place in the same page
_CELLS = lazy(r"(?<!\\)\|")
_ANCHOR_LINK = lazy(r"^\W*\[[^\]]{1,120}\]\(#[^)]*\)\W*$")
# a web address alone, as a link's words or bare ("[https://example.com/privacy](…)."): a way to
# another page, however its list's lead-in reads
_ADDRESS_ALONE = lazy(
    r"^\W*(?:\[(?:https?://|www\.)[^\]\s]{1,200}\]\([^)\s]+\)|<?(?:https?://|www\.)[^\s>]{1,200}>?)\W*$"
)
# a link alone whose words are a title of up to three capitalised words ("[Calendar](…)", "[Store
# Locator](…)"): a site menu's entry (LABELING.md, Page capture)
_MENU_LINK = lazy(r"^\W*\[[A-Z][\w&'’-]*(?:\s+(?:[A-Z&][\w&'’-]*|of|and|the|for)){0,2}\]\([^)#\s][^)]*\)\W*$")
# a copyright line: its sign, or the word as a line says it ("Copyright 2024 Acme", "Copyright ©");
# not the word in a sentence ("to rights holders who claim you infringed their copyright")
_COPYRIGHT = lazy(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|^\W*copyright\b|\ball rights reserved\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Texts:
    """The part of a change the editorial tests read."""

    kind: ChangeKind
    old: str
    new: str
    edits: tuple[Edit, ...]
    moved: bool
    renumbered: bool
    heading: bool = False
    # an item under a lead-in that states a practice ("We share your data with:"): a member of
    # what it says, however short or capitalised ("Insurance brokers"), never page furniture
    listed: bool = False


def edit_runs(edits: Sequence[Edit]) -> list[tuple[str, str]]:
    """Adjacent delete/insert runs as (deleted text, inserted text); a lone one has an empty side."""
    return [(deleted, inserted) for deleted, inserted, _ in edit_runs_at(edits)]


def edit_runs_at(edits: Sequence[Edit]) -> list[tuple[str, str, int]]:
    """``edit_runs`` with where each run stands in the new text (its insert, or where its delete was)."""
    runs: list[tuple[str, str, int]] = []
    deleted = inserted = ""
    at = start = 0
    for edit in [*edits, Edit(Op.EQUAL, "")]:
        if edit.op is not Op.EQUAL and not (deleted or inserted):
            start = at
        if edit.op is Op.DELETE:
            deleted += edit.text
            continue
        at += len(edit.text)
        if edit.op is Op.INSERT:
            inserted += edit.text
        elif deleted or inserted:
            runs.append((deleted, inserted, start))
            deleted = inserted = ""
    return runs


def replacements(edits: Sequence[Edit]) -> list[tuple[str, str]]:
    """The runs of ``edit_runs`` folded, without those that fold to nothing on both sides."""
    return [pair for pair, _ in replacements_at(edits)]


def replacements_at(edits: Sequence[Edit]) -> list[tuple[tuple[str, str], int]]:
    """``replacements`` with where each stands in the new text (``edit_runs_at``)."""
    folded = [((fold(deleted), fold(inserted)), at) for deleted, inserted, at in edit_runs_at(edits)]
    return [(pair, at) for pair, at in folded if pair != ("", "")]


def changed_words(edits: Sequence[Edit]) -> str:
    parts = [e.text.strip() for e in edits if e.op is not Op.EQUAL and e.text.strip()]
    return " … ".join(parts)[:120]


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", strip_links(text).casefold())


def _small_typo(left: str, right: str) -> bool:
    if abs(len(left) - len(right)) > 2 or min(len(left), len(right)) < 4 or left[0].isdigit():
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(left, right) <= 2


def _misspelt(left: str, right: str) -> bool:
    """One word spelt two ways: a letter doubled or undoubled ("colect"/"collect") or two
    neighbours swapped ("recieve"/"receive"). Dropping or changing a letter is not among them:
    "never" → "ever" and "sell" → "tell" are other words."""
    left, right = left.casefold(), right.casefold()
    if len(left) == len(right):
        swaps = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
        return len(swaps) == 2 and swaps[1] == swaps[0] + 1 and left[swaps[0]] == right[swaps[1]]
    short, long = sorted((left, right), key=len)
    if len(long) != len(short) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    return long[:at] + long[at + 1 :] == short and at > 0 and long[at] == long[at - 1]


def _meaningful(old: str, new: str, rulebook: RuleBook) -> bool:
    """ "sell" → "tell", "none" → "some" is no typo: a changed word that is a term, a cue (a negation
    among them) or a scope word carries meaning, unless only one side does and the other is that
    word misspelt ("colect" → "collect": the sentence meant it all along)."""
    from policydiff.classify.practice import practice_reader

    reader = practice_reader()
    scope = reader.quantifiers | reader.conditions | reader.wideners | reader.breadth.keys()
    meant = [
        bool(
            rulebook.find_terms(word)
            or rulebook.cue_index.search(word)
            or word.casefold() in scope
            or any(isinstance(cue.pattern, re.Pattern) and cue.pattern.search(word) for cue in rulebook.cues)
        )
        for word in (old, new)
    ]
    return any(meant) and not (meant[0] != meant[1] and _misspelt(old, new))


def is_date_line(text: str) -> bool:
    """A "Last updated: …" or version line: short, and says what the date is (not how long: "we will
    post the updated policy 30 days before it takes effect" states a notice period)."""
    return len(WORD.findall(text)) <= 14 and bool(_DATE_LINE.search(text)) and not _DURATION.search(text)


_DURATION = lazy(
    r"\b(?:\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)\s*"
    r"(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?)\b(?!\s+ago\b)",
    re.IGNORECASE,
)


def _mostly_dates(text: str) -> bool:
    """A list of dates ("Archived versions: May 20, 2020 · March 17, 2020 …"): a selector, no statement."""
    words = [word.casefold() for word in WORD.findall(strip_links(text))]
    return len(words) >= 6 and sum(bool(_DATE_WORD.match(word)) for word in words) >= 0.6 * len(words)


def is_chrome(text: str, rulebook: RuleBook, *, listed: bool = False) -> bool:
    """Navigation, breadcrumbs, tickers, copyright lines: no statement a user could rely on
    (``listed``: an item under a lead-in that states a practice, chrome only as a lone link)."""
    if _COPYRIGHT.search(text) and len(WORD.findall(text)) <= 20:
        return True
    if _LONE_LINK.match(text) or _ANCHOR_LINK.match(text) or _ADDRESS_ALONE.match(text):
        return True  # a way to a page or to a section, not a statement
    if listed:
        return False
    if _MENU_LINK.match(text):
        return True  # "- [Calendar](https://…/calendar/)": a menu's link by its title, whatever it names
    if len([cell for cell in _CELLS.split(text.strip().strip("|")) if cell.strip()]) >= 2:
        return False  # a table row pairs what its header names ("Server logs | 90 days"): data, not chrome
    words = [w for w in WORD.findall(strip_links(text)) if not w.isdigit()]
    if rulebook.find_terms(mask_links(text)):
        return False
    # menus and titles are capitalised names ("Find a Distributor", "Contact sales"); a fragment
    # of running words ("current or past job history") names something the policy may hold
    running = [
        w
        for w in words
        if w.islower()
        and len(w) > 1
        and w not in rulebook.editorial_words
        and not (_DATE_WORD.match(w) or _AGO.match(w))
    ]
    if len(running) > 1:
        return False
    return len(words) < 4 or (len(words) < 12 and not re.search(r"[.!?:;]\s*$", text.strip()))


def stated_as_heading(text: str) -> bool:
    """Whether a heading is a sentence in which the company says what it does ("#### We do not sell
    your personal information."): a promise set as a heading, not the name of a topic."""
    return _COMPANY_SENTENCE.fullmatch(_HEADING_MARKS.sub("", text).strip()) is not None


_HEADING_MARKS = lazy(r"^#+\s*|[*_]{1,3}")
_COMPANY_SENTENCE = lazy(r"we\b[^\n]*[.!]", re.IGNORECASE)


def editorial_verdict(
    texts: Texts, rulebook: RuleBook, renames: frozenset[tuple[str, str]]
) -> tuple[str, str] | None:
    """The editorial verdict (key, trigger words) when the change has no substance, else None."""
    if texts.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        text = texts.new or texts.old
        chrome = (texts.heading and not stated_as_heading(text)) or is_chrome(
            text, rulebook, listed=texts.listed
        )
        return ("chrome", text.strip()[:80]) if chrome else None
    if _same_text(texts):
        key = "moved" if texts.moved else "renumbered" if texts.renumbered else "formatting"
        return key, changed_words(texts.edits) or texts.new.strip()[:60]
    if _same_sentences(texts.old, texts.new):
        return "reorder", changed_words(texts.edits)  # the sentences of a paragraph in another order
    replaced = _editorial_words(texts, rulebook, renames)
    if replaced is None and _equivalent(_read_alike(texts.old), _read_alike(texts.new)):
        replaced = "equivalent"  # "we'll" for "we will", "e.g." for "for example"
    return (replaced, changed_words(texts.edits)) if replaced else None


def _same_sentences(old: str, new: str) -> bool:
    """The same sentences, more than one, in another order (each read as the equivalents read it)."""
    was = [old[a:b] for a, b in sentences(old)]
    now = [new[a:b] for a, b in sentences(new)]
    if len(was) < 2 or len(was) != len(now):
        return False
    # the sentences in the same place cancel out: only those that differ are read (most edits of a
    # long paragraph change one sentence, which no order of the others can match)
    moved = [(a, b) for a, b in zip(was, now, strict=True) if a != b]
    if len(moved) < 2:
        return False
    went = [_read_alike(text) for text, _ in moved]
    came = [_read_alike(text) for _, text in moved]
    return went != came and sorted(went) == sorted(came)


def _read_alike(text: str) -> str:
    """The words as the equivalents read them, an ampersand between words being the word "and"
    ("Advertising & Marketing"); folding drops it as punctuation."""
    return canonical(fold(_AMPERSAND.sub(" and ", text)))


_AMPERSAND = lazy(r"(?<=\w)\s*&\s*(?=\w)(?![^(\s]*\))")


def _equivalent(old: str, new: str) -> bool:
    """The same words in the same order, a purpose said with a gerund or an infinitive alike:
    "only for verifying your identity" is "only to verify your identity"."""
    if old == new:
        return True
    was = [word for word in old.split() if word not in _PURPOSE_JOINTS]
    now = [word for word in new.split() if word not in _PURPOSE_JOINTS]
    return len(was) == len(now) and all(
        a == b or _gerund_of(a, b) or _gerund_of(b, a) for a, b in zip(was, now, strict=True)
    )


def _gerund_of(word: str, verb: str) -> bool:
    """Whether ``word`` is the -ing form of ``verb`` ("verifying" of "verify", "making" of "make",
    "running" of "run")."""
    if not word.endswith("ing") or len(verb) < 2:
        return False
    stem = word[:-3]
    return stem in (verb, verb.removesuffix("e")) or (stem[:-1] == verb and stem[-1] == verb[-1])


_PURPOSE_JOINTS = frozenset({"to", "for"})


def _same_text(texts: Texts) -> bool:
    """The same words and contact details once case, spacing and punctuation are set aside."""
    if EMAIL_OR_PHONE.findall(texts.old) != EMAIL_OR_PHONE.findall(texts.new):
        return False
    return fold(texts.old) == fold(texts.new) or _compact(texts.old) == _compact(texts.new)


def _editorial_words(texts: Texts, rulebook: RuleBook, renames: frozenset[tuple[str, str]]) -> str | None:
    """The verdict key when every replaced word is a date, a rename, a typo or a connecting word."""
    pairs = replacements(texts.edits)
    words = [w for pair in pairs for side in pair for w in side.split()]
    if (
        words
        and all(_DATE_WORD.match(w) for w in words)
        and (is_date_line(texts.old) and is_date_line(texts.new) or _mostly_dates(texts.new))
        # ("Call us on 020 7946 0000" is short and all digits: a phone number changed, not a date)
        and EMAIL_OR_PHONE.findall(texts.old) == EMAIL_OR_PHONE.findall(texts.new)
    ):
        return "date"
    if pairs and all(pair in renames for pair in pairs):
        return "rename"
    if (
        pairs
        and all(_NUMBERING.match(o) and _NUMBERING.match(n) for o, n in pairs)
        and all(
            _LINE_OPENS.fullmatch(texts.new, line := texts.new.rfind("\n", 0, at) + 1, at)
            # (a heading, or a heading's line inside a moved block: "## 9. Sharing" then its clauses)
            and (texts.heading or _MARKED_HEADING.match(texts.new, line) is not None)
            for _, at in replacements_at(texts.edits)
        )
    ):
        # "## 13. Opting out" → "## 17. Opting out": sections moved above it (a heading's number opens
        # its line; "… for 5 years" → "15 years" in a block that ends in a heading is no numbering)
        return "renumbered"
    if pairs and all(
        len(o.split()) == len(n.split()) == 1 and _small_typo(o, n) and not _meaningful(o, n, rulebook)
        for o, n in pairs
    ):
        return "typo"
    if words and all(w in rulebook.editorial_words for w in words):
        return "wording"
    return None


_LINK_OR_MARKUP = lazy(r"\]\([^)]*\)|https?://\S*|mailto:\S*|data:\S+|www\.\S+|<[^>]{1,40}>")


def edited_words(edits: Sequence[Edit]) -> list[str]:
    """The words inserted or deleted, read as a reader sees them: link targets and tags left out."""
    return visible_words(" ".join(edit.text for edit in edits if edit.op is not Op.EQUAL))


def visible_words(text: str) -> list[str]:
    """The words a reader reads in ``text``: link targets, tags and Markdown emphasis left out."""
    return WORD.findall(_LINK_OR_MARKUP.sub(" ", strip_links(text)).replace("_", " "))
