"""Wall time of ``policydiff history`` on a long archive and of ``policydiff fetch`` on many policies.

Run it from the repository root with the test extras installed (``pip install -e ".[test]"``: it
serves the pages with pytest-httpserver). A measurement, not a test; it always exits 0::

    python benchmarks/archive.py                       # 500 versions, 50 policies, median of 3 runs
    python benchmarks/archive.py --versions 2000 --policies 100 --runs 5 --json /tmp/archive.json

1. **history**: an archive of N versions (written through ``PolicyArchive.add``, each with a few
   summary lines) and ``policydiff history POLICY --format F`` for every format, as a process.
2. **fetch**: M policies served by a local threaded web server (pytest-httpserver), each a page
   built from the JoyPix seed, and ``policydiff fetch`` as a process three times: every policy new
   (M first versions), every page unchanged, every page changed (M compares, redlines and records).
3. **record**: one ``policydiff record`` of a changed text on top of the N-version archive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer

from policydiff.archive import PolicyArchive
from policydiff.model import Severity

REPO_ROOT = Path(__file__).resolve().parent.parent
JOYPIX_OLD = REPO_ROOT / "fixtures" / "joypix" / "privacy-v2.0.txt"
JOYPIX_NEW = REPO_ROOT / "fixtures" / "joypix" / "privacy-v2.1.html"
FORMATS = ("text", "json", "md", "html", "atom")
SEVERITIES = (Severity.EDITORIAL, Severity.MINOR, Severity.MAJOR)
TARGET_HISTORY_S = 1.0  # any format of a 500-version history
TARGET_RECORD_S = 2.0  # one new version on top of the long archive
TARGET_FETCH_S = 30.0  # 50 policies from a local server


def run(command: list[str], cwd: Path) -> float:
    """Seconds one ``policydiff`` process takes; the output is checked, then dropped."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def policydiff(*args: str) -> list[str]:
    return [sys.executable, "-m", "policydiff", *args]


def build_history(folder: Path, versions: int) -> None:
    (folder / "policydiff.toml").write_text('[[policy]]\nid = "big"\ntitle = "Big Privacy Policy"\n')
    archive = PolicyArchive(folder / "policies", "big")
    text = JOYPIX_OLD.read_text(encoding="utf-8")
    start = time.perf_counter()
    with archive.locked():
        for number in range(versions):
            date = (dt.date(2000, 1, 3) + dt.timedelta(days=7 * number)).isoformat()
            severity = SEVERITIES[number % 3] if number else Severity.NONE
            summary = [
                f"{severity.value} · retention expands · 5.(1).b{k}: kept {number} months" for k in range(3)
            ]
            archive.add(
                label=f"v{number // 10}.{number % 10}",
                date=date,
                text=f"{text}\nRevision {number}.\n",
                source="https://example.com/privacy",
                severity=severity,
                notice=severity is Severity.MAJOR,
                summary=summary if severity.rank >= 2 else [],
                redline=("md", f"# redline {number}\n") if number else None,
            )
    print(f"built an archive of {versions} versions in {time.perf_counter() - start:.1f} s")


def measure_history(folder: Path, runs: int) -> dict[str, float]:
    return {
        fmt: statistics.median(
            run(policydiff("history", "big", "--format", fmt), folder) for _ in range(runs)
        )
        for fmt in FORMATS
    }


def measure_record(folder: Path) -> float:
    """One ``policydiff record`` of a changed text on top of the long archive: compare, redline, write."""
    changed = folder / "changed.html"
    changed.write_text(JOYPIX_NEW.read_text(encoding="utf-8"), encoding="utf-8")
    return run(policydiff("record", "big", str(changed), "--version", "next", "--date", "2099-01-01"), folder)


def page(text: str, number: int) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><title>Policy {number}</title></head><body><main>{body}</main></body></html>"


def measure_fetch(folder: Path, policies: int) -> dict[str, float]:
    old = JOYPIX_OLD.read_text(encoding="utf-8")
    new = JOYPIX_NEW.read_text(encoding="utf-8")
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        tables = []
        for number in range(policies):
            tables.append(
                f'[[policy]]\nid = "p{number}"\nurl = "{server.url_for(f"/p{number}")}"\nselect = "main"\n'
            )
        (folder / "policydiff.toml").write_text("\n".join(tables))
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one log line per request otherwise
        times = {}
        for label, content in (("new", old), ("unchanged", old), ("changed", new)):
            server.clear()
            for number in range(policies):
                body = (
                    page(content, number) if content is old else content.replace("JoyPix", f"JoyPix{number}")
                )
                server.expect_request(f"/p{number}").respond_with_data(body, content_type="text/html")
            times[label] = run(policydiff("fetch"), folder)
        return times
    finally:
        server.clear()
        server.stop()


CHECK_CONFIG = """[organization]
name = "JoyPix LLC"
contact = "support@joypix.ai"
website = "https://joypix.ai"

[notice]
policy_url = "https://joypix.ai/privacy"

[notice.links]
consent = "https://joypix.ai/account/privacy/consent"

[email]
from = "privacy@joypix.ai"

"""
TARGET_CHECK_S = 60.0  # 50 policies, each with material changes: compare, record, notices, redline


def peak_rss_mb(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, GNU time) of one process."""
    time_bin = "/usr/bin/time"
    if not Path(time_bin).exists():
        return run(command, cwd), float("nan")
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        seconds = run([time_bin, "-f", "%M", "-o", rss.name, *command], cwd)
        return seconds, int(rss.read().strip().splitlines()[-1]) / 1024


def measure_check(folder: Path, policies: int) -> dict[str, tuple[float, float]]:
    """``policydiff check`` of every policy: first versions, then every page with JoyPix v2.1's changes."""
    old = JOYPIX_OLD.read_text(encoding="utf-8")
    new = JOYPIX_NEW.read_text(encoding="utf-8")
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        tables = [
            f'[[policy]]\nid = "p{n}"\ntitle = "Policy {n}"\nurl = "{server.url_for(f"/p{n}")}"\n'
            'select = "main"\nremove = [".cookie-banner"]\n'
            for n in range(policies)
        ]
        (folder / "policydiff.toml").write_text(CHECK_CONFIG + "\n".join(tables))
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        results = {}
        for label, content in (("first versions", old), ("all changed, notices drafted", new)):
            server.clear()
            for number in range(policies):
                body = page(content, number) if content is old else content
                server.expect_request(f"/p{number}").respond_with_data(body, content_type="text/html")
            results[label] = peak_rss_mb(policydiff("check", "--json", "run.json"), folder)
        notices = sorted(folder.glob("policies/*/notices/*/email.html"))
        if len(notices) != policies:
            raise SystemExit(f"check drafted {len(notices)} notices for {policies} changed policies")
        return results
    finally:
        server.clear()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=500)
    parser.add_argument("--policies", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    options = parser.parse_args()
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory(prefix="policydiff-archive-bench-") as work:
        history_dir, fetch_dir = Path(work) / "history", Path(work) / "fetch"
        history_dir.mkdir()
        fetch_dir.mkdir()
        build_history(history_dir, options.versions)
        history = measure_history(history_dir, options.runs)
        record = measure_record(history_dir)
        fetch = measure_fetch(fetch_dir, options.policies)
        check_dir = Path(work) / "check"
        check_dir.mkdir()
        checks = measure_check(check_dir, options.policies)
    rows = [
        (f"history --format {fmt} ({options.versions} versions)", t, TARGET_HISTORY_S)
        for fmt, t in history.items()
    ]
    rows.append((f"record into the {options.versions}-version archive", record, TARGET_RECORD_S))
    rows += [(f"fetch {options.policies} policies, {label}", t, TARGET_FETCH_S) for label, t in fetch.items()]
    rows += [
        (f"check {options.policies} policies, {label} ({rss:.0f} MB peak)", t, TARGET_CHECK_S)
        for label, (t, rss) in checks.items()
    ]
    print(f"\n{'measure':<58} {'seconds':>8}  target")
    for name, seconds, target in rows:
        print(f"{name:<58} {seconds:>8.2f}  {'PASS' if seconds < target else 'FAIL'} < {target:g} s")
    if options.json:
        numbers = {"history": history, "fetch": fetch, "check": checks}
        options.json.write_text(json.dumps(numbers, indent=2) + "\n")


if __name__ == "__main__":
    main()
