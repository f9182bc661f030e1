"""policydiff.text: normalisation (with its map back to the original), comparison keys, tokens."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policydiff.text as text_module
from policydiff.text import fold, mask_labels, normalise, sentences, token_strings, tokenize, word_set

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]

# text with the characters normalise cares about, mixed in often enough to matter
tricky_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [*INVISIBLE, "\u00a0", "\u2018", "\u2019", "\u201c", "\u201d", "\u0301", "\ufb01", "\u3000"]
            + ["\r\n", "\r", "\n", "\n\n\n", "\t", "  ", "a", "Z", "."]
        ),
    ),
    max_size=60,
).map("".join)


# --- normalise ---------------------------------------------------------------------------------


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_are_dropped(char: str) -> None:
    assert normalise(f"pri{char}vacy po{char}licy").text == "privacy policy"


def test_nfkc_composes_and_folds_compatibility_characters() -> None:
    assert normalise("cafe\u0301 \ufb01le \u2163").text == "caf\u00e9 file IV"


def test_a_combining_mark_after_an_invisible_character_still_composes() -> None:
    # the invisible character goes first, so the mark composes with its base as NFKC would
    assert normalise("cafe\u200b\u0301").text == "caf\u00e9"


def test_nbsp_and_other_spaces_become_one_space() -> None:
    assert normalise("30\u00a0days\u2009and\u3000more\t\there").text == "30 days and more here"


def test_curly_quotes_become_straight() -> None:
    text = normalise("the device\u2019s \u201cPolicy\u201d and \u2018this\u2019 \u00abbas\u00bb").text
    assert text == 'the device\'s "Policy" and \'this\' "bas"'


def test_white_space_is_folded_and_trailing_space_dropped() -> None:
    assert normalise("We  collect   your \t data.   \nNext line  ").text == "We collect your data.\nNext line"


def test_line_ends_become_newlines() -> None:
    assert normalise("one\r\ntwo\rthree\n").text == "one\ntwo\nthree"


def test_blank_lines_are_squeezed_to_one() -> None:
    assert normalise("\n\n  \nfirst\n\n\n\n \t \nsecond\n\n").text == "first\n\nsecond"


def test_indentation_is_kept_as_spaces() -> None:
    # nested list items are told apart by their indentation
    assert normalise("- item\n\t- nested").text == "- item\n - nested"
    assert normalise("- item\n    - nested").text == "- item\n    - nested"


def test_the_origin_map_points_back_into_the_original() -> None:
    raw = "\ufeffWe\u00a0\u00a0collect\r\n\r\n\r\n\u201cdata\u201d\u200b."
    normalised = normalise(raw)
    assert normalised.text == 'We collect\n\n"data".'
    assert len(normalised.origin) == len(normalised.text)
    for index, char in enumerate(normalised.text):
        if char.isalpha():
            assert raw[normalised.origin[index]] == char
    start = normalised.text.index("data")
    span = normalised.original_span(start, start + len("data"))
    assert raw[span[0] : span[1]] == "data"
    assert normalised.original_span(3, 3) == (3, 3)


@given(tricky_text)
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw).text
    assert normalise(once).text == once


@given(tricky_text)
def test_every_origin_index_is_within_the_original(raw: str) -> None:
    normalised = normalise(raw)
    assert len(normalised.origin) == len(normalised.text)
    assert all(0 <= index < len(raw) for index in normalised.origin)


@given(tricky_text)
def test_normalised_text_has_no_invisible_characters_or_odd_spaces(raw: str) -> None:
    text = normalise(raw).text
    assert not set(text) & {*INVISIBLE, "\r", "\t", "\u00a0", "\u2018", "\u2019", "\u201c", "\u201d"}
    assert "\n\n\n" not in text
    assert text == text.strip("\n") and not text.endswith(" ")
    assert unicodedata.is_normalized("NFKC", text)


def test_empty_and_blank_texts() -> None:
    assert normalise("").text == ""
    assert normalise(" \n\t\n\u200b").text == ""


# --- fold: the comparison key ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("See our [Terms of Service](https://joypix.ai/terms?utm_source=x).", "See our Terms of Service"),
        ("See our [Terms][1].", "See our Terms"),
        ("Write to https://joypix.ai/contact or www.joypix.ai today", "Write to or today"),
        ("**Personal Data:** Any information", "Personal Data: Any information"),
        ("_Last updated: March 23, 2026_", "Last updated March 23 2026"),
        ("WE COLLECT YOUR DATA", "we collect your data"),
        ("We collect, use; and share: data!", "We collect use and share data"),
        ("We  collect\nyour data", "We collect your data"),
        ("Stra\u00dfe", "STRASSE"),
    ],
)
def test_fold_ignores_links_markup_case_and_punctuation(left: str, right: str) -> None:
    assert fold(left) == fold(right)


def test_fold_keeps_the_words() -> None:
    assert fold("We do NOT sell your data.") == "we do not sell your data"
    assert fold("6 months") != fold("24 months")
    assert fold("") == ""


def test_word_set_is_the_set_of_folded_words() -> None:
    assert word_set("We share, we SELL [data](https://x.io)") == frozenset({"we", "share", "sell", "data"})


# --- sentences ---------------------------------------------------------------------------------


def test_sentences_split_after_end_marks() -> None:
    text = "We use cookies, e.g. pixels. We share data; we sell none! Really? Yes.\nNew line"
    assert [text[start:end].strip() for start, end in sentences(text)] == [
        "We use cookies, e.g. pixels.",
        "We share data;",
        "we sell none!",
        "Really?",
        "Yes.",
        "New line",
    ]


def test_sentences_do_not_split_abbreviations() -> None:
    text = "Data (i.e. logs, etc. and No. 5) is kept by J. Smith."
    assert sentences(text) == [(0, len(text))]


def test_an_address_ending_in_a_slash_ends_its_sentence() -> None:
    text = "Opt out at www.example.org/choices/. If you live in the EEA, visit the other site."
    assert [text[start:end].strip() for start, end in sentences(text)] == [
        "Opt out at www.example.org/choices/.",
        "If you live in the EEA, visit the other site.",
    ]
    stray = "Functional &. Performance cookies and/. the rest"
    assert sentences(stray) == [(0, len(stray))]  # a stop after a joiner ends nothing


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("_Read on for more._ We may change it.", "_Read on for more._"),
        ("**Note: we keep it.** We may change it.", "**Note: we keep it.**"),
        ("We keep it (for a year.) We may change it.", "We keep it (for a year.)"),
        ('He said "we keep it." We may change it.', 'He said "we keep it."'),
        (
            "See our [EEA Statement.](https://x.example/eea) We may change it.",
            "See our [EEA Statement.](https://x.example/eea)",
        ),
        # a footnote's mark after the stop closes the sentence with it
        ("We keep it for a year.[12] We may change it.", "We keep it for a year.[12]"),
        ("We keep it.[3](#note-3) We may change it.", "We keep it.[3](#note-3)"),
        ("We keep it for a year.^4 We may change it.", "We keep it for a year.^4"),
        ("We keep it for a year.¹² We may change it.", "We keep it for a year.¹²"),
    ],
)
def test_the_marks_that_close_a_sentence_stay_with_it(text: str, first: str) -> None:
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == [first, text[len(first) :]]


def test_sentences_of_empty_text() -> None:
    assert sentences("") == []
    assert sentences("  \n ") == []
    assert sentences("No end mark") == [(0, 11)]


@given(st.text(max_size=120))
def test_sentence_spans_are_ordered_and_cover_every_word(text: str) -> None:
    spans = sentences(text)
    assert all(start < end for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())


# --- tokenize ----------------------------------------------------------------------------------


def test_tokenize_words_spaces_and_punctuation_with_offsets() -> None:
    tokens = tokenize("Hi, you  2")
    assert [(t.text, t.start, t.end, t.is_word) for t in tokens] == [
        ("Hi", 0, 2, True),
        (",", 2, 3, False),
        (" ", 3, 4, False),
        ("you", 4, 7, True),
        ("  ", 7, 9, False),
        ("2", 9, 10, True),
    ]


@given(st.text())
def test_token_offsets_rebuild_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(token.text for token in tokens) == text
    assert all(text[token.start : token.end] == token.text for token in tokens)
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:], strict=False))
    assert [token.text for token in tokens] == token_strings(text)


_WHITE_AND_QUOTES = st.sampled_from(list("ab c.\n\t \u2019\u201c\x0b\x1c\u2028\u3000\u00a0"))


@settings(max_examples=300)
@given(st.text(_WHITE_AND_QUOTES, max_size=80))
def test_the_line_path_agrees_with_the_character_path(raw: str) -> None:
    translated = text_module._plain(raw.replace("\r", ""))
    if unicodedata.is_normalized("NFKC", translated):
        assert text_module._by_lines(translated) == text_module._by_characters(translated)


@settings(max_examples=300)
@given(
    st.text(
        st.sampled_from(list("ab \n\u00ad\u200b\u2060\ufeff\u2018\u201d\u00ab\u2033\u2009\u202f")),
        max_size=80,
    )
)
def test_plain_spaces_and_quotes_replace_character_for_character(raw: str) -> None:
    # what str.translate with the same table gives, found by a regex instead (issue 17: faster)
    assert text_module._plain(raw) == raw.translate(str.maketrans(text_module._PLAIN))
    assert len(text_module._plain(raw)) == len(raw)


def test_a_stray_stop_after_a_joiner_ends_no_sentence() -> None:
    text = "You can turn off Functional &. Performance cookies in Settings. Then reload."
    spans = sentences(text)
    assert [text[s:e].strip() for s, e in spans] == [
        "You can turn off Functional &. Performance cookies in Settings.",
        "Then reload.",
    ]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('Use the "Do Not Sell My Personal Information" link.', True),
        ("Open “Limit Ad Tracking” in Settings.", True),
        ('We said "we do not sell your data" before.', False),  # a statement, in lower case
        ('Press "OK" to go on.', False),  # too short to be told from a word in quotes
        # unquoted, named as a control or a link's text: blanked only where it would read as a denial
        ("Tap the Do Not Track My Rides toggle to stop it.", True),
        ("Use [Do Not Share My Trips](https://example.com/optout) to opt out.", True),
        ("We host your files with [Amazon Web Services](https://aws.example).", False),  # a party
        ("Read the Cookie Settings Overview page.", False),  # names no denial: it stays readable
        ("We do not sell the data you enter on the page.", False),
        ("Read our Cookie Policy to learn more.", True),  # another document's title states nothing
        ("Orders are governed by our Terms and Conditions of Sale.", True),  # … nor a sale by title
        ("We use cookies to remember you.", False),
        ("We make no sale of your data.", False),
    ],
)
def test_mask_labels_blanks_quoted_names_of_controls(text: str, masked: bool) -> None:
    out = mask_labels(text)
    assert len(out) == len(text)
    assert (out != text) is masked
    if masked:
        assert "Not" not in out and "Limit" not in out and "Cookie" not in out and "Sale" not in out


def test_read_text_keeps_what_a_reader_reads() -> None:
    from policydiff.text import read_text

    assert read_text("## 3. **Sharing** your data") == "3. Sharing your data"
    assert read_text("- We _do not_ sell [your data](https://example.com/a) \\[sic\\]") == (
        "We do not sell your data [sic]"
    )
    assert read_text("| Who | Why |\n| --- | :---: |\n| Stripe | payments |") == "Who Why Stripe payments"
    assert read_text("> * quoted item") == "quoted item"
    # a code span shows its text without its ticks; a lone tick is text
    assert (
        read_text("The line ``a `b` c`` and `127.0.0.1` are logged")
        == "The line a `b` c and 127.0.0.1 are logged"
    )
    assert read_text("It`s kept") == "It`s kept"
    # what is no markup stays: arithmetic, identifiers, hyphenated words, numbering
    assert read_text("5 * 3 = 15 for snake_case_name and opt-in, (a) first") == (
        "5 * 3 = 15 for snake_case_name and opt-in, (a) first"
    )


def test_same_reading_ignores_markup_but_not_words_punctuation_or_link_targets() -> None:
    from policydiff.text import same_reading

    assert same_reading("- We keep logs for **30 days**.", "We keep logs for 30 days.")
    assert not same_reading("We keep logs for 30 days.", "We keep logs for 30 days;")
    assert not same_reading("We keep logs for 30 days.", "We keep logs for 90 days.")
    # a format without links (plain text) loses a target; two links to different places differ
    assert same_reading("Opt out [here](https://a.example/opt-out).", "Opt out here.")
    assert not same_reading(
        "Opt out [here](https://a.example/opt-out).", "Opt out [here](https://b.example/)."
    )


def test_an_address_reads_alike_with_its_parentheses_escaped_or_not() -> None:
    from policydiff.text import same_reading

    assert same_reading(
        "[Form](https://a.example/form(FR)(v2).pdf)", "[Form](https://a.example/form%28FR%29%28v2%29.pdf)"
    )
    assert not same_reading(
        "[Form](https://a.example/form(FR).pdf)", "[Form](https://a.example/form(DE).pdf)"
    )


def test_a_links_words_may_hold_brackets() -> None:
    from policydiff.text import read_text, same_reading

    # "[[email protected]](…)" shows "[email protected]" (a capture's e-mail protection)
    assert read_text("Write to [[email protected]](https://a.example/cdn-cgi/l/email-protection#1).") == (
        "Write to [email protected]."
    )
    assert same_reading("Write to [[email protected]](https://a.example/e#1).", "Write to [email protected].")


def test_an_escaped_bullet_reads_as_the_bullet_a_page_or_pdf_shows() -> None:
    from policydiff.text import same_reading

    assert same_reading("\\- Canal+", "- Canal+")
    assert same_reading("• Call us on 555 0100; or", "- Call us on 555 0100; or")  # a typed bullet glyph
    assert not same_reading("\\- Canal+", "- Canal")


def test_spacing_around_punctuation_is_typography_not_wording() -> None:
    from policydiff.text import same_reading

    # a bold label set apart from its text in one format, run on in another
    assert same_reading("- **Cookies:**Small files on your device.", "- Cookies: Small files on your device.")
    assert same_reading('governed by the"Terms of Service"', 'governed by the "Terms of Service"')
    assert not same_reading("Cookies: small files, and pixels.", "Cookies: small files and pixels.")
    assert not same_reading("We keep logs for 30 days.", "We keep logs for 30 days, or more.")


def test_an_empty_heading_mark_on_its_own_line_is_markup() -> None:
    from policydiff.text import read_text

    assert read_text("###\nSupport cases") == "Support cases"
    assert read_text("#hashtag stays") == "#hashtag stays"


def test_a_numbered_item_holding_a_bullet_reads_the_same_in_any_marker() -> None:
    from policydiff.text import same_reading

    assert same_reading("1. * contact details", "1. - contact details")
    assert not same_reading("1. * contact details", "2. - contact details")


# characters that make normalisation take its every path: white space of all kinds, line ends,
# invisible characters, combining marks, compatibility forms, curly quotes, Hangul jamo
_NORMALISATION_ALPHABET = st.sampled_from(
    list("ab Z1.\n\t\r")
    + ["\r\n", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u0301", "\u0308", "\u00a8"]
    + ["\ufb01", "\u2460", "\uff21", "\u201c", "\u2019", "\u1100", "\u1161", "\u3000", "\u2028", "\x0b", "  "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NORMALISATION_ALPHABET, max_size=60).map("".join))
def test_the_text_only_normaliser_gives_the_same_text_as_the_mapped_one(raw: str) -> None:
    from policydiff.text import normalise, normalise_text

    assert normalise_text(raw) == normalise(raw).text


_LINK_ALPHABET = st.sampled_from(
    list("ab []()!:/.wWhHtTpPsSmMaAiIlLoO")
    + ["http://", "HTTPS://", "www.", "WWW.", "mailto:", "MAILTO:", "](", "[x](y)", "[a][b]", " "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINK_ALPHABET, max_size=30).map("".join))
def test_strip_links_skips_its_substitutions_only_where_they_would_find_nothing(text: str) -> None:
    from policydiff.text import _MD_REF, _URL, MD_LINK, strip_links

    expected = _URL.sub(" ", _MD_REF.sub(r"\1", MD_LINK.sub(r"\1", text)))
    assert strip_links(text) == expected


def test_list_opener_is_the_lead_ins_last_sentence_when_it_opens_a_list() -> None:
    from policydiff.text import list_opener

    assert list_opener("We keep logs. We share your data with:  ") == "We share your data with:"
    assert list_opener("We share your data with:") == "We share your data with:"
    assert list_opener("Recipient | Purpose") is None  # a table's header row opens no list


@pytest.mark.parametrize(
    ("dotted", "plain"),
    [("the U.S.", "the US"), ("e.g., names", "eg, names"), ("U.S.A", "USA"), ("the U.K", "the UK")],
)
def test_an_abbreviation_with_stops_folds_as_the_word_without_them(dotted: str, plain: str) -> None:
    assert fold(dotted) == fold(plain)


def test_a_sentence_ending_in_a_letter_keeps_its_words_apart() -> None:
    assert fold("Plan a. Then b.") == "plan a then b"
    assert fold("Section 3.1 of e.github") == "section 3 1 of e github"


# sentences of ASCII words, stops, abbreviations and the marks that send a text down the slow path
_SENTENCE_PARTS = st.sampled_from(
    [
        "We",
        "share",
        "U.S.",
        "e.g.",
        "data",
        "Inc.",
        ".",
        ";",
        "!",
        "?",
        " ",
        "  ",
        "\n",
        ",",
        "_x_",
        "3.5",
        "A.B",
        "[link](https://x.io)",
        "www.x.com",
        "mailto:a@b.c",
        "caf\u00e9",
        "\u00df",
        "'s",
        "-",
    ]
)


@given(st.lists(_SENTENCE_PARTS, max_size=40).map(" ".join))
def test_folded_sentences_is_the_fold_of_each_sentence(text: str) -> None:
    # (an ASCII text without links is read in one pass: the same keys as sentence by sentence)
    expected = frozenset(key for start, end in sentences(text) if (key := fold(text[start:end])))
    assert text_module.folded_sentences(text) == expected
