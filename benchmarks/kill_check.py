"""Kill ``policydiff check`` at random points and count what a rerun leaves undone.

Run it from the repository root with the test extras installed (the pages are served by
pytest-httpserver). A measurement, not a test; it always exits 0 unless it cannot run::

    python benchmarks/kill_check.py                 # 200 kills, 3 policies
    python benchmarks/kill_check.py --kills 50 --seed 7 --json /tmp/kills.json

For each round one policy's page gains a material change (retention grows), ``policydiff check``
starts as a process and gets SIGKILL after a random delay (from before it has read its config to
after it has written its notices), then ``policydiff check`` runs again to the end. After the
rerun the script counts:

- **lost notices**: recorded versions whose change is major and that have neither notice drafts
  (a settled.json entry or drafts in their notice folder) nor a place in the rerun's pending list;
- **pending left**: versions the rerun still lists as pending (it should draft them all: 0);
- **temporary files**: ``.policydiff-*`` files anywhere in the archive after the rerun;
- **rerun exit codes**: 0 when the killed run had finished its work, 1 when the rerun drafted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from policydiff.archive import PolicyArchive
from policydiff.files import TEMP_PREFIX
from policydiff.settlements import read_settlements

POLICY = """# Example Privacy Policy

## 1. Data We Collect

We collect your email address and your display name when you register for service {n}.

## 2. Retention

We keep your account data for {months} months after you close your account, then delete it.

## 3. Contact

Write to privacy@example.com with any question about this policy.
"""


def page(text: str) -> str:
    body = "".join(
        f"<h2>{line.lstrip('# ')}</h2>" if line.startswith("#") else f"<p>{line}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    return f"<html><body><nav>Menu</nav><main>{body}</main></body></html>"


def write_project(folder: Path, base: str, policies: int) -> None:
    entries = "".join(
        f'\n[[policy]]\nid = "p{n}"\ntitle = "Policy {n}"\nurl = "{base}p{n}"\nselect = "main"\n'
        for n in range(policies)
    )
    (folder / "policydiff.toml").write_text(
        '[organization]\nname = "Example LLC"\ncontact = "privacy@example.com"\n'
        'website = "https://example.com"\n\n[notice]\npolicy_url = "https://example.com/privacy"\n\n'
        '[email]\nfrom = "privacy@example.com"\n' + entries,
        encoding="utf-8",
    )


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYDIFF_ERROR_LOG": str(folder / "error.log"), "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "policydiff", "check", "--json", "run.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def lost_notices(folder: Path, pending: set[tuple[str, str]]) -> list[str]:
    """Major versions with no drafts and no place in the pending list."""
    from policydiff.commands.pending import drafted_in, notice_folder

    lost = []
    for policy_folder in sorted((folder / "policies").glob("p*")):
        archive = PolicyArchive(folder / "policies", policy_folder.name)
        settled = {(s.version, s.sha256) for s in read_settlements(archive)}
        for version in archive.versions():
            if version.severity.rank < 3 or (version.label, version.sha256) in settled:
                continue
            if drafted_in(notice_folder(archive, version), version):
                continue
            if (archive.policy, version.label) not in pending:
                lost.append(f"{archive.policy}@{version.label}")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--policies", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--max-delay", type=float, default=2.5, help="latest kill, in seconds after start")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    chooser = random.Random(args.seed)
    months = {n: 6 for n in range(args.policies)}

    def answer(request: Request) -> Response:
        number = int(request.path.removeprefix("/p"))
        return Response(page(POLICY.format(n=number, months=months[number])), content_type="text/html")

    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.expect_request(re.compile(r"^/p\d+$")).respond_with_handler(answer)
    server.start()
    figures: Counter[str] = Counter()
    codes: Counter[int] = Counter()
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="policydiff-kills-") as workdir:
            folder = Path(workdir)
            write_project(folder, server.url_for("/"), args.policies)
            first = check(folder)
            if first.returncode != 0:
                print(f"the first check failed ({first.returncode}): {first.stderr.strip()}")
                return 1
            env = {**os.environ, "POLICYDIFF_ERROR_LOG": str(folder / "error.log")}
            for round_ in range(args.kills):
                months[chooser.randrange(args.policies)] += 1  # a material change: longer retention
                process = subprocess.Popen(
                    [sys.executable, "-m", "policydiff", "check"],
                    cwd=folder,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(chooser.uniform(0.0, args.max_delay))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    figures["killed while running"] += 1
                else:
                    figures["finished before the kill"] += 1
                process.wait()
                rerun = check(folder)
                codes[rerun.returncode] += 1
                record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
                pending = {(item["policy"], item["version"]) for item in record["pending"]}
                figures["pending left after rerun"] += len(pending)
                lost = lost_notices(folder, pending)
                figures["lost notices"] += len(lost)
                temporary = [p for p in (folder / "policies").rglob(f"{TEMP_PREFIX}*")]
                figures["temporary files after rerun"] += len(temporary)
                if lost or temporary:
                    print(f"round {round_}: lost {lost}, temporary {[str(p) for p in temporary]}")
            versions = sum(
                len(PolicyArchive(folder / "policies", f"p{n}").versions()) for n in range(args.policies)
            )
            figures["versions recorded"] = versions
    finally:
        server.clear()
        server.stop()
    seconds = time.perf_counter() - started
    print(f"{args.kills} kills of policydiff check over {args.policies} policies, {seconds:.0f} s")
    for name in (
        "killed while running",
        "finished before the kill",
        "versions recorded",
        "lost notices",
        "pending left after rerun",
        "temporary files after rerun",
    ):
        print(f"  {name:32} {figures[name]}")
    print(f"  rerun exit codes                 {dict(sorted(codes.items()))}")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "codes": codes, "seconds": seconds}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
