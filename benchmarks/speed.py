"""Wall time, CPU time and peak memory of the whole ``policydiff diff`` process, beside anchors.

Run it from the repository root (it is a measurement, not a test, and always exits 0)::

    python benchmarks/speed.py                 # everything, median of 5 runs
    python benchmarks/speed.py --quick         # no 10 MB document, no redlines on 1.8 MB
    python benchmarks/speed.py --runs 3 --json /tmp/speed.json
    python benchmarks/speed.py --large --runs 3 --redlines-max-mb 0   # generated documents only

It measures, each as a separate process (start-up, imports and output included):

1. ``policydiff diff OLD NEW --format json`` on every pair in ``../shared/corpus/ota/pairs/*/{old,new}.md``
   (``--corpus DIR``), beside three anchors run on the same files:

   - ``git diff --no-index --word-diff=porcelain OLD NEW``;
   - ``dmp``: a bare word diff, ``python -c`` (this interpreter) reading both files, mapping each
     distinct word, punctuation mark or run of white space to one character and calling
     ``fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False)``; it prints the number of
     operations;
   - ``redlines json OLD NEW``, the command-line tool of the PyPI package ``redlines`` (what a Python
     user picks for a word redline; it reads files given as paths), when it is installed beside this
     interpreter or on PATH (``--redlines CMD``); killed and reported as "did not finish" after 60 s a
     pair, 10 minutes a generated document;

2. the same on generated policy-like Markdown documents (fixed seed) of about 100 KB and 1 MB with
   scattered edits, 1.8 MB whose new version moves blocks of consecutive sections elsewhere, and
   10 MB (not with ``--quick``), written to a temporary directory (``--workdir DIR`` to keep them);
   policydiff's number of changes of kind "moved" is checked against the number of moves made (a run
   of consecutive sections moved together is one move: issue 17, "a moved section is one move"; the
   fewest sections whose moving turns the old order into the new is printed beside), and its wall
   time's growth
   exponent is fitted (log-log least squares against old + new bytes over the sizes run);
3. ``policydiff --help``, ``python -c "import policydiff.cli"`` (and ``redlines --help``).

The tools run round-robin (policydiff, git, dmp, redlines, policydiff, ...), so that a drift of
the machine falls on all of them alike. Wall time is the median of N runs (``--runs``), CPU time
(user + system of the child and its children, from ``os.wait4``) the median of the same runs;
ratios are policydiff / anchor. An anchor whose run took over 30 s is not run again on that input
(one run is reported), and with ``--quick`` redlines is not run on generated documents over 1.5 MB
(``--redlines-max-mb``): it takes minutes a run there. Peak RSS is the largest over the runs, from
``/usr/bin/time -f %M`` when GNU time is installed (else ``ru_maxrss`` from ``os.wait4``, which a
child forked from this process never reports below this process's own peak). By default the
``policydiff`` and ``redlines`` scripts next to the running interpreter are used, not a
version-manager shim found on PATH (``--policydiff CMD``, ``--redlines CMD`` to override).

It ends with the targets of GitHub issue 17, each PASS or FAIL: the median corpus pair in at most
0.15 s and at most half redlines' median; ``policydiff --help`` in at most 0.08 s; the 1.8 MB document
in at most 2 s, with as many moved changes as moves made (and the same count on 10 MB); 10 MB in
at most 12 s and 400 MB peak RSS; a growth exponent of at most 1.1. ``--json FILE`` keeps every number.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.metadata
import importlib.util
import json
import math
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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
SEED = 20261123
OK_CODES = (0, 1)  # policydiff: 0 = done, 1 = --fail-on hit; git diff, redlines: 1 = (no) differences

# GitHub issue 17
TARGET_PAIR_S = 0.15  # median over the corpus pairs ...
TARGET_PAIR_VS_REDLINES = 0.5  # ... and at most half the redlines CLI's median in the same run
TARGET_HELP_S = 0.08
TARGET_MOVED_S = 2.0  # the 1.8 MB document with moved sections
TARGET_10MB_S = 12.0
TARGET_10MB_RSS_MB = 400.0
TARGET_GROWTH = 1.1  # fitted exponent of policydiff's wall time against input size, 100 KB to 10 MB

REDLINES_PAIR_TIMEOUT_S = 60.0
REDLINES_DOC_TIMEOUT_S = 600.0
ANCHOR_ONCE_S = 30.0  # an anchor run longer than this is not repeated on the same input

KB = 1024
MB = 1024 * 1024

# The bare word diff: one character per distinct token (the line-mode trick, by words), then the C++
# diff-match-patch with no time limit. Prints the number of diff operations.
DMP_SCRIPT = """\
import re, sys
import fast_diff_match_patch
codes = {}
def encode(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        tokens = re.findall(r"\\w+|[^\\w\\s]|\\s+", handle.read())
    out = []
    for token in tokens:
        char = codes.get(token)
        if char is None:
            n = len(codes) + 1
            char = codes[token] = chr(n if n < 0xD800 else n + 0x800)
        out.append(char)
    return "".join(out)
a, b = encode(sys.argv[1]), encode(sys.argv[2])
print(len(fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False)))
"""


# --------------------------------------------------------------------------------------------------
# Running one child process


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    cpu_seconds: float
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
    """Run ``argv`` once; wall time from spawn to exit, CPU time (user + system) from ``os.wait4``.

    The CPU time of ``os.wait4`` covers the child and every descendant it waited for (under
    ``via_time``: GNU time, under a millisecond, and the command). Peak RSS: a child forked from this
    (big) Python process inherits our resident-set high-water mark, so ``ru_maxrss`` from
    ``os.wait4`` is never below our own RSS. With ``via_time`` (and GNU time installed) the command
    runs under ``/usr/bin/time -f %M``, a small process, whose number is the real one; it adds about
    a millisecond of wall time.
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
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, cpu, max_rss_kb, proc.returncode, timed_out.is_set(), stdout, stderr)


# A check gets the first run's stdout and returns a short note and facts for the JSON (or raises
# ValueError).
Check = Callable[[bytes], tuple[str, dict[str, Any]]]


@dataclass
class Measurement:
    """Repeated runs of one command line."""

    label: str
    argv: list[str]
    timeout_s: float = 0.0
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    max_rss_kb: int = 0
    returncodes: list[int] = field(default_factory=list)
    timed_out: bool = False
    stderr_tail: str = ""
    note: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.timed_out and all(code in OK_CODES for code in self.returncodes)

    def _good(self, values: list[float]) -> list[float]:
        return [v for v, code in zip(values, self.returncodes, strict=True) if code in OK_CODES]

    @property
    def median(self) -> float:
        """Median over the runs that finished with 0 or 1 (a crash's time says nothing)."""
        good = [] if self.timed_out else self._good(self.times)
        return statistics.median(good) if good else float("nan")

    @property
    def median_cpu(self) -> float:
        good = [] if self.timed_out else self._good(self.cpu_times)
        return statistics.median(good) if good else float("nan")

    @property
    def max_rss_mb(self) -> float:
        return self.max_rss_kb / 1024

    def add(self, run: Run, check: Check | None) -> None:
        self.times.append(run.seconds)
        self.cpu_times.append(run.cpu_seconds)
        self.returncodes.append(run.returncode)
        self.max_rss_kb = max(self.max_rss_kb, run.max_rss_kb)
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if lines:
            self.stderr_tail = lines[-1]
        if run.timed_out:
            self.timed_out = True
        elif check is not None and run.returncode in OK_CODES:
            try:
                self.note, self.facts = check(run.stdout)
            except ValueError as error:
                self.note = f"bad output: {error}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        median, cpu = self.median, self.median_cpu
        data.update(
            ok=self.ok,
            median_s=None if median != median else median,
            median_cpu_s=None if cpu != cpu else cpu,
            max_rss_mb=self.max_rss_mb,
        )
        return data


@dataclass
class Case:
    """One tool's command line on one input."""

    tool: str
    argv: list[str]
    timeout: float
    check: Check | None = None
    once_after: float | None = None  # not run again on this input after a run longer than this


def measure_round_robin(
    label: str, cases: Sequence[Case], runs: int, cwd: Path | None = None
) -> dict[str, Measurement]:
    """Run every case ``runs`` times, one run of each in turn, each under GNU time (peak RSS).

    A case stops early on a crash or time-out (the rest would tell nothing new), or after a run
    longer than its ``once_after``. Its ``check`` gets the first run's stdout.
    """
    results = {case.tool: Measurement(label, case.argv, case.timeout) for case in cases}
    active = list(cases)
    for index in range(runs):
        for case in list(active):
            result = results[case.tool]
            check = case.check if index == 0 else None
            run = run_once(case.argv, case.timeout, cwd, keep_stdout=check is not None, via_time=True)
            result.add(run, check)
            if run.timed_out or run.returncode not in OK_CODES:
                active.remove(case)
            elif case.once_after is not None and run.seconds > case.once_after and index + 1 < runs:
                active.remove(case)
                result.note = (result.note + "; " if result.note else "") + (
                    f"1 run (over {case.once_after:g} s, not repeated)"
                )
    return results


def measure(
    label: str, argv: Sequence[str], runs: int, timeout: float, cwd: Path | None = None
) -> Measurement:
    """Run ``argv`` ``runs`` times in a row (start-up commands)."""
    return measure_round_robin(label, [Case(label, list(argv), timeout)], runs, cwd)[label]


def check_diff_json(stdout: bytes) -> tuple[str, dict[str, Any]]:
    """Make sure the report is the JSON we asked for; return the number of changes and their kinds."""
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error})") from None
    if not isinstance(report, dict) or not str(report.get("schema", "")).startswith("policydiff.diff"):
        raise ValueError("not a policydiff.diff report")
    changes = report.get("changes", [])
    kinds = Counter(str(change.get("kind")) for change in changes if isinstance(change, dict))
    facts = {"changes": len(changes), "by_kind": dict(kinds), "severity": report.get("severity")}
    return f"{len(changes)} changes ({kinds['moved']} moved), severity {report.get('severity')}", facts


def check_dmp(stdout: bytes) -> tuple[str, dict[str, Any]]:
    text = stdout.decode("utf-8", "replace").strip()
    if not text.isdigit():
        raise ValueError(f"expected a number of operations, got {text[:60]!r}")
    return f"{text} operations", {"operations": int(text)}


def check_redlines_json(stdout: bytes) -> tuple[str, dict[str, Any]]:
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error})") from None
    stats = report.get("stats") if isinstance(report, dict) else None
    if not isinstance(stats, dict):
        raise ValueError("no stats in the redlines JSON")
    return f"{stats.get('total_changes')} changes", {"total_changes": stats.get("total_changes")}


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


def moved_sections(order: Sequence[int]) -> int:
    """The fewest sections whose moving turns 0..n-1 into ``order``: n - longest increasing run."""
    tails: list[int] = []
    for value in order:
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
        else:
            tails[at] = value
    return len(order) - len(tails)


def _sections(rng: random.Random, size: int) -> list[Section]:
    sections: list[Section] = []
    total = 0
    while total < size:
        section = _section(rng)
        sections.append(section)
        total += sum(len(text) + 2 for _, text in section.blocks) + len(section.title) + 8
    return sections


def generate_pair(size: int) -> tuple[str, str, dict[str, int]]:
    """An old document of at least ``size`` bytes and a new version with scattered edits."""
    rng = random.Random(SEED)
    intro = _paragraph(rng)
    sections = _sections(rng, size)
    old = render_document(sections, "March 3, 2025", intro)

    new_sections = [Section(s.title, list(s.blocks)) for s in sections]
    order = list(range(len(sections)))  # new_sections[i] is sections[order[i]]
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
        source = rng.randrange(1, len(new_sections))
        moved = new_sections.pop(source)
        destination = rng.randrange(0, len(new_sections) + 1)
        new_sections.insert(destination, moved)
        order.insert(destination, order.pop(source))
        stats["moved"] += 1
    stats["moved_sections"] = moved_sections(order)
    new = render_document(new_sections, "November 23, 2026", intro)
    return old, new, stats


def _move_runs(rng: random.Random, count: int, blocks: int) -> tuple[list[int], int]:
    """A new order of ``count`` sections with ``blocks`` runs moved far; (order, sections moved) or
    (order, 0) when a run would land too near its old place."""
    order = list(range(count))
    moved = 0
    for _ in range(blocks):
        length = rng.randint(2, 4)
        source = rng.randrange(1, len(order) - length)
        run = order[source : source + length]
        del order[source : source + length]
        destination = rng.randrange(1, len(order) + 1)
        if abs(destination - source) < 10 * length:
            return list(range(count)), 0
        order[destination:destination] = run
        moved += length
    return order, moved


def generate_moved_pair(size: int, blocks: int = 4) -> tuple[str, str, dict[str, int]]:
    """An old document of at least ``size`` bytes with distinct section titles, and a new version
    where ``blocks`` runs of 2-4 consecutive sections sit elsewhere (and are renumbered), nothing else
    changed but the date. Each run moves at least ten times its length, and the moves are drawn again
    until no cheaper set of moves explains the new order, so the number of sections moved is exact.
    """
    rng = random.Random(SEED + 1)
    intro = _paragraph(rng)
    sections = _sections(rng, size)
    titles = [title + qualifier for qualifier in SECTION_QUALIFIERS for title in SECTION_TITLES]
    titles = list(dict.fromkeys(titles))
    rng.shuffle(titles)
    for index, section in enumerate(sections):
        part = index // len(titles)
        section.title = titles[index % len(titles)] + (f" (Part {part + 1})" if part else "")
    old = render_document(sections, "March 3, 2025", intro)
    for _ in range(1000):
        order, moved = _move_runs(rng, len(sections), blocks)
        if moved and moved_sections(order) == moved:
            break
    else:
        raise RuntimeError(f"no clean moves of {blocks} runs among {len(sections)} sections")
    new = render_document([sections[i] for i in order], "November 23, 2026", intro)
    stats = {"sections": len(sections), "moved": blocks, "moved_sections": moved_sections(order)}
    return old, new, stats


# --------------------------------------------------------------------------------------------------
# Reporting


def status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def fmt_s(seconds: float | None) -> str:
    return "-" if seconds is None or seconds != seconds else f"{seconds:.3f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or not b or a != a or b != b:
        return "-"
    return fmt_x(a / b)


def fmt_x(ratio: float | None) -> str:
    if ratio is None or ratio != ratio:
        return "-"
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.3f}x"


def fmt_times(m: Measurement | None) -> str:
    """``wall/cpu`` seconds, or why there is no number."""
    if m is None:
        return "-"
    if m.timed_out:
        return f"DNF {m.timeout_s:g} s"
    if m.median != m.median:
        return "error"
    return f"{fmt_s(m.median)}/{fmt_s(m.median_cpu)}"


def median_or_none(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


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
        return f"did not finish in {m.timeout_s:g} s; stderr: {m.stderr_tail or '(none)'}"
    bad = [code for code in m.returncodes if code not in OK_CODES]
    if bad:
        return f"exit {bad[0]}; stderr: {m.stderr_tail or '(none)'}"
    if m.note.startswith("bad output"):
        return m.note
    return ""


def resolve_script(name: str, explicit: str | None) -> list[str] | None:
    """``explicit`` split as a shell would, else the script beside this interpreter, else PATH."""
    if explicit:
        return shlex.split(explicit)
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def resolve_policydiff(explicit: str | None) -> list[str]:
    return resolve_script("policydiff", explicit) or [sys.executable, "-m", "policydiff"]


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "version unknown"


def growth_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) against log(bytes); None under two distinct sizes."""
    good = [(math.log(size), math.log(seconds)) for size, seconds in points if size > 0 and seconds > 0]
    if len({x for x, _ in good}) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in good)
    mean_y = statistics.fmean(y for _, y in good)
    num = sum((x - mean_x) * (y - mean_y) for x, y in good)
    return num / sum((x - mean_x) ** 2 for x, _ in good)


@dataclass
class Anchors:
    """The commands to time beside policydiff; None when not available (``skipped`` says why)."""

    git: str | None
    dmp: list[str] | None
    redlines: list[str] | None
    redlines_max_bytes: float
    skipped: dict[str, str]

    def names(self) -> list[str]:
        return [name for name in ("git", "dmp", "redlines") if getattr(self, name)]

    def cases(self, old: Path, new: Path, timeout: float, redlines_timeout: float) -> list[Case]:
        cases = []
        if self.git:
            argv = [self.git, "diff", "--no-index", "--word-diff=porcelain", str(old), str(new)]
            cases.append(Case("git", argv, timeout, once_after=ANCHOR_ONCE_S))
        if self.dmp:
            cases.append(Case("dmp", [*self.dmp, str(old), str(new)], timeout, check_dmp, ANCHOR_ONCE_S))
        if self.redlines and max(old.stat().st_size, new.stat().st_size) <= self.redlines_max_bytes:
            argv = [*self.redlines, "json", str(old), str(new)]
            cases.append(Case("redlines", argv, redlines_timeout, check_redlines_json, ANCHOR_ONCE_S))
        return cases


TOOLS = ("policydiff", "git", "dmp", "redlines")


# --------------------------------------------------------------------------------------------------
# The three parts


def bench_corpus(args: argparse.Namespace, tool: list[str], anchors: Anchors, cwd: Path) -> dict[str, Any]:
    pairs = sorted(
        p for p in Path(args.corpus).glob("*") if (p / "old.md").is_file() and (p / "new.md").is_file()
    )
    print(f"\n== 1. Corpus pairs: {args.corpus} ({len(pairs)} pairs, median of {args.runs} runs) ==\n")
    if not pairs:
        print("no pairs found")
        return {"pairs": [], "status": "n/a"}
    names = anchors.names()
    rows: list[list[str]] = []
    results: list[dict[str, Any]] = []
    walls: dict[str, list[float]] = {name: [] for name in TOOLS}
    cpus: dict[str, list[float]] = {name: [] for name in TOOLS}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    cpu_ratios: dict[str, list[float]] = {name: [] for name in names}
    problems: dict[str, Counter[str]] = {name: Counter() for name in TOOLS}
    failures: list[str] = []
    for pair in pairs:
        old, new = pair / "old.md", pair / "new.md"
        cases = [
            Case(
                "policydiff",
                [*tool, "diff", str(old), str(new), "--format", "json"],
                args.timeout,
                check_diff_json,
            ),
            *anchors.cases(old, new, args.timeout, REDLINES_PAIR_TIMEOUT_S),
        ]
        measured = measure_round_robin(pair.name, cases, args.runs, cwd)
        pd = measured["policydiff"]
        for name, m in measured.items():
            if m.median == m.median:  # not NaN: at least one run finished normally
                walls[name].append(m.median)
                cpus[name].append(m.median_cpu)
            else:
                problems[name]["did not finish" if m.timed_out else "failed"] += 1
        for name in names:
            anchor = measured.get(name)
            if anchor is None or pd.median != pd.median or anchor.median != anchor.median:
                continue
            if anchor.median > 0:
                ratios[name].append(pd.median / anchor.median)
            if anchor.median_cpu > 0:
                cpu_ratios[name].append(pd.median_cpu / anchor.median_cpu)
        kb = old.stat().st_size / 1024
        rows.append(
            [
                pair.name,
                f"{kb:.1f}",
                fmt_times(pd),
                f"{pd.max_rss_mb:.0f}",
                *(fmt_times(measured.get(name)) for name in names),
                *(fmt_ratio(pd.median, measured[name].median) if name in measured else "-" for name in names),
                problem(pd) or pd.note,
            ]
        )
        results.append(
            {"pair": pair.name, "old_kb": kb, **{name: m.as_dict() for name, m in measured.items()}}
        )
        failures += [] if pd.ok else [pair.name]
    for label, pick in (("-- median of pairs", median_or_none), ("-- max of pairs", max)):
        rows.append(
            [
                label,
                "",
                "/".join(fmt_s(pick(v) if v else None) for v in (walls["policydiff"], cpus["policydiff"])),
                "",
                *("/".join(fmt_s(pick(v) if v else None) for v in (walls[n], cpus[n])) for n in names),
                *(fmt_x(pick(ratios[n]) if ratios[n] else None) for n in names),
                "",
            ]
        )
    print_table(
        ["pair", "old KB", "policydiff wall/cpu s", "RSS MB"]
        + [f"{name} wall/cpu s" for name in names]
        + [f"pd/{name}" for name in names]
        + ["policydiff output"],
        rows,
        [False, True, True, True] + [True] * (2 * len(names)) + [False],
    )

    print("\nmedians over the pairs; ratios policydiff/anchor: median of the per-pair ratios\n")
    summary_rows: list[list[str]] = []
    tools: dict[str, Any] = {}
    for name in TOOLS:
        if name != "policydiff" and name not in names:
            continue
        wall, cpu = median_or_none(walls[name]), median_or_none(cpus[name])
        is_anchor = name != "policydiff"
        info: dict[str, Any] = {
            "pairs_timed": len(walls[name]),
            "median_s": wall,
            "median_cpu_s": cpu,
            "max_s": max(walls[name]) if walls[name] else None,
            "problems": dict(problems[name]),
            "ratio_wall_median": median_or_none(ratios[name]) if is_anchor else None,
            "ratio_cpu_median": median_or_none(cpu_ratios[name]) if is_anchor else None,
            "ratio_wall_max": max(ratios[name]) if is_anchor and ratios[name] else None,
        }
        tools[name] = info
        summary_rows.append(
            [
                name,
                str(len(walls[name])),
                fmt_s(wall),
                fmt_s(cpu),
                fmt_s(info["max_s"]),
                fmt_x(info["ratio_wall_median"]),
                fmt_x(info["ratio_cpu_median"]),
                fmt_x(info["ratio_wall_max"]),
                ", ".join(f"{count} {what}" for what, count in problems[name].items()),
            ]
        )
    print_table(
        [
            "tool",
            "pairs",
            "wall s",
            "cpu s",
            "max wall s",
            "pd/tool wall",
            "pd/tool cpu",
            "max pd/tool",
            "problems",
        ],
        summary_rows,
        [False, True, True, True, True, True, True, True, False],
    )
    return {
        "pairs": results,
        "tools": tools,
        "median_s": tools["policydiff"]["median_s"],
        "max_s": tools["policydiff"]["max_s"],
        "failures": failures,
    }


DOC_LIMITS: dict[str, tuple[float | None, float | None]] = {
    "1.8 MB moved": (TARGET_MOVED_S, None),
    "10 MB": (TARGET_10MB_S, TARGET_10MB_RSS_MB),
}


def limit_text(limit_s: float | None, limit_rss: float | None) -> str:
    return ", ".join(
        ([f"<= {limit_s:g} s"] if limit_s else []) + ([f"<= {limit_rss:g} MB RSS"] if limit_rss else [])
    )


@dataclass
class Doc:
    """One generated document pair to time."""

    name: str
    size: int
    generate: Callable[[int], tuple[str, str, dict[str, int]]]
    check_moves: bool  # issue 17: policydiff's moved changes = moves made (a run of sections is one)


def bench_generated(
    args: argparse.Namespace, tool: list[str], anchors: Anchors, workdir: Path
) -> list[dict[str, Any]]:
    docs = [
        Doc("100 KB", 100 * KB, generate_pair, False),
        Doc("1 MB", 1 * MB, generate_pair, False),
        Doc("1.8 MB moved", int(1.8 * MB), generate_moved_pair, True),
    ]
    if not args.quick:
        docs.append(Doc("10 MB", 10 * MB, generate_pair, True))
    print(f"\n== 2. Generated documents (seed {SEED}, files in {workdir}) ==\n")
    rows: list[list[str]] = []
    out: list[dict[str, Any]] = []
    notes: list[str] = []
    for doc in docs:
        runs = args.big_runs if doc.size > MB else args.runs
        started = time.perf_counter()
        old_text, new_text, stats = doc.generate(doc.size)
        gen_s = time.perf_counter() - started
        tag = doc.name.replace(" ", "").replace(".", "_").lower()
        old, new = workdir / f"old-{tag}.md", workdir / f"new-{tag}.md"
        old.write_text(old_text, encoding="utf-8")
        new.write_text(new_text, encoding="utf-8")
        print(f"{doc.name}: {stats} (generated in {gen_s:.1f} s)")
        first_note = len(notes)
        command = [*tool, "diff", str(old), str(new), "--format", "json"]
        # the 10 MB document is past the default input limit (10 MB): raised, as a user would
        command += ["--limit", "input_mb=50", "--limit", "seconds=600"]
        cases = [
            Case("policydiff", command, args.timeout, check_diff_json),
            *anchors.cases(old, new, args.timeout, REDLINES_DOC_TIMEOUT_S),
        ]
        if anchors.redlines and not any(case.tool == "redlines" for case in cases):
            notes.append(
                f"{doc.name}: redlines not run (over --redlines-max-mb {anchors.redlines_max_bytes / MB:g}"
                + (
                    ", the --quick default: it takes minutes a run there)"
                    if args.redlines_max_default
                    else ")"
                )
            )
        measured = measure_round_robin(doc.name, cases, runs, workdir)
        pd = measured["policydiff"]
        moved_changes = pd.facts.get("by_kind", {}).get("moved") if pd.facts else None
        expected = stats["moved"]  # moves made: a run of consecutive sections moved together is one
        moves_ok = moved_changes == expected
        limit_s, limit_rss = DOC_LIMITS.get(doc.name, (None, None))
        passed = pd.ok and (limit_s is None or pd.median <= limit_s)
        passed = passed and (limit_rss is None or pd.max_rss_mb <= limit_rss)
        target = limit_text(limit_s, limit_rss)
        saved = ""
        if problem(pd) or not passed:
            keep = Path(tempfile.gettempdir()) / "policydiff-bench-inputs"
            keep.mkdir(exist_ok=True)
            shutil.copy2(old, keep / old.name)
            shutil.copy2(new, keep / new.name)
            saved = str(keep)
        old_mb, new_mb = len(old_text.encode()) / MB, len(new_text.encode()) / MB
        for name in TOOLS:
            m = measured.get(name)
            if m is None:
                continue
            is_pd = name == "policydiff"
            rows.append(
                [
                    doc.name if is_pd else "",
                    f"{old_mb:.2f}" if is_pd else "",
                    f"{new_mb:.2f}" if is_pd else "",
                    name,
                    str(len(m.times)),
                    fmt_s(m.median) if not m.timed_out else f"DNF {m.timeout_s:g}",
                    fmt_s(m.median_cpu),
                    f"{m.max_rss_mb:.0f}",
                    "" if is_pd else fmt_ratio(pd.median, m.median),
                    "" if is_pd else fmt_ratio(pd.median_cpu, m.median_cpu),
                    (target + (f" {status(passed)}" if limit_s else "")) if is_pd else "",
                    problem(m) or m.note,
                ]
            )
        ratios = {
            name: {
                "wall": pd.median / m.median if m.median == m.median and pd.median == pd.median else None,
                "cpu": pd.median_cpu / m.median_cpu
                if m.median_cpu == m.median_cpu and pd.median_cpu == pd.median_cpu and m.median_cpu > 0
                else None,
            }
            for name, m in measured.items()
            if name != "policydiff"
        }
        moves = f"{doc.name}: changes of kind moved {moved_changes}, moves made {expected}"
        moves += f", sections moved {stats['moved_sections']}"
        unit = "2-4 consecutive sections" if doc.generate is generate_moved_pair else "one section"
        moves += f" ({stats['moved']} moves of {unit})"
        notes.append(moves + (f": {status(moves_ok)}" if doc.check_moves else ", no target"))
        if saved:
            notes.append(f"{doc.name}: inputs kept in {saved}")
        out.append(
            {
                "name": doc.name,
                "old_bytes": len(old_text.encode()),
                "new_bytes": len(new_text.encode()),
                "edits": stats,
                **{name: m.as_dict() for name, m in measured.items()},
                "ratios": ratios,
                "moved_changes": moved_changes,
                "moves_made": expected,
                "moved_sections": stats["moved_sections"],
                "moves_checked": doc.check_moves,
                "moves_passed": moves_ok if doc.check_moves else None,
                "target": target or None,
                "target_s": limit_s,
                "target_rss_mb": limit_rss,
                "passed": passed if limit_s else None,
                "inputs_saved_to": saved or None,
                "notes": notes[first_note:],
            }
        )
    print()
    print_table(
        [
            "doc",
            "old MB",
            "new MB",
            "tool",
            "runs",
            "wall s",
            "cpu s",
            "peak RSS MB",
            "pd/tool wall",
            "pd/tool cpu",
            "target",
            "output",
        ],
        rows,
        [False, True, True, False, True, True, True, True, True, True, False, False],
    )
    print()
    for note in notes:
        print(note)
    return out


def growth(generated: list[dict[str, Any]]) -> dict[str, Any]:
    """Fitted exponents of each tool's wall and CPU time against old + new bytes."""
    print("\ngrowth exponents (log-log least squares of time against old + new bytes):")
    out: dict[str, Any] = {}
    for name in TOOLS:
        wall: list[tuple[float, float]] = []
        cpu: list[tuple[float, float]] = []
        used: list[str] = []
        for item in generated:
            data = item.get(name)
            if data and data["median_s"] is not None:
                size = item["old_bytes"] + item["new_bytes"]
                wall.append((size, data["median_s"]))
                cpu.append((size, data["median_cpu_s"]))
                used.append(item["name"])
        k_wall, k_cpu = growth_exponent(wall), growth_exponent(cpu)
        if k_wall is None:
            continue
        out[name] = {"wall": k_wall, "cpu": k_cpu, "sizes": used}
        cpu_text = f"{k_cpu:.2f}" if k_cpu is not None else "-"
        print(f"  {name}: wall {k_wall:.2f}, cpu {cpu_text} over {', '.join(used)}")
    return out


def bench_startup(args: argparse.Namespace, tool: list[str], anchors: Anchors, cwd: Path) -> dict[str, Any]:
    print(f"\n== 3. Start-up (median of {args.help_runs} runs) ==\n")
    cases: list[tuple[str, list[str], float | None]] = [
        ("policydiff --help", [*tool, "--help"], TARGET_HELP_S),
        ('python -c "import policydiff.cli"', [sys.executable, "-c", "import policydiff.cli"], None),
        ('python -c "pass" (interpreter alone)', [sys.executable, "-c", "pass"], None),
    ]
    on_path = shutil.which("policydiff")
    if on_path and Path(on_path).resolve() != Path(tool[0]).resolve():
        cases.append((f"policydiff --help via PATH ({on_path})", [on_path, "--help"], None))
    if anchors.redlines:
        cases.append(("redlines --help", [*anchors.redlines, "--help"], None))
    rows, out = [], {}
    for label, argv, limit in cases:
        m = measure(label, argv, args.help_runs, args.timeout, cwd)
        passed = m.ok and (limit is None or m.median <= limit)
        rows.append(
            [
                label,
                fmt_s(m.median),
                fmt_s(m.median_cpu),
                f"{m.max_rss_mb:.0f}",
                f"<= {limit:g} s" if limit else "",
                status(passed) if limit else "",
                problem(m),
            ]
        )
        out[label] = {**m.as_dict(), "target_s": limit, "passed": passed if limit else None}
    print_table(
        ["command", "wall s", "cpu s", "RSS MB", "target", "status", "problem"],
        rows,
        [False, True, True, True, False, False, False],
    )
    return out


def targets(results: dict[str, Any]) -> list[list[str]]:
    """Issue 17's targets: [target, limit, measured, status] rows."""
    summary: list[list[str]] = []
    corpus = results["corpus"]
    if corpus.get("pairs"):
        median = corpus["median_s"]
        failed = f", {len(corpus['failures'])} failed" if corpus["failures"] else ""
        ok = median is not None and median <= TARGET_PAIR_S and not corpus["failures"]
        summary.append(
            [
                "typical corpus pair (median)",
                f"<= {TARGET_PAIR_S:g} s",
                f"{fmt_s(median)} s{failed}",
                status(ok),
            ]
        )
        redlines = corpus["tools"].get("redlines")
        if redlines and redlines["median_s"] and median is not None:
            ratio = median / redlines["median_s"]
            summary.append(
                [
                    "  and vs redlines CLI (medians)",
                    f"<= {TARGET_PAIR_VS_REDLINES:g}x",
                    f"{ratio:.2f}x ({fmt_s(median)} s vs {fmt_s(redlines['median_s'])} s)",
                    status(ratio <= TARGET_PAIR_VS_REDLINES),
                ]
            )
        else:
            summary.append(
                ["  and vs redlines CLI (medians)", f"<= {TARGET_PAIR_VS_REDLINES:g}x", "not run", "n/a"]
            )
    help_data = results["startup"].get("policydiff --help")
    if help_data:
        summary.append(
            [
                "policydiff --help",
                f"<= {TARGET_HELP_S:g} s",
                f"{fmt_s(help_data['median_s'])} s",
                status(bool(help_data["passed"])),
            ]
        )
    by_name = {item["name"]: item for item in results["generated"]}
    for name in ("1.8 MB moved", "10 MB"):
        item = by_name.get(name)
        if item is None:
            summary.append(
                [
                    f"generated {name}",
                    limit_text(*DOC_LIMITS[name]),
                    "skipped (--quick)",
                    "n/a",
                ]
            )
            summary.append(["  moved changes = moves made", "equal", "skipped (--quick)", "n/a"])
            continue
        pd_data = item["policydiff"]
        summary.append(
            [
                f"generated {name}",
                item["target"],
                f"{fmt_s(pd_data['median_s'])} s, {pd_data['max_rss_mb']:.0f} MB",
                status(item["passed"]),
            ]
        )
        summary.append(
            [
                "  moved changes = moves made",
                f"{item['moves_made']} moves ({item['moved_sections']} sections)",
                f"{item['moved_changes']} changes",
                status(item["moves_passed"]),
            ]
        )
    fit = results["growth"].get("policydiff")
    if fit:
        summary.append(
            [
                "growth exponent (wall vs size)",
                f"<= {TARGET_GROWTH:g}",
                f"{fit['wall']:.2f} over {fit['sizes'][0]}..{fit['sizes'][-1]}",
                status(fit["wall"] <= TARGET_GROWTH),
            ]
        )
    else:
        summary.append(
            ["growth exponent (wall vs size)", f"<= {TARGET_GROWTH:g}", "under two sizes ran", "FAIL"]
        )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the median is reported (5)")
    parser.add_argument("--big-runs", type=int, default=None, help="runs for documents over 1 MB (--runs)")
    parser.add_argument("--help-runs", type=int, default=10, help="runs for the start-up commands (10)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of <pair>/{old,new}.md")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write generated documents")
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB document; see --redlines-max-mb")
    parser.add_argument(
        "--large",
        action="store_true",
        help="only the generated documents (100 KB to 10 MB): no corpus pairs, no start-up commands",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed (300)")
    parser.add_argument("--policydiff", default=None, help="command to run (default: beside this python)")
    parser.add_argument("--redlines", default=None, help="redlines command (default: beside this python)")
    parser.add_argument(
        "--redlines-max-mb",
        type=float,
        default=None,
        help="largest document redlines runs on (1.5 with --quick, else no limit)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    args.big_runs = args.big_runs or args.runs
    args.redlines_max_default = args.redlines_max_mb is None
    if args.redlines_max_mb is None:
        args.redlines_max_mb = 1.5 if args.quick else math.inf

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
    # an editable install serves the checkout it was made from: run from another worktree, the
    # script beside this python times that checkout, not this one, unless PYTHONPATH says so
    imported = subprocess.run(
        [sys.executable, "-c", "import policydiff; print(policydiff.__file__)"],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # as the script runs it: the current folder is not on its path
    ).stdout.strip()
    if imported and not Path(imported).resolve().is_relative_to(REPO_ROOT / "policydiff"):
        print(
            f"WARNING: this python imports policydiff from {Path(imported).parent}, not {REPO_ROOT}:"
            f" run with PYTHONPATH={REPO_ROOT} to time this checkout"
        )
    print(f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"git: {git or 'not found, git columns left empty'}")
    skipped: dict[str, str] = {}
    dmp = None
    if importlib.util.find_spec("fast_diff_match_patch"):
        dmp = [sys.executable, "-c", DMP_SCRIPT]
        print(f"dmp: python -c, fast-diff-match-patch {package_version('fast-diff-match-patch')}")
    else:
        skipped["dmp"] = "not run: fast-diff-match-patch is not installed for this python"
        print(f"dmp: {skipped['dmp']}")
    redlines = resolve_script("redlines", args.redlines)
    if redlines:
        print(
            f"redlines: {' '.join(redlines)} (redlines {package_version('redlines')}, as"
            " `redlines json OLD NEW`)"
        )
    else:
        skipped["redlines"] = "not run: not installed beside this python nor on PATH (pip install redlines)"
        print(f"redlines: {skipped['redlines']}")
    anchors = Anchors(git, dmp, redlines, args.redlines_max_mb * MB, skipped)
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
    print("cells wall/cpu: median wall and CPU (user + system) seconds; DNF: did not finish (killed)")

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
            "anchors": {
                "git": git,
                "dmp": {"argv": dmp[:2], "script": DMP_SCRIPT} if dmp else None,
                "redlines": redlines,
                "redlines_version": package_version("redlines") if redlines else None,
                "redlines_max_mb": None if math.isinf(args.redlines_max_mb) else args.redlines_max_mb,
                "skipped": skipped,
            },
        }
        results["corpus"] = {} if args.large else bench_corpus(args, tool, anchors, workdir)
        results["generated"] = bench_generated(args, tool, anchors, workdir)
        results["growth"] = growth(results["generated"])
        results["startup"] = {} if args.large else bench_startup(args, tool, anchors, workdir)

    summary = targets(results)
    print("\n== Targets (GitHub issue 17) ==\n")
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
