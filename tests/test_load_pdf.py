"""policydiff.load.pdf: PDFs written byte by byte here, with and without a text layer, damaged, locked."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.errors import InputError
from policydiff.load import load, source_kind
from policydiff.model import ClauseKind
from policydiff.segment import segment

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
HELVETICA_BOLD = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
# A CID font without a ToUnicode map: its glyphs have no characters, as in some exported PDFs.
UNMAPPED_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts [<< /Type /Font"
    b" /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
    b" /Supplement 0 >> /DW 500 >>] >>"
)
# A standard security handler whose user password is not empty: nothing opens without it.
LOCKED = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
IMAGE_ONLY = b"q 100 0 0 100 72 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q"


def build_pdf(contents: list[bytes], *, font: bytes = HELVETICA, encrypt: bytes | None = None) -> bytes:
    """A PDF 1.4 file: one page per content stream, Helvetica as F1 (its bold as F2), a correct
    cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font, HELVETICA_BOLD]
    pages = []
    for content in contents:
        pages.append(len(objects) + 1)
        resources = b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            + resources
            + b" /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    kids = b" ".join(b"%d 0 R" % number for number in pages)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages)
    trailer = b""
    if encrypt is not None:
        objects.append(encrypt)
        file_id = b"<00112233445566778899aabbccddeeff>"
        trailer = b" /Encrypt %d 0 R /ID [%s %s]" % (len(objects), file_id, file_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_page(*paragraphs: list[str]) -> bytes:
    """A page of text: lines 14 pt apart, paragraphs 30 pt apart (pdfminer's blank line between them)."""
    lines = [b"BT /F1 11 Tf"]
    y = 740
    for paragraph in paragraphs:
        for line in paragraph:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            lines.append(b"1 0 0 1 72 %d Tm (%s) Tj" % (y, escaped.encode("cp1252")))
            y -= 14
        y -= 16
    lines.append(b"ET")
    return b"\n".join(lines)


POLICY_PAGES = [
    text_page(
        ["Acme Privacy Policy"],
        ["Last updated: March 17, 2026"],
        ["1. Information We Collect"],
        ["We collect your email address and your device", "identifiers when you use the app."],
        ["\u2022 Contact details", "\u2022 Usage data"],
        ["1"],
    ),
    text_page(["Page 2 of 2"], ["2. Sharing"], ["We do not sell your personal information (ever)."]),
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load(str(path))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert caught.value.exit_code == 2
    return message


def test_text_layer_keeps_paragraphs_and_drops_page_numbers(tmp_path: Path) -> None:
    document = load(str(write(tmp_path, "policy.pdf", build_pdf(POLICY_PAGES))))
    assert document.format == "pdf"
    # a paragraph's lines are one paragraph; bullet glyphs are list items; page numbers are gone
    assert document.original == (
        "Acme Privacy Policy\n\nLast updated: March 17, 2026\n\n1. Information We Collect\n\n"
        "We collect your email address and your device identifiers when you use the app.\n\n"
        "- Contact details\n\n- Usage data\n\n2. Sharing\n\n"
        "We do not sell your personal information (ever)."
    )
    assert document.date == "2026-03-17"


def _page_with(body: str, *edges: tuple[int, str]) -> bytes:
    return b"\n".join([_line(72, 400, 11, body), *(_line(72, y, 11, text) for y, text in edges)])


def test_a_line_at_one_height_atop_most_pages_is_a_running_header(tmp_path: Path) -> None:
    pages = [_page_with(f"Clause {n}.", (760, "Acme Privacy Policy")) for n in (1, 2, 3)]
    text = load(str(write(tmp_path, "running.pdf", build_pdf(pages)))).original
    assert text == "Clause 1.\n\nClause 2.\n\nClause 3."


def test_a_short_item_in_the_margins_at_other_heights_is_text(tmp_path: Path) -> None:
    # a long list's "0 votes" falls in a page's top or bottom tenth by chance, at any height
    edges = [(765, "0 votes"), (730, "0 votes"), (60, "0 votes")]
    pages = [_page_with(f"Clause {n}.", edge) for n, edge in enumerate(edges, 1)]
    text = load(str(write(tmp_path, "margins.pdf", build_pdf(pages)))).original
    assert text.count("0 votes") == 3


def test_segment_reads_headings_paragraphs_and_items_of_a_pdf(tmp_path: Path) -> None:
    outline = segment(load(str(write(tmp_path, "policy.pdf", build_pdf(POLICY_PAGES)))))
    kinds = {leaf.text.split("\n")[0]: leaf.kind for leaf in outline.leaves()}
    assert kinds["1. Information We Collect"] is ClauseKind.HEADING
    assert kinds["2. Sharing"] is ClauseKind.HEADING
    assert kinds["- Contact details"] is ClauseKind.ITEM
    assert kinds["We collect your email address and your device identifiers when you use the app."] is (
        ClauseKind.PARAGRAPH
    )


def test_a_pdf_is_sniffed_whatever_its_name(tmp_path: Path) -> None:
    data = build_pdf(POLICY_PAGES)
    assert source_kind("-", data) == "pdf"
    assert source_kind("policy.txt", data) == "pdf"
    assert load(str(write(tmp_path, "policy.txt", data))).format == "pdf"
    assert source_kind("notes.md", b"%PDF- is how a PDF file starts\n") == "pdf"
    assert source_kind("notes.md", b"A PDF file starts with %PDF-\n") == "markdown"


def test_an_image_only_pdf_is_refused_as_having_no_text_layer(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "scan.pdf", build_pdf([IMAGE_ONLY, IMAGE_ONLY])))
    assert "no text layer" in message and "OCR" in message


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "locked.pdf", build_pdf(POLICY_PAGES, encrypt=LOCKED)))
    assert "password-protected" in message


def test_glyphs_without_characters_are_refused(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    content = b"BT /F1 11 Tf 72 700 Td <00410042004300440045> Tj 0 -14 Td <0046004700480049> Tj ET"
    message = load_error(write(tmp_path, "cid.pdf", build_pdf([content], font=UNMAPPED_FONT)))
    assert "map no characters to Unicode" in message
    assert capfd.readouterr().err == ""  # pdfminer's warning about the font stays off stderr


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.4\ngarbage that is no PDF at all\n", "not a readable PDF"),
        (build_pdf(POLICY_PAGES)[:400], "not a readable PDF"),
        (b"<html><body>Access denied</body></html>", "not a PDF file"),
    ],
    ids=["garbage", "truncated", "html-named-pdf"],
)
def test_damaged_pdfs_are_refused_in_one_line(tmp_path: Path, data: bytes, problem: str) -> None:
    assert problem in load_error(write(tmp_path, "broken.pdf", data))


def test_pdf_logging_reaches_an_application_that_asks_for_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = b"BT /F1 11 Tf 72 700 Td <00410042> Tj ET"
    with caplog.at_level(logging.WARNING, logger="pdfminer"):
        load_error(write(tmp_path, "cid.pdf", build_pdf([content], font=UNMAPPED_FONT)))
    assert any(record.name.startswith("pdfminer") for record in caplog.records)


def test_diff_of_two_pdfs_from_the_command_line(tmp_path: Path) -> None:
    old = write(tmp_path, "old.pdf", build_pdf(POLICY_PAGES))
    changed = text_page(["2. Sharing"], ["We sell your personal information to advertisers."])
    new = write(tmp_path, "new.pdf", build_pdf([POLICY_PAGES[0], changed]))
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"sharing"' in result.stdout and "advertisers" in result.stdout


def test_a_bad_pdf_on_the_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    scan = write(tmp_path, "scan.pdf", build_pdf([IMAGE_ONLY]))
    result = CliRunner().invoke(app, ["diff", str(scan), str(scan)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no text layer" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_pdf_builder_makes_what_pdfminer_reads() -> None:
    from pdfminer.high_level import extract_text

    assert extract_text(io.BytesIO(build_pdf([text_page(["Hello (world)"])]))).strip() == "Hello (world)"


def _line(x: int, y: int, size: int, words: str) -> bytes:
    escaped = words.replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 %d Tf 1 0 0 1 %d %d Tm (%s) Tj ET" % (size, x, y, escaped.encode("cp1252"))


def _bold(x: int, y: int, size: int, words: str) -> bytes:
    return _line(x, y, size, words).replace(b"/F1 ", b"/F2 ")


def _dot(x: int, y: int) -> bytes:
    """A bullet drawn as a small filled square, as browsers and Word print one."""
    return b"%d %d 4 4 re f" % (x, y)


def test_a_printed_layout_reads_as_the_document_it_came_from(tmp_path: Path) -> None:
    header = _line(72, 770, 8, "Example Inc. Privacy Policy")  # a running header on every page
    pages = [
        b"\n".join(
            [
                header,
                _line(72, 700, 20, "Privacy Policy"),
                _line(72, 660, 15, "Data we collect"),
                _line(72, 630, 11, "We collect the following information when you create an account with"),
                _line(72, 616, 11, "us, and we keep it while the account stays open."),
                _dot(80, 593),
                _line(92, 590, 11, "Your email address"),
                _dot(80, 575),
                _line(92, 572, 11, "Your phone number"),
                _line(72, 540, 11, "We use the infor-"),
                _line(72, 526, 11, "mation to run the service and to answer in-"),
                _line(72, 512, 11, "app questions; information is never sold."),
                _line(300, 40, 9, "1"),
            ]
        ),
        b"\n".join(
            [
                header,
                _line(72, 700, 15, "Sharing"),
                _line(72, 670, 11, "We share nothing."),
                _line(300, 40, 9, "2"),
            ]
        ),
        b"\n".join(
            [
                header,
                _line(72, 700, 15, "Contact"),
                _line(72, 670, 11, "Write to us."),
                _line(300, 40, 9, "3"),
            ]
        ),
    ]
    text = load(str(write(tmp_path, "printed.pdf", build_pdf(pages)))).original
    assert text == (
        "# Privacy Policy\n\n## Data we collect\n\n"
        "We collect the following information when you create an account with us, and we keep it while"
        " the account stays open.\n\n- Your email address\n\n- Your phone number\n\n"
        "We use the information to run the service and to answer in-app questions; information is never"
        " sold.\n\n## Sharing\n\nWe share nothing.\n\n## Contact\n\nWrite to us."
    )


def test_a_bulleted_number_at_a_pages_end_is_an_item_not_a_page_number(tmp_path: Path) -> None:
    first = b"\n".join(
        [
            _line(72, 700, 11, "Votes on each answer:"),
            *[_dot(80, 683), _line(92, 680, 11, "12")],
            *[_dot(80, 43), _line(92, 40, 11, "0")],  # the page's last line, where page numbers stand
        ]
    )
    second = b"\n".join([_line(72, 700, 11, "That is all."), _line(300, 40, 9, "2")])
    text = load(str(write(tmp_path, "votes.pdf", build_pdf([first, second])))).original
    assert text == "Votes on each answer:\n\n- 12\n\n- 0\n\nThat is all."


def test_dashed_items_nest_by_their_indentation(tmp_path: Path) -> None:
    page = b"\n".join(
        [
            _line(72, 700, 11, "We collect:"),
            _line(72, 680, 11, "- contact details"),
            _line(96, 666, 11, "- your email address"),
            _line(72, 652, 11, "- usage data"),
        ]
    )
    text = load(str(write(tmp_path, "dashed.pdf", build_pdf([page])))).original
    assert text == "We collect:\n\n- contact details\n\n  - your email address\n\n- usage data"


def test_a_cells_second_paragraph_stays_in_its_cell(tmp_path: Path) -> None:
    # a printed table: each cell a text box of its own, a cell's second paragraph another box below
    # it, parted as Markdown tables part a cell's paragraphs
    page = b"\n".join(
        [
            _line(72, 730, 11, "We collect these kinds of data:"),
            _line(80, 700, 11, "Kind"),
            _line(250, 700, 11, "What"),
            _line(80, 670, 11, "Usage data"),
            _line(250, 670, 11, "Pages you visit."),
            _line(250, 640, 11, "Time spent on each page."),
            _line(80, 610, 11, "Contact"),
            _line(250, 610, 11, "Your email."),
            _line(72, 560, 11, "We keep them for a year."),
        ]
    )
    text = load(str(write(tmp_path, "table.pdf", build_pdf([page])))).original
    assert text == (
        "We collect these kinds of data:\n\n| Kind | What |\n| --- | --- |\n"
        "| Usage data | Pages you visit.<br><br>Time spent on each page. |\n| Contact | Your email. |\n\n"
        "We keep them for a year."
    )


def test_items_in_a_cell_each_start_a_line_and_a_wrapped_dash_stays_text(tmp_path: Path) -> None:
    # "<br>* item" in a cell: the second item follows a wrapped line that ends without a full stop,
    # but short of the cell's edge, so a line break (not a wrap) put its asterisk first; the
    # asterisk is the page's text and stays
    page = b"\n".join(
        [
            *[_line(80, 700, 11, "Kind"), _line(250, 700, 11, "What")],
            _line(80, 670, 11, "Sharing"),
            _line(250, 670, 11, "We may share it when:"),
            _line(250, 656, 11, "* a court orders us to, or a"),  # the widest: the next word wrapped
            _line(250, 642, 11, "regulator asks; or"),
            _line(250, 628, 11, "* you ask us to."),
            _line(72, 540, 11, "We work with partners in every country and in every"),
            _line(72, 526, 11, "- or nearly every - market."),  # the line above is full: a wrap
        ]
    )
    text = load(str(write(tmp_path, "items.pdf", build_pdf([page])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n"
        "| Sharing | We may share it when:<br>* a court orders us to, or a regulator asks; or<br>"
        "* you ask us to. |\n\n"
        "We work with partners in every country and in every - or nearly every - market."
    )


def test_an_asterisk_after_a_full_line_of_an_asterisk_item_starts_the_next_item(tmp_path: Path) -> None:
    # the item's wrapped line fills its column and ends without a full stop: only the marker, the
    # same as its item's, says that "* " starts the next item rather than wrapping onto the line
    page = b"\n".join(
        [
            *[_line(80, 700, 11, "Kind"), _line(250, 700, 11, "What")],
            _line(80, 670, 11, "Account"),
            _line(250, 670, 11, "* Your email"),
            _line(250, 656, 11, "* Payment and identity"),
            _line(250, 642, 11, "verification data we hold"),
            _line(250, 628, 11, "* Content you post"),
            *[_line(80, 600, 11, "Usage"), _line(250, 600, 11, "Pages.")],
        ]
    )
    text = load(str(write(tmp_path, "asterisks.pdf", build_pdf([page])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n| Account | * Your email<br>* Payment and identity verification"
        " data we hold<br>* Content you post |\n| Usage | Pages. |"
    )


def test_a_line_break_in_a_cell_is_told_from_a_wrap_by_what_would_have_fit(tmp_path: Path) -> None:
    # a line ends short of its column's widest line by more than the next line's first word: a
    # <br> ended it; the widest line (here in the row above) wrapped, as its next word did not fit
    page = b"\n".join(
        [
            *[_line(80, 700, 11, "Kind"), _line(250, 700, 11, "What")],
            _line(80, 670, 11, "Contact"),
            _line(250, 670, 11, "Your email,"),
            _line(250, 656, 11, "your name, and"),
            _line(250, 642, 11, "your phone number, which we keep while your"),
            _line(250, 628, 11, "account stays open."),
            *[_line(80, 600, 11, "Usage"), _line(250, 600, 11, "Pages,")],
            _line(250, 586, 11, "clicks."),
        ]
    )
    text = load(str(write(tmp_path, "breaks.pdf", build_pdf([page])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n| Contact | Your email,<br>your name, and<br>your phone number, "
        "which we keep while your account stays open. |\n| Usage | Pages,<br>clicks. |"
    )


def test_a_row_that_runs_onto_the_next_page_under_its_repeated_header_is_one_row(tmp_path: Path) -> None:
    def header(y: int) -> list[bytes]:
        return [_line(80, y, 11, "Kind"), _line(250, y, 11, "What")]

    first = b"\n".join(
        [
            *header(700),
            *[_line(80, 670, 11, "Usage data"), _line(250, 670, 11, "Pages you visit.")],
            *[_line(80, 640, 11, "Device data"), _line(250, 640, 11, "Model and")],
        ]
    )
    second = b"\n".join(
        [
            *header(700),
            _line(250, 670, 11, "operating system."),  # the cell goes on under the repeated header
            *[_line(80, 640, 11, "Contact"), _line(250, 640, 11, "Your email.")],
            _line(72, 590, 11, "That is all."),
        ]
    )
    text = load(str(write(tmp_path, "pages.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n| Usage data | Pages you visit. |\n"
        "| Device data | Model and operating system. |\n| Contact | Your email. |\n\nThat is all."
    )


def test_a_bold_heading_above_a_table_with_a_bold_header_stays_a_heading(tmp_path: Path) -> None:
    # the table heads itself (bold cells): the bold line above it is the section's heading
    page = b"\n".join(
        [
            _bold(100, 722, 11, "Devices"),
            *[_bold(80, 700, 11, "Kind"), _bold(250, 700, 11, "What")],
            *[_line(80, 680, 11, "Model"), _line(250, 680, 11, "The make of your phone.")],
        ]
    )
    text = load(str(write(tmp_path, "heading.pdf", build_pdf([page])))).original
    assert text == "**Devices**\n\n| Kind | What |\n| --- | --- |\n| Model | The make of your phone. |"


def test_a_lone_bold_box_above_a_table_is_its_header_row(tmp_path: Path) -> None:
    # "| Specification | |": a header with one cell filled prints as one box, not a row of boxes
    page = b"\n".join(
        [
            _bold(120, 700, 11, "Specification"),
            *[_line(80, 680, 11, "Purpose"), _line(250, 680, 11, "Running the service.")],
            *[_line(80, 660, 11, "Basis"), _line(250, 660, 11, "Our contract with you.")],
        ]
    )
    text = load(str(write(tmp_path, "header.pdf", build_pdf([page])))).original
    assert text == (
        "| Specification |  |\n| --- | --- |\n| Purpose | Running the service. |\n"
        "| Basis | Our contract with you. |"
    )


def test_a_lone_bold_box_above_a_later_table_on_the_page_is_its_header_row(tmp_path: Path) -> None:
    # the page's first table has a header of its own; the second, after text, has a lone bold one
    # (centred over its first column); a bold box under a row, at its cell's edge, stays in the cell
    page = b"\n".join(
        [
            *[_line(80, 720, 11, "Kind"), _line(250, 720, 11, "What")],
            *[_line(80, 700, 11, "Usage"), _line(250, 700, 11, "Pages you visit.")],
            _bold(250, 680, 11, "Kept short"),
            *[_line(80, 655, 11, "Contact"), _line(250, 655, 11, "Your email.")],
            _line(72, 630, 11, "For each purpose:"),
            _bold(100, 600, 11, "Specification"),
            *[_line(80, 580, 11, "Purpose"), _line(250, 580, 11, "Running the service.")],
            *[_line(80, 560, 11, "Basis"), _line(250, 560, 11, "Our contract with you.")],
        ]
    )
    text = load(str(write(tmp_path, "later.pdf", build_pdf([page])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n| Usage | Pages you visit.<br><br>Kept short |\n"
        "| Contact | Your email. |\n\nFor each purpose:\n\n"
        "| Specification |  |\n| --- | --- |\n| Purpose | Running the service. |\n"
        "| Basis | Our contract with you. |"
    )


@pytest.mark.parametrize(
    ("cut", "rest", "repeated", "cell"),
    [
        # the browser repeats the lone bold header atop the next page; the cell cut by the page
        # break goes on under it, and the rows after it are the same table's, not a new table
        ("Your email,", "your name.", True, "Your email, your name."),
        # "Your email, and" ends a member; "Your name." atop the next page, capitalised, starts one:
        # the cell's members are paragraphs, as on the page
        ("Your email, and", "Your name.", False, "Your email, and<br><br>Your name."),
        ("Your email, and", "Your name.", True, "Your email, and<br><br>Your name."),
    ],
)
def test_a_cell_cut_by_a_page_break_goes_on_in_the_same_row(
    tmp_path: Path, cut: str, rest: str, repeated: bool, cell: str
) -> None:
    first = b"\n".join(
        [
            _line(72, 730, 11, "For each purpose:"),
            _bold(100, 700, 11, "Specification"),
            *[_line(80, 680, 11, "Purpose"), _line(250, 680, 11, "Running the service.")],
            *[_line(80, 660, 11, "Data"), _line(250, 660, 11, cut)],
        ]
    )
    second = b"\n".join(
        [
            *([_bold(100, 740, 11, "Specification")] if repeated else []),
            _line(250, 720, 11, rest),
            *[_line(80, 700, 11, "Basis"), _line(250, 700, 11, "Our contract with you.")],
            *[_line(80, 680, 11, "Kept"), _line(250, 680, 11, "For a year.")],
        ]
    )
    text = load(str(write(tmp_path, "resumed.pdf", build_pdf([first, second])))).original
    assert text == (
        "For each purpose:\n\n| Specification |  |\n| --- | --- |\n| Purpose | Running the service. |\n"
        f"| Data | {cell} |\n| Basis | Our contract with you. |\n| Kept | For a year. |"
    )


def test_a_row_split_by_a_page_break_is_one_row_and_the_same_header_later_a_new_table(
    tmp_path: Path,
) -> None:
    def header(y: int) -> list[bytes]:
        return [_line(80, y, 11, "Purpose"), _line(250, y, 11, "Data")]

    first = b"\n".join(
        [
            *header(700),
            *[_line(80, 670, 11, "Running the"), _line(250, 670, 11, "Your email")],
        ]
    )
    second = b"\n".join(
        [
            *header(700),
            *[_line(80, 670, 11, "service for you"), _line(250, 670, 11, "and your name")],  # the row goes on
            *[_line(80, 640, 11, "Billing"), _line(250, 640, 11, "Your card")],
            _line(72, 600, 11, "Another table follows."),
            *header(570),  # the same header after other text: a table of its own
            *[_line(80, 540, 11, "Support"), _line(250, 540, 11, "Your messages")],
        ]
    )
    text = load(str(write(tmp_path, "split.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Running the service for you | Your email and your name |\n"
        "| Billing | Your card |\n\nAnother table follows.\n\n"
        "| Purpose | Data |\n| --- | --- |\n| Support | Your messages |"
    )


def test_a_row_cut_before_a_capitalised_word_runs_on_where_another_cell_does(tmp_path: Path) -> None:
    # "… renew your" / "Subscription." starts in capitals, but the cell beside it ("… under" /
    # "your contract.") goes on mid-sentence under a cell that stopped short of a full stop
    def header(y: int) -> list[bytes]:
        return [_line(80, y, 11, "Purpose"), _line(250, y, 11, "Basis")]

    first = b"\n".join(
        [*header(700), _line(80, 670, 11, "To renew your"), _line(250, 670, 11, "Performed under")]
    )
    second = b"\n".join(
        [
            *header(700),
            *[_line(80, 670, 11, "Subscription."), _line(250, 670, 11, "your contract.")],
            *[_line(80, 640, 11, "Billing"), _line(250, 640, 11, "A legal duty.")],
        ]
    )
    text = load(str(write(tmp_path, "cut.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Purpose | Basis |\n| --- | --- |\n"
        "| To renew your Subscription. | Performed under your contract. |\n| Billing | A legal duty. |"
    )


def test_a_new_row_atop_a_page_stays_a_row_after_a_finished_one(tmp_path: Path) -> None:
    def header(y: int) -> list[bytes]:
        return [_line(80, y, 11, "Purpose"), _line(250, y, 11, "Data")]

    first = b"\n".join([*header(700), _line(80, 670, 11, "Support."), _line(250, 670, 11, "Your messages.")])
    second = b"\n".join([*header(700), _line(80, 670, 11, "Billing"), _line(250, 670, 11, "card numbers")])
    text = load(str(write(tmp_path, "rows.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Support. | Your messages. |\n| Billing | card numbers |"
    )


def test_a_bold_lead_that_wraps_into_its_paragraph_is_no_heading(tmp_path: Path) -> None:
    # "**With partners whose services you bought through** / **us.** When you buy …": the bold
    # lead's first line is wholly bold, the next starts bold and goes on in regular type
    page = b"\n".join(
        [
            _line(72, 720, 11, "We share little."),
            _bold(72, 690, 11, "With partners whose services you bought through"),
            _bold(72, 676, 11, "us."),
            _line(92, 676, 11, "When you buy one, they get your email address."),
            _bold(72, 640, 11, "Security"),
            _line(72, 626, 11, "We encrypt your data."),
        ]
    )
    text = load(str(write(tmp_path, "lead.pdf", build_pdf([page])))).original
    assert text == (
        "We share little.\n\nWith partners whose services you bought through us. When you buy one, "
        "they get your email address.\n\n**Security**\n\nWe encrypt your data."
    )


def test_a_bold_heading_that_wraps_onto_a_short_bold_line_is_one_heading(tmp_path: Path) -> None:
    # "**Will my data be used when we advertise with other** / **companies?**": the second line is
    # bold, in the same box, right below; no heading by itself, it goes on the first
    page = b"\n".join(
        [
            _line(72, 720, 11, "We send you emails."),
            _bold(72, 690, 11, "Will my data be used when we advertise with other"),
            _bold(72, 676, 11, "companies?"),
            _line(72, 650, 11, "If you have an account, we might use it."),
        ]
    )
    text = load(str(write(tmp_path, "wrapped.pdf", build_pdf([page])))).original
    assert text == (
        "We send you emails.\n\n**Will my data be used when we advertise with other companies?**\n\n"
        "If you have an account, we might use it."
    )


def test_a_compound_the_document_hyphenates_keeps_its_hyphen_across_a_line_break(tmp_path: Path) -> None:
    # "add-" / "ons" where the text writes "add-ons" elsewhere (and "addons" too): not a layout's
    # hyphenation; "infor-" / "mation" is
    page = b"\n".join(
        [
            _line(72, 720, 11, "Some add-ons and addons hold information."),
            _line(72, 690, 11, "We check each add-"),
            _line(72, 676, 11, "ons list and the infor-"),
            _line(72, 662, 11, "mation in it."),
        ]
    )
    text = load(str(write(tmp_path, "hyphen.pdf", build_pdf([page])))).original
    assert text.endswith("We check each add-ons list and the information in it.")


def test_a_link_written_out_as_text_wrapped_between_its_brackets_joins_without_a_space(
    tmp_path: Path,
) -> None:
    # a browser may wrap "[Contact us](#contact)" between "]" and "(" though no space stands there
    page = b"\n".join(
        [_line(72, 720, 11, "Contents: [Our data]"), _line(72, 706, 11, "(#our-data) and more.")]
    )
    text = load(str(write(tmp_path, "link.pdf", build_pdf([page])))).original
    assert text.endswith("Contents: [Our data](#our-data) and more.")


def test_a_list_number_printed_apart_from_its_item_leads_it(tmp_path: Path) -> None:
    # "1. * contact details" in Markdown: the number in a box of its own, a bullet drawn beside the item
    page = b"\n".join(
        [
            _line(72, 730, 11, "We collect:"),
            _line(48, 700, 11, "1."),
            _dot(80, 703),
            _line(94, 700, 11, "contact details, such as your email address"),
            _line(94, 686, 11, "and your phone number;"),
            _line(48, 660, 11, "2."),
            _dot(80, 663),
            _line(94, 660, 11, "account details."),
        ]
    )
    text = load(str(write(tmp_path, "numbers.pdf", build_pdf([page])))).original
    assert text == (
        "We collect:\n\n1. - contact details, such as your email address and your phone number;\n\n"
        "2. - account details."
    )


def test_a_repeated_header_joined_to_the_cell_below_it_is_told_apart(tmp_path: Path) -> None:
    # the layout analysis puts the bold header cell a browser repeats and the cell text running on
    # under it into one box: the bold lines are the header, the rest continues the row before
    first = b"\n".join(
        [
            *[_bold(80, 700, 11, "Kind"), _bold(250, 700, 11, "What")],
            *[_line(80, 670, 11, "Usage data"), _line(250, 670, 11, "Pages you visit and")],
        ]
    )
    second = b"\n".join(
        [
            *[_bold(80, 700, 11, "Kind"), _bold(250, 700, 11, "What")],
            _line(250, 684, 11, "the time you spend there."),
            *[_line(80, 650, 11, "Contact"), _line(250, 650, 11, "Your email.")],
        ]
    )
    text = load(str(write(tmp_path, "joined.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n| Usage data | Pages you visit and the time you spend there. |\n"
        "| Contact | Your email. |"
    )


def _rule(x: float, y: float, width: float, height: float) -> bytes:
    """A cell border as a browser prints one: a thin filled rectangle."""
    return b"%.1f %.1f %.1f %.1f re f" % (x, y, width, height)


def _ruled_rows(tops: list[int], bottom: int) -> list[bytes]:
    """The borders of a two-column table: a rule atop each row at ``tops`` (text baselines), the
    columns' sides from the first down to ``bottom``."""
    lines = [_rule(70, top + 14, 350, 0.7) for top in tops]
    return lines + [_rule(x, bottom, 0.7, tops[0] + 14.7 - bottom) for x in (70, 240, 420)]


def test_paragraphs_level_in_a_ruled_table_without_a_border_above_stay_in_their_row(tmp_path: Path) -> None:
    page = b"\n".join(
        [
            *_ruled_rows([700, 670, 590], 570),
            *[_line(80, 700, 11, "Kind"), _line(250, 700, 11, "What")],
            *[_line(80, 670, 11, "Usage data"), _line(250, 670, 11, "Pages you visit.")],
            # each cell's second paragraph starts level with the other's: no border, no new row
            *[_line(80, 630, 11, "It helps us."), _line(250, 630, 11, "We keep it.")],
            *[_line(80, 590, 11, "Device data"), _line(250, 590, 11, "Model.")],
        ]
    )
    text = load(str(write(tmp_path, "ruled.pdf", build_pdf([page])))).original
    assert text == (
        "| Kind | What |\n| --- | --- |\n"
        "| Usage data<br><br>It helps us. | Pages you visit.<br><br>We keep it. |\n| Device data | Model. |"
    )


def test_a_ruled_row_with_no_border_atop_the_next_page_runs_on_there(tmp_path: Path) -> None:
    # both cells end in a full stop and go on with a capital: only the missing border says the row
    # runs on (a browser draws none at a break: CSS box-decoration-break: slice)
    first = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *[_line(80, 700, 11, "Purpose"), _line(250, 700, 11, "Data")],
            *[_line(80, 670, 11, "Support."), _line(250, 670, 11, "Your messages.")],
        ]
    )
    second = b"\n".join(
        [
            _rule(70, 600, 0.7, 120) + b"\n" + _rule(240, 600, 0.7, 120) + b"\n" + _rule(420, 600, 0.7, 120),
            *[_line(80, 700, 11, "Chats too."), _line(250, 700, 11, "Call notes.")],
            *_ruled_rows([660], 600)[:1],
            *[_line(80, 660, 11, "Billing"), _line(250, 660, 11, "Your card.")],
        ]
    )
    text = load(str(write(tmp_path, "runs.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Support. Chats too. | Your messages. Call notes. |\n"
        "| Billing | Your card. |"
    )


def test_a_box_under_a_drawn_border_of_its_own_is_a_row_with_one_cell_filled(tmp_path: Path) -> None:
    # "| Who we are | |" right below a row: close enough to be that cell's next paragraph, but a
    # border drawn atop it opens a row
    page = b"\n".join(
        [
            *_ruled_rows([700, 670, 650], 630),
            *[_line(80, 700, 11, "Topic"), _line(250, 700, 11, "Answer")],
            *[_line(80, 670, 11, "Questions?"), _line(250, 670, 11, "Call us.")],
            _line(80, 650, 11, "Who we are"),
        ]
    )
    text = load(str(write(tmp_path, "own.pdf", build_pdf([page])))).original
    assert text == "| Topic | Answer |\n| --- | --- |\n| Questions? | Call us. |\n| Who we are |  |"


def test_a_row_that_runs_over_a_whole_page_goes_on_onto_the_next(tmp_path: Path) -> None:
    # the middle page holds only the repeated header and the row's middle: the row runs on still
    def header(y: int) -> list[bytes]:
        return [_line(80, y, 11, "Purpose"), _line(250, y, 11, "Data")]

    pages = [
        b"\n".join([*header(700), _line(80, 670, 11, "Running the"), _line(250, 670, 11, "Your email,")]),
        b"\n".join([*header(700), _line(250, 670, 11, "your name,")]),
        b"\n".join(
            [
                *header(700),
                _line(250, 670, 11, "and your phone."),
                *[_line(80, 640, 11, "Billing"), _line(250, 640, 11, "Your card.")],
            ]
        ),
    ]
    text = load(str(write(tmp_path, "long.pdf", build_pdf(pages)))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Running the | Your email, your name, and your phone. |\n"
        "| Billing | Your card. |"
    )


def test_a_bold_heading_outside_a_ruled_tables_borders_is_no_header_row(tmp_path: Path) -> None:
    page = b"\n".join(
        [
            _bold(80, 730, 11, "Who we share with"),  # close above the table, in its first column
            *_ruled_rows([700, 670], 650),
            *[_line(80, 700, 11, "Partner"), _line(250, 700, 11, "Why")],
            *[_line(80, 670, 11, "Couriers"), _line(250, 670, 11, "To deliver.")],
        ]
    )
    text = load(str(write(tmp_path, "heading.pdf", build_pdf([page])))).original
    assert text == "**Who we share with**\n\n| Partner | Why |\n| --- | --- |\n| Couriers | To deliver. |"


def test_a_box_with_its_own_border_below_a_row_running_on_is_a_new_row(tmp_path: Path) -> None:
    first = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *[_line(80, 700, 11, "Purpose"), _line(250, 700, 11, "Data")],
            *[_line(80, 670, 11, "Billing"), _line(250, 670, 11, "Your card,")],
        ]
    )
    second = b"\n".join(
        [
            *(_rule(x, 600, 0.7, 120) for x in (70, 240, 420)),
            _line(250, 700, 11, "and your bank."),  # the row runs on: no border atop the page
            _rule(70, 664, 350, 0.7),
            _line(80, 650, 11, "Support"),  # a border of its own: a row with one cell filled
        ]
    )
    text = load(str(write(tmp_path, "own-row.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Billing | Your card, and your bank. |\n| Support |  |"
    )


def test_a_bordered_box_far_below_the_last_row_is_still_a_row(tmp_path: Path) -> None:
    # a spanning row ("| ### For all users | | |") stands well below the row above it, yet inside the
    # table's borders, under one of its own
    page = b"\n".join(
        [
            *_ruled_rows([700, 670, 600], 580),
            *[_line(80, 700, 11, "Purpose"), _line(250, 700, 11, "Data")],
            *[_line(80, 670, 11, "Billing"), _line(250, 670, 11, "Your card.")],
            _line(80, 600, 11, "For all users"),
        ]
    )
    text = load(str(write(tmp_path, "far.pdf", build_pdf([page])))).original
    assert text == "| Purpose | Data |\n| --- | --- |\n| Billing | Your card. |\n| For all users |  |"


def test_a_paragraph_far_below_in_a_cell_with_no_border_atop_it_goes_on_the_cell(tmp_path: Path) -> None:
    # lists and blank lines in a cell leave a wide gap before its next paragraph; with no border
    # between them and the cell's side drawn beside it, it is the same cell, not text after the table
    page = b"\n".join(
        [
            *_ruled_rows([700, 670], 560),
            *[_line(80, 700, 11, "Purpose"), _line(250, 700, 11, "Data")],
            *[_line(80, 670, 11, "Marketing"), _line(250, 670, 11, "Your email.")],
            _line(250, 600, 11, "Partners may combine it."),
        ]
    )
    text = load(str(write(tmp_path, "gap.pdf", build_pdf([page])))).original
    assert text == (
        "| Purpose | Data |\n| --- | --- |\n| Marketing | Your email.<br><br>Partners may combine it. |"
    )


def test_numbered_items_printed_in_one_box_are_each_an_item(tmp_path: Path) -> None:
    # a browser prints "1. Denying …" and "2. Charging …" as lines of one text box: each number
    # that follows the last one, after a line that ended a sentence, starts an item
    page = b"\n".join(
        [
            _line(72, 730, 11, "We will not discriminate against you, for example by:"),
            _line(86, 704, 11, "1. refusing you the service;"),
            _line(86, 690, 11, "2. charging you a different price;"),
            _line(86, 676, 11, "3. giving you a lesser service."),
            _line(72, 650, 11, "Our rules are described in Article 7 and in the annex to"),
            _line(72, 636, 11, "3. The annex lists them."),
        ]
    )
    text = load(str(write(tmp_path, "numbered.pdf", build_pdf([page])))).original
    assert text == (
        "We will not discriminate against you, for example by:\n\n1. refusing you the service;\n\n"
        "2. charging you a different price;\n\n3. giving you a lesser service.\n\n"
        "Our rules are described in Article 7 and in the annex to 3. The annex lists them."
    )


def test_a_number_that_hangs_left_of_the_paragraph_before_starts_an_item(tmp_path: Path) -> None:
    # an item's number stands out left of the indented paragraph that ended the item before it
    page = b"\n".join(
        [
            _line(94, 730, 11, "We ask for your consent before a third party contacts you."),
            _line(72, 716, 11, "20. To send you offers by push notification that you"),
            _line(94, 702, 11, "sign up to on your device."),
        ]
    )
    text = load(str(write(tmp_path, "hanging.pdf", build_pdf([page])))).original
    assert text == (
        "We ask for your consent before a third party contacts you.\n\n"
        "20. To send you offers by push notification that you sign up to on your device."
    )


def test_a_first_cell_that_starts_a_sentence_under_a_repeated_header_is_a_new_row(tmp_path: Path) -> None:
    # right below the header a browser repeats atop a page, a border is no sign (it is the header's
    # lower one); a box in the first column, whose cell ended a sentence, starting one, is a row
    first = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *[_bold(80, 700, 11, "Case"), _bold(250, 700, 11, "Data")],
            *[_line(80, 670, 11, "Spam checks."), _line(250, 670, 11, "Your email.")],
        ]
    )
    second = b"\n".join(
        [
            *_ruled_rows([700, 679], 600),
            *[_bold(80, 700, 11, "Case"), _bold(250, 700, 11, "Data")],
            _line(80, 679, 11, "Statistics we publish."),
        ]
    )
    text = load(str(write(tmp_path, "fresh.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Case | Data |\n| --- | --- |\n| Spam checks. | Your email. |\n| Statistics we publish. |  |"
    )


@pytest.mark.parametrize(
    ("last_line", "expected"),
    [
        # the page's last line of the item is full: its sentence ended with the line, the item goes on
        (
            "you can ask us to review a decision made only by a machine.",
            "- you can ask us to review a decision made only by a machine. A person then looks at it.",
        ),
        # … short: the item ended there, and what stands at its indentation is a paragraph of its own
        ("you can ask us to review it.", "- you can ask us to review it.\n\nA person then looks at it."),
    ],
)
def test_an_item_broken_by_a_page_after_a_full_line_goes_on(
    tmp_path: Path, last_line: str, expected: str
) -> None:
    first = b"\n".join(
        [
            *[
                _line(72, 700 - 14 * n, 11, "We explain our practices in the paragraphs that follow here.")
                for n in range(4)
            ],
            _line(72, 640, 11, "Your choices:"),
            *[_dot(80, 623), _line(92, 620, 11, last_line)],
        ]
    )
    second = b"\n".join(
        [
            _line(92, 740, 11, "A person then looks at it."),
            *[
                _line(72, 700 - 14 * n, 11, "We explain our practices in the paragraphs that follow here.")
                for n in range(2)
            ],
        ]
    )
    text = load(str(write(tmp_path, "item.pdf", build_pdf([first, second])))).original
    assert expected in text


def test_a_line_the_layout_joined_across_a_cell_border_is_cut_there(tmp_path: Path) -> None:
    # a short label ending near its cell's border, on the baseline of the next cell's first line:
    # pdfminer sets both on one line; the drawn border between them parts the cells
    page = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *[_bold(80, 700, 11, "Topic"), _bold(250, 700, 11, "What we do")],
            *[_line(175, 670, 11, "RETENTION"), _line(244, 670, 11, "We keep logs for a year,")],
            _line(244, 656, 11, "then delete them."),
        ]
    )
    text = load(str(write(tmp_path, "joined.pdf", build_pdf([page])))).original
    assert text == (
        "| Topic | What we do |\n| --- | --- |\n| RETENTION | We keep logs for a year, then delete them. |"
    )


def test_a_header_cell_joined_across_a_border_stays_in_the_header(tmp_path: Path) -> None:
    # the header's two cells set on one line; the second's part goes to no body cell below the
    # border that closes the header row
    page = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *[_bold(200, 700, 11, "Topic"), _bold(244, 700, 11, "What we do")],
            *[_line(80, 670, 11, "Logs"), _line(244, 670, 11, "We keep them for a year.")],
        ]
    )
    text = load(str(write(tmp_path, "header.pdf", build_pdf([page])))).original
    assert text == "| Topic | What we do |\n| --- | --- |\n| Logs | We keep them for a year. |"


def test_an_address_in_lower_case_atop_a_page_opens_a_row_of_its_own(tmp_path: Path) -> None:
    # "privacy@…" starts in lower case below a cell that ends without a full stop, yet it is no
    # sentence going on: the row under the repeated header is a new one
    header = [_bold(80, 700, 11, "Country"), _bold(250, 700, 11, "Contact")]
    first = b"\n".join(
        [
            *_ruled_rows([700, 670], 600),
            *header,
            _line(80, 670, 11, "Korea"),
            _line(250, 670, 11, "Write to us here"),
        ]
    )
    second = b"\n".join(
        [
            *_ruled_rows([700, 679], 600),
            *header,
            *[_line(80, 679, 11, "Serbia"), _line(250, 679, 11, "privacy@example.rs")],
        ]
    )
    text = load(str(write(tmp_path, "address.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Country | Contact |\n| --- | --- |\n| Korea | Write to us here |\n| Serbia | privacy@example.rs |"
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the row's first cell announced a list, and its items go on atop the next page: one row
        (
            "We use it to:",
            "| Purpose | Data |\n| --- | --- |\n"
            "| We use it to:<br>* Run the service.<br>* Answer you. | Your email. Your messages. |",
        ),
        # … a cell that ended a sentence and held no items: the list atop the page is a new row
        (
            "We use it to help.",
            "| Purpose | Data |\n| --- | --- |\n| We use it to help. | Your email. |\n"
            "| * Run the service.<br>* Answer you. | Your messages. |",
        ),
    ],
)
def test_a_list_atop_a_page_goes_on_the_cell_that_announced_it(
    tmp_path: Path, lead: str, expected: str
) -> None:
    header = [_bold(80, 700, 11, "Purpose"), _bold(250, 700, 11, "Data")]
    first = b"\n".join(
        [*_ruled_rows([700, 670], 600), *header, _line(80, 670, 11, lead), _line(250, 670, 11, "Your email.")]
    )
    second = b"\n".join(
        [
            *_ruled_rows([700, 679], 600),
            *header,
            *[_line(80, 679, 11, "* Run the service."), _line(250, 679, 11, "Your messages.")],
            _line(80, 665, 11, "* Answer you."),
        ]
    )
    text = load(str(write(tmp_path, "listed.pdf", build_pdf([first, second])))).original
    assert text == expected


def test_a_row_atop_a_page_with_its_label_column_empty_runs_on(tmp_path: Path) -> None:
    # under the header a browser repeats (whose lower border stands atop it), a row whose first
    # column is empty is the row before going on in its longer cells, though they start a capital

    def ruled(tops: list[int]) -> list[bytes]:  # a three-column table's borders down to 600
        rules = [_rule(70, top + 14, 390, 0.7) for top in tops]
        return rules + [_rule(x, 600, 0.7, tops[0] + 14.7 - 600) for x in (70, 200, 330, 460)]

    header = [_bold(80, 700, 11, "Country"), _bold(210, 700, 11, "Entity"), _bold(340, 700, 11, "Address")]
    first = b"\n".join(
        [
            *ruled([700, 670]),
            *header,
            *[
                _line(80, 670, 11, "Poland"),
                _line(210, 670, 11, "Example Poland"),
                _line(340, 670, 11, "1 Main St,"),
            ],
        ]
    )
    second = b"\n".join(
        [*ruled([700, 679]), *header, _line(210, 679, 11, "Limited Company"), _line(340, 679, 11, "Warsaw.")]
    )
    text = load(str(write(tmp_path, "label.pdf", build_pdf([first, second])))).original
    assert text == (
        "| Country | Entity | Address |\n| --- | --- | --- |\n"
        "| Poland | Example Poland Limited Company | 1 Main St, Warsaw. |"
    )


def test_a_few_glyphs_without_characters_are_dropped_not_read_as_words(tmp_path: Path) -> None:
    # the text in Helvetica Bold (F2), one glyph in a font with no map to Unicode (F1)
    words = [
        _bold(72, 700 - 14 * n, 11, "We keep your orders for a year and then delete them.") for n in range(6)
    ]
    unmapped = b"BT /F1 11 Tf 72 600 Td <0041> Tj ET"
    pdf = build_pdf([b"\n".join([*words, unmapped])], font=UNMAPPED_FONT)
    text = load(str(write(tmp_path, "few.pdf", pdf))).original
    assert "cid" not in text and "We keep your orders for a year" in text
