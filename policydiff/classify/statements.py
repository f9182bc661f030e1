"""Collection and sharing statements: what the company says it collects, and with whom it shares.

The rule book names kinds of data and recipients it knows; a policy may name one it does not ("we
log the titles of files you open", "we share it with app developers"). This reader finds the
object of a collection statement, and the recipients of a sharing statement, by their shape, as
PolicyLint's patterns do ("we collect X", "we may collect the following: X, Y", a list item under
a heading or lead-in that says what is collected, "we share X with Y", "we disclose X to Y"), so a
kind or a recipient the ontologies lack is still read as one. Its words come from
``ontology/statements.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policydiff.classify.practice import RECEIVING, practice_reader
from policydiff.classify.readers import read_once
from policydiff.lazy_re import lazy
from policydiff.text import list_opener, mask_links

__all__ = ["Collected", "StatementReader", "statement_reader"]

ONTOLOGY = Path(__file__).with_name("ontology")
# a list item or table cell: a bullet, a number or a cell border first
_ITEM = lazy(r"\s*(?:[*\-\u2022|]|\(?[0-9ivx]+[.)]|\(?[a-z][.)])")
_LISTED_WORDS = 60  # longer than that, an item is prose
_NOMINAL = lazy(r"(?:ions?|ings|ments?|ers?|ures?|ysis|yses|ytics)$", re.IGNORECASE)
_CHAINED = 16  # characters between introducers that chain ("the following information:")
# a lead-in whose recipients are the list after it: "… with:", "… to the following third parties:"
# (not "… with partners:": its items are what is shared)
_RECIPIENTS_FOLLOW = lazy(
    r"\b(?:with|to)(?:\s+(?:the\s+following|these|such|those)\b[^:]{0,60})?\s*:$", re.IGNORECASE
)
_ITEM_BREAK = lazy(r"[,;/:]|\bor\b|\band\b|\band/or\b|<br>", re.IGNORECASE)


# what a receiving verb takes in is data only where it is someone's or data by name (RECEIVING)
_OF_SOMEONE = lazy(
    r"\b(?:your|you|users?'?|customers?'?|members?'?|their|his|her|data|information|details|content)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Collected:
    """A collection statement: how it was read, the items it names and where its object lies."""

    # "collect.active": "we collect X"; "collect.listed": an item under a collection heading;
    # "share.recipients": "we share X with Y" (the items are the recipients); "share.listed": an
    # item under a lead-in that shares with what follows
    pattern: str
    items: tuple[str, ...]
    span: tuple[int, int]  # the object's offsets in the sentence


@dataclass(frozen=True, slots=True)
class StatementReader:
    """The collection and sharing patterns, compiled once."""

    subject: re.Pattern[str]  # the company, then auxiliaries, up to the verb
    negation: re.Pattern[str]
    bound: re.Pattern[str]
    introducer: re.Pattern[str]
    recipient: re.Pattern[str]  # the preposition before a sharing statement's recipients
    generic: frozenset[str]
    recipient_column: re.Pattern[str]  # a table header cell that names recipients, the whole cell
    name_key: re.Pattern[str]  # the key cell of a key-value row naming a party, the whole cell
    recipient_word: re.Pattern[str]  # a word naming recipients, anywhere in a heading

    def collected(self, sentence: str, *, listed_under_collection: bool = False) -> Collected | None:
        """The company's (affirmed) collection statement in ``sentence``, or None.

        ``listed_under_collection``: the sentence sits under a lead-in or heading saying what is
        collected; a sentence without a practice verb then names collected items itself.
        """
        text = _plain(sentence)
        found = self._company_verb(text, "collect")
        if found is not None:
            verb, denied = found
            if denied:
                return None
            statement = self._statement("collect.active", text, verb.end())
            if (
                statement is not None
                and RECEIVING.match(verb.group())
                and not _OF_SOMEONE.search(" ".join(statement.items))
            ):
                return None  # "our company has received several awards": no one's data received
            return statement
        if listed_under_collection and self._listed(text):
            return self._statement("collect.listed", text, 0)
        return None

    def _company_verb(self, text: str, action: str) -> tuple[re.Match[str], bool] | None:
        """The first verb of ``action`` whose subject is the company, and whether it is denied ("we
        do not collect"); None when the company does no such thing in ``text``."""
        for match in practice_reader().verbs.finditer(text):
            if match.lastgroup != action:
                continue
            subject = self.subject.search(text[: match.start()])
            if subject is not None:
                return match, bool(self.negation.search(subject.group()))
        return None

    def _listed(self, text: str) -> bool:
        """An item of a list or a table cell that states no practice of its own, only names things."""
        if not _ITEM.match(text) or len(re.findall(r"\w+", text)) > _LISTED_WORDS:
            return False
        verbs = [words for _, words in practice_reader().verbs_in(text)]
        # "evaluations", "recordings": a practice verb's stem naming a thing
        return all(_NOMINAL.search(words) for words in verbs)

    def shared_with(self, sentence: str, *, lead: str = "") -> Collected | None:
        """The recipients of the company's (affirmed) sharing statement in ``sentence``, or None.

        ``lead``: the lead-in the sentence is an item of; when it shares with what follows ("We
        share your data with:", "… to the following categories of third parties:"), an item that
        states no practice of its own names recipients.
        """
        text = _plain(sentence)
        found = self._company_verb(text, "share")
        recipient = self.recipient.search(text, found[0].end()) if found and not found[1] else None
        if recipient is None:
            if found is None and lead and self._listed(text) and self._shares_with_list(lead):
                return self._statement("share.listed", text, 0, introduced=False)
            return None
        return self._statement("share.recipients", text, recipient.end(), introduced=False)

    def _shares_with_list(self, lead: str) -> bool:
        """A lead-in whose last sentence shares, affirmed, with the list that follows it."""
        last = list_opener(_plain(lead))
        if last is None:
            return False
        found = self._company_verb(last, "share")
        return (
            found is not None and not found[1] and _RECIPIENTS_FOLLOW.search(last, found[0].end()) is not None
        )

    def row_recipient(self, row: str, header: str, headings: str = "") -> Collected | None:
        """The recipient an added table row names: the cell under a recipients column, or the value
        of a "Name" row in a table under a heading that names recipients (one table per party).

        ``row`` is the row's text from its first cell ("| Acme Mail | Email delivery | EU |"),
        ``header`` its header cells ("Sub-processor | Purpose | Location"), ``headings`` the
        heading trail above it.
        """
        if not row.lstrip().startswith("|"):
            return None
        cells = [cell.strip(" *\t") for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]
        columns = [cell.strip() for cell in header.strip().strip("|").split("|")] if "|" in header else []
        column = next((at for at, cell in enumerate(columns) if self.recipient_column.match(cell)), None)
        nearest = headings.split(" › ")[-1] if headings else ""
        if (
            column is None
            and len(cells) == 2
            and self.name_key.match(cells[0])
            and self.recipient_word.search(nearest)
        ):
            column = 1  # one table per party under a heading naming recipients: "| Name | Acme Mail |"
        if column is None or column >= len(cells) or not cells[column]:
            return None
        start = row.find(cells[column])
        return Collected("share.row", (cells[column],), (start, start + len(cells[column])))

    def novel(self, items: tuple[str, ...], known: frozenset[str]) -> list[str]:
        """The words of the items that name something (not a generic word) and ``known`` lacks."""
        found: list[str] = []
        for item in items:
            for word in re.findall(r"[^\W\d_]+", item):
                folded = word.casefold()
                if len(folded) > 2 and folded not in self.generic and folded not in known and word.islower():
                    found.append(folded)
        return list(dict.fromkeys(found))

    def _statement(self, pattern: str, text: str, start: int, *, introduced: bool = True) -> Collected | None:
        end, stated = len(text), start
        sentence_end = re.search(r"[.!?](?:\s|$)", text[start:])
        if sentence_end is not None:
            end = start + sentence_end.start()
        # "the following information:": the last of introducers that follow one another
        while introduced and (introducer := self.introducer.search(text, start, end)) is not None:
            if start != stated and introducer.start() - start > _CHAINED:
                break
            start = introducer.end()
        bound = self.bound.search(text, start, end)
        if bound is not None and bound.start() > start:
            end = bound.start()
        obj = text[start:end]
        items = tuple(
            piece.strip(" *()[]\"'-\t\n")
            for piece in _ITEM_BREAK.split(obj.replace("(", ",").replace(")", ","))
            if piece.strip(" *()[]\"'-\t\n")
        )
        return Collected(pattern, items, (start, end)) if items else None


def _plain(sentence: str) -> str:
    """What a reader reads: link targets blanked, curly apostrophes straight ("we\u2019ll")."""
    return mask_links(sentence).replace("\u2019", "'")


def _alternatives(phrases: list[str]) -> str:
    return "|".join(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)" for p in phrases)


# by folder: read once per process; the packaged one may come from the rule cache (``readers.kept``)
READERS: dict[Path, StatementReader] = {}


def statement_reader(folder: Path = ONTOLOGY) -> StatementReader:
    """The reader of the packaged patterns (read once per process)."""
    return read_once(READERS, folder, ONTOLOGY, "statements", StatementReader, _read)


def _read(folder: Path) -> StatementReader:
    import tomllib

    with (folder / "statements.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return StatementReader(
        subject=re.compile(
            f"(?:{_alternatives(data['company'])})(?:\\s+(?:{_alternatives(data['auxiliaries'])})|n't|'(?:ll|d|ve))*\\s*$",
            re.IGNORECASE,
        ),
        negation=re.compile(_alternatives(data["negations"]).replace(r"\bn't", "n't"), re.IGNORECASE),
        bound=re.compile(_alternatives(data["bounds"]), re.IGNORECASE),
        introducer=re.compile(_alternatives(data["introducers"]) + r"|:", re.IGNORECASE),
        recipient=re.compile(_alternatives(data["recipient_prepositions"]), re.IGNORECASE),
        generic=frozenset(word.casefold() for word in data["generic"]),
        recipient_word=re.compile(_alternatives(data["recipient_columns"]), re.IGNORECASE),
        name_key=re.compile(r"^\W*(?:" + _alternatives(data["name_keys"]) + r")\W*$", re.IGNORECASE),
        recipient_column=re.compile(
            r"^\W*(?:"
            + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in data["recipient_columns"])
            + r")\W*$",
            re.IGNORECASE,
        ),
    )
