"""Peak memory and time of `policydiff diff` on inputs just under each default limit, and just over it.

Run from the repository root (the project installed):

    python benchmarks/limits.py                 # every case
    python benchmarks/limits.py --only docx     # the cases whose name holds "docx"
    python benchmarks/limits.py --keep /tmp/lim # keep the generated inputs there

For each format the script writes the largest input the default limits let through (`policydiff.limits`),
an old and a new version of it (a few paragraphs reworded), and runs `policydiff diff OLD NEW --format json`
as its own process; peak RSS is the child's `ru_maxrss` from `os.wait4`. Then one input over each limit,
which must exit 2 with one line naming the limit, quickly and small. The issue's bar: every run under
1 GiB; no run over 2x its time budget (`seconds`). The over-limit inputs run first: a child's peak RSS
is never reported below the parent's own, which building the large inputs raises. A measurement, not a
test: the script exits 0.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from policydiff.limits import Limits

LIMITS = Limits()
GIB = 1 << 30
SENTENCES = (
    "We collect your email address and the name on your account to provide the service.",
    "We share usage statistics with analytics providers who process them on our behalf.",
    "You may ask us to delete your personal information at any time through your settings.",
    "We keep server logs for ninety days and then delete them or make them anonymous.",
)


def _paragraph(n: int, changed: bool) -> str:
    text = SENTENCES[n % len(SENTENCES)]
    if changed and n % 997 == 0:
        text = text.replace("ninety days", "one year").replace("delete", "erase")
    return f"{n}. {text}"


def _paragraphs(total_bytes: int, changed: bool) -> list[str]:
    out, size, n = [], 0, 0
    while size < total_bytes:
        paragraph = _paragraph(n, changed)
        out.append(paragraph)
        size += len(paragraph) + 20  # the markup around it
        n += 1
    return out


def markdown(path: Path, changed: bool) -> None:
    body = _paragraphs(int(LIMITS.input_bytes * 0.97), changed)
    lines = ["# Privacy Policy", ""]
    for index, paragraph in enumerate(body):
        if index % 50 == 0:
            lines += [f"## Section {index // 50 + 1}", ""]
        lines += [paragraph, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def html(path: Path, changed: bool) -> None:
    # as many elements as the limit lets through (each paragraph is one <p>), up to the input size
    count = min(LIMITS.html_elements - 1000, int(LIMITS.input_bytes * 0.97) // 100)
    body = [_paragraph(n, changed) for n in range(count)]
    parts = ["<!doctype html><html><head><title>Privacy</title></head><body><main><h1>Privacy Policy</h1>"]
    parts += [f"<p>{paragraph}</p>" for paragraph in body]
    parts.append("</main></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def docx(path: Path, changed: bool) -> None:
    """A Word file whose document.xml is as large as unpacked_mb lets through (python-docx adds the rest)."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Privacy Policy", 1)
    template = io.BytesIO()
    document.save(template)
    paragraph_xml = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'
    budget = int(LIMITS.unpacked_bytes * 0.9)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = data.decode("utf-8").partition("</w:p>")
                chunks, size, n = [head + "</w:p>"], 0, 0
                while size < budget:
                    chunk = paragraph_xml.format(_paragraph(n, changed))
                    chunks.append(chunk)
                    size += len(chunk)
                    n += 1
                data = ("".join(chunks) + tail).encode("utf-8")
            target.writestr(item, data)


def pdf(path: Path, changed: bool) -> None:
    """As many pages as pdf_pages lets through, each a page of text, within the input size."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_load_pdf import build_pdf

    pages, n = [], 0
    per_page = max(1, min(40, int(LIMITS.input_bytes * 0.9) // (LIMITS.pdf_pages * 110)))
    for _ in range(LIMITS.pdf_pages - 1):
        lines = [b"BT /F1 10 Tf 50 760 Td 12 TL"]
        for _ in range(per_page):
            lines.append(b"(" + _paragraph(n, changed)[:100].encode() + b") '")
            n += 1
        lines.append(b"ET")
        pages.append(b"\n".join(lines))
    path.write_bytes(build_pdf(pages))


CASES: dict[str, tuple[str, Callable[[Path, bool], None]]] = {
    "markdown at input_mb": (".md", markdown),
    "html at input_mb / html_elements": (".html", html),
    "docx at unpacked_mb": (".docx", docx),
    "pdf at pdf_pages": (".pdf", pdf),
}


def run(args: list[str]) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak RSS bytes and the last stderr line of one policydiff process."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "policydiff", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = err.strip().splitlines()
    return process.returncode, time.monotonic() - started, usage.ru_maxrss * 1024, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the cases whose name holds this")
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="policydiff-limits-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"default limits: {LIMITS}")
    print(f"{'case':38} {'size':>10} {'exit':>4} {'seconds':>8} {'peak RSS':>10}  verdict")
    try:
        over = work / "over.md"
        with over.open("w", encoding="utf-8") as out:
            while out.tell() <= LIMITS.input_bytes:
                out.write("We collect your name. " * 1000)
        for name, args in {
            "over input_mb": ["diff", str(over), str(over)],
            "over input_mb, /dev/zero": ["segment", "/dev/zero"],
        }.items():
            if options.only and options.only not in name:
                continue
            code, seconds, peak, last = run(args)
            ok = code == 2 and "limit" in last and peak < GIB
            verdict = "PASS" if ok else "FAIL"
            print(f"{name:38} {'':>10} {code:>4} {seconds:>8.1f} {peak / 2**20:>8.0f} MB  {verdict}")
        for name, (suffix, build) in CASES.items():
            if options.only and options.only not in name:
                continue
            old, new = work / f"old{suffix}", work / f"new{suffix}"
            build(old, False)
            build(new, True)
            code, seconds, peak, last = run(["diff", str(old), str(new), "--format", "json"])
            ok = peak < GIB and seconds < 2 * LIMITS.seconds
            verdict = "PASS" if ok else "FAIL"
            if code not in (0, 1):
                verdict += f" ({last})"
            size = new.stat().st_size
            print(f"{name:38} {size:>10,} {code:>4} {seconds:>8.1f} {peak / 2**20:>8.0f} MB  {verdict}")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
