"""The flow reader: one flow of data told from either party's side, or in the passive."""

from __future__ import annotations

import pytest

from policydiff.classify.converse import Flow, converse_reader, flow, same_flow


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We pass your booking details to partner hotels.",
            "Partner hotels receive your booking details from us.",
        ),
        ("We obtain your credit score from credit agencies.", "Credit agencies send us your credit score."),
        (
            "We obtain your credit score from credit agencies.",
            "Credit agencies provide your credit score to us.",
        ),
        ("We use Quarry Mail to deliver newsletters.", "Newsletters are delivered by Quarry Mail."),
        ("We use Quarry Mail to deliver newsletters.", "Quarry Mail delivers newsletters on our behalf."),
        (
            "We never rent your mailing address to charities.",
            "Charities never rent your mailing address from us.",
        ),
        ("We will not sell your gym visits to insurers.", "Your gym visits will not be sold to insurers."),
        ("We don't sell your gym visits to insurers.", "Your gym visits are not sold to insurers."),
        # the party's relative clause stands after it either way
        (
            "We pass your bookings to studios that host your classes.",
            "Studios that host your classes receive your bookings from us.",
        ),
        (
            "We share your route with the driver so that they can find you.",
            "The driver receives your route from us so that they can find you.",
        ),
        # the active of the passive, whatever the noun's number
        ("Newsletters are delivered by Quarry Mail.", "Quarry Mail delivers newsletters."),
        ("Your refund is handled by Ledgerly.", "Ledgerly handles your refunds."),
    ],
)
def test_one_flow_told_two_ways(old: str, new: str) -> None:
    assert same_flow(old, new)
    assert same_flow(new, old)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the flow turned round: the company now receives what it gave
        (
            "We pass your booking details to partner hotels.",
            "Partner hotels pass your booking details to us.",
        ),
        # a party, a kind of data, a purpose or a modal word more
        (
            "We pass your booking details to partner hotels.",
            "Partner hotels and airlines receive your booking details from us.",
        ),
        (
            "We pass your booking details to partner hotels.",
            "Partner hotels receive your booking details and passport from us.",
        ),
        (
            "We share your route with the driver so that they can find you.",
            "The driver receives your route from us so that they can rate you.",
        ),
        (
            "We pass your booking details to partner hotels.",
            "Partner hotels may receive your booking details from us.",
        ),
        ("We never rent your mailing address to charities.", "Charities rent your mailing address from us."),
        # a sale is no sharing
        ("We share your gym visits with insurers.", "Insurers buy your gym visits from us."),
        # a party that does the work for its own ends, not on the company's behalf
        (
            "We use Quarry Mail to deliver newsletters.",
            "Quarry Mail delivers newsletters for its own marketing.",
        ),
        # the same sentence is no rewording of itself
        (
            "We pass your booking details to partner hotels.",
            "We pass your booking details to partner hotels.",
        ),
    ],
)
def test_a_different_flow_is_not_the_same(old: str, new: str) -> None:
    assert not same_flow(old, new)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our hosting provider keeps the lights on.",  # a gerund names a thing; no flow read
        "Processors are listed below.",
        "You can download your data.",
        "We share.",
    ],
)
def test_no_flow_where_the_shapes_do_not_fit(sentence: str) -> None:
    assert flow(sentence) is None


def test_the_flow_read_names_its_parts() -> None:
    assert flow("Partner hotels may receive your booking details from us when you book.") == Flow(
        "give",
        frozenset({"your", "booking", "detail"}),  # (a noun's number is not compared)
        frozenset({"partner", "hotel"}),
        ("when", "you", "book"),
        ("may",),
    )


def test_a_noun_from_a_verbs_stem_is_no_verb() -> None:
    reader = converse_reader()
    assert reader.verb("providers") is None and reader.verb("disclosure") is None
    assert reader.verb("provided") == ("give", "provid*")
