"""policydiff.classify.practice: which sentences state a practice, and which changed words weigh."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from policydiff.classify import default_rulebook
from policydiff.classify.practice import practice_reader

ONTOLOGY = Path(__file__).resolve().parents[1] / "policydiff" / "classify" / "ontology"


def test_practice_verbs_are_found_by_class() -> None:
    reader = practice_reader()
    assert reader.actions("We log the titles of the files you open.") == ["collect"]
    assert reader.actions("We may transfer it to partners and keep it for a year.") == ["share", "retain"]
    assert reader.actions("Welcome to our help centre.") == []


def test_a_sentence_with_a_term_but_no_verb_still_states_a_practice() -> None:
    reader, rulebook = practice_reader(), default_rulebook()
    assert reader.states_practice("Precise location and contacts, for instance.", rulebook)
    assert not reader.states_practice("Thank you for reading.", rulebook)


def test_words_that_weigh_a_scope_word_a_term_or_a_verb_that_came() -> None:
    reader, rulebook = practice_reader(), default_rulebook()
    assert reader.changes_meaning([], ["only"], rulebook) == ["only"]
    assert reader.changes_meaning(["shared"], [], rulebook)  # a lexicon term that went
    assert reader.changes_meaning([], ["transmit"], rulebook) == ["transmit"]  # a practice verb that came
    assert reader.changes_meaning(["help"], ["assist"], rulebook) == []


def test_an_edit_after_a_condition_word_changes_when_the_promise_holds() -> None:
    text = "Staff do not open your notes, unless you ask them to."
    after = text.index("you ask")
    assert practice_reader().conditioned(text, [(after, after + 7)])
    assert not practice_reader().conditioned(text, [(0, 5)])  # "Staff": before the condition


def test_every_ontology_class_cites_where_it_comes_from() -> None:
    with (ONTOLOGY / "actions.toml").open("rb") as handle:
        actions = tomllib.load(handle)
    assert actions and all(table["source"].strip() and table["verbs"] for table in actions.values())
    scope = (ONTOLOGY / "scope.toml").read_text(encoding="utf-8")
    assert "Source:" in scope


def test_each_right_granted_to_the_user_cites_its_source_and_names_a_right() -> None:
    with (ONTOLOGY / "right_verbs.toml").open("rb") as handle:
        rights = tomllib.load(handle)
    with (ONTOLOGY.parent / "rules" / "rights.toml").open("rb") as handle:
        concepts = set(tomllib.load(handle)["terms"])
    assert rights and all(table["source"].strip() and table["verbs"] for table in rights.values())
    assert set(rights) <= concepts


def test_the_verbs_of_a_granted_right_are_read_as_rights_coordinated_or_alone() -> None:
    reader = practice_reader()
    text = "You can view, amend and/or erase your saved trips."
    assert [right for right, _, _ in reader.granted_rights(text)] == ["access", "correct", "erase"]
    assert [text[s:e] for _, s, e in reader.granted_rights(text)] == ["view", "amend", "erase"]
    opting = reader.granted_rights("Users may also opt out of profiling.")
    assert [right for right, _, _ in opting] == ["opt_out"]
    assert reader.granted_rights("We can delete your trips.") == []  # the company's practice
    assert reader.granted_rights("You can contact us by email.") == []  # no right verb


def test_a_condition_is_opened_by_the_ontologys_words() -> None:
    reader = practice_reader()
    assert reader.opens_condition("We will tell you if there is a breach.")
    assert reader.opens_condition("We keep it until you leave.")
    assert not reader.opens_condition("We will tell you about any breach.")


def test_a_setting_the_user_can_turn_off_is_an_opt_out_and_one_turned_on_a_choice() -> None:
    reader = practice_reader()
    # (switching a processing off is opting out of it: right_verbs.toml [opt_out])
    text = "You can turn off personalised ads or block cookies in Settings."
    assert [(right, text[s:e]) for right, s, e in reader.granted_rights(text)] == [
        ("opt_out", "turn off"),
    ]
    assert [right for right, _, _ in reader.granted_rights("Users may switch on location history.")] == [
        "choices"
    ]


@pytest.mark.parametrize(
    ("sentence", "rights"),
    [
        (
            "To access, correct or delete your data, email privacy@example.com.",
            ["access", "correct", "erase"],
        ),
        ("If you wish to object to marketing, contact our officer.", ["object"]),
        # a purpose of the company's, not an instruction to the user
        ("To improve our services, we analyse how the app is used.", []),
    ],
)
def test_an_instruction_to_the_user_grants_what_its_purpose_names(sentence: str, rights: list[str]) -> None:
    assert [right for right, _, _ in practice_reader().granted_rights(sentence)] == rights
