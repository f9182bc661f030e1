"""policydiff.classify.numbers: periods of time and ages named in policy text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policydiff.classify import numbers
from policydiff.classify.numbers import quantities, said_once, value_of


def read(text: str) -> list[tuple[str, float]]:
    return [(q.unit, round(q.value, 1)) for q in quantities(text)]


def test_periods_in_days_whatever_their_unit() -> None:
    assert read("We keep logs for 30 days.") == [("duration", 30.0)]
    assert read("We keep logs for one year.") == [("duration", 365.0)]
    assert read("within 15 business days") == [("duration", 21.0)]
    assert read("Deleted immediately.") == [("duration", 0.0)]
    # half a period is half of it, not the period ("half a year" is no year)
    assert read("We keep logs for half a year.") == [("duration", 182.5)]
    assert read("kept for fifty days, or half an hour") == [("duration", 50.0), ("duration", 0.0)]


def test_ages_are_not_periods() -> None:
    assert read("Children under 13 may not use it.") == [("age", 13.0)]
    assert read("You must be 18 years old.") == [("age", 18.0)]
    # the age a user must be, said with "must be"
    assert read("You must be 18 to use the app.") == [("age", 18.0)]
    # … but a length or a count said with "must be" is no age
    assert read("Passwords must be 12 characters long.") == []


def test_a_number_spelled_out_then_in_figures_is_said_once() -> None:
    assert said_once("kept for thirty 30 days or forty five 45 days") == "kept for 30 days or 45 days"
    assert said_once("kept for thirty 60 days") == "kept for thirty 60 days"  # two numbers: kept


def test_value_of_reads_figures_and_spelled_numbers_alike() -> None:
    assert value_of("6") == value_of("six") == 6.0
    assert value_of("twelve") == 12.0
    assert value_of("2,5") == 2.5
    assert value_of("years") is None
    assert value_of("3rd") is None


def test_a_group_named_by_its_age_is_an_age() -> None:
    # "under-13s", "over 18s": the group named by its threshold (hyphen or space, plural "s")
    ages = [(q.unit, q.value) for q in quantities("Under-13s and over 18s may not join.")]
    assert ages == [("age", 13.0), ("age", 18.0)]


def test_the_first_digits_of_a_larger_number_are_no_age() -> None:
    assert quantities("The firm employs over 3,000 people and has over 1.5 million users.") == []
    found = quantities("Members must be over 21, or over 18 with a guardian.")
    assert [(q.unit, q.value) for q in found] == [("age", 21.0), ("age", 18.0)]


def test_an_age_spelled_out_is_an_age() -> None:
    # legal drafting gives the figure after the words: "sixteen (16)"; either alone reads the same
    found = quantities("Not for persons under the age of sixteen (16); members must be at least thirteen.")
    assert [(q.unit, q.value) for q in found] == [("age", 16.0), ("age", 13.0)]
    assert quantities("Users under twenty-one may not buy tickets.")[0].value == 21.0
    # a number word with no word of age before it is none
    assert quantities("We have fourteen offices in twelve countries.") == []


def test_as_young_as_names_an_age() -> None:
    (age,) = quantities("Members as young as 9 may join.")
    assert (age.unit, age.value, age.text) == ("age", 9.0, "as young as 9")


# the words a period is made of, and words around it: what the reading before each unit must find
# exactly as the whole pattern does (runs of spaces make a period longer than the window it is read in)
_PIECES = st.sampled_from(
    [
        "30",
        "1.5",
        "1,000",
        "(30)",
        "-",
        "thirty",
        "twenty-four",
        "half",
        "a",
        "an",
        "one",
        "business",
        "calendar",
        "day",
        "days",
        "Week",
        "MONTHS",
        "year",
        "hours",
        "daysx",
        "of",
        "for",
        "keep",
        "data",
        "someone",
        ";",
        "immediately",
        "session",
        "|",
        "adults",
        "13",
        "Ｄays",
        "ſession",
    ]
)
_GAPS = st.sampled_from([" ", "", "  ", " " * 120, "\n", "\u00a0"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=40))
@example([("keep", " "), ("30", " " * 120), ("(30)", " "), ("business", " "), ("days", "")])
def test_periods_read_before_each_unit_are_those_of_the_whole_pattern(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    whole = [m.span() for m in numbers._DURATION.finditer(text)]
    assert [m.span() for m in numbers._periods(text)] == whole


def test_a_text_beyond_ascii_is_read_as_its_ascii_twin() -> None:
    # (the words a pattern needs are looked for in C only in ASCII text; any other is read whole)
    assert read("Gelöscht: we keep logs for 30 days, then immediately erase them.") == read(
        "Geloscht: we keep logs for 30 days, then immediately erase them."
    )
    assert read("For ADULTS only; kept ONE YEAR.") == [("age", 18.0), ("duration", 365.0)]


@pytest.mark.parametrize(
    "text",
    [
        "Our team answers the phone seven days a week.",
        "Support is open 24 hours a day.",
        "We are here 365 days a year.",
    ],
)
def test_a_duration_read_per_a_longer_one_is_a_rate(text: str) -> None:
    assert [q for q in quantities(text) if q.unit == "duration"] == []


def test_a_period_of_a_week_is_still_a_period() -> None:
    assert [q.value for q in quantities("We keep the logs for a week.")] == [7.0]
