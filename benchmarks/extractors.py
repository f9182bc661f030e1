"""Which HTML main-content extractor reads a policy page best: words of the policy kept, chrome let in.

Run from the repository root (the project installed, and for the other rows
`pip install trafilatura readability-lxml inscriptis`; a row whose package is missing is skipped):

    python benchmarks/extractors.py                    # every old.md and new.md of the corpus pairs
    python benchmarks/extractors.py --pairs 10 --json /tmp/extractors.json --keep /tmp/pages

Each version (the old and new Markdown of the pairs in `../shared/corpus/ota/pairs`) is rendered
by `tests/formats.py` to a web page with its chrome (navigation, a cookie banner, a footer), to
which this script adds what real pages also carry: a script in the head and at the end of the body,
and a JSON-LD blob. Each extractor reads the page:

- `policydiff`: `policydiff.load.load` of the `.html` file (the time includes segmenting);
- `trafilatura recall`: `trafilatura.extract(html, include_tables=True, include_formatting=False,
  favor_recall=True)`; `trafilatura default`: `trafilatura.extract(html)`;
- `readability`: readability-lxml's `Document(html).summary()`, its text by BeautifulSoup
  `get_text("\\n")`;
- `inscriptis`: `inscriptis.get_text(html)`, the whole page: the "no extraction" baseline.

Figures per document, on words (casefolded `[^\\W_]+` tokens of `policydiff.text.read_text` of the
whole text) matched in order by `difflib.SequenceMatcher` (autojunk off) between the source
Markdown and the extractor's output:

- **recall**: the share of the source's words matched (a word lost is a change the diff can miss);
- **chrome**: the output's words matched to no source word (menus, banners, footers, scripts);
- **bag recall**: recall with the words matched as multisets, so that text only put out of order
  (a table laid out as a grid) is told apart from text lost.

Raw HTML tags in the Markdown (`<p>`, `<a href=…>`, `<img …>`) render as markup, so their words
are taken out of the source first.

The table gives per extractor the mean and minimum recall, the documents under 0.99, the mean
chrome words, the documents with any, and the median time; then the five worst documents per
extractor, each with its longest run of lost words. `--json FILE` writes the per-document figures.

A measurement, not a test: the script exits 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from formats import to_html  # noqa: E402

from policydiff.load import load  # noqa: E402
from policydiff.text import read_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
WORD = re.compile(r"[^\W_]+")
# raw HTML in the Markdown (a tag, a comment) renders as markup, not text: autolinks <https://…> stay
RAW_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)
# chrome tests/formats.py does not write: scripts and a JSON blob, as a CMS page carries them
HEAD_CHROME = (
    "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
    " gtag('config', 'tracking-id');</script>"
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebPage",'
    ' "name": "Privacy notice", "publisher": {"@type": "Organization", "name": "Example Corp"}}</script>'
)
BODY_CHROME = "<script>document.querySelector('.cookie-banner button').onclick = acceptAllCookies;</script>"


def page(markdown: str) -> str:
    """The policy as a site serves it: tests/formats.py's page with scripts and a JSON blob added."""
    html = to_html(markdown)
    return html.replace("</head>", HEAD_CHROME + "</head>", 1).replace("</body>", BODY_CHROME + "</body>", 1)


def words(text: str) -> list[str]:
    return WORD.findall(read_text(text).casefold())


def source_words(markdown: str) -> list[str]:
    """The words a reader of the rendered page sees: the Markdown's, less its raw HTML tags."""
    return words(RAW_HTML.sub(" ", markdown))


def by_policydiff(path: Path, html: str) -> str:
    return load(str(path)).text


def by_trafilatura_recall(path: Path, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_formatting=False, favor_recall=True) or ""


def by_trafilatura_default(path: Path, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def by_readability(path: Path, html: str) -> str:
    from bs4 import BeautifulSoup
    from readability import Document as Readable

    return BeautifulSoup(Readable(html).summary(), "lxml").get_text("\n")


def by_inscriptis(path: Path, html: str) -> str:
    import inscriptis

    return inscriptis.get_text(html)


EXTRACTORS: dict[str, tuple[str | None, Callable[[Path, str], str]]] = {
    # name: (module that must import, reader)
    "policydiff": (None, by_policydiff),
    "trafilatura recall": ("trafilatura", by_trafilatura_recall),
    "trafilatura default": ("trafilatura", by_trafilatura_default),
    "readability": ("readability", by_readability),
    "inscriptis (all)": ("inscriptis", by_inscriptis),
}


@dataclass
class Figures:
    document: str
    extractor: str
    source_words: int
    output_words: int
    recall: float
    bag_recall: float  # the same, matched as multisets: what is only out of order counts as kept
    chrome_words: int
    ms: float
    lost_run: str  # the longest run of source words the output lacks
    chrome_sample: str  # the first unmatched output words


def measure(name: str, source: list[str], output: list[str], extractor: str, ms: float) -> Figures:
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    matched = lost_longest = 0
    lost_run = ""
    extra: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            matched += i2 - i1
            continue
        if i2 - i1 > lost_longest:
            lost_longest, lost_run = i2 - i1, " ".join(source[i1:i2])
        extra.extend(output[j1:j2])
    return Figures(
        document=name,
        extractor=extractor,
        source_words=len(source),
        output_words=len(output),
        recall=matched / len(source) if source else 1.0,
        bag_recall=sum((Counter(source) & Counter(output)).values()) / len(source) if source else 1.0,
        chrome_words=len(output) - matched,
        ms=ms,
        lost_run=lost_run[:160],
        chrome_sample=" ".join(extra[:25]),
    )


def available() -> dict[str, Callable[[Path, str], str]]:
    readers = {}
    for name, (module, reader) in EXTRACTORS.items():
        try:
            if module:
                __import__(module)
        except ImportError as error:
            print(f"skipped {name}: {error}")
            continue
        readers[name] = reader
    return readers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, help="only the first N pairs (default: all)")
    parser.add_argument("--json", type=Path, help="write the per-document figures here")
    parser.add_argument("--keep", type=Path, help="keep the rendered pages here")
    options = parser.parse_args()
    started = time.perf_counter()
    readers = available()
    folders = sorted(folder for folder in CORPUS.iterdir() if folder.is_dir())[: options.pairs]
    sources = [folder / f"{side}.md" for folder in folders for side in ("old", "new")]
    results: dict[str, list[Figures]] = {name: [] for name in readers}
    with tempfile.TemporaryDirectory(prefix="policydiff-extractors-") as scratch:
        work = options.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for source in sources:
            name = f"{source.parent.name}/{source.stem}"
            markdown = source.read_text(encoding="utf-8")
            html = page(markdown)
            path = work / f"{source.parent.name}-{source.stem}.html"
            path.write_text(html, encoding="utf-8")
            expected = source_words(markdown)
            for extractor, reader in readers.items():
                start = time.perf_counter()
                try:
                    text = reader(path, html)
                except Exception as error:  # an extractor that fails reads nothing
                    print(f"{extractor} failed on {name}: {error!r}")
                    text = ""
                ms = (time.perf_counter() - start) * 1000
                results[extractor].append(measure(name, expected, words(text), extractor, ms))
    print(f"{len(sources)} documents ({len(folders)} pairs), words matched in order to the source Markdown\n")
    header = ("extractor", "mean recall", "min recall", "docs < 0.99", "mean chrome words", "docs w/ chrome")
    print(" | ".join(header + ("median ms", "total s", "mean bag recall")))
    print(" | ".join("---" for _ in range(len(header) + 3)))
    for extractor, rows in results.items():
        recalls = [row.recall for row in rows]
        chrome = [row.chrome_words for row in rows]
        times = [row.ms for row in rows]
        cells = (
            extractor,
            f"{statistics.mean(recalls):.4f}",
            f"{min(recalls):.4f}",
            str(sum(r < 0.99 for r in recalls)),
            f"{statistics.mean(chrome):.1f}",
            str(sum(c > 0 for c in chrome)),
            f"{statistics.median(times):.1f}",
            f"{sum(times) / 1000:.1f}",
            f"{statistics.mean(row.bag_recall for row in rows):.4f}",
        )
        print(" | ".join(cells))
    for extractor, rows in results.items():
        worst = [row for row in sorted(rows, key=lambda row: row.recall)[:5] if row.recall < 1]
        print(f"\n{extractor}: worst 5 by recall" + ("" if worst else ": none below 1"))
        for row in worst:
            print(
                f"  {row.recall:.4f} {row.document} ({row.source_words} words, {row.chrome_words} chrome,"
                f" bag recall {row.bag_recall:.4f})"
            )
            if row.lost_run:
                print(f"      longest lost run: {row.lost_run!r}")
    if options.json:
        figures = {extractor: [asdict(row) for row in rows] for extractor, rows in results.items()}
        options.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
        print(f"\nper-document figures: {options.json}")
    print(f"\ntime: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
