"""The pure helpers of ``benchmarks/rule_audit.py``: phrase patterns, service names, held-out entries.

No corpus, no policydiff run: every test here takes milliseconds.
"""

from __future__ import annotations

import tomllib

import pytest
from helpers import load_benchmark

pytestmark = pytest.mark.fast


audit = load_benchmark("rule_audit")
Entry = audit.Entry


@pytest.mark.parametrize(
    ("pair_id", "service"),
    [
        ("zoom-2023-06-30", "zoom"),
        ("bolt-drivers-2025-06-19", "bolt-drivers"),
        ("acme-cloud-2020-2024-01-31", "acme-cloud-2020"),  # only the trailing date goes
        ("acme-2024-1-31", "acme-2024-1-31"),  # not a YYYY-MM-DD date
        ("acme", "acme"),
    ],
)
def test_service_of_drops_the_trailing_date(pair_id: str, service: str) -> None:
    assert audit.service_of(pair_id) == service


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("retain*", "We retain it.", True),
        ("retain*", "Retained records", True),
        ("retain*", "unretained records", False),  # a stem starts a word
        ("sale", "wholesale prices", False),
        ("sale", "the sales team", False),  # no star: the whole word
        ("third part*", "shared with Third-Party vendors", True),  # a hyphen between words
        ("third part*", "third   parties", True),
        ("third part*", "third, parties", False),  # a comma is not a gap
        ("opt-out", "you may opt out", True),
        ("driver's licen*", "your Driver's Licence number", True),
        ("driver's licen*", "the driver licence", False),
        ("n/a", "Sold: N/A", False),  # words only meet across spaces or hyphens
        ("de-identif*", "de identified data", True),
        ("   ", "anything", False),  # no word, no match
    ],
)
def test_phrase_regex_reads_phrases_as_the_rules_do(phrase: str, text: str, found: bool) -> None:
    assert bool(audit.phrase_regex(phrase).search(text.casefold())) is found


def test_phrase_produces_only_the_whole_trigger() -> None:
    assert audit.phrase_produces("advertising partner*", "Advertising Partners")
    assert not audit.phrase_produces("partners", "advertising partners")
    assert not audit.phrase_produces("advertising partner*", "advertising")


def test_phrase_words_mark_the_last_word_of_a_starred_part() -> None:
    assert audit.phrase_words("Remove* your") == [("remove", True), ("your", False)]
    assert audit.phrase_words("back-up*") == [("back", False), ("up", True)]


def test_loso_removals_keep_entries_right_elsewhere_too() -> None:
    voice = Entry("collection.toml", "terms", "audio", "voice")
    shared = Entry("sharing.toml", "terms", "share", "shar*")
    cue = Entry("cues.toml", "cue", "cue.hedge", "typically")
    right_on = {voice: {"acme"}, shared: {"acme", "globex"}, cue: {"acme"}}
    assert audit.loso_removals(right_on, "acme") == {voice}
    assert audit.loso_removals(right_on, "acme", ("terms", "cue")) == {voice, cue}
    assert audit.loso_removals(right_on, "globex", ("terms", "cue")) == set()


def test_loso_holds_out_named_companies_with_the_terms() -> None:
    stripe = Entry("sharing.toml", "instances", "payment_processors", "stripe")
    assert audit.loso_removals({stripe: {"acme"}}, "acme") == {stripe}
    assert audit.loso_removals({stripe: {"acme"}}, "acme", ("cue",)) == set()
    data = tomllib.loads(
        '[terms]\npayment_processors = ["payment processors"]\n'
        '[instances]\npayment_processors = ["stripe", "adyen"]\n'
    )
    assert audit.without_entries(data, [stripe])["instances"] == {"payment_processors": ["adyen"]}


def test_the_lexicon_reads_named_companies_as_terms() -> None:
    lexicon = audit.read_lexicon(audit.PACKAGED_RULES)
    produced = lexicon.produced("sharing.added", "Stripe")
    assert Entry("sharing.toml", "instances", "payment_processors", "stripe") in produced


def test_without_entries_removes_the_patterns_and_writes_toml_that_reads_back() -> None:
    data = tomllib.loads(
        'category = "collection"\npriority = 20\nprotective = false\n'
        '[terms]\naudio = ["voice", "microphone"]\n"odd key" = ["a \\"quoted\\" word"]\n'
        '[[rule]]\nid = "collection.new"\nwhen = "phrase-added"\nphrases = ["we now collect", "we gather"]\n'
    )
    removed = audit.without_entries(
        data,
        [
            Entry("collection.toml", "terms", "audio", "voice"),
            Entry("collection.toml", "rule", "collection.new:phrases", "we gather"),
        ],
    )
    assert removed["terms"]["audio"] == ["microphone"]
    assert removed["rule"][0]["phrases"] == ["we now collect"]
    assert data["terms"]["audio"] == ["voice", "microphone"]  # the original is left alone
    assert tomllib.loads(audit.toml_text(removed)) == removed
