"""Wall-time and peak-memory benchmark of the whole ``policydiff diff`` process.

Run it from the repository root (it is a measurement, not a test, and always exits 0)::

    python benchmarks/speed.py                 # everything, median of 5 runs
    python benchmarks/speed.py --quick         # skip the 10 MB document
    python benchmarks/speed.py --runs 3 --json /tmp/speed.json

It measures, each as a separate process (start-up, imports and output included):

1. ``policydiff diff OLD NEW --format json`` against ``git diff --no-index --word-diff=porcelain OLD NEW``
   on every pair in ``../shared/corpus/ota/pairs/*/{old,new}.md`` (``--corpus DIR``);
2. the same on generated policy-like Markdown documents of about 1 MB and 10 MB (fixed seed), written
   to a temporary directory (``--workdir DIR`` to keep them);
3. ``policydiff --help`` and ``python -c "import policydiff.cli"``.

Wall time is the median of N runs (``--runs``); peak RSS is the largest over the runs, from
``/usr/bin/time -f %M`` when GNU time is installed (else ``ru_maxrss`` from ``os.wait4``, which a
child forked from this process never reports below this process's own peak). By default the
``policydiff`` script next to the running interpreter is used, not a version-manager shim found on
PATH (``--policydiff CMD`` to override).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
SEED = 20261123
OK_CODES = (0, 1)  # policydiff: 0 = done, 1 = --fail-on hit; git diff: 1 = differences found

TARGET_PAIR_S = 0.4
TARGET_1MB_S = 3.0
TARGET_10MB_S = 30.0
TARGET_10MB_RSS_MB = 1024.0
TARGET_HELP_S = 0.25

MB = 1024 * 1024


# --------------------------------------------------------------------------------------------------
# Running one child process


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    max_rss_kb: int
    returncode: int
    timed_out: bool
    stdout: bytes
    stderr: str


TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(
    argv: Sequence[str],
    timeout: float,
    cwd: Path | None = None,
    keep_stdout: bool = False,
    via_time: bool = False,
) -> Run:
    """Run ``argv`` once; wall time from spawn to exit.

    Peak RSS: a child forked from this (big) Python process inherits our resident-set high-water
    mark, so ``ru_maxrss`` from ``os.wait4`` is never below our own RSS. With ``via_time`` (and GNU
    time installed) the command runs under ``/usr/bin/time -f %M``, a small process, whose number
    is the real one; it adds about a millisecond of wall time.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile() as rss,
    ):
        reaped = threading.Lock()
        timed_out = threading.Event()
        command = list(argv)
        if via_time and TIME_BIN:
            command = [TIME_BIN, "-f", "%M", "-o", rss.name, *command]
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, start_new_session=True
        )

        def kill() -> None:
            with reaped:
                if proc.returncode is None:
                    timed_out.set()
                    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: time and its child

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            # Wait without reaping, so that a late kill() can only ever hit our own zombie.
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            elapsed = time.perf_counter() - start
            with reaped:
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            timer.cancel()
        out.seek(0)
        stdout = out.read() if keep_stdout else b""
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        max_rss_kb = int(usage.ru_maxrss)
        if via_time and TIME_BIN:
            lines = Path(rss.name).read_text(encoding="utf-8", errors="replace").split()
            max_rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return Run(elapsed, max_rss_kb, proc.returncode, timed_out.is_set(), stdout, stderr)


@dataclass
class Measurement:
    """Repeated runs of one command line."""

    label: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    max_rss_kb: int = 0
    returncodes: list[int] = field(default_factory=list)
    timed_out: bool = False
    stderr_tail: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.timed_out and all(code in OK_CODES for code in self.returncodes)

    @property
    def median(self) -> float:
        """Median over the runs that finished with 0 or 1 (a crash's time says nothing)."""
        good = [t for t, code in zip(self.times, self.returncodes, strict=True) if code in OK_CODES]
        return statistics.median(good) if good else float("nan")

    @property
    def max_rss_mb(self) -> float:
        return self.max_rss_kb / 1024

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        median = self.median
        data.update(ok=self.ok, median_s=None if median != median else median, max_rss_mb=self.max_rss_mb)
        return data


def measure(
    label: str,
    argv: Sequence[str],
    runs: int,
    timeout: float,
    cwd: Path | None = None,
    check: Callable[[bytes], str] | None = None,
    via_time: bool = False,
) -> Measurement:
    """Run ``argv`` ``runs`` times; stop early on a crash or time-out (the rest would tell nothing new).

    ``check`` gets the first run's stdout and returns a short note (or raises ValueError).
    """
    result = Measurement(label, list(argv))
    for index in range(runs):
        run = run_once(argv, timeout, cwd, keep_stdout=check is not None and index == 0, via_time=via_time)
        result.times.append(run.seconds)
        result.returncodes.append(run.returncode)
        result.max_rss_kb = max(result.max_rss_kb, run.max_rss_kb)
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if lines:
            result.stderr_tail = lines[-1]
        if run.timed_out:
            result.timed_out = True
            break
        if run.returncode not in OK_CODES:
            break
        if check is not None and index == 0:
            try:
                result.note = check(run.stdout)
            except ValueError as error:
                result.note = f"bad output: {error}"
    return result


def check_diff_json(stdout: bytes) -> str:
    """Make sure the report is the JSON we asked for; return the number of changes."""
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error})") from None
    if not isinstance(report, dict) or not str(report.get("schema", "")).startswith("policydiff.diff"):
        raise ValueError("not a policydiff.diff report")
    return f"{len(report.get('changes', []))} changes, severity {report.get('severity')}"


# --------------------------------------------------------------------------------------------------
# Generated policy-like documents


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FUNCTION_WORDS = _words(
    "we the your you and to of or in for with that this may our by on as is are any such be from at "
    "which when where if not all other these those its their it can will also about through under"
)

POLICY_WORDS = _words(
    "personal information data collect collected collection use process processing share disclose "
    "disclosure sell sale transfer store retain retention delete deletion access correct rectify "
    "request consent withdraw object restrict portability account profile device identifier cookie "
    "cookies pixel beacon analytics advertising marketing partner partners vendor vendors service "
    "provider providers affiliate affiliates subsidiary controller processor purpose purposes "
    "legitimate interest interests contract legal obligation law laws applicable jurisdiction "
    "regulation security safeguard safeguards encryption breach incident notify notice policy "
    "privacy rights right choice choices opt-out preferences settings email address phone number "
    "location precise approximate browsing history search usage payment billing card transaction "
    "biometric health sensitive children minors age parent guardian verify verification fraud "
    "prevention compliance audit authority authorities court order subpoena enforcement merger "
    "acquisition bankruptcy successor aggregated de-identified anonymous pseudonymous inferences "
    "profiling automated decision-making third parties platform website application app features "
    "content communications messages support customer members users visitors business commercial "
    "reasonable necessary appropriate limited period periods duration backup archives servers "
    "international outside country countries adequacy standard contractual clauses framework "
    "California Virginia Colorado European Economic Area United Kingdom residents resident "
    "supervisory complaint officer representative contact inquiries response days months years"
)

SECTION_TITLES = (
    "Information We Collect",
    "How We Use Your Information",
    "How We Share Information",
    "Cookies and Similar Technologies",
    "Your Rights and Choices",
    "Data Retention",
    "Data Security",
    "International Data Transfers",
    "Children's Privacy",
    "Legal Bases for Processing",
    "Third-Party Services",
    "Advertising and Analytics",
    "Sale and Sharing of Personal Information",
    "Sensitive Personal Information",
    "Changes to This Policy",
    "Contact Us",
    "Automated Decision-Making",
    "Information From Other Sources",
    "Business Transfers",
    "Law Enforcement Requests",
    "Communications Preferences",
    "Account Deletion",
    "Location Information",
    "Payment Information",
)
SECTION_QUALIFIERS = (
    "",
    "",
    "",
    " for Members",
    " for Visitors",
    " in the Mobile App",
    " for Business Customers",
    " for California Residents",
    " in the European Economic Area",
    " for Creators",
    " on Connected Devices",
)
SUBHEADINGS = (
    "Information you give us",
    "Information we collect automatically",
    "Information from partners",
    "Purposes of processing",
    "Disclosures to service providers",
    "Disclosures required by law",
    "How to exercise your rights",
    "Retention periods",
    "Safeguards we apply",
    "Opting out",
    "Verification of requests",
    "Authorized agents",
    "Appeals",
    "Transfers outside your country",
    "Cookies we use",
    "Your choices",
    "Notice of changes",
    "Data protection officer",
)
BULLET_TERMS = (
    "Identifiers",
    "Account Information",
    "Device Information",
    "Usage Data",
    "Location Data",
    "Payment Data",
    "Communications",
    "Inferences",
    "Biometric Information",
    "Professional Information",
    "Audio and Visual Information",
    "Commercial Information",
    "Sensitive Information",
    "Cookie Data",
)
NUMBER_PHRASES = (
    "within {n} days",
    "for up to {n} months",
    "at least {n} years old",
    "no later than {n} days",
    "for {n} years after your account is closed",
    "up to {n} times in a {m}-month period",
    "as described in section {n}.{m}",
    "by calling 1-800-{n}{m}-{m}{n}",
    "more than {n}% of our revenue",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Section:
    """One ``## N. Title`` section: blocks are (kind, text), kind one of p, ul, table, h3."""

    title: str
    blocks: list[tuple[str, str]]


def _sentence(rng: random.Random, words: int) -> str:
    out: list[str] = []
    for _ in range(words):
        pool = FUNCTION_WORDS if rng.random() < 0.42 else POLICY_WORDS
        out.append(rng.choice(pool))
    if rng.random() < 0.15:
        phrase = rng.choice(NUMBER_PHRASES).format(n=rng.randint(2, 99), m=rng.randint(1, 12))
        out.insert(rng.randint(1, len(out)), phrase)
    if rng.random() < 0.08:
        out.insert(
            rng.randint(1, len(out)),
            rng.choice(
                (
                    "(“Services”)",
                    "privacy@example.com",
                    "**not**",
                    "[Cookie Policy](https://example.com/cookies)",
                )
            ),
        )
    if rng.random() < 0.2:
        out.insert(rng.randint(2, len(out)), ",")
    text = " ".join(out).replace(" ,", ",")
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    target = rng.randint(40, 120)
    sentences: list[str] = []
    count = 0
    while count < target:
        length = min(rng.randint(8, 24), max(target - count, 6))
        sentences.append(_sentence(rng, length))
        count += length
    return " ".join(sentences)


def _bullets(rng: random.Random) -> str:
    items = []
    for term in rng.sample(BULLET_TERMS, rng.randint(3, 7)):
        items.append(f"- **{term}**. {_sentence(rng, rng.randint(8, 30))}")
    return "\n".join(items)


def _table(rng: random.Random) -> str:
    rows = ["| Category | Examples | Source | Retention |", "| --- | --- | --- | --- |"]
    for term in rng.sample(BULLET_TERMS, rng.randint(3, 6)):
        examples = ", ".join(rng.sample(POLICY_WORDS, 3))
        source = rng.choice(("You", "Your device", "Partners", "Service providers", "Public sources"))
        rows.append(f"| {term} | {examples} | {source} | {rng.randint(1, 60)} months |")
    return "\n".join(rows)


def _section(rng: random.Random) -> Section:
    title = rng.choice(SECTION_TITLES) + rng.choice(SECTION_QUALIFIERS)
    blocks: list[tuple[str, str]] = [("p", _paragraph(rng))]
    for _ in range(rng.randint(2, 7)):
        blocks.append(("h3", rng.choice(SUBHEADINGS)))
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.72:
                blocks.append(("p", _paragraph(rng)))
            elif roll < 0.95:
                blocks.append(("p", _sentence(rng, rng.randint(8, 16))[:-1] + ":"))
                blocks.append(("ul", _bullets(rng)))
            else:
                blocks.append(("table", _table(rng)))
    return Section(title, blocks)


def render_document(sections: Sequence[Section], updated: str, intro: str) -> str:
    """Markdown with sections and sub-headings numbered in order (moving a section renumbers)."""
    parts = ["# Privacy Policy", f"Last updated: {updated}", intro]
    for number, section in enumerate(sections, 1):
        parts.append(f"## {number}. {section.title}")
        sub = 0
        for kind, text in section.blocks:
            if kind == "h3":
                sub += 1
                parts.append(f"### {number}.{sub} {text}")
            else:
                parts.append(text)
    return "\n\n".join(parts) + "\n"


def _edit_words(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    plain = [i for i, word in enumerate(words) if word.isalpha() and word.islower()]
    for i in rng.sample(plain, min(len(plain), rng.randint(1, 3))):
        words[i] = rng.choice(POLICY_WORDS)
    return " ".join(words)


def _edit_number(rng: random.Random, text: str) -> str:
    numbers = list(re.finditer(r"\d+", text))
    hit = rng.choice(numbers)
    value = int(hit.group()) + rng.choice((-1, 1)) * rng.randint(1, 9)
    return text[: hit.start()] + str(max(value, 1)) + text[hit.end() :]


def generate_pair(size: int) -> tuple[str, str, dict[str, int]]:
    """An old document of at least ``size`` bytes and a new version with scattered edits."""
    rng = random.Random(SEED)
    intro = _paragraph(rng)
    sections: list[Section] = []
    total = 0
    while total < size:
        section = _section(rng)
        sections.append(section)
        total += sum(len(text) + 2 for _, text in section.blocks) + len(section.title) + 8
    old = render_document(sections, "March 3, 2025", intro)

    new_sections = [Section(s.title, list(s.blocks)) for s in sections]
    stats = {
        "sections": len(sections),
        "paragraphs": 0,
        "word_edits": 0,
        "number_edits": 0,
        "inserted": 0,
        "deleted": 0,
        "moved": 0,
    }
    for section in new_sections:
        for index, (kind, text) in enumerate(section.blocks):
            if kind != "p":
                continue
            stats["paragraphs"] += 1
            if rng.random() < 0.02:
                section.blocks[index] = (kind, _edit_words(rng, text))
                stats["word_edits"] += 1
            elif rng.random() < 0.01 and re.search(r"\d", text):
                section.blocks[index] = (kind, _edit_number(rng, text))
                stats["number_edits"] += 1
    few = 3 + stats["paragraphs"] // 2000
    for _ in range(few):
        section = rng.choice(new_sections)
        section.blocks.insert(rng.randint(1, len(section.blocks)), ("p", _paragraph(rng)))
        stats["inserted"] += 1
    for _ in range(few):
        section = rng.choice(new_sections)
        paragraphs = [i for i, (kind, _) in enumerate(section.blocks) if kind == "p" and i > 0]
        if paragraphs:
            del section.blocks[rng.choice(paragraphs)]
            stats["deleted"] += 1
    for _ in range(2):
        moved = new_sections.pop(rng.randrange(1, len(new_sections)))
        new_sections.insert(rng.randrange(0, len(new_sections) + 1), moved)
        stats["moved"] += 1
    new = render_document(new_sections, "November 23, 2026", intro)
    return old, new, stats


# --------------------------------------------------------------------------------------------------
# Reporting


def status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def fmt_s(seconds: float | None) -> str:
    return "-" if seconds is None or seconds != seconds else f"{seconds:.3f}"


def fmt_ratio(a: float, b: float) -> str:
    return "-" if not b or a != a or b != b else f"{a / b:.0f}x"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> None:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        out = [
            str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(out).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def problem(m: Measurement) -> str:
    """A one-line description of what went wrong, or ''."""
    if m.timed_out:
        return f"timed out; stderr: {m.stderr_tail or '(none)'}"
    bad = [code for code in m.returncodes if code not in OK_CODES]
    if bad:
        return f"exit {bad[0]}; stderr: {m.stderr_tail or '(none)'}"
    if m.note.startswith("bad output"):
        return m.note
    return ""


def resolve_policydiff(explicit: str | None) -> list[str]:
    if explicit:
        return shlex.split(explicit)
    beside = Path(sys.executable).parent / "policydiff"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("policydiff")
    return [found] if found else [sys.executable, "-m", "policydiff"]


# --------------------------------------------------------------------------------------------------
# The three parts


def bench_corpus(args: argparse.Namespace, tool: list[str], git: str | None, cwd: Path) -> dict[str, Any]:
    pairs = sorted(
        p for p in Path(args.corpus).glob("*") if (p / "old.md").is_file() and (p / "new.md").is_file()
    )
    print(f"\n== 1. Corpus pairs: {args.corpus} ({len(pairs)} pairs, median of {args.runs} runs) ==\n")
    if not pairs:
        print("no pairs found")
        return {"pairs": [], "status": "n/a"}
    rows: list[list[str]] = []
    results: list[dict[str, Any]] = []
    medians: list[float] = []
    gits: list[float] = []
    ratios: list[float] = []
    failures: list[str] = []
    for pair in pairs:
        old, new = pair / "old.md", pair / "new.md"
        pd = measure(
            pair.name,
            [*tool, "diff", str(old), str(new), "--format", "json"],
            args.runs,
            args.timeout,
            cwd,
            check=check_diff_json,
            via_time=True,
        )
        gd = (
            measure(
                pair.name,
                [git, "diff", "--no-index", "--word-diff=porcelain", str(old), str(new)],
                args.runs,
                args.timeout,
                cwd,
            )
            if git
            else None
        )
        gmed = gd.median if gd else float("nan")
        kb = old.stat().st_size / 1024
        rows.append(
            [
                pair.name,
                f"{kb:.1f}",
                fmt_s(pd.median),
                f"{pd.max_rss_mb:.0f}",
                fmt_s(gmed),
                fmt_ratio(pd.median, gmed),
                problem(pd) or pd.note,
            ]
        )
        results.append(
            {"pair": pair.name, "old_kb": kb, "policydiff": pd.as_dict(), "git": gd.as_dict() if gd else None}
        )
        failures += [] if pd.ok else [pair.name]
        if pd.median == pd.median:  # not NaN: at least one run finished normally
            medians.append(pd.median)
            if gd is not None and gmed == gmed and gmed > 0:
                gits.append(gmed)
                ratios.append(pd.median / gmed)
    overall = statistics.median(medians) if medians else None
    worst = max(medians) if medians else None
    rows.append(
        [
            "-- median of pairs",
            "",
            fmt_s(overall),
            "",
            fmt_s(statistics.median(gits)) if gits else "-",
            f"{statistics.median(ratios):.0f}x" if ratios else "-",
            "",
        ]
    )
    rows.append(
        [
            "-- max of pairs",
            "",
            fmt_s(worst),
            "",
            fmt_s(max(gits)) if gits else "-",
            f"{max(ratios):.0f}x" if ratios else "-",
            "",
        ]
    )
    print_table(
        ["pair", "old KB", "policydiff s", "RSS MB", "git s", "ratio", "policydiff output"],
        rows,
        [False, True, True, True, True, True, False],
    )
    return {
        "pairs": results,
        "median_s": overall,
        "max_s": worst,
        "median_ratio": statistics.median(ratios) if ratios else None,
        "max_ratio": max(ratios) if ratios else None,
        "failures": failures,
    }


def bench_generated(
    args: argparse.Namespace, tool: list[str], git: str | None, workdir: Path
) -> list[dict[str, Any]]:
    sizes: list[tuple[str, int, float, float | None]] = [("1 MB", 1 * MB, TARGET_1MB_S, None)]
    if not args.quick:
        sizes.append(("10 MB", 10 * MB, TARGET_10MB_S, TARGET_10MB_RSS_MB))
    print(f"\n== 2. Generated documents (seed {SEED}, files in {workdir}) ==\n")
    rows: list[list[str]] = []
    out: list[dict[str, Any]] = []
    measured: list[Measurement] = []
    for name, size, limit_s, limit_rss in sizes:
        runs = args.big_runs if size > MB else args.runs
        started = time.perf_counter()
        old_text, new_text, stats = generate_pair(size)
        gen_s = time.perf_counter() - started
        tag = name.replace(" ", "").lower()
        old, new = workdir / f"old-{tag}.md", workdir / f"new-{tag}.md"
        old.write_text(old_text, encoding="utf-8")
        new.write_text(new_text, encoding="utf-8")
        print(f"{name}: {stats} (generated in {gen_s:.1f} s)")
        pd = measure(
            name,
            # the 10 MB document is past the default input limit (10 MB): raised, as a user would
            [
                *tool,
                "diff",
                str(old),
                str(new),
                "--format",
                "json",
                "--limit",
                "input_mb=50",
                "--limit",
                "seconds=600",
            ],
            runs,
            args.timeout,
            workdir,
            check=check_diff_json,
            via_time=True,
        )
        gd = (
            measure(
                name,
                [git, "diff", "--no-index", "--word-diff=porcelain", str(old), str(new)],
                runs,
                args.timeout,
                workdir,
            )
            if git
            else None
        )
        passed = pd.ok and pd.median < limit_s and (limit_rss is None or pd.max_rss_mb < limit_rss)
        target = f"< {limit_s:g} s" + (f", < {limit_rss / 1024:g} GB RSS" if limit_rss else "")
        saved = ""
        if problem(pd) or not passed:
            keep = Path(tempfile.gettempdir()) / "policydiff-bench-inputs"
            keep.mkdir(exist_ok=True)
            shutil.copy2(old, keep / old.name)
            shutil.copy2(new, keep / new.name)
            saved = str(keep)
        gmed = gd.median if gd else float("nan")
        rows.append(
            [
                name,
                f"{len(old_text.encode()) / MB:.2f}",
                f"{len(new_text.encode()) / MB:.2f}",
                f"{len(pd.times)}",
                fmt_s(pd.median),
                f"{pd.max_rss_mb:.0f}",
                fmt_s(gmed),
                fmt_ratio(pd.median, gmed),
                target,
                status(passed),
            ]
        )
        out.append(
            {
                "name": name,
                "old_bytes": len(old_text.encode()),
                "new_bytes": len(new_text.encode()),
                "edits": stats,
                "policydiff": pd.as_dict(),
                "git": gd.as_dict() if gd else None,
                "target": target,
                "passed": passed,
                "inputs_saved_to": saved or None,
            }
        )
        measured.append(pd)
    print()
    print_table(
        [
            "doc",
            "old MB",
            "new MB",
            "runs",
            "policydiff s",
            "peak RSS MB",
            "git s",
            "ratio",
            "target",
            "status",
        ],
        rows,
        [False, True, True, True, True, True, True, True, False, False],
    )
    for item, pd in zip(out, measured, strict=True):
        print(
            f"{item['name']}: policydiff {problem(pd) or pd.note}"
            + (f"; inputs kept in {item['inputs_saved_to']}" if item["inputs_saved_to"] else "")
        )
    return out


def bench_startup(args: argparse.Namespace, tool: list[str], cwd: Path) -> dict[str, Any]:
    print(f"\n== 3. Start-up (median of {args.help_runs} runs) ==\n")
    cases = [
        ("policydiff --help", [*tool, "--help"], TARGET_HELP_S),
        ('python -c "import policydiff.cli"', [sys.executable, "-c", "import policydiff.cli"], None),
        ('python -c "pass" (interpreter alone)', [sys.executable, "-c", "pass"], None),
    ]
    on_path = shutil.which("policydiff")
    if on_path and Path(on_path).resolve() != Path(tool[0]).resolve():
        cases.append((f"policydiff --help via PATH ({on_path})", [on_path, "--help"], None))
    rows, out = [], {}
    for label, argv, limit in cases:
        m = measure(label, argv, args.help_runs, args.timeout, cwd, via_time=True)
        passed = m.ok and (limit is None or m.median < limit)
        rows.append(
            [
                label,
                fmt_s(m.median),
                f"{m.max_rss_mb:.0f}",
                f"< {limit:g} s" if limit else "",
                status(passed) if limit else "",
                problem(m),
            ]
        )
        out[label] = {**m.as_dict(), "target_s": limit, "passed": passed if limit else None}
    print_table(
        ["command", "median s", "RSS MB", "target", "status", "problem"],
        rows,
        [False, True, True, False, False, False],
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the median is reported (5)")
    parser.add_argument("--big-runs", type=int, default=None, help="runs for the 10 MB document (--runs)")
    parser.add_argument("--help-runs", type=int, default=10, help="runs for the start-up commands (10)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of <pair>/{old,new}.md")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write generated documents")
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB document")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed (300)")
    parser.add_argument("--policydiff", default=None, help="command to run (default: beside this python)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    args.big_runs = args.big_runs or args.runs

    # pip compiles bytecode when it installs a wheel; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 never gets any and recompiles the package on every run
    # (~0.1 s). Measure what users get.
    compiled = subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO_ROOT / "policydiff")], capture_output=True
    )
    print(f"bytecode: compileall on policydiff/ {'done' if compiled.returncode == 0 else 'failed'}")

    tool = resolve_policydiff(args.policydiff)
    git = shutil.which("git")
    version = subprocess.run([*tool, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"policydiff: {' '.join(tool)} ({version or 'version unknown'})")
    print(f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"git: {git or 'not found, git columns left empty'}")
    revision = ""
    if git:
        head = subprocess.run(
            [git, "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
        dirty = subprocess.run(
            [git, "-C", str(REPO_ROOT), "status", "--porcelain", "--", "policydiff"],
            capture_output=True,
            text=True,
        )
        revision = head.stdout.strip() + (
            " + uncommitted changes in policydiff/" if dirty.stdout.strip() else ""
        )
        print(f"repository: {REPO_ROOT} at {revision or 'unknown revision'}")
    print(
        "peak RSS: "
        + (
            f"{TIME_BIN} -f %M"
            if TIME_BIN
            else "os.wait4 ru_maxrss (an upper bound: includes this script's peak)"
        )
    )

    with tempfile.TemporaryDirectory(prefix="policydiff-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        run_once([*tool, "--help"], args.timeout, workdir)  # warm the page cache and .pyc files
        results: dict[str, Any] = {
            "policydiff": tool,
            "version": version,
            "python": platform.python_version(),
            "revision": revision,
            "runs": args.runs,
        }
        results["corpus"] = bench_corpus(args, tool, git, workdir)
        results["generated"] = bench_generated(args, tool, git, workdir)
        results["startup"] = bench_startup(args, tool, workdir)

    corpus = results["corpus"]
    summary: list[list[str]] = []
    if corpus.get("pairs"):
        ok = corpus["median_s"] is not None and corpus["median_s"] < TARGET_PAIR_S and not corpus["failures"]
        summary.append(
            [
                "typical corpus pair (median)",
                f"< {TARGET_PAIR_S:g} s",
                f"{fmt_s(corpus['median_s'])} s"
                + (f", {len(corpus['failures'])} failed" if corpus["failures"] else ""),
                status(ok),
            ]
        )
    for item in results["generated"]:
        pd_data = item["policydiff"]
        summary.append(
            [
                f"generated {item['name']}",
                item["target"],
                f"{fmt_s(pd_data['median_s'])} s, {pd_data['max_rss_mb']:.0f} MB",
                status(item["passed"]),
            ]
        )
    help_data = results["startup"]["policydiff --help"]
    summary.append(
        [
            "policydiff --help",
            f"< {TARGET_HELP_S:g} s",
            f"{fmt_s(help_data['median_s'])} s",
            status(bool(help_data["passed"])),
        ]
    )
    print("\n== Targets ==\n")
    print_table(["target", "limit", "measured", "status"], summary, [False, False, True, False])
    results["summary"] = [
        dict(zip(("target", "limit", "measured", "status"), row, strict=True)) for row in summary
    ]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nnumbers written to {args.json}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    except Exception:  # a measurement script: report the crash, still exit 0
        import traceback

        traceback.print_exc()
    sys.exit(0)
