"""One flow of data said from either party's side: "we share X with Y" → "Y receive X from us".

A sentence of one of a few shapes (the company or a party as subject, active or passive) is read
as a flow: its relation (give, sell, take, buy, or a party's processing for the company), its data,
its party, what follows, and the modal words before its verb. Two sentences with the same flow say
the same thing (``editorial.converse``); anything the shapes do not fit is not read. Its words come
from ``ontology/converse.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policydiff.classify.equivalents import canonical
from policydiff.classify.readers import read_once
from policydiff.lazy_re import lazy
from policydiff.text import fold

__all__ = ["ConverseReader", "Flow", "converse_reader", "flow", "same_flow"]

ONTOLOGY = Path(__file__).with_name("ontology")
_WORD = lazy(r"[^\W_]+(?:['’-][^\W_]+)*")
# the converse of each relation: the flow seen from the other side
# what turns a verb's stem into a noun ("provid" + "ers", "disclos" + "ure", "stor" + "age")
_NOUN_ENDINGS = frozenset(
    f"{ending}{plural}"
    for ending in ("er", "or", "ion", "ment", "ement", "ure", "ance", "age", "al", "y", "ie")
    for plural in ("", "s")
) | {"is", "ies"}
_RELATIVE = frozenset({"who", "which", "that"})
_CONVERSE = {"give": "take", "take": "give", "sell": "buy", "buy": "sell"}


@dataclass(frozen=True, slots=True)
class Flow:
    """A flow of data between the company and one party, as one sentence states it."""

    relation: str  # "give", "sell", "take", "buy" (the company's side), or "perform:<verb>"
    data: frozenset[str]
    party: frozenset[str]
    rest: tuple[str, ...]  # what follows the party (a purpose, a condition), word for word
    modality: tuple[str, ...]  # the modal words before the verb ("may", "do not")


@dataclass(frozen=True, slots=True)
class ConverseReader:
    """The words of ``ontology/converse.toml``, compiled once."""

    verb_pattern: re.Pattern[str]  # a whole word, one named group per class of verb
    stems: dict[str, str]  # each verb pattern's group name → the pattern as written ("process*")
    company: frozenset[str]
    company_object: frozenset[str]
    on_behalf: tuple[tuple[str, ...], ...]
    modality: frozenset[str]
    passive: frozenset[str]
    auxiliaries: frozenset[str]
    articles: frozenset[str]
    bounds: frozenset[str]

    def verb(self, word: str) -> tuple[str, str] | None:
        """The class of ``word`` as a verb and the pattern it matched, or None."""
        found = self.verb_pattern.fullmatch(word)
        if found is None or found.lastgroup is None:
            return None
        stem = self.stems[found.lastgroup]
        if word[len(stem.rstrip("*")) :] in _NOUN_ENDINGS:
            return None  # "providers", "processors", "disclosure", "storage": a stem naming a thing
        return found.lastgroup.split("_")[0], stem


_KINDS = ("give", "sell", "take", "buy", "perform", "hire")
# by folder: read once per process; the packaged one may come from the rule cache (``readers.kept``)
READERS: dict[Path, ConverseReader] = {}


def converse_reader(folder: Path = ONTOLOGY) -> ConverseReader:
    """The reader of the packaged words (read once per process)."""
    return read_once(READERS, folder, ONTOLOGY, "converse", ConverseReader, _read)


def _read(folder: Path) -> ConverseReader:
    import tomllib

    with (folder / "converse.toml").open("rb") as handle:
        data = tomllib.load(handle)
    groups, stems = [], {}
    for kind in _KINDS:
        for at, pattern in enumerate(w for w in data[kind] if " " not in w):
            name = f"{kind}_{at}"
            stems[name] = pattern
            body = re.escape(pattern.rstrip("*")) + (r"\w*" if pattern.endswith("*") else "")
            groups.append(f"(?P<{name}>{body})")
    return ConverseReader(
        verb_pattern=re.compile("|".join(groups)),
        stems=stems,
        company=frozenset(data["company"]),
        company_object=frozenset(data["company_object"]),
        on_behalf=tuple(tuple(p) for p in data["on_behalf"]),
        modality=frozenset(data["modality"]),
        passive=frozenset(data["passive"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        articles=frozenset(data["articles"]),
        bounds=frozenset(data["bounds"]),
    )


def _tokens(sentence: str, words: ConverseReader) -> list[str]:
    text = sentence.casefold().replace("’", "'")
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\bcan't\b", "can not", text)
    text = re.sub(r"n't\b", " not", text)
    text = text.replace("cannot", "can not")
    return [w for w in _WORD.findall(text) if w not in words.articles]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _until(tokens: list[str], stops: frozenset[str]) -> int:
    return next((at for at, word in enumerate(tokens) if word in stops), len(tokens))


def flow(sentence: str) -> Flow | None:
    """The flow ``sentence`` states, when it has one of the shapes read; else None."""
    found = _flow(sentence)
    if found is None:
        return None
    # a noun's number changes nothing of the flow ("payment is processed" = "… processes payments")
    return Flow(
        found.relation,
        frozenset(map(_singular, found.data)),
        frozenset(map(_singular, found.party)),
        tuple(map(_singular, found.rest)),
        found.modality,
    )


def _flow(sentence: str) -> Flow | None:
    words = converse_reader()
    tokens = _tokens(sentence, words)
    # "hosting provider", "processing partners": a gerund names a thing unless a form of "be" leads it
    at = next(
        (
            i
            for i, word in enumerate(tokens)
            if words.verb(word)
            and not (word.endswith("ing") and (i == 0 or tokens[i - 1] not in words.passive))
            # "studios *that host* your classes receive …": a relative clause's verb is not the sentence's
            and not (i > 0 and tokens[i - 1] in _RELATIVE)
        ),
        None,
    )
    if at is None or at == 0:
        return None
    found = words.verb(tokens[at])
    assert found is not None
    kind, pattern = found
    before, after = tokens[:at], tokens[at + 1 :]
    modality = _denial_read(tuple(w for w in before if w in words.modality))
    subject = [
        w for w in before if w not in words.modality and w not in words.passive and w not in words.auxiliaries
    ]
    if not subject:
        return None
    if any(w in words.passive for w in before):
        return _passive(kind, pattern, frozenset(subject), after, modality, words)
    if set(subject) <= words.company:
        return _company_acts(kind, after, modality, words)
    # "Providers *who help us* receive X from us": the relative clause says which party, as it
    # does after the party in "we share X with providers who help us"
    cut = next((i for i, word in enumerate(subject) if word in _RELATIVE), len(subject))
    acted = _party_acts(kind, pattern, frozenset(subject[:cut]), after, modality, words)
    if acted is None or cut == len(subject) or not subject[:cut]:
        return acted
    return Flow(acted.relation, acted.data, acted.party, (*subject[cut:], *acted.rest), acted.modality)


def _denial_read(modality: tuple[str, ...]) -> tuple[str, ...]:
    """A denial's modality read one way: "never" is "not", and "we will not sell" denies as "we do not
    sell" does (a denial's tense is no commitment of its own)."""
    read = tuple(dict.fromkeys("not" if word == "never" else word for word in modality))
    return tuple(word for word in read if word not in ("will", "shall")) if "not" in read else read


def _split(
    relation: str, data: list[str], rest: list[str], modality: tuple[str, ...], words: ConverseReader
) -> Flow | None:
    """The flow whose party opens ``rest`` (up to a bound word) and whose data is ``data``."""
    end = _until(rest, words.bounds)
    party, tail = rest[:end], rest[end:]
    if not data or not party:
        return None
    return Flow(relation, frozenset(data), frozenset(party), tuple(tail), modality)


def _company_acts(
    kind: str, after: list[str], modality: tuple[str, ...], words: ConverseReader
) -> Flow | None:
    if kind in ("give", "sell"):  # "we share X with Y"
        end = _until(after, frozenset({"with", "to"}))
        return _split(kind, after[:end], after[end + 1 :], modality, words) if end < len(after) else None
    if kind in ("take", "buy"):  # "we receive X from Y"
        end = _until(after, frozenset({"from"}))
        return _split(kind, after[:end], after[end + 1 :], modality, words) if end < len(after) else None
    if kind == "hire":  # "we use Y to process X"
        end = _until(after, frozenset({"to"}))
        if end + 1 >= len(after):
            return None
        verb = words.verb(after[end + 1])
        if verb is None or verb[0] != "perform":
            return None
        rest = after[end + 2 :]
        cut = _until(rest, words.bounds)
        party = after[:end]
        if not party or not rest[:cut]:
            return None
        return Flow(
            f"perform:{verb[1]}", frozenset(rest[:cut]), frozenset(party), tuple(rest[cut:]), modality
        )
    return None


def _party_acts(
    kind: str,
    pattern: str,
    party: frozenset[str],
    after: list[str],
    modality: tuple[str, ...],
    words: ConverseReader,
) -> Flow | None:
    if kind == "sell" and (turned := _from_us(after, words)) is not None:
        # "Y rent X from us": a verb of letting both ways ("rent", "license") names the lender by "from"
        return Flow(kind, frozenset(after[:turned]), party, tuple(after[turned + 2 :]), modality)
    if kind in ("give", "sell"):  # "Y send us X", "Y share X with us": the company takes
        relation = _CONVERSE[kind]
        if after and after[0] in words.company_object:
            # "Y provide us *with* X", "supply us with X": the data follows the "with"
            start = 2 if after[1:2] == ["with"] else 1
            end = _until(after[start:], words.bounds) + start
            data = after[start:end]
            return Flow(relation, frozenset(data), party, tuple(after[end:]), modality) if data else None
        end = _until(after, frozenset({"with", "to"}))
        if end + 1 < len(after) and after[end + 1] in words.company_object and after[:end]:
            return Flow(relation, frozenset(after[:end]), party, tuple(after[end + 2 :]), modality)
        return None
    if kind in ("take", "buy"):  # "Y receive X from us": the company gives
        lender = _from_us(after, words)
        if lender is None:
            return None
        return Flow(_CONVERSE[kind], frozenset(after[:lender]), party, tuple(after[lender + 2 :]), modality)
    if kind == "perform":  # "Y process X on our behalf"
        for phrase in words.on_behalf:
            for start in range(len(after) - len(phrase) + 1):
                if tuple(after[start : start + len(phrase)]) == phrase and after[:start]:
                    tail = after[start + len(phrase) :]
                    return Flow(f"perform:{pattern}", frozenset(after[:start]), party, tuple(tail), modality)
        # "Y process X": the active of "X is processed by Y"
        end = _until(after, words.bounds)
        return (
            Flow(f"perform:{pattern}", frozenset(after[:end]), party, tuple(after[end:]), modality)
            if end
            else None
        )
    return None


def _from_us(after: list[str], words: ConverseReader) -> int | None:
    """Where "from us" stands after some data ("… your data from us …"), or None."""
    end = _until(after, frozenset({"from"}))
    return end if end > 0 and end + 1 < len(after) and after[end + 1] in words.company_object else None


def _passive(
    kind: str,
    pattern: str,
    data: frozenset[str],
    after: list[str],
    modality: tuple[str, ...],
    words: ConverseReader,
) -> Flow | None:
    if kind in ("give", "sell") and after and after[0] in ("with", "to"):  # "X is shared with Y"
        flow = _split(kind, list(data), after[1:], modality, words)
        return flow if flow is not None and "by" not in flow.rest else None
    if kind in ("take", "buy") and after and after[0] == "from":  # "X is received from Y"
        flow = _split(kind, list(data), after[1:], modality, words)
        return flow if flow is not None and "by" not in flow.rest else None
    if kind == "perform" and after and after[0] == "by":  # "X is processed by Y"
        return _split(f"perform:{pattern}", list(data), after[1:], modality, words)
    return None


def same_flow(old: str, new: str) -> bool:
    """Whether two different sentences state one flow of data, each from its own side."""
    if old == new:
        return False
    before, after = flow(old), flow(new)
    if before is not None and before == after:
        return True
    # … in equivalent words besides ("outside the EEA" → "outside the European Economic Area")
    before, after = flow(canonical(fold(old))), flow(canonical(fold(new)))
    return before is not None and before == after
