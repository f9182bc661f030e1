"""policydiff.classify.numbers: periods of time and ages named in policy text."""

from __future__ import annotations

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


def test_as_young_as_names_an_age() -> None:
    (age,) = quantities("Members as young as 9 may join.")
    assert (age.unit, age.value, age.text) == ("age", 9.0, "as young as 9")
