"""policydiff.render.docx_*: accept all → the new text, reject all → the old one, comments, moves.

The views below follow Word: accepting drops ``w:del``/``w:moveFrom`` content and joins a paragraph
whose mark was deleted (or moved away) with the next; rejecting does the same for ``w:ins``/``w:moveTo``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from helpers import (
    CORPUS,
    JOYCLIP_NEW,
    JOYCLIP_OLD,
    JOYPIX_NEW,
    JOYPIX_OLD,
    ROOT,
    as_review,
    assert_golden,
    document,
    policy_sections,
    policy_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.compare import compare
from policydiff.load import load
from policydiff.model import ChangeKind, ClauseKind, Document, Outline, Report, Severity
from policydiff.render import RENDERERS, RenderOptions, render
from policydiff.render.docx_layout import Comment, Layout, Mark, MoveRange, Paragraph, Run, lay_out
from policydiff.render.docx_xml import AUTHOR, xml_text
from policydiff.text import read_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NOW = dt.datetime(2026, 3, 17, 12, 0, 0, tzinfo=dt.UTC)
DATE = "2026-03-17T12:00:00Z"
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo")
PAIRS = {"joypix": (JOYPIX_OLD, JOYPIX_NEW), "joyclip": (JOYCLIP_OLD, JOYCLIP_NEW)}


# --- helpers: build a redline, read it back the way Word does ---------------------------------------


def docx(report: Report, now: dt.datetime = NOW) -> bytes:
    data = render(report, "docx", RenderOptions(now=now))
    assert isinstance(data, bytes)
    return data


def redline(old: Document, new: Document) -> tuple[Report, Outline, Outline, bytes]:
    report = compare(old, new)
    assert report.outlines is not None
    old_outline, new_outline = report.outlines
    return report, old_outline, new_outline, docx(report)


@cache
def fixture_redline(name: str) -> tuple[Report, Outline, Outline, bytes]:
    old, new = PAIRS[name]
    return redline(load(str(old)), load(str(new)))


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def local(tag: object) -> str:
    return str(tag).split("}")[-1]


def view(data: bytes, *, accept: bool) -> list[str]:
    """The paragraphs once every revision is accepted (or rejected), spaces collapsed, empty ones left out.

    A table row reads as one paragraph, its cells in order (a row is one clause of the policy).
    """
    gone = {"del", "moveFrom"} if accept else {"ins", "moveTo"}
    paragraphs: list[str] = []
    text = ""

    def read(p: etree._Element) -> str:
        out = ""
        for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
            wrappers = {local(a.tag) for a in node.iterancestors() if a is not p and p in a.iterancestors()}
            if wrappers & gone:
                continue
            name = local(node.tag)
            out += node.text or "" if name in ("t", "delText") else "\t" if name == "tab" else "\n"
        return out

    for block in part(data).find(f"{W}body"):
        if local(block.tag) == "tbl":
            for row in block.iter(f"{W}tr"):
                gone_row = row.find(f"{W}trPr") is not None and any(
                    local(child.tag) in gone for child in row.find(f"{W}trPr")
                )
                cells = [" ".join(read(p) for p in cell.iter(f"{W}p")) for cell in row.iter(f"{W}tc")]
                if not gone_row:
                    paragraphs.append(text + " " + " ".join(cells))
                    text = ""
            continue
        if local(block.tag) != "p":
            continue
        text += read(block)
        mark = block.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(local(child.tag) in gone for child in mark):
            continue  # the paragraph mark goes: this paragraph joins the next one
        paragraphs.append(text)
        text = ""
    paragraphs.append(text)
    return [" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip()]


def heading_title(text: str) -> str:
    """A heading as Word shows it: without ``#``s, bold markers or a setext underline."""
    text = re.sub(r"\n[ \t]*(=+|-+)[ \t]*$", "", text)
    text = re.sub(r"[ \t]+#+[ \t]*$", "", re.sub(r"^#{1,6}[ \t]+", "", text))
    bold = re.match(r"^(\*\*|__)(\S.*?\S|\S)(\*\*|__)(:?)$", text)
    return bold.group(2) + bold.group(4) if bold and "\n" not in text else text


def expected(outline: Outline) -> list[str]:
    """One paragraph per leaf (per blank-line block inside a leaf) as a reader reads it: no Markdown."""
    paragraphs = []
    for leaf in outline.leaves():
        # a pipe is a cell border only in a table row; in a paragraph it is a character of the text
        text = leaf.text if leaf.kind is ClauseKind.ROW else leaf.text.replace("|", "\uf8ff")
        blocks = [read_text(xml_text(block)) for block in re.split(r"\n[ \t]*\n", text)]
        paragraphs += [block.replace("\uf8ff", "|") for block in blocks]
    return [paragraph for paragraph in paragraphs if paragraph]


def _typeset(paragraphs: list[str]) -> list[str]:
    # a cell border one version has and the other lacks ("system,assistance" split in two cells)
    # reads as a space beside punctuation: typography, as text.same_reading has it
    return [re.sub(r"\s*([^\w\s])\s*", r"\1", paragraph) for paragraph in paragraphs]


def assert_round_trips(old: Outline, new: Outline, data: bytes) -> None:
    assert _typeset(view(data, accept=True)) == _typeset(expected(new))
    assert _typeset(view(data, accept=False)) == _typeset(expected(old))


# --- accept all / reject all ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_accepting_gives_the_new_text_and_rejecting_the_old(name: str) -> None:
    _, old, new, data = fixture_redline(name)
    assert_round_trips(old, new, data)


# every dev pair: linked images, escaped brackets, thematic breaks, bold around links, <br> in cells
CORPUS_PAIRS = sorted({path.parent.name for path in CORPUS}) or ["kick-2025-12-10"]


@pytest.mark.parametrize("name", CORPUS_PAIRS)
def test_corpus_pairs_round_trip(name: str) -> None:
    folder = next((path.parent for path in CORPUS if path.parent.name == name), None)
    if folder is None:
        pytest.skip("the shared corpus is not next to this checkout")
    _, old, new, data = redline(load(str(folder / "old.md")), load(str(folder / "new.md")))
    assert_round_trips(old, new, data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text(), policy_text())
def test_generated_policies_round_trip(old_text: str, new_text: str) -> None:
    _, old, new, data = redline(document(old_text), document(new_text))
    assert_round_trips(old, new, data)


def test_a_row_that_became_a_table_of_its_own_round_trips() -> None:
    """A three-cell row paired with a one-column table (header, rule, row): its word edits cross the
    header rule, so the redline deletes the old row and inserts the new table (reject all: the row)."""
    old_text = "| Security | Security | Security |\n|---|---|---|\n"
    old_text += "| Years Information Request | Children And Email | To |\n"
    new_text = "| Information Providers Not |\n|---|\n| Children Request Delete |\n"  # found by hypothesis
    _, old, new, data = redline(document(old_text), document(new_text))
    assert_round_trips(old, new, data)


@pytest.mark.parametrize("swap", [False, True])
def test_a_row_of_another_number_of_cells_round_trips(swap: bool) -> None:
    """A two-cell row paired with a one-cell row (found by hypothesis): word edits across a cell
    border cannot be tracked cell by cell, so the old row is deleted and the new one inserted."""
    two = "# Security\n| Security | Security |\n|---|---|\n"
    two += "| Consent Transfer With Data | Information The Of |\n"
    one = "| Security |\n|---|\n| Consent |\n| Purposes With Identifiers Account Not |\n"
    old_text, new_text = (one, two) if swap else (two, one)
    _, old, new, data = redline(document(old_text), document(new_text))
    assert_round_trips(old, new, data)


@st.composite
def reordered(draw: st.DrawFn) -> tuple[str, str]:
    """A policy and a revision of it: sections moved, one dropped, one added, a word changed."""
    sections = draw(policy_sections())
    revised = draw(st.permutations(sections))
    if len(revised) > 2 and draw(st.booleans()):
        revised.pop(draw(st.integers(0, len(revised) - 1)))
    if draw(st.booleans()):
        revised.insert(draw(st.integers(0, len(revised))), "## Added tagnew\n\nWe now sell your data.\n")
    if draw(st.booleans()):
        revised[0] = revised[0].replace(" the ", " a ", 1)
    return "\n".join(sections), "\n".join(revised)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reordered())
def test_moves_are_tracked_at_both_places(pair: tuple[str, str]) -> None:
    report, old, new, data = redline(document(pair[0]), document(pair[1]))
    assert_round_trips(old, new, data)
    root = part(data)
    names = {
        side: sorted(node.get(f"{W}name") for node in root.iter(f"{W}{side}RangeStart"))
        for side in ("moveFrom", "moveTo")
    }
    assert names["moveFrom"] == names["moveTo"]
    if any(change.kind is ChangeKind.MOVED for change in report.changes):
        assert names["moveTo"] and root.find(f".//{W}moveTo") is not None
    for side in ("moveFrom", "moveTo"):
        starts = [node.get(f"{W}id") for node in root.iter(f"{W}{side}RangeStart")]
        assert starts == [node.get(f"{W}id") for node in root.iter(f"{W}{side}RangeEnd")]


def test_a_removed_clause_is_a_deleted_paragraph_where_it_stood() -> None:
    old = "# Policy\n\nWe collect email.\n\nWe keep logs for a year.\n\nWe never sell data.\n"
    new = "# Policy\n\nWe collect your email.\n\nWe never sell data.\n"
    _, old_outline, new_outline, data = redline(document(old), document(new))
    paragraphs = list(part(data).iter(f"{W}p"))
    removed = next(p for p in paragraphs if "logs" in "".join(p.itertext()))
    position = paragraphs.index(removed)
    assert "email" in "".join(paragraphs[position - 1].itertext())
    assert "sell" in "".join(paragraphs[position + 1].itertext())
    assert removed.find(f"{W}pPr/{W}rPr/{W}del") is not None
    assert removed.find(f".//{W}t") is None and removed.find(f".//{W}delText") is not None
    assert_round_trips(old_outline, new_outline, data)


def test_headings_get_heading_styles_without_markdown() -> None:
    _, _, new, data = fixture_redline("joyclip")
    styled = [
        "".join(p.itertext())
        for p in part(data).iter(f"{W}p")
        if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
        and style.get(f"{W}val", "").startswith("Heading")
    ]
    headings = [heading_title(leaf.text) for leaf in new.leaves() if leaf.kind is ClauseKind.HEADING]
    assert styled and len(styled) >= len(headings) - 2  # a deleted heading keeps its old style
    assert not any(text.startswith("#") for text in styled)


# --- the layout: plain data before any XML ---------------------------------------------------------


def equal(*lines: str) -> Run:
    return Run(Mark.EQUAL, lines)


def test_the_layout_is_paragraphs_of_marked_runs_with_comments_on_material_changes() -> None:
    sharing = "## Sharing\n\nWe never sell data.\nNot ever.\n"
    old = f"# Policy\n\nWe collect email.\n\nWe keep logs for a year.\n\n{sharing}"
    new = f"# Policy\n\nWe collect your email.\n\n{sharing}\nWe sell your location.\n"
    report = compare(document(old), document(new))
    assert report.outlines is not None
    layout = lay_out(report, *report.outlines)
    assert layout.paragraphs == (
        Paragraph((equal("Policy"),), heading=1),
        Paragraph((equal("We collect "), Run(Mark.INSERT, ("your ",)), equal("email."))),
        Paragraph((Run(Mark.DELETE, ("We keep logs for a year.",)),), Mark.DELETE),
        Paragraph((equal("Sharing"),), heading=2),
        Paragraph((equal("We never sell data.", "Not ever."),)),  # a line break inside a paragraph
        Paragraph((Run(Mark.INSERT, ("We sell your location.",)),), Mark.INSERT),
        Paragraph(),  # the last paragraph mark of a document cannot be a revision
    )
    assert layout.moves == ()
    at = {ChangeKind.REMOVED: (2, 2), ChangeKind.ADDED: (5, 5)}
    material = {c.id: at[c.kind] for c in report.changes if c.severity in (Severity.MAJOR, Severity.MINOR)}
    assert material and {c.change: (c.first, c.last) for c in layout.comments} == material
    assert all(c.lines[0].startswith(("MAJOR: ", "MINOR: ")) for c in layout.comments)
    assert (layout.title, layout.subject) == ("", "Redline: <test> -> <test>")


def test_a_moved_section_is_laid_out_as_two_numbered_move_ranges() -> None:
    cookies, contact = "## Cookies\n\nWe use cookies.\n", "## Contact\n\nWrite to us.\n"
    rights = "## Rights\n\nAsk for a copy.\n"
    old, new = "\n".join([cookies, contact, rights]), "\n".join([rights, cookies, contact])
    report = compare(document(old), document(new))
    assert report.outlines is not None
    layout = lay_out(report, *report.outlines)
    assert layout.moves == (MoveRange(1, Mark.MOVE_TO, 0, 1), MoveRange(1, Mark.MOVE_FROM, 6, 7))
    marks = [Mark.MOVE_TO] * 2 + [Mark.EQUAL] * 4 + [Mark.MOVE_FROM] * 2 + [Mark.EQUAL]
    assert [p.mark for p in layout.paragraphs] == marks
    assert layout.paragraphs[0] == Paragraph((Run(Mark.MOVE_TO, ("Rights",)),), Mark.MOVE_TO, heading=2)


def test_the_layout_is_frozen_data_and_imports_no_xml_library() -> None:
    report = fixture_redline("joyclip")[0]
    assert report.outlines is not None
    layout = lay_out(report, *report.outlines)
    assert isinstance(layout, Layout) and layout == lay_out(report, *report.outlines)
    assert hash(layout.paragraphs) == hash(lay_out(report, *report.outlines).paragraphs)
    assert all(isinstance(comment, Comment) for comment in layout.comments)
    code = (
        "import sys, policydiff.render.docx_layout; "
        "print(sorted(m for m in ('docx', 'lxml', 'rich', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- revisions and comments -----------------------------------------------------------------------


def test_every_revision_is_by_policydiff_at_the_given_time_with_a_unique_id() -> None:
    root = part(fixture_redline("joypix")[3])
    revisions = [node for tag in REVISION_TAGS for node in root.iter(f"{W}{tag}")]
    assert {local(node.tag) for node in revisions} >= {"ins", "del"}
    assert {(node.get(f"{W}author"), node.get(f"{W}date")) for node in revisions} == {(AUTHOR, DATE)}
    ids = [node.get(f"{W}id") for node in revisions] + [
        node.get(f"{W}id")
        for tag in ("moveFromRangeStart", "moveToRangeStart")
        for node in root.iter(f"{W}{tag}")
    ]
    assert len(ids) == len(set(ids))
    assert all(local(node.getparent().getparent().tag) == "del" for node in root.iter(f"{W}delText"))
    assert not any(local(node.getparent().getparent().tag) == "del" for node in root.iter(f"{W}t"))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_each_material_change_has_one_comment_with_its_reasons(name: str) -> None:
    report, _, _, data = fixture_redline(name)
    material = [c for c in report.changes if c.severity in (Severity.MAJOR, Severity.REVIEW, Severity.MINOR)]
    comments = list(part(data, "word/comments.xml").iter(f"{W}comment"))
    assert len(comments) == len(material) > 0
    texts = ["\n".join("".join(p.itertext()) for p in comment.iter(f"{W}p")) for comment in comments]
    for change in material:
        first = f"{change.severity.value.upper()}: {', '.join(c.value for c in change.categories)}"
        match = [
            text for text in texts if text.startswith(first) and all(r.rule in text for r in change.reasons)
        ]
        assert match, f"no comment for {change.id}: {first}"
    assert {(c.get(f"{W}author"), c.get(f"{W}date")) for c in comments} == {(AUTHOR, DATE)}
    root = part(data)
    ids = sorted(c.get(f"{W}id") for c in comments)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(node.get(f"{W}id") for node in root.iter(f"{W}{tag}")) == ids


def test_a_comment_names_category_severity_and_trigger_words() -> None:
    report, _, _, data = fixture_redline("joypix")
    major = next(c for c in report.changes if c.severity is Severity.MAJOR and c.reasons)
    text = " ".join("".join(p.itertext()) for p in part(data, "word/comments.xml").iter(f"{W}p"))
    assert f"\u201c{major.reasons[0].trigger}\u201d" in text
    assert major.reasons[0].says in text


def test_a_review_change_gets_a_comment_saying_a_lawyer_must_decide() -> None:
    report = fixture_redline("joypix")[0]
    editorial = next(c for c in report.changes if c.severity is Severity.EDITORIAL)
    minor = next(c for c in report.changes if c.severity is Severity.MINOR)
    data = docx(as_review(report, editorial.id, minor.id))
    comments = [
        "\n".join("".join(p.itertext()) for p in c.iter(f"{W}p")) for c in part(data, "word/comments.xml")
    ]
    for change in (editorial, minor):  # an editorial change gets no comment; as a review change it does
        (comment,) = [text for text in comments if f"policydiff review POLICY {change.id} " in text]
        assert comment.startswith("REVIEW: ") and "review.unread: " in comment
        assert comment.endswith(
            f"Undecided: a lawyer must decide: policydiff review POLICY {change.id} --as"
            " editorial|minor|major"
        )
    assert len(comments) == len(list(part(docx(report), "word/comments.xml"))) + 1


# --- untrusted text -------------------------------------------------------------------------------


HOSTILE = [
    "# Policy <script>alert('x')</script>",
    "We collect ]]> and <![CDATA[ data ]]> & more &amp; <w:t>injected</w:t>.",
    "Controls \x00\x01\x08\x0b\x0c\x1b[2J\x1f are dropped; a lone surrogate \ud800 and \uffff replaced.",
    "| Cell | <b>bold</b> |\n| --- | --- |\n| \x07 | x |",
]


def raw_document(text: str) -> Document:
    """A document as it is, without normalise (which would clean the text first)."""
    return Document("<hostile>", text, text, "0" * 64, "markdown")


def test_hostile_text_stays_text_and_forbidden_characters_are_dropped() -> None:
    old = raw_document("\n\n".join(HOSTILE[:2]) + "\n\nWe keep data.")
    new = raw_document("\n\n".join(HOSTILE) + "\n\nWe keep data \x02 forever.")
    report, old_outline, new_outline, data = redline(old, new)
    assert report.changes
    xml = part(data)
    assert not [node for node in xml.iter() if local(node.tag) in ("script", "b", "CDATA")]
    texts = list(xml.iter(f"{W}t", f"{W}delText"))
    assert all(len(node) == 0 for node in texts) and not any(node.text == "injected" for node in texts)
    assert_round_trips(old_outline, new_outline, data)
    accepted = " ".join(view(data, accept=True))
    assert "<script>alert('x')</script>" in accepted and "<w:t>injected</w:t>" in accepted
    assert "\ufffd" in accepted and "\x1b" not in accepted and "\x00" not in accepted


def test_xml_text_keeps_what_xml_allows() -> None:
    assert xml_text("a\tb\nc\x00d\x1be\ud83dx\ufffe") == "a\tb\ncde\ufffdx\ufffd"


# --- determinism, package, errors -----------------------------------------------------------------


def test_the_same_inputs_give_the_same_bytes_dated_as_asked() -> None:
    report, _, _, data = fixture_redline("joypix")
    assert docx(report) == data
    assert docx(report, NOW + dt.timedelta(days=1)) != data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 17, 12, 0, 0)}
    core = etree.tostring(part(data, "docProps/core.xml")).decode()
    assert core.count(DATE) == 2 and f"<dc:creator>{AUTHOR}</dc:creator>" in core
    assert part(data, "word/settings.xml").find(f"{W}trackRevisions") is not None


def test_the_golden_document_xml_of_the_joypix_pair() -> None:
    data = fixture_redline("joypix")[3]
    assert_golden("joypix.docx.document.xml", etree.tostring(part(data), pretty_print=True).decode() + "")


def test_outlines_of_other_documents_are_refused() -> None:
    report, old, _, _ = fixture_redline("joypix")
    with pytest.raises(ValueError, match="not in the new document"):
        docx(replace(report, outlines=(old, old)))


def test_a_report_without_outlines_or_a_time_is_refused() -> None:
    report = fixture_redline("joyclip")[0]
    with pytest.raises(ValueError, match="no outlines"):
        docx(replace(report, outlines=None))
    with pytest.raises(ValueError, match=r"RenderOptions\.now is required"):
        render(report, "docx")


def test_the_renderer_is_registered_as_a_binary_format() -> None:
    report, _, _, data = fixture_redline("joyclip")
    assert RENDERERS["docx"](report, RenderOptions(now=NOW)) == data
    assert docx(report, dt.datetime(2026, 3, 17, 12, 0, 0, 999)) == data  # naive means UTC; whole seconds


# --- command line ---------------------------------------------------------------------------------


def test_diff_format_docx_writes_the_redline_to_output(tmp_path: Path) -> None:
    target = tmp_path / "redline.docx"
    args = ["diff", str(JOYPIX_OLD), str(JOYPIX_NEW), "--format", "docx", "--output", str(target)]
    result = CliRunner().invoke(app, [*args, "--fail-on", "major"])
    assert result.exit_code == 1  # major changes found: the file is still written
    assert (result.stdout, result.stderr) == ("", "")
    _, old, new, _ = fixture_redline("joypix")
    assert_round_trips(old, new, target.read_bytes())


def test_diff_format_docx_to_redirected_stdout_writes_bytes() -> None:
    result = CliRunner().invoke(app, ["diff", str(JOYCLIP_OLD), str(JOYCLIP_NEW), "-f", "docx"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    _, old, new, _ = fixture_redline("joyclip")
    assert view(result.stdout_bytes, accept=True) == expected(new)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_diff_format_docx_refuses_a_terminal() -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "policydiff", "diff", str(JOYPIX_OLD), str(JOYPIX_NEW), "-f", "docx"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert stderr.count("\n") == 1 and "--output" in stderr and "Traceback" not in stderr


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (it is not in CI)")
def test_libreoffice_reads_every_revision_and_comment(tmp_path: Path) -> None:
    """LibreOffice opens the redline, prints it to PDF, and saves it back as .docx with the same revisions."""
    report, old, new, data = fixture_redline("joypix")
    source = tmp_path / "redline.docx"
    source.write_bytes(data)
    for target, folder in (("pdf", tmp_path / "pdf"), ("docx:MS Word 2007 XML", tmp_path / "docx")):
        subprocess.run(
            [str(SOFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
             "--convert-to", target, "--outdir", str(folder), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    from pdfminer.high_level import extract_text

    assert "Precise Location" in extract_text(str(tmp_path / "pdf" / "redline.pdf"))
    saved = (tmp_path / "docx" / "redline.docx").read_bytes()
    assert_round_trips(old, new, saved)  # its own accept/reject view of our revisions
    material = [c for c in report.changes if c.severity in (Severity.MAJOR, Severity.REVIEW, Severity.MINOR)]
    assert len(list(part(saved, "word/comments.xml").iter(f"{W}comment"))) == len(material)


# --- the published text: Word styles, runs and links, never Markdown -------------------------------

MARKED_OLD = """# Privacy Policy

We collect **your email address** and \\*nothing\\* else. See our [cookie notice](https://acme.example/cookies).

- your email address;
- your device identifiers.

1. We keep logs for 30 days.
2. We never sell data.

| Data | Kept for |
|---|---|
| Logs<br>and backups | 30 days \\| then deleted |
"""

MARKED_NEW = MARKED_OLD.replace("30 days", "90 days").replace(
    "See our [cookie notice]", "See our [cookie notice](javascript:alert(1)) and [terms]"
)


def test_the_redline_shows_the_published_text_with_word_lists_bold_links_and_table_cells() -> None:
    _, old, new, data = redline(document(MARKED_OLD), document(MARKED_NEW))
    assert_round_trips(old, new, data)
    accepted = " ".join(view(data, accept=True))
    for markup in ("**", "](", "- your", "<br>", "\\*", "#", "---"):
        assert markup not in accepted
    # an escaped character is text: the cell's pipe and the starred word stay, the borders go
    assert "*nothing* else" in accepted and accepted.count("|") == 1 and "90 days | then" in accepted
    body = part(data)
    styles = [node.get(f"{W}val") for node in body.iter(f"{W}pStyle")]
    assert styles.count("ListBullet") == 2 and styles.count("List") == 2 and "Heading1" in styles
    bold = [run for run in body.iter(f"{W}r") if run.find(f"{W}rPr/{W}b") is not None]
    assert {"".join(run.itertext()) for run in bold} == {"your email address"}
    links = list(body.iter(f"{W}hyperlink"))
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in part(data, "word/_rels/document.xml.rels")
        if rel.get("TargetMode") == "External"
    }
    # the old link deleted inside its hyperlink, the new "terms" link inserted inside one; the new
    # javascript: target of "cookie notice" never becomes a link (its label is plain inserted text)
    assert [targets[link.get(f"{R}id")] for link in links] == ["https://acme.example/cookies"] * 2
    assert "javascript" not in " ".join(targets.values())
    # the table is a Word table: a row per table row, a cell per cell, the <br> a line break in it
    (table,) = body.iter(f"{W}tbl")
    rows = [[cell for cell in row.iter(f"{W}tc")] for row in table.iter(f"{W}tr")]
    assert [len(cells) for cells in rows] == [2, 2]
    assert ["".join(cell.itertext()).strip() for cell in rows[0]] == ["Data", "Kept for"]
    logs, kept = rows[1]
    assert (
        "".join(logs.itertext()).replace(" ", "") == "Logsandbackups" and len(list(logs.iter(f"{W}br"))) == 1
    )
    assert "then deleted" in "".join(kept.itertext()) and not list(table.iter(f"{W}tab"))


def test_a_code_span_shows_its_text_without_its_ticks() -> None:
    old_text = "We log lines such as `10.0.0.1 - GET /` for a week.\n"
    new_text = "We log lines such as ``10.0.0.1 - GET /`x` `` for a month.\n"
    _, old, new, data = redline(document(old_text), document(new_text))
    assert_round_trips(old, new, data)
    assert " ".join(view(data, accept=True)) == "We log lines such as 10.0.0.1 - GET /`x` for a month."


def test_a_table_that_changed_its_number_of_columns_round_trips() -> None:
    """A one-column table (and the heading above it) merged into a two-column header row: word
    edits across header rules of different widths cannot be tracked cell by cell (hypothesis)."""
    old_text = "# Security\n# Security\n| Security |\n|---|\n| Security |\n"
    new_text = "# Security\n| Security | Security |\n|---|---|\n| Security | Share Delete Delete |\n"
    for before, after in ((old_text, new_text), (new_text, old_text)):
        _, old, new, data = redline(document(before), document(after))
        assert_round_trips(old, new, data)
