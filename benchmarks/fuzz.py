"""Feed policydiff hostile inputs and count crashes, hangs and memory blow-ups.

Run it from the repository root (the project installed). A measurement, not a test; it exits 0
unless it cannot run::

    python benchmarks/fuzz.py                        # 10,000 cases: 9,700 in process, 300 as processes
    python benchmarks/fuzz.py --cases 500 --processes 50 --seed 7 --json /tmp/fuzz.json

Each case is a generated bad input given to a command the way a user would give it: a policy file
(HTML with unclosed ``embed``/``object``, declared charsets that are no text codec, deep nesting,
huge lines, control characters, invalid UTF-8; Markdown with deep lists and long tables; Word
files that are corrupt zips, zip bombs or carry absurd numbering and long properties; broken
PDFs) to ``diff`` and ``segment``, a config to ``check``-free commands (``config check``), a
recipients CSV to ``send --dry-run``, a date to ``notice --publish-date``. In process (typer's
CliRunner) it records the exit code and whether a traceback escaped; as a process it also
records the wall time (killed at ``--timeout``, 30 s) and the peak RSS (``os.wait4``).

The figures the issue asks for: exit 4 (an internal error where the input was at fault), any
traceback shown, hangs past the timeout, runs above 1 GiB. Exit 2 with one line is the expected
answer to bad input; 0 or 1 are fine when the input was merely odd but readable.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from policydiff.cli import app

REPO = Path(__file__).resolve().parent.parent
BASE = (REPO / "fixtures" / "joypix" / "privacy-v2.0.txt").read_text(encoding="utf-8")
SENTENCE = "We do not share your personal information with data brokers."
GIB = 1 << 30

Case = tuple[str, str, bytes]  # (kind, file name, bytes)


def _html(rng: random.Random) -> Case:
    """Hostile HTML: unclosed void/object elements, odd charsets, deep nesting, controls."""
    choice = rng.randrange(7)
    body = SENTENCE
    if choice == 0:
        tag = rng.choice(
            ["embed", "object", "iframe", "noscript", "template", "param", "source", "img", "br"]
        )
        body = f"<p>Intro.</p><{tag} src=x><p>{SENTENCE}</p>"
    elif choice == 1:
        codec = rng.choice(
            ["base64", "rot13", "zlib", "uu", "hex", "bz2", "quopri", "x-foo", "utf-7", "utf-32"]
        )
        return ("html-charset", "p.html", f'<meta charset="{codec}"><p>{SENTENCE}</p>'.encode())
    elif choice == 2:
        depth = rng.choice([1_000, 20_000, 100_000])
        tag = rng.choice(["div", "ul><li", "table><tr><td", "blockquote"])
        close = "</" + "></".join(reversed(tag.split("><"))) + ">"
        body = f"<{tag}>" * depth + SENTENCE + close * depth
    elif choice == 3:
        body = "<p>" + "x" * rng.choice([100_000, 3_000_000]) + "</p>"
    elif choice == 4:
        body = "".join(chr(rng.randrange(0, 32)) for _ in range(2000)) + SENTENCE
    elif choice == 5:
        return ("html-bytes", "p.html", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5000))))
    else:
        body = "<div>" + "<span>a</span>" * rng.choice([10_000, 100_000]) + "</div>"
    return ("html", "p.html", f"<html><body><main>{body}</main></body></html>".encode())


def _markdown(rng: random.Random) -> Case:
    choice = rng.randrange(4)
    if choice == 0:
        text = "".join("  " * i + "- item\n" for i in range(rng.choice([100, 5_000])))
    elif choice == 1:
        text = "| a |" * rng.choice([100, 5_000]) + "\n" + "|---|" * 100 + "\n"
    elif choice == 2:
        text = "line\n" * rng.choice([10_000, 200_000])
    else:
        text = "#" * rng.randrange(1, 200) + " " + "\u202e\u200b\x00" * 50 + SENTENCE
    return ("markdown", "p.md", text.encode("utf-8", "surrogatepass"))


def _docx(rng: random.Random) -> Case:
    choice = rng.randrange(4)
    buffer = io.BytesIO()
    if choice == 0:
        return ("docx-corrupt", "p.docx", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        if choice == 1:  # a bomb: a small file that unpacks to hundreds of megabytes
            archive.writestr(
                "word/document.xml", "<w:document>" + " " * (rng.choice([50, 250]) << 20) + "</w:document>"
            )
        elif choice == 2:
            archive.writestr(
                "word/document.xml", "<w:document><w:body>" + "<w:p/>" * 50_000 + "</w:body></w:document>"
            )
        else:
            archive.writestr("word/document.xml", "not xml at all <<<")
    return ("docx", "p.docx", buffer.getvalue())


def _pdf(rng: random.Random) -> Case:
    head = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    junk = bytes(rng.randrange(256) for _ in range(rng.randrange(10, 3000)))
    return ("pdf", "p.pdf", head + junk + (b"\n%%EOF" if rng.random() < 0.5 else b""))


GENERATORS: list[Callable[[random.Random], Case]] = [_html, _markdown, _docx, _pdf]


def _date(rng: random.Random) -> str:
    return rng.choice(
        ["9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "-1", "", "x" * 300, "2026-12-04"]
    )


class _Hang(BaseException):
    """Raised by the timer in the middle of a command that runs too long (not an Exception: no
    handler of policydiff's may take it for the command's own error)."""


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def run_in_process(folder: Path, case: Case, rng: random.Random, timeout: float) -> tuple[int, bool]:
    kind, name, data = case
    path = folder / name
    path.write_bytes(data)
    good = folder / "good.txt"
    good.write_text(BASE, encoding="utf-8")
    command = rng.choice(
        [
            ["diff", str(good), str(path), "--format", "json"],
            ["segment", str(path)],
            ["notice", str(good), str(good), "--publish-date", _date(rng), "--out", str(folder / "n")],
        ]
    )
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        result = CliRunner().invoke(app, command, catch_exceptions=True)
    except _Hang:
        return -9, False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    traceback = result.exception is not None and not isinstance(result.exception, SystemExit)
    shown = "Traceback (most recent call last)" in (result.output or "")
    return result.exit_code, traceback or shown


def run_as_process(folder: Path, case: Case, timeout: float) -> tuple[int, bool, float, int]:
    kind, name, data = case
    path = folder / name
    path.write_bytes(data)
    good = folder / "good.txt"
    good.write_text(BASE, encoding="utf-8")
    env = {**os.environ, "POLICYDIFF_ERROR_LOG": str(folder / "error.log")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "policydiff", "diff", str(good), str(path), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    hung = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            os.killpg(process.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            hung = True
            break
        time.sleep(0.05)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    code = -9 if hung else os.waitstatus_to_exitcode(status)
    return code, "Traceback" in stderr, time.perf_counter() - started, usage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=300, help="how many of the cases run as processes")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    codes: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    worst: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="policydiff-fuzz-") as workdir:
        for number in range(args.cases):
            folder = Path(workdir) / str(number)
            folder.mkdir()
            case = rng.choice(GENERATORS)(rng)
            if number < args.processes:
                code, traceback, seconds, rss = run_as_process(folder, case, args.timeout)
                figures["hangs past the timeout"] += code == -9
                figures["runs above 1 GiB"] += rss > GIB
                figures["processes"] += 1
                if seconds > 10 or rss > GIB or code in (4, -9):
                    worst.append(f"{case[0]} {len(case[2])} B: exit {code}, {seconds:.1f} s, {rss >> 20} MiB")
            else:
                code, traceback = run_in_process(folder, case, rng, args.timeout)
                figures["hangs past the timeout"] += code == -9
                if code in (4, -9):
                    worst.append(f"{case[0]} {len(case[2])} B: exit {code} in process")
            codes[f"{case[0]}: {code}"] += 1
            figures["exit 4"] += code == 4
            figures["tracebacks shown"] += traceback
            for path in folder.iterdir():
                if path.is_file():
                    path.unlink()
            if (number + 1) % 500 == 0:  # a long run shows where it is, and what it found so far
                print(
                    f"  {number + 1} cases, {time.perf_counter() - started:.0f} s:"
                    f" exit 4 {figures['exit 4']},"
                    f" tracebacks {figures['tracebacks shown']}, hangs {figures['hangs past the timeout']},"
                    f" over 1 GiB {figures['runs above 1 GiB']}",
                    file=sys.stderr,
                    flush=True,
                )
    seconds = time.perf_counter() - started
    print(f"{args.cases} hostile inputs ({args.processes} as processes), {seconds:.0f} s")
    for name in ("exit 4", "tracebacks shown", "hangs past the timeout", "runs above 1 GiB"):
        print(f"  {name:26} {figures[name]}")
    print("  exit codes by kind:")
    for key, count in sorted(codes.items()):
        print(f"    {key:24} {count}")
    for line in worst[:30]:
        print(f"  ! {line}")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "codes": codes, "worst": worst}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
