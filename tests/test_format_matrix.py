"""One policy, any format: the same words as Markdown, a web page, a Word file or a PDF are the
same clauses, and a pair compared across formats gets the verdicts Markdown against Markdown gets.

The formats are made here (tests/formats.py: markdown-it, python-docx, Chromium's print-to-PDF)
from the seed fixtures that have a Markdown form (the .txt seeds are plain text: there is no
structure to render) and every sixth dev pair; benchmarks/formats.py prints the same matrix's figures.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest
from formats import to_docx, to_html, to_pdf
from helpers import ROOT

from policydiff.compare import compare
from policydiff.load import load
from policydiff.model import Document, Report, Severity

CORPUS = ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
# every sixth dev pair, as benchmarks/formats.py measures them (13 pairs, services of every kind)
PAIRS = [folder.name for folder in sorted(CORPUS.iterdir())][::6]
VERSIONS = {
    "joypix-v2.1": ROOT / "fixtures/joypix/privacy-v2.1.html",
    "joyclip-2026-04-01": ROOT / "fixtures/joyclip/privacy-2026-04-01.md",
    **{f"{pair}-{side}": CORPUS / pair / f"{side}.md" for pair in PAIRS for side in ("old", "new")},
}
FORMATS = ("md", "html", "docx", "pdf")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Document]]:
    """version → format → the loaded document."""
    folder = tmp_path_factory.mktemp("formats")
    out: dict[str, dict[str, Document]] = {}
    for name, path in VERSIONS.items():
        # a .md file as written (normalising would drop its hard line breaks); a page as read
        text = path.read_text(encoding="utf-8") if path.suffix == ".md" else load(str(path)).text
        stem = folder / name
        Path(f"{stem}.md").write_text(text, encoding="utf-8")
        Path(f"{stem}.html").write_text(to_html(text), encoding="utf-8")
        to_docx(text, Path(f"{stem}.docx"))
        to_pdf(text, Path(f"{stem}.pdf"))
        out[name] = {kind: load(f"{stem}.{kind}") for kind in FORMATS}
    return out


def _verdict(report: Report) -> tuple[str, bool, Counter[tuple[str, str, str]]]:
    return (
        report.severity.value,
        report.notice.required,
        Counter(
            (c.severity.value, c.categories[0].value if c.categories else "", c.direction.value)
            for c in report.changes
            if c.severity is not Severity.EDITORIAL
        ),
    )


@pytest.mark.parametrize("name", VERSIONS)
def test_every_format_of_a_version_reads_as_the_same_clauses(
    rendered: dict[str, dict[str, Document]], name: str
) -> None:
    documents = rendered[name]
    assert {d.format for d in documents.values()} == {"markdown", "html", "docx", "pdf"}
    for a, b in itertools.combinations(FORMATS, 2):
        changes = compare(documents[a], documents[b]).changes
        assert changes == (), (a, b, [(c.kind.value, c.edits[:4]) for c in changes[:5]])


@pytest.mark.parametrize(
    ("name", "a", "b"), [(name, a, b) for name in PAIRS for a, b in itertools.product(FORMATS, FORMATS)]
)
def test_a_pair_across_formats_gets_the_verdicts_of_markdown_against_markdown(
    rendered: dict[str, dict[str, Document]], name: str, a: str, b: str
) -> None:
    old, new = rendered[f"{name}-old"], rendered[f"{name}-new"]
    assert _verdict(compare(old[a], new[b])) == _verdict(compare(old["md"], new["md"]))
