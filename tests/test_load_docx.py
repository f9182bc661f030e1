"""policydiff.load.docx: Word files built here with python-docx, tracked changes added as raw XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.errors import InputError
from policydiff.load import load, source_kind
from policydiff.model import ClauseKind
from policydiff.segment import segment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REVISION = f'w:id="9" w:author="Counsel" w:date="2026-03-01T10:00:00Z" {nsdecls("w")}'


def save(document: WordDocument, path: Path) -> Path:
    document.save(str(path))
    return path


def load_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load(str(path))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert caught.value.exit_code == 2
    return message


def policy(retention: str = "30 days") -> WordDocument:
    """A small policy as a lawyer drafts it: title, headings, a bold term, lists, a table, a link."""
    document = docx.Document()
    document.core_properties.title = "Acme Privacy Policy"
    document.add_heading("Acme Privacy Policy", 0)
    document.add_paragraph("Last updated: March 17, 2026")
    document.add_heading("1. Information We Collect", 1)
    paragraph = document.add_paragraph("We collect ")
    paragraph.add_run("personal data").bold = True
    paragraph.add_run(" such as:")
    document.add_paragraph("your email address;", style="List Bullet")
    document.add_paragraph("your device identifiers.", style="List Bullet")
    document.add_heading("Retention", 2)
    document.add_paragraph(f"We retain your data for {retention}.")
    document.add_heading("Sharing", 2)
    document.add_paragraph("We share data with:")
    document.add_paragraph("service providers", style="List Number")
    document.add_paragraph("advertising partners", style="List Number")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Category", "Sold | shared"), ("Identifiers", "No"), ("Location", "Yes")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    paragraph = document.add_paragraph("Questions? Write to ")
    _hyperlink(document, paragraph._p, "our privacy team", "https://acme.example/privacy")
    paragraph.add_run(".")
    paragraph.add_run().add_break()
    paragraph.add_run("We answer within 15 days.")
    return document


def _hyperlink(document: WordDocument, p: object, text: str, url: str) -> None:
    rel_id = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel_id}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        "</w:hyperlink>"
    )
    p.append(link)  # type: ignore[attr-defined]


EXPECTED = """# Acme Privacy Policy

Last updated: March 17, 2026

# 1. Information We Collect

We collect **personal data** such as:

- your email address;
- your device identifiers.

## Retention

We retain your data for 30 days.

## Sharing

We share data with:

1. service providers
2. advertising partners

| Category | Sold \\| shared |
| --- | --- |
| Identifiers | No |
| Location | Yes |

Questions? Write to [our privacy team](https://acme.example/privacy).
We answer within 15 days."""


def test_a_word_policy_reads_as_structured_text(tmp_path: Path) -> None:
    document = load(str(save(policy(), tmp_path / "policy.docx")))
    assert document.format == "docx"
    assert document.original == EXPECTED
    assert document.title == "Acme Privacy Policy"
    assert document.date == "2026-03-17"


def test_segment_sees_the_headings_items_and_rows_of_a_word_policy(tmp_path: Path) -> None:
    outline = segment(load(str(save(policy(), tmp_path / "policy.docx"))))
    kinds = {leaf.text.split("\n")[0]: leaf.kind for leaf in outline.leaves()}
    assert kinds["# 1. Information We Collect"] is ClauseKind.HEADING
    assert kinds["## Retention"] is ClauseKind.HEADING
    assert kinds["- your email address;"] is ClauseKind.ITEM
    assert kinds["2. advertising partners"] is ClauseKind.ITEM
    assert kinds["| Identifiers | No |"] is ClauseKind.ROW
    retention = next(leaf for leaf in outline.leaves() if "retain" in leaf.text)
    assert retention.heading[-1].endswith("Retention")


def _numbering_definition(document: WordDocument, levels: list[tuple[str, str]], start: int = 1) -> str:
    """Add an abstract numbering with ``(numFmt, lvlText)`` levels and a list instance; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    level_xml = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{level_xml}</w:abstractNum>'
        ),
    )
    num_id = str(abstract_id + 100)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def _numbered(document: WordDocument, text: str, num_id: str, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_numbering_definitions_become_markers_segment_reads(tmp_path: Path) -> None:
    document = docx.Document()
    legal = _numbering_definition(
        document, [("decimal", "%1."), ("decimal", "%1.%2."), ("lowerLetter", "%3.")]
    )
    _numbered(document, "We collect data.", legal)
    _numbered(document, "Account data.", legal, 1)
    _numbered(document, "Email.", legal, 2)
    _numbered(document, "Phone.", legal, 2)
    _numbered(document, "Device data.", legal, 1)
    _numbered(document, "We share data.", legal)
    _numbered(document, "With processors.", legal, 1)
    document.add_paragraph("Rights:")
    roman = _numbering_definition(document, [("lowerRoman", "(%1)")], start=3)
    _numbered(document, "access", roman)
    _numbered(document, "deletion", roman)
    loaded = load(str(save(document, tmp_path / "numbered.docx")))
    assert loaded.original == (
        "1. We collect data.\n  1.1. Account data.\n    (a) Email.\n    (b) Phone.\n  1.2. Device data.\n"
        "2. We share data.\n  2.1. With processors.\n\nRights:\n\n(iii) access\n(iv) deletion"
    )
    items = [leaf for leaf in segment(loaded).leaves() if leaf.kind is ClauseKind.ITEM]
    assert [leaf.text.split("\n")[0] for leaf in items][-2:] == ["(iii) access", "(iv) deletion"]


def test_numbered_paragraphs_without_a_numbering_part_read_as_bullets(tmp_path: Path) -> None:
    document = docx.Document()
    _numbered(document, "We collect your email address.", "7")
    _numbered(document, "We collect your phone number.", "7")
    for key, rel in list(document.part.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.NUMBERING:
            del document.part.rels[key]
    path = save(document, tmp_path / "no-numbering.docx")
    assert "word/numbering.xml" not in zipfile.ZipFile(path).namelist()
    loaded = load(str(path))
    assert loaded.original == "- We collect your email address.\n- We collect your phone number."


def test_outline_levels_and_heading_styles_make_markdown_levels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Deep", 3)
    paragraph = document.add_paragraph("Outline level two")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("Body text.")
    assert load(str(save(document, tmp_path / "levels.docx"))).original == (
        "### Deep\n\n## Outline level two\n\nBody text."
    )


def test_content_controls_and_one_column_tables_keep_their_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "We never sell data."
    box.cell(0, 0).add_paragraph("Not even to partners.")
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Inside a control.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(0, control)
    assert load(str(save(document, tmp_path / "boxes.docx"))).original == (
        "Inside a control.\n\nWe never sell data.\n\nNot even to partners."
    )


def test_a_one_column_table_of_several_rows_is_a_table_as_on_a_web_page(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=1)
    for row, text in enumerate(["Why we use it", "To send receipts.", "To stop fraud."]):
        table.cell(row, 0).text = text
    assert load(str(save(document, tmp_path / "column.docx"))).original == (
        "| Why we use it |\n| --- |\n| To send receipts. |\n| To stop fraud. |"
    )


def test_two_breaks_in_a_list_item_part_its_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    item = document.add_paragraph("We read your playlists", style="List Bullet")
    run = item.add_run()
    run.add_break()
    run.add_break()
    item.add_run("Playlists means the lists of songs you save.")
    one = document.add_paragraph("We read your albums", style="List Bullet")
    one.add_run().add_break()
    one.add_run("and your podcasts.")
    assert load(str(save(document, tmp_path / "parts.docx"))).original == (
        "- We read your playlists\n\n  Playlists means the lists of songs you save.\n"
        "- We read your albums\n  and your podcasts."
    )


REVISIONS = {
    "insertion": f'<w:ins {REVISION}><w:r><w:t xml:space="preserve"> 90</w:t></w:r></w:ins>',
    "deletion": f'<w:del {REVISION}><w:r><w:delText xml:space="preserve"> 30</w:delText></w:r></w:del>',
    "move": f'<w:moveFrom {REVISION}><w:r><w:t xml:space="preserve">days</w:t></w:r></w:moveFrom>',
}


@pytest.mark.parametrize("kind", sorted(REVISIONS))
def test_a_draft_with_tracked_changes_is_refused(tmp_path: Path, kind: str) -> None:
    document = policy()
    retention = next(p for p in document.paragraphs if "retain" in p.text)
    retention._p.append(parse_xml(REVISIONS[kind]))
    message = load_error(save(document, tmp_path / "draft.docx"))
    assert f"has unaccepted tracked changes (1 {kind})" in message
    assert "neither the old nor the new version" in message and "Accept/Reject" in message


def test_a_tracked_paragraph_mark_counts_as_a_change(tmp_path: Path) -> None:
    document = policy()
    mark = parse_xml(f"<w:rPr {nsdecls('w')}><w:ins {REVISION}/></w:rPr>")
    document.paragraphs[1]._p.get_or_add_pPr().append(mark)
    assert "(1 insertion)" in load_error(save(document, tmp_path / "draft.docx"))


def test_python_docx_alone_would_lose_the_inserted_words(tmp_path: Path) -> None:
    """Why the refusal: paragraph.text skips w:ins, so the draft would read as neither version."""
    document = docx.Document()
    paragraph = document.add_paragraph("We retain data for")
    paragraph._p.append(parse_xml(REVISIONS["insertion"]))
    paragraph.add_run(" days.")
    path = save(document, tmp_path / "draft.docx")
    assert docx.Document(str(path)).paragraphs[0].text == "We retain data for days."
    assert "tracked changes" in load_error(path)


def test_formatting_revisions_are_not_text_changes(tmp_path: Path) -> None:
    document = policy()
    run = document.paragraphs[1].runs[0]._r
    properties = run.get_or_add_rPr()
    properties.append(parse_xml(f"<w:rPrChange {REVISION}><w:rPr/></w:rPrChange>"))
    assert load(str(save(document, tmp_path / "formatted.docx"))).original == EXPECTED


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "legacy .doc or a password-protected Word file"),
        (b"PK\x03\x04 not really a zip", "not a readable Word .docx file"),
        (_zip({"content.xml": b"<office/>"}), "without a Word body"),
        (_zip({"word/document.xml": b"<w:document"}), "not a readable Word .docx file"),
        (b"We collect data.", "not a Word .docx file"),
    ],
    ids=["ole", "broken-zip", "odt-like", "bad-xml", "text"],
)
def test_damaged_or_foreign_files_named_docx_are_refused(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    assert problem in load_error(path)


def test_a_truncated_docx_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    policy().save(buffer)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    assert "not a readable Word .docx file" in load_error(path)


def test_a_docx_is_sniffed_from_its_bytes(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    policy().save(buffer)
    data = buffer.getvalue()
    assert source_kind("-", data) == "docx"
    assert source_kind("draft.txt", data) == "docx"
    assert source_kind("archive.txt", _zip({"notes.txt": b"hello"})) == "text"
    assert load("-", stdin=io.BytesIO(data)).original == EXPECTED


def test_lawyers_draft_in_word_and_diff_finds_the_one_change(tmp_path: Path) -> None:
    old = save(policy("30 days"), tmp_path / "current.docx")
    new = save(policy("five years"), tmp_path / "draft.docx")
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert [change["kind"] for change in report["changes"]] == ["modified"]
    assert report["changes"][0]["categories"][0] == "retention"
    assert report["changes"][0]["edits"][1] == ["delete", "30 days"]


def test_a_draft_with_tracked_changes_on_the_command_line_is_exit_2(tmp_path: Path) -> None:
    document = policy()
    document.paragraphs[1]._p.append(parse_xml(REVISIONS["deletion"]))
    draft = save(document, tmp_path / "draft.docx")
    result = CliRunner().invoke(app, ["diff", str(draft), str(draft)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "tracked changes" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_runs_are_read_as_text_never_as_markup(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("<script>alert(1)</script> ]]> & | pipes")
    empty = OxmlElement("w:p")
    document.element.body.insert(0, empty)
    assert (
        load(str(save(document, tmp_path / "odd.docx"))).original == "<script>alert(1)</script> ]]> & | pipes"
    )
    assert W in docx.Document(str(tmp_path / "odd.docx")).element.nsmap.values()


# --- footnotes, endnotes, headers and footers --------------------------------------------------


def _with_notes(document: WordDocument, kind: str, notes: dict[str, str]) -> None:
    """Adds a footnotes (or endnotes) part holding ``notes`` (id → text), as Word stores them."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:{kind} w:id="{identifier}"><w:p><w:r><w:{kind}Ref/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for identifier, text in notes.items()
    )
    separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    xml = f"<w:{kind}s {nsdecls('w')}>{separator}{body}</w:{kind}s>".encode()
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml, document.part.package)
    reltype = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    document.part.relate_to(part, reltype)


def _refer(paragraph: object, kind: str, identifier: str) -> None:
    run = parse_xml(f'<w:r {nsdecls("w")}><w:{kind}Reference w:id="{identifier}"/></w:r>')
    paragraph._p.append(run)  # type: ignore[attr-defined]


def test_footnotes_and_endnotes_are_read_after_the_body_in_the_order_the_text_refers_to_them(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("We keep invoices for ten years.")
    _refer(paragraph, "footnote", "7")
    paragraph = document.add_paragraph("We share data with processors.")
    _refer(paragraph, "endnote", "2")
    _refer(paragraph, "footnote", "3")
    notes = {"3": "Processors act on our instructions.", "7": "Tax law requires it."}
    _with_notes(document, "footnote", notes)
    _with_notes(document, "endnote", {"2": "See our list of processors."})
    loaded = load(str(save(document, tmp_path / "notes.docx")))
    assert loaded.text == (
        "We keep invoices for ten years.[^1]\n\n"
        "We share data with processors.[^2][^3]\n\n"
        "[^1]: Tax law requires it.\n\n"
        "[^2]: See our list of processors.\n\n"
        "[^3]: Processors act on our instructions."
    )


def test_a_note_that_refers_to_itself_or_a_missing_note_reads_once(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("We collect your email address.")
    _refer(paragraph, "footnote", "1")
    _refer(paragraph, "footnote", "404")
    _with_notes(document, "footnote", {"1": "Only to sign you in."})
    path = save(document, tmp_path / "self.docx")
    data = path.read_bytes()
    # make note 1 refer to itself, as a damaged or hostile file may
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace(
        b"Only to sign you in.</w:t></w:r>",
        b'Only to sign you in.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    assert load(str(path)).text == "We collect your email address.[^1]\n\n[^1]: Only to sign you in."


def test_headers_and_footers_are_read_when_they_hold_a_sentence_not_a_title_or_page_number(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("We collect your email address.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Acme Privacy Policy"
    section.footer.paragraphs[0].text = "Page 1 of 3"
    section.footer.add_paragraph("Acme Ltd is the controller of your personal data.")
    section.different_first_page_header_footer = True
    section.first_page_footer.paragraphs[0].text = "Acme Ltd is the controller of your personal data."
    second = document.add_section()
    second.header.is_linked_to_previous = True
    document.add_paragraph("We answer within 15 days.")
    loaded = load(str(save(document, tmp_path / "margins.docx")))
    assert loaded.text == (
        "We collect your email address.\n\nWe answer within 15 days.\n\n"
        "Acme Ltd is the controller of your personal data."
    )


def test_a_footer_that_repeats_the_body_is_not_read_twice(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Acme Ltd, 1 High Street, London is the controller.")
    document.sections[0].footer.paragraphs[0].text = "Acme Ltd, 1 High Street, London is the controller."
    assert load(str(save(document, tmp_path / "repeat.docx"))).text == (
        "Acme Ltd, 1 High Street, London is the controller."
    )


def test_a_changed_footnote_is_a_change_of_its_own(tmp_path: Path) -> None:
    from policydiff.compare import compare

    documents = []
    for days in ("30", "90"):
        document = docx.Document()
        paragraph = document.add_paragraph("We keep server logs.")
        _refer(paragraph, "footnote", "1")
        _with_notes(document, "footnote", {"1": f"Logs are deleted after {days} days."})
        documents.append(load(str(save(document, tmp_path / f"v{days}.docx"))))
    report = compare(*documents)
    changed = [change for change in report.changes]
    assert len(changed) == 1
    assert "90 days" in (changed[0].new.text if changed[0].new else "")


def test_tracked_changes_in_a_footnote_or_footer_are_refused_too(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("We keep server logs.")
    _refer(paragraph, "footnote", "1")
    _with_notes(document, "footnote", {"1": "For 30 days."})
    path = save(document, tmp_path / "note-redline.docx")
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace(
        b"</w:p></w:footnote></w:footnotes>",
        f"<w:ins {REVISION}><w:r><w:t>Or 90.</w:t></w:r></w:ins></w:p></w:footnote></w:footnotes>".encode(),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    assert "has unaccepted tracked changes in a footnote (1 insertion)" in load_error(path)

    document = docx.Document()
    document.add_paragraph("We keep server logs.")
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "Acme Ltd is the controller of your personal data."
    footer._p.append(parse_xml(f"<w:del {REVISION}><w:r><w:delText>Old Ltd.</w:delText></w:r></w:del>"))
    message = load_error(save(document, tmp_path / "footer-redline.docx"))
    assert "has unaccepted tracked changes in a footer (1 deletion)" in message


def test_a_cells_line_breaks_and_paragraphs_read_as_the_html_loader_writes_them(tmp_path: Path) -> None:
    """``<br>`` between a cell's lines, ``<br><br>`` between its paragraphs: a Word table and the
    same table on a web page give the same row."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Data", "Why"
    table.cell(1, 0).text = "Contact details"
    cell = table.cell(1, 1)
    first = cell.paragraphs[0]
    first.add_run("To answer you.")
    first.add_run().add_break()
    first.add_run("To bill you.")
    cell.add_paragraph("Kept for a year.")
    path = tmp_path / "cells.docx"
    document.save(str(path))
    html = tmp_path / "cells.html"
    html.write_text(
        "<table><tr><th>Data</th><th>Why</th></tr><tr><td>Contact details</td>"
        "<td><p>To answer you.<br>To bill you.</p><p>Kept for a year.</p></td></tr></table>",
        encoding="utf-8",
    )
    row = "| Contact details | To answer you.<br>To bill you.<br><br>Kept for a year. |"
    assert row in load(str(path)).text
    assert row in load(str(html)).text


def test_two_line_breaks_in_a_row_part_paragraphs_as_a_web_page_shows_them(tmp_path: Path) -> None:
    """Two breaks in a row leave an empty line: in a cell it parts the cell's paragraphs
    (``<br><br>``), in the body it parts two paragraphs, as the same text on a web page."""
    document = docx.Document()
    body = document.add_paragraph("We keep your email,")
    body.add_run().add_break()
    body.add_run().add_break()
    body.add_run("and your name for a year.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Data", "Kept"
    table.cell(1, 0).text = "Email"
    first = table.cell(1, 1).paragraphs[0]
    for index, words in enumerate(("For a year,", "or less,", "until you leave.")):
        if index:
            first.add_run().add_break()
        if index == 1:
            first.add_run().add_break()
        first.add_run(words)
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    html = tmp_path / "breaks.html"
    html.write_text(
        "<p>We keep your email,<br><br>and your name for a year.</p>"
        "<table><tr><th>Data</th><th>Kept</th></tr><tr><td>Email</td>"
        "<td>For a year,<br><br>or less,<br>until you leave.</td></tr></table>",
        encoding="utf-8",
    )
    expected = (
        "We keep your email,\n\nand your name for a year.\n\n| Data | Kept |\n| --- | --- |\n"
        "| Email | For a year,<br><br>or less,<br>until you leave. |"
    )
    assert load(str(path)).text == expected
    assert load(str(html)).text == expected


def test_an_empty_first_row_stays_the_tables_empty_header(tmp_path: Path) -> None:
    """A web page's table with its labels in the first body row, saved as Word: the empty row
    over them stays, so the .docx reads as the page's Markdown does."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(1, 0).text, table.cell(1, 1).text = "Name", "Mailer Ltd"
    table.cell(2, 0).text, table.cell(2, 1).text = "Purpose", "Sending newsletters"
    path = tmp_path / "kv.docx"
    document.save(str(path))
    assert load(str(path)).text.strip() == (
        "| | |\n| --- | --- |\n| Name | Mailer Ltd |\n| Purpose | Sending newsletters |"
    )


def test_a_docx_packed_with_an_unsupported_compression_method_is_bad_input(tmp_path: Path) -> None:
    # zipfile raises NotImplementedError for a compression method it cannot unpack: the file is
    # refused in one line (exit 2), as any other unreadable package is
    document = docx.Document()
    document.add_paragraph("We keep your data.")
    data = bytearray(save(document, tmp_path / "plain.docx").read_bytes())
    name = b"word/document.xml"
    for signature, method_at, name_length_at, header in (
        (b"PK\x03\x04", 8, 26, 30),
        (b"PK\x01\x02", 10, 28, 46),
    ):
        at = data.find(signature)
        while at >= 0:
            length = int.from_bytes(data[at + name_length_at : at + name_length_at + 2], "little")
            if bytes(data[at + header : at + header + length]) == name:
                data[at + method_at : at + method_at + 2] = (99).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    path = tmp_path / "packed.docx"
    path.write_bytes(bytes(data))
    assert "compression method is not supported" in load_error(path)
