"""policydiff.classify.phrases: many phrases in one pass, longest first, overlapping only on a determiner."""

from __future__ import annotations

import pickle
import re

from hypothesis import given
from hypothesis import strategies as st

from policydiff.classify.phrases import PhraseSet, _split

ENTRIES = [
    ("share", "share"),
    ("share* with", "share-with"),
    ("third part*", "third"),
    ("opt out", "opt"),
    ("ai", "ai"),
    ("ai model*", "model"),
    ("e-mail", "mail"),
]
WORDS = ["we", "share", "shared", "with", "third", "party", "parties", "opt", "out", "opt-out", "ai",
         "models", "e-mail", "email", "Share", "İstanbul", "straße", "—", ",", "."]  # fmt: skip


def found(phrases: PhraseSet, text: str) -> list[tuple[str, str]]:
    return [(hit.name, hit.group()) for hit in phrases.finditer(text)]


def test_the_longest_phrase_wins_and_stems_match_any_ending() -> None:
    phrases = PhraseSet(ENTRIES)
    # "shared" is no "share" (exact) and "shared it with" no "share* with" (words side by side)
    assert found(phrases, "We shared it with third parties.") == [("third", "third parties")]
    assert found(phrases, "We shared with you.") == [("share-with", "shared with")]
    shared = found(phrases, "We share with AI models.")
    assert shared == [("share-with", "share with"), ("model", "AI models")]
    assert found(phrases, "You can opt-out by e-mail.") == [("opt", "opt-out"), ("mail", "e-mail")]


def test_a_phrase_ending_on_a_determiner_shares_it_with_the_next() -> None:
    # "use your" holds "your" only to read "use" as a verb: "your address" starts there too
    phrases = PhraseSet([("use your", "use"), ("your address", "address"), ("our address", "ours")])
    assert found(phrases, "We usually use your address.") == [
        ("use", "use your"),
        ("address", "your address"),
    ]
    # (a determiner inside a phrase is held as before)
    assert found(
        PhraseSet([("of your address", "of"), ("address book", "book")]), "of your address book"
    ) == [("of", "of your address")]


def test_a_two_word_phrase_finds_its_closed_compound() -> None:
    phrases = PhraseSet([("data center*", "dc"), ("web site", "site"), ("e-mail", "mail")])
    assert found(phrases, "Our datacenters and website.") == [("dc", "datacenters"), ("site", "website")]
    # (a part of fewer than three letters is no word of its own to close: "email" is not "e-mail")
    assert found(phrases, "Write an email.") == []


def test_a_text_without_any_first_word_holds_nothing() -> None:
    assert found(PhraseSet(ENTRIES), "Nothing here is about data.") == []
    assert not PhraseSet([])


def every_place(entries: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """The same search without any index: every phrase tried at every word, longest kept."""
    tokens = [(m.group().casefold(), m.start(), m.end()) for m in re.finditer(r"[\w']+", text)]
    split = [(name, *_split(phrase)) for phrase, name in entries]
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(tokens):
        size, names = 0, []
        for name, words, stems in split:
            here = tokens[index : index + len(words)]
            if len(here) < len(words) or len(words) < size or name in names and len(words) == size:
                continue
            if all(
                t[0].startswith(w) if s else t[0] == w for t, w, s in zip(here, words, stems, strict=True)
            ) and all(
                re.fullmatch(r"[\s-]*", text[a[2] : b[1]]) for a, b in zip(here, here[1:], strict=False)
            ):
                size, names = len(words), ([] if len(words) > size else names) + [name]
        if not size:
            index += 1
            continue
        out += [(name, text[tokens[index][1] : tokens[index + size - 1][2]]) for name in names]
        index += size
    return out


@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_the_index_of_first_words_finds_what_trying_every_phrase_finds(words: list[str]) -> None:
    text = " ".join(words)
    entries = [*ENTRIES, ("o*", "o-stem"), ("share", "share-again")]
    phrases = PhraseSet(entries)
    assert found(phrases, text) == every_place(entries, text)
    # a second pass reads the memo of words seen
    assert found(phrases, text) == every_place(entries, text)


@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_search_finds_the_first_phrase_that_finditer_finds(words: list[str]) -> None:
    text = " ".join(words)
    phrases = PhraseSet([*ENTRIES, ("o*", "o-stem")])
    first = next(phrases.finditer(text), None)
    hit = phrases.search(text)
    expected = (first.name, first.group()) if first else None
    assert ((hit.name, hit.group()) if hit else None) == expected


def test_search_reads_words_that_fold_to_more_letters() -> None:
    phrases = PhraseSet([("strasse", "street"), ("shared", "shared")])
    assert phrases.search("Our office on the Hauptstraße.") is None  # one word: "hauptstrasse"
    hit = phrases.search("Our office on the Straße.")
    assert hit is not None and (hit.name, hit.group()) == ("street", "Straße")
    hit = phrases.search("We SHARED it.")
    assert hit is not None and (hit.name, hit.group()) == ("shared", "SHARED")
    assert phrases.search("Nothing here is about data.") is None


def test_equal_phrases_in_two_sets_are_kept_once() -> None:
    # the rule cache pickles an object once: phrases repeated across indexes are read back once
    first = PhraseSet([("personal data", "data"), ("location*", "place")])
    second = PhraseSet([("personal data", "data")])
    ((one,),) = [first._exact["personal"]]
    ((other,),) = [second._exact["personal"]]
    assert one is other
    both = pickle.loads(pickle.dumps((first, second)))
    assert both[0]._exact["personal"][0] is both[1]._exact["personal"][0]
    assert [m.group() for m in both[1].finditer("We keep your Personal Data.")] == ["Personal Data"]


def test_a_plural_possessive_apostrophe_is_no_part_of_the_word() -> None:
    phrases = PhraseSet(
        [("closed accounts", "ended"), ("days' notice", "ahead"), ("children's data", "kids")]
    )
    assert found(phrases, "Closed accounts' backups are kept.") == [("ended", "Closed accounts")]
    # (a phrase written with the apostrophe finds the text with or without it)
    assert found(phrases, "We give 30 days' notice, or 30 days notice.") == [
        ("ahead", "days' notice"),
        ("ahead", "days notice"),
    ]
    # an apostrophe inside a word stays: "children's" is no "children"
    assert found(phrases, "We protect children's data.") == [("kids", "children's data")]
    assert found(phrases, "We protect childrens data.") == []


@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_a_text_that_holds_a_phrase_may_hold_one(words: list[str]) -> None:
    phrases = PhraseSet(ENTRIES)
    text = " ".join(words)
    assert phrases.may_hold(text) or not found(phrases, text)


def test_may_hold_asks_for_every_word_of_a_phrase_wherever_it_stands() -> None:
    phrases = PhraseSet([("respond* to your request*", "respond")])
    assert phrases.may_hold("Requests: we respond to all of your questions.")  # all its words, out of order
    assert not phrases.may_hold("We respond to your questions.")  # "request" is not there
