"""Size and browser load time of the HTML report (``policydiff diff --format html``).

Run it from the repository root with Debian's chromium installed (it is a measurement, not a
test, and always exits 0)::

    python benchmarks/html_report.py              # the largest corpus pair and a 1 MB document
    python benchmarks/html_report.py --runs 5 --keep /tmp/html-pages

For each pair it prints the input size, the number of changes, the time ``compare`` and
``render_html`` take, the size of the page, and, in headless Chromium driven by Playwright,
the median time to load the page from disk (navigation to the ``load`` event), to switch to
the side-by-side view and to apply a severity filter. The 1 MB pair is the generated policy of
``benchmarks/speed.py`` (fixed seed).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import DEFAULT_CORPUS, MB, generate_pair, print_table  # noqa: E402

from policydiff.compare import compare  # noqa: E402
from policydiff.model import Document  # noqa: E402
from policydiff.render.html import render_html  # noqa: E402
from policydiff.text import normalise  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass
class Result:
    name: str
    input_bytes: int
    changes: int
    compare_s: float
    render_s: float
    html_bytes: int
    load_s: float
    toggle_s: float
    filter_s: float


def document(text: str, source: str) -> Document:
    """A ``Document`` as ``load`` makes it from a Markdown file."""
    normalised = normalise(text).text
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return Document(source, normalised, text, digest, "markdown")


def largest_pair(corpus: Path) -> tuple[str, str, str]:
    """The corpus pair whose old and new files are largest together."""
    pairs = [
        folder
        for folder in corpus.iterdir()
        if (folder / "old.md").is_file() and (folder / "new.md").is_file()
    ]
    if not pairs:
        raise SystemExit(f"{corpus}: no */old.md + new.md pairs")
    biggest = max(pairs, key=lambda f: (f / "old.md").stat().st_size + (f / "new.md").stat().st_size)
    old, new = ((biggest / name).read_text(encoding="utf-8") for name in ("old.md", "new.md"))
    return biggest.name, old, new


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def measure_page(browser: Browser, path: Path, runs: int) -> tuple[float, float, float]:
    """Median seconds to load ``path``, to switch to side by side, and to hide editorial changes."""
    loads, toggles, filters = [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        loads.append(timed(partial(page.goto, path.as_uri(), wait_until="load")))
        # each action is timed to the frame after it, so the layout and paint it causes count too
        toggles.append(timed(partial(act, page, page.get_by_role("button", name="Side by side").click)))
        filters.append(timed(partial(act, page, page.get_by_role("checkbox", name="● editorial").uncheck)))
        page.close()
    return statistics.median(loads), statistics.median(toggles), statistics.median(filters)


def act(page: Page, action: Callable[[], None]) -> None:
    action()
    page.evaluate(FRAME)


def run(pairs: Sequence[tuple[str, str, str]], runs: int, chromium: str, keep: Path | None) -> list[Result]:
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        folder = keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        for name, old_text, new_text in pairs:
            old, new = document(old_text, f"{name}/old.md"), document(new_text, f"{name}/new.md")
            start = time.perf_counter()
            report = compare(old, new)
            compare_s = time.perf_counter() - start
            page = render_html(report)
            render_s = time.perf_counter() - start - compare_s
            path = folder / f"{name}.html"
            path.write_text(page, encoding="utf-8")
            load_s, toggle_s, filter_s = measure_page(browser, path, runs)
            size = len(old_text.encode()) + len(new_text.encode())
            results.append(
                Result(
                    name,
                    size,
                    len(report.changes),
                    compare_s,
                    render_s,
                    len(page.encode()),
                    load_s,
                    toggle_s,
                    filter_s,
                )
            )
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of */old.md, new.md pairs"
    )
    parser.add_argument("--size-mb", type=float, default=1.0, help="size of the generated document (MB)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per pair (median)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser binary")
    parser.add_argument("--keep", type=Path, help="write the pages to this folder")
    args = parser.parse_args(argv)

    name, old, new = largest_pair(args.corpus)
    generated_old, generated_new, _ = generate_pair(int(args.size_mb * MB))
    pairs = [(name, old, new), (f"generated-{args.size_mb:g}MB", generated_old, generated_new)]
    results = run(pairs, max(args.runs, 1), args.chromium, args.keep)

    def kb(size: int) -> str:
        return f"{size / 1024:,.0f} KB"

    rows = [
        [
            r.name,
            kb(r.input_bytes),
            str(r.changes),
            f"{r.compare_s:.2f}",
            f"{r.render_s:.2f}",
            kb(r.html_bytes),
            f"{r.load_s:.2f}",
            f"{r.toggle_s:.2f}",
            f"{r.filter_s:.2f}",
        ]
        for r in results
    ]
    headers = [
        "pair",
        "old+new",
        "changes",
        "compare s",
        "render s",
        "HTML",
        "load s",
        "toggle s",
        "filter s",
    ]
    print(f"HTML report in headless Chromium ({args.chromium}), median of {args.runs} loads")
    print_table(headers, rows, [False, *([True] * 8)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
