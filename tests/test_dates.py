"""policydiff.dates: the one month table, long dates, and the date a policy states about itself."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import FIXTURES, JOYPIX_NEW, JOYPIX_OLD

from policydiff.dates import MONTH_NUMBERS, StatedDate, dates_in, find_stated_date, long_date, stated_date
from policydiff.load import load

TITLE = "# Harbour Lane Bakery Privacy Notice\n\n"
BODY = (
    "\n\n## What we keep\n\nWe keep the name on your loyalty card and the cakes you ordered last year.\n\n"
    "## Who sees it\n\nOnly the two people who run the till ever look at that list.\n"
)


def policy(dateline: str) -> str:
    """A short policy whose date line is ``dateline``, right under its title."""
    return TITLE + dateline + BODY


def test_long_date_writes_english_whatever_the_locale() -> None:
    assert long_date(dt.date(2026, 4, 20)) == "April 20, 2026"
    assert MONTH_NUMBERS["sept"] == 9 and MONTH_NUMBERS["apr"] == 4 and MONTH_NUMBERS["décembre"] == 12


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Last updated: April 20, 2026", "2026-04-20"),
        ("Last Modified: [March 17, 2026]", "2026-03-17"),  # the bracketed form of the seed policies
        ("Last revised 20 April 2026", "2026-04-20"),
        ("Last updated: 2026-04-20", "2026-04-20"),
        ("Last updated: Apr. 20, 2026", "2026-04-20"),
        ("Last updated: Sept. 3rd, 2026", "2026-09-03"),
        ("Updated on 20th of April, 2026", "2026-04-20"),
        ("Revised: 2026/04/20", "2026-04-20"),
        ("Version date: 17.03.2026", "2026-03-17"),  # dots: day first
        ("Date of last revision: 04/20/2026", "2026-04-20"),  # 20 cannot be a month: month first
        ("Last updated: 20/04/2026", "2026-04-20"),  # 20 cannot be a month: day first
        ("Last updated: 05/05/2026", "2026-05-05"),  # both ways the same day
        ("Effective date: 1 June 2026", "2026-06-01"),
        ("Effective as of June 1, 2026", "2026-06-01"),
        ("**Last updated:** April 20, 2026", "2026-04-20"),
        ("_Last updated: April 20, 2026_", "2026-04-20"),
        ("*Last updated*: **20 April 2026**", "2026-04-20"),
        ("| Last updated | 2026-04-20 |", "2026-04-20"),
        ("Last updated:\n\n**April 20, 2026**", "2026-04-20"),  # the date on the line below
        ("[March 17, 2026]", "2026-03-17"),  # a date alone under the title
        ("Dated: *2026-04-20*", "2026-04-20"),
        ("Dernière mise à jour : 20 avril 2026", "2026-04-20"),
    ],
)
def test_the_date_a_policy_states_in_every_common_form(dateline: str, expected: str) -> None:
    assert stated_date(policy(dateline)) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "dateline",
    [
        "",  # no date at all
        "Last updated: April 2026",  # no day: a made-up day is worse than none
        "Last updated: February 30, 2026",  # no such day
        "Last updated: [DATE]",  # a template never filled in
        # a date, but not the policy's own
        "We opened our second shop on April 20, 2026 and kept the same rules.",
    ],
)
def test_no_date_is_made_up(dateline: str) -> None:
    assert find_stated_date(policy(dateline)) is None


def test_a_date_that_reads_two_ways_is_found_without_a_day() -> None:
    found = find_stated_date(policy("Last updated: 03/04/2026"))  # March 4 or April 3
    assert found == StatedDate(None, "03/04/2026", "Last updated", "updated")
    assert stated_date(policy("Last updated: 03/04/2026")) is None
    # another statement that reads one way wins over it
    both = policy("Last updated: 03/04/2026") + "\nLast updated: March 4, 2026\n"
    assert stated_date(both) == dt.date(2026, 3, 4)


def test_the_found_date_keeps_the_policys_words() -> None:
    found = find_stated_date(policy("**Last Modified:** [Apr. 20, 2026]"))
    assert found == StatedDate(dt.date(2026, 4, 20), "Apr. 20, 2026", "Last Modified", "updated")
    alone = find_stated_date(policy("**20 April 2026**"))
    assert alone == StatedDate(dt.date(2026, 4, 20), "20 April 2026", "", "date")


def test_last_updated_wins_over_an_older_effective_date() -> None:
    text = policy("Effective date: May 25, 2018\n\nLast updated: April 20, 2026")
    assert stated_date(text) == dt.date(2026, 4, 20)
    assert stated_date(policy("Effective from 2 February 2026")) == dt.date(2026, 2, 2)
    assert stated_date(policy("Effective date: May 25, 2018\n\nUpdated: April 20, 2026")) == dt.date(
        2026, 4, 20
    )


def test_a_lone_updated_inside_a_sentence_yields_to_an_effective_date() -> None:
    """ "We revised our January 9 notice" names the version before; the effective date is this one's."""
    text = policy(
        "_We revised our January 9, 2026 notice to add a phone number._\n\n"
        "This notice is effective as of March 1, 2026."
    )
    assert find_stated_date(text) == StatedDate(
        dt.date(2026, 3, 1), "March 1, 2026", "effective as of", "effective"
    )
    assert stated_date(policy("We revised this notice on January 9, 2026.")) == dt.date(2026, 1, 9)


def test_a_date_line_at_the_end_counts_when_it_starts_a_short_line() -> None:
    filler = "".join(f"\n\nParagraph {n} says nothing about dates at all." for n in range(60))
    assert stated_date(TITLE + filler + "\n\n**Last updated:** 2026-04-20\n") == dt.date(2026, 4, 20)
    # far down, a sentence that merely begins with "Effective" is not the policy's date
    sentence = "Effective January 1, 2027, the bakery will also keep a list of allergies you tell us about."
    assert find_stated_date(TITLE + filler + "\n\n" + sentence + "\n") is None
    # and a date alone counts only at the top
    assert find_stated_date(TITLE + filler + "\n\nApril 20, 2026\n") is None


def test_the_top_wins_over_the_end() -> None:
    filler = "".join(f"\n\nParagraph {n} is filler." for n in range(60))
    text = policy("Last updated: March 1, 2026") + filler + "\n\nLast updated: January 9, 2025\n"
    assert stated_date(text) == dt.date(2026, 3, 1)


def test_dates_in_a_line_reads_only_what_reads_one_way() -> None:
    line = "v3 of 20 April 2026 replaced v2 (03/04/2026) and v1 (2025-12-31)"
    assert list(dates_in(line)) == [dt.date(2026, 4, 20), dt.date(2025, 12, 31)]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (JOYPIX_OLD, dt.date(2026, 3, 17)),
        (JOYPIX_NEW, dt.date(2026, 4, 20)),
        (FIXTURES / "joyclip" / "privacy-2026-01-03.txt", dt.date(2026, 1, 3)),
        (FIXTURES / "joyclip" / "privacy-2026-04-01.md", dt.date(2026, 4, 1)),
    ],
)
def test_the_fixture_policies_state_their_dates_as_the_loader_reads_them(
    path: object, expected: dt.date
) -> None:
    document = load(str(path))
    assert stated_date(document.text) == expected
    assert document.date == expected.isoformat()  # load's describe agrees
