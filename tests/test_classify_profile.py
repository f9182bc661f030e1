"""What a sentence's profile files: each term affirmed or denied, and what a safeguard guards.

The sentences are written for these tests; each checks one reading of `classify/profile.py`.
"""

from __future__ import annotations

import pytest

from policydiff.classify import RuleBook, load_rulebook
from policydiff.classify.profile import Profile, find_cues, profile, stated_practices, whole_region
from policydiff.model import Category


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rulebook()


def _read(text: str, rulebook: RuleBook) -> Profile:
    return profile(whole_region(text), rulebook)


def _affirmed(text: str, rulebook: RuleBook) -> set[tuple[Category, str]]:
    return set(_read(text, rulebook).affirmed)


def test_a_time_phrase_is_no_object_of_the_deletion_before_it(rulebook: RuleBook) -> None:
    # "after account closure" says when, so the passive "are purged" does not guard it away, and
    # both wordings of the moment file one member
    passive = _affirmed("Backups are purged 90 days after account closure.", rulebook)
    active = _affirmed("We purge backups 90 days after you close your account.", rulebook)
    assert (Category.RETENTION, "account_end") in passive
    assert passive == active


def test_a_may_inside_a_prohibition_is_no_hedge(rulebook: RuleBook) -> None:
    cues = [name for name, _ in find_cues("Children under 13 may not open an account.", rulebook)]
    assert "cue.negation" in cues and "cue.hedge" not in cues
    cues = [name for name, _ in find_cues("We may share your order with couriers.", rulebook)]
    assert "cue.hedge" in cues


@pytest.mark.parametrize(
    "sentence",
    [
        "Children under 13 may not open an account.",
        "Our app is not directed to children under 13.",
        "The service is not intended for children under 16.",
    ],
)
def test_a_service_barred_to_children_denies_them(rulebook: RuleBook, sentence: str) -> None:
    found = _read(sentence, rulebook)
    assert any(key[0] is Category.CHILDREN for key in found.denied)
    assert not any(key[0] is Category.CHILDREN for key in found.affirmed)


def test_a_practice_in_the_passive_is_stated_but_not_in_a_relative_clause() -> None:
    text = "Your ride history is used to improve routing and sold to city planners."
    assert [text[at : at + 4] for at in stated_practices(text)] == ["used", "sold"]
    assert stated_practices("We hold personal information that is transferred from the EEA.") == []


def test_a_verb_named_with_its_subject_is_stated() -> None:
    text = "We upload an encrypted list of your purchases to ad platforms."
    assert stated_practices(text) == [0]


def test_a_practice_stated_in_the_passive_is_not_guarded_by_a_later_safeguard(rulebook: RuleBook) -> None:
    found = _affirmed(
        "Your ride history is used to improve routing and sold to city planners in aggregated form.", rulebook
    )
    assert (Category.SHARING, "sell") in found


def test_a_form_of_the_data_is_the_object_not_a_safeguard(rulebook: RuleBook) -> None:
    # "an encrypted copy of …" is what is shared: the verb stands
    found = _affirmed("We share an encrypted copy of your files with our auditors.", rulebook)
    assert (Category.SHARING, "share") in found


def test_the_noun_of_with_and_a_safeguard_is_guarded(rulebook: RuleBook) -> None:
    # "…, with passwords redacted": the passwords are hidden, not a kind of data the recording takes
    found = _affirmed("We record your screen during support calls, with passwords redacted.", rulebook)
    assert not any(key[0] is Category.COLLECTION and "password" in key[1] for key in found)
    assert any(key[0] is Category.SECURITY for key in found)


def test_a_request_that_times_a_deletion_guards_nothing(rulebook: RuleBook) -> None:
    found = _affirmed("We will erase your saved cards within 14 days of receiving your request.", rulebook)
    assert (Category.RETENTION, "delete") in found
    # a request granted is still a right, and what it names its object
    granted = _affirmed("You can submit a request to erase your saved cards.", rulebook)
    assert (Category.RETENTION, "delete") not in granted


def test_an_item_under_you_can_is_read_as_the_rest_of_its_lead(rulebook: RuleBook) -> None:
    from policydiff.classify.profile import Region

    item = "- Turn off personalised ads in Settings"
    under = profile(Region(item, [(0, len(item))]), rulebook, lead="You can:")
    alone = profile(Region(item, [(0, len(item))]), rulebook)
    assert any(key[0] is Category.RIGHTS for key in under.affirmed)
    assert not any(key[0] is Category.TRACKING for key in under.affirmed)
    assert any(key[0] is Category.TRACKING for key in alone.affirmed)


def test_a_part_with_a_colon_after_a_run_on_item_is_read_at_once(rulebook: RuleBook) -> None:
    import signal

    # a part after a run-on list's item, with a colon of its own: whether it is a bare item of that
    # list once took time exponential in its letters (each word could be split anywhere): minutes
    text = (
        "We do not collect: your contacts; notwithstanding anything said elsewhere in this notice: "
        "we apply appropriate safeguards."
    )

    def stop(*_: object) -> None:
        raise TimeoutError("reading one sentence took over 5 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(5)
    try:
        found = _read(text, rulebook)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (Category.COLLECTION, "contact") in found.denied
    assert (Category.SECURITY, "safeguard") in found.affirmed


@pytest.mark.parametrize(
    ("item", "bare"),
    [
        ("your contacts;", True),
        ("  the photos you upload.", True),
        (" ".join(["word"] * 12), True),
        (" ".join(["word"] * 13), False),
        ("we share your contacts", False),
        ("your contacts: name", False),
    ],
)
def test_a_bare_item_is_a_few_words_with_no_subject_of_their_own(item: str, bare: bool) -> None:
    from policydiff.classify.profile import _BARE_ITEM

    assert (_BARE_ITEM.match(item) is not None) is bare


def test_what_the_user_shares_is_read_as_a_term_but_no_practice_of_the_company(rulebook: RuleBook) -> None:
    # the words stay a term (so "you share" said "you disclose" is a rewording), but nothing is
    # filed as the company's sharing; after "you agree that we may", the verb is the company's
    users = _read("Our app lets you share your playlists with other listeners.", rulebook)
    assert any(t.category is Category.SHARING and t.name == "share" for t in users.terms)
    assert not any(category is Category.SHARING and name == "share" for category, name in users.affirmed)
    company = _affirmed("You agree that we may share your playlists with labels.", rulebook)
    assert (Category.SHARING, "share") in company
