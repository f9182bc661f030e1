"""The statement reader: what a sentence says the company collects, and with whom it shares."""

from __future__ import annotations

import pytest

from policydiff.classify.statements import statement_reader


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("We collect your shoe size when you order.", ("your shoe size",)),
        ("We may also automatically record the tilt of your tablet.", ("the tilt of your tablet",)),
        (
            "We will collect the following information: name, shoe size, and favourite trail.",
            ("name", "shoe size", "favourite trail"),
        ),
        ("We collect information about you, such as your shoe size or gait.", ("your shoe size", "gait")),
        ("We'll gather your gait pattern.", ("your gait pattern",)),
    ],
)
def test_collection_statement_object(sentence: str, items: tuple[str, ...]) -> None:
    found = statement_reader().collected(sentence)
    assert found is not None and found.pattern == "collect.active"
    assert found.items == items


@pytest.mark.parametrize(
    "sentence",
    [
        "We do not collect your shoe size.",
        "We never record the tilt of your tablet.",
        "We don't gather your gait pattern.",
        "Shoe makers may collect your shoe size.",  # another party: the sharing rules read it
        "For details of our security measures, visit our help pages.",  # "measures" is a noun here
        "Our shoe size chart helps you order.",
    ],
)
def test_no_affirmed_collection_by_the_company(sentence: str) -> None:
    assert statement_reader().collected(sentence) is None


def test_a_list_item_under_a_collection_heading_names_what_is_collected() -> None:
    reader = statement_reader()
    item = "* Examples include: gait analysis and stride evaluations"
    found = reader.collected(item, listed_under_collection=True)
    assert found is not None and found.pattern == "collect.listed"
    assert found.items == ("gait analysis", "stride evaluations")
    assert reader.collected(item) is None  # not under a collection heading: nothing is said
    # prose, not an item of a list, states its own practice
    assert reader.collected("Gait analysis improves over time.", listed_under_collection=True) is None


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("We share ride summaries with municipal planners so that they can plan.", ("municipal planners",)),
        ("We may disclose your shoe size to cobblers and podiatrists, for fit.", ("cobblers", "podiatrists")),
    ],
)
def test_sharing_statement_recipients(sentence: str, items: tuple[str, ...]) -> None:
    found = statement_reader().shared_with(sentence)
    assert found is not None and found.items == items


@pytest.mark.parametrize(
    "sentence",
    [
        "We do not share ride summaries with municipal planners.",
        "Cobblers may share your shoe size with podiatrists.",
        "We share ride summaries.",
    ],
)
def test_no_affirmed_sharing_with_recipients(sentence: str) -> None:
    assert statement_reader().shared_with(sentence) is None


def test_novel_words_skip_generic_and_known_words() -> None:
    reader = statement_reader()
    items = ("your shoe size", "other similar information", "Name", "gait")
    assert reader.novel(items, frozenset({"size"})) == ["shoe", "gait"]


@pytest.mark.parametrize(
    ("row", "header", "headings", "recipient"),
    [
        (
            "| Quillfeather Labs | Widget syncing | EU |",
            "Sub-processor | Purpose | Location",
            "",
            "Quillfeather Labs",
        ),
        (
            "| Payments | **Tallowmere GmbH** | Card data |",
            "**Purpose** | **Vendor** | **Data**",
            "",
            "Tallowmere GmbH",
        ),
        ("| Hosting | Brightbucket |", "Purpose | Third parties", "Annex", "Brightbucket"),
        ("| Name | QUILLFEATHER |", "", "Policy › Article 20 - Our sub-processors", "QUILLFEATHER"),
        ("| Company | Tallowmere |", " | ", "Service providers we use", "Tallowmere"),
    ],
)
def test_a_table_row_names_its_recipient_by_its_column_or_its_name_row(
    row: str, header: str, headings: str, recipient: str
) -> None:
    found = statement_reader().row_recipient(row, header, headings)
    assert found is not None and found.pattern == "share.row" and found.items == (recipient,)
    assert row[found.span[0] : found.span[1]] == recipient


@pytest.mark.parametrize(
    ("row", "header", "headings"),
    [
        ("| Invoices | 10 years |", "Record | Kept for", "Retention"),  # no recipients column
        ("| Name | Your full name |", "", "Information we collect"),  # a name row, not under recipients
        ("| Quillfeather |  |", "Purpose | Vendor", ""),  # the vendor cell is empty
        ("We share data with Quillfeather.", "Sub-processor | Purpose", ""),  # not a row
        ("| Purpose | Data |", "Sub-processor", "Our sub-processors"),  # a two-cell row, no name key
    ],
)
def test_rows_that_name_no_recipient(row: str, header: str, headings: str) -> None:
    assert statement_reader().row_recipient(row, header, headings) is None
