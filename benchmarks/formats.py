"""The format matrix: one policy as Markdown, a web page, a Word file and a PDF reads as the same clauses.

Run from the repository root (the project installed, Debian's `chromium` on PATH):

    python benchmarks/formats.py                       # the two seeds and 12 dev pairs
    python benchmarks/formats.py --pairs 30 --keep /tmp/matrix
    python benchmarks/formats.py --every 1 --pairs 76    # every dev pair (about 6 minutes)

Each version (the seed fixtures that have a Markdown form, and the old and new Markdown of dev
pairs in `../shared/corpus/ota/pairs`, every sixth pair) is rendered by `tests/formats.py` to `.md`,
`.html` (page chrome around it), `.docx` (python-docx) and `.pdf` (Chromium's print-to-PDF).
Then, in process (`policydiff.load.load` and `policydiff.compare.compare`, as `diff` does):

1. **Same version, two formats** (6 format pairs per version): every change found is one that
   should not exist; the table counts them by severity.
2. **Old in format A, new in format B** (16 format combinations per pair): the verdicts are
   compared with Markdown against Markdown; a pair differs when its severity, its notice decision
   or its multiset of (severity, first category, direction) of changes of substance differs.

Chromium prints a script it has no font for as boxes, which no PDF reader can read back: for the
pairs in Chinese, Devanagari, Arabic and other scripts (wechat, wikimedia), install Debian's
`fonts-noto-core` and `fonts-noto-cjk` first, or their PDFs count missing glyphs as changes.
Complex scripts still come back imperfectly from any PDF (a vowel sign printed before its
consonant is read in printed order), so the wikimedia language list keeps some changes.

A measurement, not a test: the script exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from formats import to_docx, to_html, to_pdf  # noqa: E402

from policydiff.compare import compare  # noqa: E402
from policydiff.load import load  # noqa: E402
from policydiff.model import Document, Report, Severity  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
# the seed versions that have a Markdown form (the .txt ones are plain text: no structure to render)
SEEDS = {
    "seed-joypix-v2.1": ROOT / "fixtures/joypix/privacy-v2.1.html",
    "seed-joyclip-2026-04-01": ROOT / "fixtures/joyclip/privacy-2026-04-01.md",
}
FORMATS = ("md", "html", "docx", "pdf")


def markdown_of(path: Path) -> str:
    """A version's Markdown: a .md file as written (normalising would drop its hard line breaks),
    else the Markdown policydiff reads from the page."""
    return path.read_text(encoding="utf-8") if path.suffix == ".md" else load(str(path)).text


def render(text: str, folder: Path, stem: str) -> dict[str, Document]:
    """The version's text in every format, loaded back."""
    paths = {"md": folder / f"{stem}.md", "html": folder / f"{stem}.html"}
    paths["md"].write_text(text, encoding="utf-8")
    paths["html"].write_text(to_html(text), encoding="utf-8")
    paths["docx"], paths["pdf"] = folder / f"{stem}.docx", folder / f"{stem}.pdf"
    to_docx(text, paths["docx"])
    to_pdf(text, paths["pdf"])
    return {kind: load(str(path)) for kind, path in paths.items()}


def verdict(report: Report) -> tuple[str, bool, Counter[tuple[str, str, str]]]:
    substance = Counter(
        (c.severity.value, c.categories[0].value if c.categories else "", c.direction.value)
        for c in report.changes
        if c.severity is not Severity.EDITORIAL
    )
    return report.severity.value, report.notice.required, substance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=12, help="dev pairs (default 12)")
    parser.add_argument("--every", type=int, default=6, help="take every Nth dev pair (default 6; 1: all)")
    parser.add_argument("--keep", type=Path, help="keep the rendered files here")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="policydiff-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pairs = {folder.name: (folder / "old.md", folder / "new.md") for folder in sorted(CORPUS.iterdir())}
    pairs = dict(list(pairs.items())[:: options.every][: options.pairs])
    same: Counter[str] = Counter()
    same_by: Counter[tuple[str, str]] = Counter()
    versions = cross = cross_differ = 0
    differing: list[str] = []

    def same_version(name: str, documents: dict[str, Document]) -> None:
        nonlocal versions
        versions += 1
        for a, b in itertools.combinations(FORMATS, 2):
            changes = compare(documents[a], documents[b]).changes
            for change in changes:
                same[change.severity.value] += 1
                same_by[a, b] += 1
            if changes:
                differing.append(f"  {name} {a}/{b}: {len(changes)} changes")

    try:
        for name, path in SEEDS.items():
            same_version(name, render(markdown_of(path), work, name))
        for name, (old_path, new_path) in pairs.items():
            rendered = {
                side: render(markdown_of(path), work, f"{name}-{side}")
                for side, path in (("old", old_path), ("new", new_path))
            }
            for side, documents in rendered.items():
                same_version(f"{name} {side}", documents)
            reference = verdict(compare(rendered["old"]["md"], rendered["new"]["md"]))
            for a, b in itertools.product(FORMATS, FORMATS):
                cross += 1
                if verdict(compare(rendered["old"][a], rendered["new"][b])) != reference:
                    cross_differ += 1
                    differing.append(f"  {name} old.{a} -> new.{b}: verdicts differ from md -> md")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(SEEDS)} seed versions, {len(pairs)} dev pairs: {versions} versions x {len(FORMATS)} formats")
    print(f"1. same version, two formats: {versions * 6} comparisons, changes that should not exist:")
    print("   by severity: " + (", ".join(f"{k} {v}" for k, v in sorted(same.items())) or "none"))
    print("   by formats:  " + (", ".join(f"{a}/{b} {v}" for (a, b), v in sorted(same_by.items())) or "none"))
    print(f"2. old format A -> new format B: {cross} comparisons, {cross_differ} with verdicts unlike md/md")
    print(*differing, sep="\n")
    print(f"time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
