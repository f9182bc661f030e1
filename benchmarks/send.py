"""Wall time of ``policydiff send`` for many recipients against a local SendGrid Mail Send stub.

Run it from the repository root (a measurement, not a test; it always exits 0)::

    python benchmarks/send.py                       # 10,000 recipients, median of 3 runs
    python benchmarks/send.py --recipients 50000 --runs 5

Each run is a separate ``python -m policydiff send`` process (start-up and imports included) on a fresh
copy of a generated notice folder (a 12 kB HTML and 4 kB text email, default and ``fr``) and a CSV in
which every fifth recipient has ``locale=fr``. The stub (pytest-httpserver on 127.0.0.1) makes batch ids
(``POST /v3/mail/batch``, one per scheduled request), answers Mail Send 202, or 200 in sandbox mode, and
counts requests and bytes; it does no work, so the times are policydiff's (building, logging with fsync,
the client's urllib round trips). Rows: ``--dry-run`` (one ``.eml`` per recipient), ``--sandbox``,
``--live --yes`` (scheduled: a batch id and a ``send_at`` per request), ``--live --immediate``, and a
re-run of ``--live`` that finds everyone sent. The "requests" column counts Mail Send requests only.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


@dataclass
class Stub:
    """Answers Mail Send like SendGrid and counts what it receives."""

    requests: int = 0
    personalizations: int = 0
    bytes: int = 0
    batch_ids: int = 0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()

    def new_batch(self, request: Request) -> Response:
        with self.lock:
            self.batch_ids += 1
            batch_id = f"benchBatch{self.batch_ids:08d}"
        return Response(json.dumps({"batch_id": batch_id}), 201, content_type="application/json")

    def handle(self, request: Request) -> Response:
        body = request.get_data()
        mail = json.loads(body)
        with self.lock:
            self.requests += 1
            self.personalizations += len(mail["personalizations"])
            self.bytes += len(body)
        sandbox = mail.get("mail_settings", {}).get("sandbox_mode", {}).get("enable") is True
        return Response("", 200 if sandbox else 202, {"X-Message-Id": f"bench-{self.requests}"})


def make_inputs(folder: Path, count: int) -> tuple[Path, Path]:
    notice = folder / "notice"
    notice.mkdir(parents=True)
    email = {
        "from": "JoyPix Privacy <privacy@joypix.ai>",
        "subject": "We're updating our Privacy Policy",
        "subjects": {"fr": "Nous mettons à jour notre politique"},
    }
    meta = {"schema": "policydiff.notice/1", "email": email, "locales": ["en", "fr"]}
    (notice / "notice.json").write_text(json.dumps(meta), encoding="utf-8")
    paragraph = "We are changing how we use the content you upload to train our models. " * 4
    for suffix, tag in (("", "en"), (".fr", "fr")):
        (notice / f"email{suffix}.txt").write_text(f"[{tag}]\n" + (paragraph + "\n\n") * 14, encoding="utf-8")
        html = "".join(f"<p>{paragraph}</p>\n" for _ in range(40))
        (notice / f"email{suffix}.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    recipients = folder / "recipients.csv"
    with recipients.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["email", "name", "locale"])
        for number in range(count):
            writer.writerow(
                [f"user{number:06d}@example.com", f"User {number}", "fr" if number % 5 == 0 else ""]
            )
    return notice, recipients


def run(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "policydiff", "send", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return time.perf_counter() - started, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access-log line per request
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    stub = Stub()
    server.expect_request("/v3/mail/send", method="POST").respond_with_handler(stub.handle)
    server.expect_request("/v3/mail/batch", method="POST").respond_with_handler(stub.new_batch)
    server.start()
    env = {
        **os.environ,
        "SENDGRID_API_KEY": "SG.benchmark.not-a-real-key",
        "POLICYDIFF_SENDGRID_HOST": server.url_for("").rstrip("/"),
        "NO_PROXY": "127.0.0.1,localhost",
    }
    rows = []
    with tempfile.TemporaryDirectory(prefix="policydiff-send-bench-") as temporary:
        work = Path(temporary)
        source, recipients = make_inputs(work, options.recipients)
        scenarios = [
            ("dry run (.eml)", ["--dry-run"]),
            ("sandbox", ["--sandbox"]),
            ("live", ["--live", "--yes"]),
            ("live --immediate", ["--live", "--yes", "--immediate"]),
        ]
        for label, flags in [*scenarios, ("live re-run (all sent)", ["--live", "--yes"])]:
            times, requests, sent_bytes, failures = [], 0, 0, 0
            for number in range(options.runs):
                folder = work / f"run-{'-'.join(re.findall(r'[a-z]+', label))}-{number}"
                if not label.startswith("live re-run"):
                    shutil.rmtree(folder, ignore_errors=True)
                    shutil.copytree(source, folder)
                else:  # the live run's folder, whose log already holds everyone
                    folder = work / f"run-live-{number}"
                before = (stub.requests, stub.bytes)
                seconds, done = run([str(folder), "--recipients", str(recipients), *flags], env)
                failures += done.returncode != 0
                if done.returncode != 0:
                    print(f"{label}: exit {done.returncode}: {done.stderr.strip()}", file=sys.stderr)
                times.append(seconds)
                requests, sent_bytes = stub.requests - before[0], stub.bytes - before[1]
            median = statistics.median(times)
            rows.append((label, requests, sent_bytes / 1e6, median, min(times), failures))
    server.stop()

    print(f"policydiff send, {options.recipients:,} recipients (20 % fr), median of {options.runs} runs")
    widths = (24, 8, 8, 9, 7, 9, 5)
    header = ("scenario", "requests", "MB sent", "median s", "min s", "recips/s", "fails")
    print(
        " ".join(
            f"{title:<{widths[0]}}" if i == 0 else f"{title:>{widths[i]}}" for i, title in enumerate(header)
        )
    )
    for label, requests, megabytes, median, fastest, failures in rows:
        rate = 0.0 if label.startswith("live re-run") else options.recipients / median
        cells = (
            f"{requests}",
            f"{megabytes:.2f}",
            f"{median:.2f}",
            f"{fastest:.2f}",
            f"{rate:,.0f}",
            f"{failures}",
        )
        print(
            f"{label:<24} "
            + " ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths[1:], strict=True))
        )


if __name__ == "__main__":
    main()
