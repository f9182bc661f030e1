"""Text normalisation, comparison keys and the one tokenizer everyone shares.

Three levels of text, from the most faithful to the most folded:

- the *original* text a loader produced (kept on ``Document.original``);
- the *normalised* text (``normalise``): NFKC, no invisible characters, plain spaces and
  straight quotes, one space between words, ``\\n`` line ends; every clause offset points
  into it and every report quotes it;
- the *key* (``fold``): casefolded words only, without link targets, URLs or Markdown
  markup; two clauses with the same key differ only editorially.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from policydiff.lazy_re import lazy

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")
_SPACES = frozenset("\u00a0\u2007\u202f\t\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a")
_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
# One character for one, so offsets stay where they were. A regex finds them: ``str.translate``
# with a table beyond ASCII costs some 40 ns a character, over 1 ms a typical policy (issue 17).
_PLAIN = {**{char: " " for char in _SPACES}, **_QUOTES}
_TO_PLAIN = lazy(f"[{re.escape(''.join(sorted(_PLAIN)))}]")  # (sorted: the same source in every run)
_INVISIBLE_CHAR = lazy(f"[{re.escape(''.join(sorted(_INVISIBLE)))}]")
_WHITE_RUN = lazy(r"\s+")
_NEEDS_SQUEEZE = lazy(r"\s{2,}|[^\S ]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text and, for each of its characters, the index of the original character."""

    text: str
    origin: array[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text back to the original text."""
        if start >= end or not self.origin:
            return (start, start)
        return (self.origin[start], self.origin[end - 1] + 1)


def _nfkc_characters(raw: str) -> Iterator[tuple[int, str]]:
    """Each character of ``raw`` after NFKC, with plain spaces and straight quotes and no invisible ones.

    NFKC runs on a base character with its combining marks, so that it can compose them; each
    character it gives comes with the index of that base.
    """
    start = 0
    for index in range(1, len(raw) + 1):
        if index == len(raw) or not unicodedata.combining(raw[index]):
            for char in unicodedata.normalize("NFKC", raw[start:index]):
                if char in _INVISIBLE:
                    continue
                if char in _SPACES:
                    char = " "
                yield start, _QUOTES.get(char, char)
            start = index


def _plain(raw: str) -> str:
    """``raw`` with plain spaces and straight quotes."""
    return _TO_PLAIN.sub(lambda match: _PLAIN[match.group()], raw)


def _visible(raw: str) -> tuple[str, array[int] | None]:
    """``raw`` without invisible characters and with ``\\n`` line ends, and where each kept character was.

    Done before NFKC so that a combining mark after an invisible character still composes with
    its base; ``None`` for the map when nothing was dropped.
    """
    if "\r" not in raw and _INVISIBLE.isdisjoint(raw):
        return raw, None
    chars: list[str] = []
    kept = array("i")
    for index, char in enumerate(raw):
        if char in _INVISIBLE or (char == "\r" and raw[index + 1 : index + 2] == "\n"):
            continue
        chars.append("\n" if char == "\r" else char)
        kept.append(index)
    return "".join(chars), kept


def normalise_text(raw: str) -> str:
    """``normalise(raw).text`` without the origin map: whole-string work, line by line only where
    a line is not NFKC already (a loader needs the text; a map costs 10x and is thrown away)."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = _plain(_INVISIBLE_CHAR.sub("", raw))
    lines = (
        raw.split("\n")
        if unicodedata.is_normalized("NFKC", raw)
        else [_nfkc_line(line) for line in raw.split("\n")]
    )
    out: list[str] = []
    blank_run = 0
    for line in lines:
        body = line.lstrip()
        if not body:
            blank_run += 1
            continue
        # indentation is structure (nested lists): kept, folded to spaces; inner white space squeezed
        body = body.rstrip()
        if _NEEDS_SQUEEZE.search(body):
            body = _WHITE_RUN.sub(" ", body)
        if out and blank_run:
            out.append("")
        out.append(" " * (len(line) - len(line.lstrip())) + body)
        blank_run = 0
    return "\n".join(out)


def _nfkc_line(line: str) -> str:
    """A line as ``_nfkc_characters`` reads it: NFKC per base character with its combining marks."""
    if unicodedata.is_normalized("NFKC", line):
        return line
    return "".join(char for _, char in _nfkc_characters(line))


def normalise(raw: str) -> Normalised:
    """Normalise a loader's text; keep a map back to the original characters."""
    raw, kept = _visible(raw)
    raw = _plain(raw)  # NBSP and friends are what keep most HTML from being NFKC already
    if unicodedata.is_normalized("NFKC", raw):
        text, origin = _by_lines(raw)
    else:
        text, origin = _by_characters(raw)
    if kept is not None:
        origin = array("i", (kept[index] for index in origin))
    text, origin = _squeeze_blank_lines(text, origin)
    return Normalised(text, origin)


def _by_lines(raw: str) -> tuple[str, array[int]]:
    """``_by_characters`` for text already in NFKC, a line at a time: the same result, ~10x faster."""
    out: list[str] = []
    origin = array("i")
    position = 0
    for line in raw.split("\n"):
        body = line.lstrip()
        indent = len(line) - len(body)
        if indent:  # indentation is structure (nested lists): keep it, folded to spaces
            out.append(" " * indent)
            origin.extend(range(position, position + indent))
        body = body.rstrip()
        start = position + indent
        if _NEEDS_SQUEEZE.search(body):
            _squeeze_line(body, start, out, origin)
        else:
            out.append(body)
            origin.extend(range(start, start + len(body)))
        out.append("\n")
        origin.append(position + len(line))
        position += len(line) + 1
    out.pop()
    origin.pop()
    return "".join(out), origin


def _squeeze_line(body: str, start: int, out: list[str], origin: array[int]) -> None:
    """Append ``body`` (which starts at ``start``) with each run of white space as one space."""
    copied = 0
    for run in _WHITE_RUN.finditer(body):
        out.append(body[copied : run.start()])
        origin.extend(range(start + copied, start + run.start()))
        out.append(" ")
        origin.append(start + run.start())
        copied = run.end()
    out.append(body[copied:])
    origin.extend(range(start + copied, start + len(body)))


def _by_characters(raw: str) -> tuple[str, array[int]]:
    """NFKC per base character with its marks, then spaces, quotes and white space, one by one."""
    out: list[str] = []
    origin = array("i")
    pending_space = -1  # original index of a space not yet written
    line_start = True
    for index, char in _nfkc_characters(raw):
        if char == "\n":
            pending_space = -1
            line_start = True
        elif char.isspace():
            if not line_start:
                if pending_space < 0:
                    pending_space = index
                continue
            char = " "  # indentation is structure (nested lists): keep it, folded to spaces
        else:
            if pending_space >= 0:
                out.append(" ")
                origin.append(pending_space)
                pending_space = -1
            line_start = False
        out.append(char)
        origin.append(index)
    return "".join(out), origin


def _squeeze_blank_lines(text: str, origin: array[int]) -> tuple[str, array[int]]:
    """Blank lines carry only 'a new block starts here': keep one, drop white-space-only lines."""
    out: list[str] = []
    kept = array("i")
    blank_run = 0
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            if out and blank_run:
                out.append("\n")
                kept.append(origin[position - 1])
            if out:
                out.append("\n")
                kept.append(origin[position - 1])
            out.append(line)
            kept.extend(origin[position:end])
            blank_run = 0
        else:
            blank_run += 1
        position = end + 1
    return "".join(out), kept


# a link's words may hold one level of brackets: "[[email protected]](…)" shows "[email protected]"
MD_LINK = lazy(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REF = lazy(r"\[([^\]]+)\]\[[^\]]*\]")
_URL = lazy(r"(?:https?://|mailto:|www\.)\S+", re.IGNORECASE)
_EMAIL = lazy(r"\b[\w.+-]+ ?@ ?[\w-]+(?:\.[\w-]+)+\b")  # "DPO @ example.com" too
WORD = lazy(r"\w+")
# a run of whole sentences: from a capital or a digit (after any markup) to a stop
WHOLE_SENTENCES = lazy(r"[\W_]*[A-Z0-9].*[.!?][\W_]*", re.DOTALL)  # (spaces are among [\W_])
# what numbers or marks a clause at its start ("## ", "- ", "3.2 ", "(a) ", "IV. ", "Section 5 "):
# clauses are compared and definitions read without it
LEADING_MARKER = lazy(
    r"^\s*(?:#{1,6}\s+|[-*+•·▪◦●○■]\s+|\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\(\w{1,5}\)\s+|[a-z]\)\s+"
    r"|[IVXLC]{1,6}\.\s+|(?:Section|Article|Part|Chapter|Clause)\s+\d+(?:\.\d+)*[.:]?\s+)"
)
# "_" is Markdown emphasis ("_Last updated_"), not part of a word; an abbreviation written with
# stops ("U.S.", "e.g.") is one word, read without them: "the U.S." and "the US" say the same
_KEY_WORD = lazy(r"(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])\.?|[^\W_]+")


def strip_links(text: str) -> str:
    """Drop Markdown link targets and bare URLs: they never make a substantive change."""
    if "[" in text:  # most clauses hold no link: three substitutions cost more than a look
        text = MD_LINK.sub(r"\1", text)
        text = _MD_REF.sub(r"\1", text)
    lowered = text.lower()
    if "://" in text or "mailto:" in lowered or "www." in lowered:
        text = _URL.sub(" ", text)
    return text


_DOMAIN = lazy(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|co|app|dev|eu|uk|fr|de|info|biz|me|tv|gg)\b", re.I
)


# a quoted name of a control: "Do Not Sell or Share My Personal Information" (a link's label is
# read: a broken link splits one, "[Third-Part](…)[y Services](…)", and would read on one side only)
_LABEL = lazy(r"[\"“]([^\"“”\n]{3,120})[\"”]")
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "or", "of", "the", "to", "for", "in", "on", "my", "your", "our", "at", "by"}
)


# an unquoted name of a control, in title case, named as one: "clicking the Do Not Sell My Personal
# Information link", "[Do Not Sell My Personal Information](…)"
_CONTROL = lazy(
    r"\[([^\]\n]{3,120})\]\([^)\s]*\)"
    r"|(?<=\bthe )((?:[A-Z][\w/'’-]*\s+(?:(?:or|and|of|my|your|the|to|for|a)\s+)*){2,12}[A-Z][\w/'’-]*)"
    r"(?=\s+(?:link|button|toggle|switch|setting|settings|page|tab|option|menu|banner|icon)\b)"
)


_LABEL_DENIAL = lazy(r"\b(?:not|no|don't|don’t|never)\b", re.IGNORECASE)
# the title of another document: "our Cookie Policy", "the Data Processing Addendum" (its words name
# it; "cookie" there states no practice)
_DOCUMENT = lazy(
    r"\b(?:(?:our|the|this|its|their|your)\s+)((?:[A-Z][\w&'’-]*\s+){1,4}"
    r"(?:Policy|Notice|Statement|Terms|Addendum|Agreement|Guidelines|Charter)"
    # … or the terms of a transaction by title ("our Terms of Sale", "the Conditions of Use"): no
    # sale of the user's data is named by naming them
    r"|(?:[A-Z][\w&'’-]*\s+){0,2}(?:Terms|Conditions)(?:\s+(?:and|&)\s+Conditions)?\s+of\s+[A-Z][\w&'’-]*"
    r"(?:\s+[A-Z][\w&'’-]*){0,2})\b"
)


def mask_labels(text: str) -> str:
    """Blank out the names of buttons, links and settings, keeping every offset.

    A label in title case ("Do Not Sell My Info", "Limit Ad Tracking"), quoted, a link's text, or
    named as a control ("the Do Not Sell My Info link"), names a control: its words are no statement
    of the company ("not" there denies nothing). So does another document's title ("our Cookie
    Policy": no cookie is set by naming it).
    """

    def blank(match: re.Match[str]) -> str:
        label = next(group for group in match.groups() if group is not None)
        words = [w for w in WORD.findall(label) if w.casefold() not in _MINOR_WORDS]
        if len(WORD.findall(label)) < 3 or not words or not all(w[0].isupper() for w in words):
            return match.group()
        return " " * len(match.group())

    def blank_denial(match: re.Match[str]) -> str:
        # a link's text or a control named unquoted may be a party ("[Amazon Web Services](…)"):
        # only one that would read as a denial is blanked
        return blank(match) if _LABEL_DENIAL.search(match.group()) else match.group()

    def blank_title(match: re.Match[str]) -> str:
        start, end = match.span(1)
        return (
            match.group()[: start - match.start()]
            + " " * (end - start)
            + match.group()[end - match.start() :]
        )

    return _DOCUMENT.sub(blank_title, _CONTROL.sub(blank_denial, _LABEL.sub(blank, text)))


@lru_cache(maxsize=4096)
def mask_links(text: str) -> str:
    """Blank out link targets, URLs, e-mail addresses and domain names, keeping every offset.

    Terms are looked for in what a reader reads: "joypix.ai" is not about AI.
    """
    # (a pure memo: each rule that reads a clause masks it first)

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    def keep_label(match: re.Match[str]) -> str:
        label = match.group(1)
        return " " + label + " " * (len(match.group()) - len(label) - 1)

    text = MD_LINK.sub(keep_label, text)
    text = _URL.sub(blank, text)
    text = _EMAIL.sub(blank, text)
    return _DOMAIN.sub(blank, text)


_LINK_TARGETS = lazy(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*((?:[^()\s]|\([^()\s]*\))+)")
# a list mark kept from being one ("\\- Canal+") or typed as a glyph ("• Call us"): a page shows it
# as text, a PDF or a Word file as a list item
_TYPED_MARK = lazy(r"(?m)^[ \t]*(?:\\[-*+#>]|[•●▪◦‣○■▸►])[ \t]+")
_LINE_MARK = lazy(r"(?m)^[ \t]*(?:#{1,6}(?:[ \t]+|$)|[-*+][ \t]+|>[ \t]?)+")
# "1. * item" (Markdown) and "1. - item": a numbered item that holds a bulleted one; the number is text
_NUMBERED_BULLET = lazy(r"(?m)^(\s*\d{1,3}[.)][ \t]+)[-*+][ \t]+")
RULE_LINE = lazy(r"(?m)^[ \t]*(?:[=\-*_][ \t]*){3,}$")  # a setext underline or a thematic break
TABLE_RULE = lazy(r"(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$")


def table_cells(row: str) -> list[str]:
    """The cells of one Markdown table row (its outer pipes optional; an escaped pipe "\\|" stays in
    its cell)."""
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


EMPHASIS = lazy(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w))")
_BR = lazy(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_SCHEME = lazy(r"^(?:mailto:|https?://)", re.IGNORECASE)
MD_IMAGE = lazy(r"!\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_ESCAPED = lazy("[\U000f0000-\U000f00ff]")
CODE_SPAN = lazy(
    r"(?<!`)(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)"
)  # a browser shows a code span's text without its ticks
MD_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def read_text(text: str) -> str:
    """What a reader reads of a clause, whatever format it came from: the words and punctuation,
    without Markdown's headings marks, bullets, emphasis, code ticks, table borders, escapes or link
    syntax."""
    # an escaped character is text, never markup: set aside (in the private use area) while the
    # markup goes, then put back
    text = MD_ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = _BR.sub("\n", text)  # a line break inside a table cell, as Markdown tables write it
    text = MD_IMAGE.sub(" ", text)  # an image's alt text is not the page's text (HTML drops images)
    text = MD_LINK.sub(r"\1", text)
    text = CODE_SPAN.sub(r"\2", text) if "`" in text else text
    text = TABLE_RULE.sub(" ", text)
    text = RULE_LINE.sub(" ", text)
    text = _LINE_MARK.sub("", text)
    text = _NUMBERED_BULLET.sub(r"\1", text)
    text = text.replace("|", " ")
    text = EMPHASIS.sub("", text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group()) - 0xF0000), text)
    return " ".join(text.split())


_PUNCTUATION_SPACE = lazy(r"\s*([^\w\s])\s*")


def same_reading(old: str, new: str) -> bool:
    """The same text once markup is set aside, and no link target changed where both sides link.

    Spacing around punctuation is typography, not wording: a bold label set apart from its text
    ("**Cookies:**Small files" in one format, "Cookies: Small files" in another) reads the same.
    """
    old, new = (_TYPED_MARK.sub("", text) for text in (old, new))  # reads as the list mark it shows
    if _PUNCTUATION_SPACE.sub(r"\1", read_text(old)) != _PUNCTUATION_SPACE.sub(r"\1", read_text(new)):
        return False

    def targets(text: str) -> list[str]:
        # a link labelled with its own address ("privacy@x.com", "www.x.com/a") says nothing the
        # text does not, and a link without a label (an icon) shows nothing: HTML keeps neither
        kept = []
        for label, target in _LINK_TARGETS.findall(MD_IMAGE.sub(" ", text)):
            target = MD_ESCAPE.sub(r"\1", target)
            if "%" in target:  # "(FR)" or "%28FR%29": one address
                from urllib.parse import unquote

                target = unquote(target)
            shown = MD_ESCAPE.sub(r"\1", label).strip().casefold()
            bare = _SCHEME.sub("", target).casefold().rstrip("/")
            if shown and shown.rstrip("/") not in (bare, target.casefold().rstrip("/")):
                kept.append(target)
        return kept

    old_targets, new_targets = targets(old), targets(new)
    # a format that cannot hold a link (plain text) loses its target; a changed target is a change
    return not (old_targets and new_targets) or old_targets == new_targets


def _key_words(text: str) -> list[str]:
    words = _KEY_WORD.findall(text)
    return [word.replace(".", "") for word in words] if "." in text else words


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The comparison key: casefolded words, without link targets, markup or punctuation."""
    # (a pure memo: alignment, context and the judgement each key the same clauses and sentences)
    return " ".join(_key_words(strip_links(text).casefold()))


_ID_WORD = lazy(r"[^\W_]+")


def fingerprint_words(text: str) -> str:
    """The words a change's id is made of: ``fold`` as it read before it joined "U.S." into one
    word. Frozen: a lawyer's review names a change by its id, and a new reading must not unsettle it."""
    return " ".join(_ID_WORD.findall(strip_links(text).casefold()))


def folded_sentences(text: str) -> frozenset[str]:
    """The ``fold`` of each sentence of ``text`` (empty ones left out)."""
    spans = sentences(text)
    if text.isascii() and "[" not in text and ":" not in text and "www." not in text.lower():
        # (issue 17: a whole version's sentences are folded when a clause came or went whole; an
        # ASCII text with no link is its own casefold with its links stripped, so each sentence's
        # words are read in place, no copy of it made)
        low = text.lower()
        keys = (" ".join(_KEY_WORD.findall(low, start, end)) for start, end in spans)
        return frozenset(key.replace(".", "") if "." in key else key for key in keys if key)
    return frozenset(key for start, end in spans if (key := fold(text[start:end])))


def fold_keep_contacts(text: str) -> str:
    """Like ``fold`` but keeps e-mail addresses (a new contact address is a change of substance)."""
    emails = " ".join(_EMAIL.findall(text))
    return f"{fold(text)} {emails.casefold()}".strip()


_TOKEN = lazy(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a run of white space or a punctuation mark, with its offsets."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokenize(text: str) -> list[Token]:
    """Words, runs of white space and single punctuation marks, with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_strings(text: str) -> list[str]:
    """The tokens of ``tokenize`` as plain strings (the fast path for the diff)."""
    return _TOKEN.findall(text)


def word_set(text: str) -> frozenset[str]:
    """The distinct casefolded words of a text, without link targets."""
    return frozenset(_key_words(strip_links(text).casefold()))


def list_opener(lead: str) -> str | None:
    """The sentence of a list's lead-in that opens the list ("… We share your data with:"), or None
    when the lead-in does not end with a colon (a table's header row, a heading)."""
    lead = lead.rstrip()
    if not lead.endswith(":"):
        return None
    spans = sentences(lead)
    return lead[spans[-1][0] :].lstrip() if spans else lead


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a clause: split after ``.``, ``;``, ``!`` or ``?`` followed by space.

    "e.g.", "Inc.", "Ltd." and other abbreviations do not end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        mark = match.group()[0]
        if mark == "." and _ABBREVIATION.search(text, max(0, match.start() - 8), match.start() + 1):
            continue
        if (
            mark in ".;"
            and match.start()
            and text[match.start() - 1] in _JOINERS
            and not _URL_BEFORE.search(text, max(0, match.start() - 300), match.start())
        ):
            continue  # "Functional &. Performance": a stray stop after a joiner ends nothing
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_JOINERS = "&,+/"
# an address ending in "/" ("at https://x.com/choices/. If you …"): its slash joins nothing
_URL_BEFORE = lazy(r"(?:://|\bwww\.)\S*/$", re.IGNORECASE)
# (the marks that close what the sentence opened stay with it: "_See below._", "**Note.**", "(… here.)",
# and a link whose words end the sentence: "see our [EEA Statement.](https://…)")
# (… and a footnote's mark after the stop: "… permission.[55] We …", "….^3 We …", "….¹² We …")
_SENTENCE_END = lazy(
    r"[.;!?](?:\]\([^()\s]*\))?[_*\"”’')\]]*(?:\[\d{1,3}\](?:\([^()\s]*\))?|\^\d{1,3}|[¹²³⁰⁴-⁹]{1,3})?"
    r"(?=\s+\S|\n|<br)|\n|<br\s*/?>",
    re.IGNORECASE,
)
_ABBREVIATION = lazy(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|no|nr|art|sec|para|ch|fig|mr|mrs|ms|dr|st|inc|ltd|llc|corp|co|plc"
    r"|gmbh|bv|pty|s\.a|u\.s|u\.k|e\.u|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)|\b[A-Z])\.$",
    re.IGNORECASE,
)
