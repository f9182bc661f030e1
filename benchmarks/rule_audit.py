"""Audit the judgement's rules on a labelled corpus: which rules and lexicon entries earn their keep.

Run from the repository root (the project installed, `../shared/eval/score.py` beside it):

    python benchmarks/rule_audit.py                         # the dev labels, 2 processes
    python benchmarks/rule_audit.py --labels PATH --json out.json --only zoom
    python benchmarks/rule_audit.py --loso-tables terms,rule,cue,swap --jobs 4

Every pair runs in-process (`policydiff.load.load` and `policydiff.compare.compare`, the default
judgement, no reviews, which is what `policydiff diff` does without a config) over `--jobs`
worker processes. A reported change *matches* a labelled change exactly as the official
scorer decides it (`score.matches`: the label's evidence words found in the change's text on that
side); the pair figures are `score.score_pair`'s. A reported major or minor change is:

- **right**: it matches a labelled change with the same severity and direction
  (`+cat`: and its first category is one the label accepts, i.e. fully right for the scorer);
- **wrong**: it matches labelled changes, none with that severity and direction;
- **stray**: it matches no label (a stray *major* is a false alarm of its own).

Tables:

1. **Rules** — for each rule id leading a reported major or minor change (its first reason):
   how many such changes are right, wrong or stray, sorted by strays. `svc` counts the distinct
   services (the pair id minus its trailing -YYYY-MM-DD) the rule was right on; `!` marks a rule
   right on one service only: its precision rests on one company's wording. A second table
   counts every reason of those changes (each rule id once per change).
2. **Lexicon** — the patterns of the rule files: `[terms]` (concept = [phrases]), and, with the
   same phrase syntax, the phrases of `[[rule]]` tables (the slot that yields the trigger:
   `phrases`, or `new` for a swap rule), the `[[cue]]` patterns of cues.toml (regular expressions
   where the cue says `regex = true`) and its `[[swap]]` words. Each reason's trigger is traced
   back to the (file, table, name, pattern) entries that produce exactly those words (a phrase
   matches a word sequence, `*` ending a word matches any ending, spaces or hyphens between
   words, as `policydiff.classify` reads them). An entry *fires* when it produced a trigger of
   any reported change; it fires in a *right decision* when that change is right. Entries right on
   exactly one service are listed with it. Only triggers are traced: a term also steers a
   change's category without being its trigger, which only step 3 measures.
3. **Leave-one-service-out** — for each service S, the entries (of `--loso-tables`, default
   `terms`) that fired in right decisions on S's pairs only are removed from a copy of the rules
   folder, that copy is read with `load_rulebook`, S's pairs are judged again and scored. The
   totals compare the full rules with the sum of those held-out runs (a service with nothing to
   remove keeps its full-rules figures): labelled majors missed (not reported major or review in
   a matching change), majors fully right, notice false alarms (pairs whose report requires
   notice — i.e. severity major — while the label needs none, over pairs needing none), review
   load (pairs needing no notice, not reported as needing it, with a `review` change) and stray
   majors. Services whose figures differ get a row of their own. A big drop means the rules fit
   the dev wording rather than the rubric.

`--json OUT` writes every figure; `--only SUBSTRING` keeps the pairs whose id contains it;
`--show-missed` adds a fourth table: each labelled major a held-out run misses, with every reported
change matching its evidence (severity, direction, first rules, text), to see which reading failed.
Last, the time `compare` takes per pair in process and the judgement's (classify's) share of it.
Measurements, not tests: the script always exits 0 unless it cannot run at all.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import multiprocessing
import re
import shutil
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import policydiff.classify
import policydiff.compare
from policydiff.classify import RuleBook, load_rulebook
from policydiff.compare import Judgement, compare
from policydiff.load import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = ROOT.parent / "shared" / "corpus" / "ota" / "labels-dev.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PACKAGED_RULES = Path(policydiff.classify.__file__).resolve().with_name("rules")

JudgedChange = dict[str, Any]  # a change as score.py reads it, plus its reasons
PairReport = dict[str, Any]  # a report as score.py reads it ("changes", "severity", "notice")

REPORTED = ("major", "minor")  # the severities whose rules are audited
VERDICTS = ("right", "wrong", "stray")
TABLES = ("terms", "rule", "cue", "swap")
# the engine's term signals are named "<category>.<event>"; their triggers are [terms] words
TERM_EVENTS = frozenset(
    ("added", "removed", "denial-lifted", "denial-removed", "denial-added", "exclusion-added")
)
_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")
_PHRASE_WORD = re.compile(r"[\w']+")
_WORD_CHAR = r"[\w']"


# ------------------------------------------------------------------ pure helpers


def service_of(pair_id: str) -> str:
    """The service a pair belongs to: its id without the trailing -YYYY-MM-DD."""
    return _DATE_SUFFIX.sub("", pair_id)


def phrase_words(phrase: str) -> list[tuple[str, bool]]:
    """A rule-file phrase as (word, is stem) pairs, split as ``policydiff.classify`` splits it.

    Words are runs of letters, digits, ``_`` and ``'``; parts are separated by spaces or hyphens;
    a part ending in ``*`` makes its last word a stem.
    """
    words: list[tuple[str, bool]] = []
    for part in re.split(r"[\s-]+", phrase.strip().casefold()):
        stem = part.endswith("*")
        words.extend((word, False) for word in _PHRASE_WORD.findall(part.rstrip("*")))
        if words:
            words[-1] = (words[-1][0], stem)
    return words


@cache
def phrase_regex(phrase: str) -> re.Pattern[str]:
    """A regular expression matching the words ``phrase`` matches (search it in casefolded text).

    Between two words the text may hold only spaces or hyphens; a stem matches any word it begins.
    A phrase with no word matches nothing.
    """
    words = phrase_words(phrase)
    if not words:
        return re.compile(r"(?!)")
    body = r"[\s-]+".join(re.escape(word) + (f"{_WORD_CHAR}*" if stem else "") for word, stem in words)
    return re.compile(rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})")


def phrase_produces(phrase: str, words: str) -> bool:
    """Whether ``phrase`` matches exactly ``words`` (a trigger), not merely a part of them."""
    return phrase_regex(phrase).fullmatch(words.strip().casefold()) is not None


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


class Entry(NamedTuple):
    """One pattern of a rule file: where it is and what it says."""

    file: str  # "sharing.toml"
    table: str  # "terms", "instances", "rule", "cue" or "swap"
    name: str  # the concept, "<rule id>:<slot>", the cue id or "<swap id>:<old|new>"
    pattern: str

    def label(self) -> str:
        return f'{self.file} {self.table} {self.name} "{self.pattern}"'


@dataclass
class Lexicon:
    """Every pattern of a rules folder, indexed by the reason ids whose triggers they produce."""

    entries: list[Entry] = field(default_factory=list)
    terms: dict[str, list[Entry]] = field(default_factory=dict)  # category → its [terms] entries
    rules: dict[str, list[Entry]] = field(default_factory=dict)  # rule id → entries of the trigger's slot
    cues: dict[str, list[tuple[Entry, bool]]] = field(default_factory=dict)  # cue id → (entry, is regex)
    swaps: dict[str, list[Entry]] = field(default_factory=dict)  # swap id → its old and new words

    def produced(self, rule: str, trigger: str) -> list[Entry]:
        """The entries that produce ``trigger`` for a reason of rule id ``rule`` (none if no pattern does)."""
        if rule in self.rules:
            return [e for e in self.rules[rule] if phrase_produces(e.pattern, trigger)]
        if rule in self.cues:
            return [
                e
                for e, regex in self.cues[rule]
                if (
                    re.fullmatch(e.pattern, trigger.strip(), re.IGNORECASE) is not None
                    if regex
                    else phrase_produces(e.pattern, trigger)
                )
            ]
        if rule in self.swaps:
            deleted, _, inserted = trigger.partition(" → ")
            said = {"old": _folded(deleted), "new": _folded(inserted)}
            return [e for e in self.swaps[rule] if _folded(e.pattern) == said[e.name.rpartition(":")[2]]]
        category, _, event = rule.partition(".")
        if event in TERM_EVENTS:
            return [e for e in self.terms.get(category, []) if phrase_produces(e.pattern, trigger)]
        return []


# a [[rule]]'s trigger comes from this slot of its phrases (signals: phrase rules, swap rules)
_TRIGGER_SLOT = {"phrase-added": "phrases", "phrase-removed": "phrases", "swap": "new"}


def read_lexicon(folder: Path) -> Lexicon:
    """The patterns of every ``*.toml`` rule file of ``folder``."""
    lexicon = Lexicon()
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        file = path.name
        if "category" in data:
            category = str(data["category"])
            for table in ("terms", "instances"):  # a named company is a term of its own
                for concept, patterns in sorted(data.get(table, {}).items()):
                    found = [Entry(file, table, concept, p) for p in patterns]
                    lexicon.terms.setdefault(category, []).extend(found)
                    lexicon.entries.extend(found)
            for rule in data.get("rule", []):
                slot = _TRIGGER_SLOT.get(rule["when"])
                found = (
                    [Entry(file, "rule", f"{rule['id']}:{slot}", p) for p in rule.get(slot, [])]
                    if slot
                    else []
                )
                lexicon.rules[rule["id"]] = found
                lexicon.entries.extend(found)
        for cue in data.get("cue", []):
            regex = bool(cue.get("regex", False))
            found = [Entry(file, "cue", cue["id"], p) for p in cue.get("patterns", [])]
            lexicon.cues[cue["id"]] = [(e, regex) for e in found]
            lexicon.entries.extend(found)
        for swap in data.get("swap", []):
            found = [
                Entry(file, "swap", f"{swap['id']}:{slot}", w) for slot in ("old", "new") for w in swap[slot]
            ]
            lexicon.swaps[swap["id"]] = found
            lexicon.entries.extend(found)
    return lexicon


def loso_removals(
    right_services: Mapping[Entry, set[str]], service: str, tables: Iterable[str] = ("terms",)
) -> set[Entry]:
    """The entries to hold out for ``service``: of ``tables``, right on that service and no other.

    ``terms`` covers the named companies of ``[instances]`` too: both are terms of the category.
    """
    wanted = set(tables) | ({"instances"} if "terms" in tables else set())
    return {e for e, services in right_services.items() if e.table in wanted and services == {service}}


def without_entries(data: Mapping[str, Any], entries: Iterable[Entry]) -> dict[str, Any]:
    """A copy of one rule file's data with the patterns of ``entries`` (all of that file) removed."""
    out: dict[str, Any] = copy.deepcopy(dict(data))
    for entry in entries:
        if entry.table in ("terms", "instances"):
            patterns = out[entry.table][entry.name]
        elif entry.table == "cue":
            patterns = next(c for c in out["cue"] if c["id"] == entry.name)["patterns"]
        else:
            owner, _, slot = entry.name.rpartition(":")
            key = "rule" if entry.table == "rule" else "swap"
            patterns = next(t for t in out[key] if t["id"] == owner)[slot]
        patterns.remove(entry.pattern)
    return out


def toml_text(data: Mapping[str, Any]) -> str:
    """``data`` (as ``tomllib`` reads a rule file: tables, arrays of tables, values) written as TOML."""

    def key(name: str) -> str:
        return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else value(name)

    def value(item: Any) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return repr(item)
        if isinstance(item, str):  # a JSON string is a TOML basic string, DEL aside
            return json.dumps(item, ensure_ascii=False).replace("\x7f", "\\u007f")
        if isinstance(item, list):
            return "[" + ", ".join(value(i) for i in item) + "]"
        if isinstance(item, dict):
            return "{" + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + "}"
        raise TypeError(f"cannot write {type(item).__name__} as TOML")

    def is_tables(item: Any) -> bool:
        return isinstance(item, list) and bool(item) and all(isinstance(i, dict) for i in item)

    lines = [
        f"{key(k)} = {value(v)}" for k, v in data.items() if not isinstance(v, dict) and not is_tables(v)
    ]
    for name, item in data.items():
        if isinstance(item, dict):
            lines += ["", f"[{key(name)}]", *(f"{key(k)} = {value(v)}" for k, v in item.items())]
        elif is_tables(item):
            for table in item:
                lines += ["", f"[[{key(name)}]]", *(f"{key(k)} = {value(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


def write_rules(source: Path, target: Path, removed: Iterable[Entry]) -> None:
    """Copy the rules folder ``source`` to ``target`` without the patterns of ``removed``."""
    shutil.copytree(source, target)
    by_file: dict[str, list[Entry]] = defaultdict(list)
    for entry in removed:
        by_file[entry.file].append(entry)
    for file, entries in by_file.items():
        path = target / file
        data = without_entries(tomllib.loads(path.read_text(encoding="utf-8")), entries)
        text = toml_text(data)
        if tomllib.loads(text) != data:
            raise RuntimeError(f"{file}: the rewritten rule file does not read back the same")
        path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ running pairs


class Task(NamedTuple):
    key: str  # "full" or the held-out service
    pair_id: str
    old: Path
    new: Path
    rules: Path | None  # None: the packaged rules, as `policydiff diff` reads them


_RULEBOOKS: dict[Path, RuleBook] = {}
_JUDGING = [0.0]  # seconds spent in the judgement (classify) during the current pair


def _timed_judgement() -> None:
    """Count the time ``compare`` spends judging changes, to report the judgement's share."""
    judge = policydiff.compare.judge_changes

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return judge(*args, **kwargs)
        finally:
            _JUDGING[0] += time.perf_counter() - started

    policydiff.compare.judge_changes = timed  # type: ignore[assignment]


_timed_judgement()


def _value(item: object) -> str:
    """An enum member's value, or the string itself (a severity this script does not know yet)."""
    return str(getattr(item, "value", item))


def run_pair(task: Task) -> tuple[str, str, PairReport]:
    """Judge one pair in this process; its report in the scorer's shape (an error: no change at all)."""
    try:
        rulebook = None
        if task.rules is not None:
            rulebook = _RULEBOOKS.get(task.rules) or _RULEBOOKS.setdefault(
                task.rules, load_rulebook(task.rules)
            )
        old, new = load(str(task.old)), load(str(task.new))
        _JUDGING[0], started = 0.0, time.perf_counter()
        report = compare(old, new, Judgement(), rulebook)
        seconds = {"compare": time.perf_counter() - started, "judgement": _JUDGING[0]}
    except Exception as error:  # a crash is a result to report, not a reason to stop measuring
        failed = {"changes": [], "severity": "none", "notice": {"required": False}, "error": repr(error)}
        return task.key, task.pair_id, failed
    changes = [
        {
            "id": change.id,
            "severity": _value(change.severity),
            "direction": _value(change.direction),
            "categories": [_value(c) for c in change.categories],
            "old": {"text": change.old.text} if change.old else None,
            "new": {"text": change.new.text} if change.new else None,
            "reasons": [
                {"rule": r.rule, "says": r.says, "trigger": r.trigger, "side": _value(r.side)}
                for r in change.reasons
            ],
        }
        for change in report.changes
    ]
    result = {
        "seconds": seconds,
        "changes": changes,
        "severity": _value(report.severity),
        "notice": {"required": report.notice.required},
    }
    return task.key, task.pair_id, result


def run_all(tasks: Sequence[Task], jobs: int) -> dict[tuple[str, str], PairReport]:
    """Every task's report by (key, pair id), the largest pairs first so the workers finish together."""
    ordered = sorted(tasks, key=lambda t: -(t.old.stat().st_size + t.new.stat().st_size))
    if jobs <= 1:
        done: Iterable[tuple[str, str, PairReport]] = map(run_pair, ordered)
        return {(key, pair): report for key, pair, report in done}
    with multiprocessing.Pool(jobs) as pool:
        return {(key, pair): report for key, pair, report in pool.imap_unordered(run_pair, ordered)}


# ------------------------------------------------------------------ scoring


def import_scorer(path: Path = SCORER) -> ModuleType:
    """The official scorer as a module (importing it only defines functions)."""
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"the scorer is not at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verdict(change: JudgedChange, labels: Sequence[dict[str, Any]], scorer: ModuleType) -> tuple[str, bool]:
    """``right``, ``wrong`` or ``stray`` for a reported change, and whether it is also right on category."""
    matched = [label for label in labels if scorer.matches(label, change)]
    if not matched:
        return "stray", False
    same = [
        label
        for label in matched
        if label["severity"] == change["severity"] and label["direction"] == change["direction"]
    ]
    if not same:
        return "wrong", False
    first = (change["categories"] or [None])[0]
    return "right", any(first in {label["category"], *label.get("alt_categories", [])} for label in same)


FIGURES = (
    "majors",
    "major_missed",
    "major_right",
    "major_review",
    "stray_major",
    "needs_none",
    "notice_false_alarm",
    "review_load",
    "errors",
)


def pair_figures(label: dict[str, Any], report: PairReport, scorer: ModuleType) -> Counter[str]:
    """The scorer's figures for one pair (the ones the held-out comparison prints)."""
    scored = scorer.score_pair(label, report)
    majors = [c["id"] for c in label["changes"] if c["severity"] == "major"]
    needs_none = not label["notice_required"]
    figures: Counter[str] = Counter(
        majors=len(majors),
        major_missed=len(scored["missed_major"]),
        major_right=sum(i in scored["found"] for i in majors),
        major_review=len(scored["to_review"]),
        stray_major=len(scored["stray_major"]),
        needs_none=needs_none,
        notice_false_alarm=needs_none and scored["notice"],
        review_load=needs_none and not scored["notice"] and bool(scored["reviews"]),
        errors="error" in report,
    )
    return figures


# ------------------------------------------------------------------ the three measurements


@dataclass
class RuleCount:
    changes: int = 0
    right: int = 0
    right_category: int = 0
    wrong: int = 0
    stray: int = 0
    stray_major: int = 0
    services: set[str] = field(default_factory=set)  # services it was right on
    other: Counter[str] = field(default_factory=Counter)  # changes of other severities ("review")

    def add(self, severity: str, judged: str, category_ok: bool, service: str) -> None:
        if severity not in REPORTED:
            self.other[severity] += 1
            return
        self.changes += 1
        setattr(self, judged, getattr(self, judged) + 1)
        self.right_category += category_ok
        self.stray_major += judged == "stray" and severity == "major"
        if judged == "right":
            self.services.add(service)

    def as_json(self) -> dict[str, Any]:
        return {
            "changes": self.changes,
            "right": self.right,
            "right_category": self.right_category,
            "wrong": self.wrong,
            "stray": self.stray,
            "stray_major": self.stray_major,
            "services_right": sorted(self.services),
            "other_severities": dict(self.other),
        }


@dataclass
class EntryCount:
    fired: int = 0
    fired_services: set[str] = field(default_factory=set)
    right: int = 0
    right_services: set[str] = field(default_factory=set)
    not_right: int = 0  # in wrong or stray major/minor changes


@dataclass
class Audit:
    lead: dict[str, RuleCount] = field(default_factory=lambda: defaultdict(RuleCount))
    every: dict[str, RuleCount] = field(default_factory=lambda: defaultdict(RuleCount))
    entries: dict[Entry, EntryCount] = field(default_factory=lambda: defaultdict(EntryCount))


def audit(
    pairs: Sequence[dict[str, Any]], reports: Mapping[str, PairReport], lexicon: Lexicon, scorer: ModuleType
) -> Audit:
    """Steps 1 and 2: rules by verdict, and the lexicon entries behind each reason's trigger."""
    found = Audit()
    for pair in pairs:
        service = service_of(pair["id"])
        for change in reports[pair["id"]]["changes"]:
            severity = change["severity"]
            judged, category_ok = verdict(change, pair["changes"], scorer)
            reasons = change["reasons"]
            if severity not in ("none", "editorial") and reasons:
                found.lead[reasons[0]["rule"]].add(severity, judged, category_ok, service)
                for rule in dict.fromkeys(r["rule"] for r in reasons):
                    found.every[rule].add(severity, judged, category_ok, service)
            for reason in reasons:
                for entry in lexicon.produced(reason["rule"], reason["trigger"]):
                    count = found.entries[entry]
                    count.fired += 1
                    count.fired_services.add(service)
                    if severity in REPORTED and judged == "right":
                        count.right += 1
                        count.right_services.add(service)
                    elif severity in REPORTED:
                        count.not_right += 1
    return found


# ------------------------------------------------------------------ printing


_RULE_COLUMNS = (("changes", 7), ("right", 5), ("+cat", 5), ("wrong", 5), ("stray", 5), ("major", 5))


def _rule_row(name: str, c: RuleCount, others: Sequence[str]) -> str:
    values = (c.changes, c.right, c.right_category, c.wrong, c.stray, c.stray_major)
    mark = "!" if len(c.services) == 1 else " "
    cells = "".join(f" {v:>{w}}" for v, (_, w) in zip(values, _RULE_COLUMNS, strict=True))
    return f"{name:<36}{cells} {len(c.services):>3}{mark}" + "".join(f" {c.other[s]:>7}" for s in others)


def _rule_table(title: str, counts: Mapping[str, RuleCount]) -> list[str]:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1].stray, -kv[1].stray_major, -kv[1].changes, kv[0]))
    others = sorted({s for c in counts.values() for s in c.other})
    head = f"{'rule':<36}" + "".join(f" {h:>{w}}" for h, w in _RULE_COLUMNS) + f" {'svc':>4}"
    head += "".join(f" {s:>7}" for s in others)
    lines = [title, head, "-" * len(head)]
    total = RuleCount()
    for rule, c in rows:
        lines.append(_rule_row(rule, c, others))
        for name in ("changes", "right", "right_category", "wrong", "stray", "stray_major"):
            setattr(total, name, getattr(total, name) + getattr(c, name))
        total.services |= c.services
        total.other.update(c.other)
    lines.append(_rule_row("all", total, others).replace("!", " "))
    return lines


def _entry_lines(found: Audit, lexicon: Lexicon) -> tuple[list[str], dict[str, Any]]:
    entries = lexicon.entries
    fired = [e for e in entries if found.entries[e].fired]
    right = [e for e in fired if found.entries[e].right]
    single = [e for e in right if len(found.entries[e].right_services) == 1]
    never_right = [e for e in fired if not found.entries[e].right and found.entries[e].not_right]
    columns: list[tuple[str, list[Entry]]] = [
        ("entries", entries),
        ("fire", fired),
        ("in right", right),
        ("right on 1 service", single),
        ("only not right", never_right),
    ]
    lines = [
        "2. Lexicon entries behind the reasons' triggers",
        f"{'table':<6}" + "".join(f" {h:>{max(len(h), 6)}}" for h, _ in columns),
    ]
    for table in (*TABLES, "all"):
        counts = [sum(table in ("all", e.table) for e in items) for _, items in columns]
        lines.append(
            f"{table:<6}"
            + "".join(f" {n:>{max(len(h), 6)}}" for n, (h, _) in zip(counts, columns, strict=True))
        )
    lines += ["", "entries right on exactly one service (that service; right changes; services it fired on):"]
    for entry in sorted(single, key=lambda e: (sorted(found.entries[e].right_services), e)):
        c = found.entries[entry]
        (service,) = c.right_services
        lines.append(f"  {service:<28} {entry.label():<64} {c.right:>3} {len(c.fired_services):>3}")
    lines += ["", "entries that fired only in wrong or stray major/minor changes (changes; services):"]
    for entry in sorted(never_right, key=lambda e: (-found.entries[e].not_right, e)):
        c = found.entries[entry]
        lines.append(f"  {entry.label():<64} {c.not_right:>3} {len(c.fired_services):>3}")
    figures = {
        "by_table": dict(Counter(e.table for e in entries)),
        "fired": len(fired),
        "fired_in_right": len(right),
        "right_on_one_service": len(single),
        "fired_only_not_right": len(never_right),
        "entries": [
            {
                **entry._asdict(),
                "fired": c.fired,
                "fired_services": sorted(c.fired_services),
                "right": c.right,
                "right_services": sorted(c.right_services),
                "not_right": c.not_right,
            }
            for entry in entries
            if (c := found.entries[entry]).fired
        ],
    }
    return lines, figures


_LOSO_ROWS = (
    ("major_missed", "majors missed (not major or review)", "majors"),
    ("major_right", "majors fully right", "majors"),
    ("major_review", "majors left to review", "majors"),
    ("notice_false_alarm", "notice false alarms", "needs_none"),
    ("review_load", "review load", "needs_none"),
    ("stray_major", "stray majors", ""),
    ("errors", "pairs that failed to run", ""),
)


def _loso_lines(
    tables: Sequence[str],
    full: Mapping[str, Counter[str]],
    held_out: Mapping[str, Counter[str]],
    removed: Mapping[str, set[Entry]],
) -> list[str]:
    total_full: Counter[str] = sum(full.values(), Counter())
    total_loso: Counter[str] = sum(held_out.values(), Counter())
    rerun = sorted(s for s in removed if removed[s])
    lines = [
        f"3. Leave-one-service-out (held out: {', '.join(tables)} entries right on that service only)",
        f"   {len(rerun)} of {len(full)} services had entries to hold out "
        f"({sum(len(removed[s]) for s in rerun)} entries in all); their pairs were judged again",
        f"{'':<38} {'full':>10} {'LOSO':>10}",
    ]
    for key, name, of in _LOSO_ROWS:
        suffix_full = f"/{total_full[of]}" if of else ""
        suffix_loso = f"/{total_loso[of]}" if of else ""
        lines.append(
            f"{name:<38} {f'{total_full[key]}{suffix_full}':>10} {f'{total_loso[key]}{suffix_loso}':>10}"
        )
    changed = [s for s in rerun if any(full[s][k] != held_out[s][k] for k, _, _ in _LOSO_ROWS)]
    lines += ["", f"services whose figures changed ({len(changed)}; full → LOSO):"]
    for service in changed:
        diffs = [
            f"{key} {full[service][key]}→{held_out[service][key]}"
            for key, _, _ in _LOSO_ROWS
            if full[service][key] != held_out[service][key]
        ]
        lines.append(f"  {service:<28} {len(removed[service]):>3} held out: {', '.join(diffs)}")
    unchanged = [s for s in rerun if s not in changed]
    if unchanged:
        lines.append(f"  unchanged although entries were held out: {', '.join(unchanged)}")
    return lines


def _timing_lines(reports: Mapping[str, PairReport]) -> list[str]:
    """How long ``compare`` takes per pair in process, and the judgement's share of it."""
    timed = [r["seconds"] for r in reports.values() if "seconds" in r]
    if not timed:
        return []
    compares = sorted(t["compare"] for t in timed)
    shares = sorted(t["judgement"] / t["compare"] for t in timed if t["compare"])
    total = sum(t["judgement"] for t in timed) / sum(compares)
    return [
        "5. Time in process (loading excluded; whole processes: benchmarks/speed.py)",
        f"   compare per pair: median {compares[len(compares) // 2]:.3f} s, largest {compares[-1]:.3f} s",
        f"   judgement's share: median {shares[len(shares) // 2]:.2f} per pair,"
        f" {total:.2f} of all compare time",
    ]


def _missed_lines(label: dict[str, Any], report: PairReport, scorer: ModuleType) -> list[str]:
    """For each labelled major the report misses or leaves to review: the label, and every reported
    change matching it."""
    scored = scorer.score_pair(label, report)
    lines = []
    for item in label["changes"]:
        if item["id"] in scored["missed_major"]:
            how = "MISSED"
        elif item["id"] in scored["to_review"]:
            how = "review"
        else:
            continue
        lines.append(
            f"  {how} {label['id']} {item['id']} [{item['category']}] {item.get('evidence', '')!r:.100}"
        )
        for change in report["changes"]:
            if scorer.matches(item, change):
                rules = ",".join(r["rule"] for r in change["reasons"][:3])
                text = ((change.get("new") or change.get("old") or {}).get("text") or "")[:90]
                lines.append(f"      -> {change['severity']} {change['direction']} {rules} :: {text!r}")
    return lines


# ------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--labels", type=Path, default=DEFAULT_LABELS, help="labels JSON (policydiff.labels/1)"
    )
    parser.add_argument("--only", help="only the pairs whose id contains this")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--rules", type=Path, help="audit this rules folder instead of the packaged one")
    parser.add_argument(
        "--show-missed",
        action="store_true",
        help="also print each major the held-out runs miss or leave to review, and what the report made",
    )
    parser.add_argument(
        "--loso-tables",
        default="terms",
        help=f"comma-separated tables whose entries step 3 holds out, of {', '.join(TABLES)} (default terms)",
    )
    args = parser.parse_args()
    tables = [t.strip() for t in args.loso_tables.split(",") if t.strip()]
    if not set(tables) <= set(TABLES):
        parser.error(f"--loso-tables: choose among {', '.join(TABLES)}")
    scorer = import_scorer()
    rules_dir = (args.rules or PACKAGED_RULES).resolve()
    data = json.loads(args.labels.read_text(encoding="utf-8"))
    root = args.labels.parent
    pairs = [p for p in data["pairs"] if not args.only or args.only in p["id"]]
    if not pairs:
        raise SystemExit("no pair to measure")
    started = time.perf_counter()

    full_tasks = [
        Task("full", p["id"], root / p["old"], root / p["new"], rules_dir if args.rules else None)
        for p in pairs
    ]
    full_reports = {pair: report for (_, pair), report in run_all(full_tasks, args.jobs).items()}
    full_seconds = time.perf_counter() - started

    lexicon = read_lexicon(rules_dir)
    found = audit(pairs, full_reports, lexicon, scorer)
    right_services = {e: c.right_services for e, c in found.entries.items() if c.right_services}

    by_service: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pair in pairs:
        by_service[service_of(pair["id"])].append(pair)
    removed = {s: loso_removals(right_services, s, tables) for s in by_service}
    full = {
        s: sum((pair_figures(p, full_reports[p["id"]], scorer) for p in ps), Counter())
        for s, ps in by_service.items()
    }
    held_out = dict(full)
    with tempfile.TemporaryDirectory(prefix="policydiff-loso-") as tmp:
        loso_tasks = []
        for service, entries in removed.items():
            if entries:
                folder = Path(tmp) / service
                write_rules(rules_dir, folder, entries)
                loso_tasks += [
                    Task(service, p["id"], root / p["old"], root / p["new"], folder)
                    for p in by_service[service]
                ]
        loso_reports = run_all(loso_tasks, args.jobs)
    for service, entries in removed.items():
        if entries:
            held_out[service] = sum(
                (pair_figures(p, loso_reports[(service, p["id"])], scorer) for p in by_service[service]),
                Counter(),
            )
    seconds = time.perf_counter() - started
    missed_lines: list[str] = []
    if args.show_missed:
        for service, entries in removed.items():
            if entries:
                for p in by_service[service]:
                    missed_lines += _missed_lines(p, loso_reports[(service, p["id"])], scorer)

    errors = {pair: r["error"] for pair, r in full_reports.items() if "error" in r}
    lines = [
        f"{len(pairs)} pairs of {args.labels} on {args.jobs} processes; rules: {rules_dir}",
        *(f"  FAILED {pair}: {error}" for pair, error in sorted(errors.items())),
        "",
        *_rule_table("1. Rules leading a reported major or minor change (its first reason)", found.lead),
        "   right: matches a label with that severity and direction (+cat: and an accepted first category);",
        "   stray: matches no label (major: reported major, a false alarm); svc: services right on (! = one)",
        "",
        *_rule_table("1b. Every reason of those changes (each rule once per change)", found.every),
        "",
    ]
    entry_lines, entry_figures = _entry_lines(found, lexicon)
    lines += [*entry_lines, "", *_loso_lines(tables, full, held_out, removed), ""]
    if missed_lines:
        lines += [
            "4. Majors the held-out runs miss (MISSED) or leave to review, and what the report made of them",
            *missed_lines,
            "",
        ]
    lines += [*_timing_lines(full_reports), ""]
    lines.append(
        f"time: {seconds:.1f} s ({full_seconds:.1f} s judging {len(full_tasks)} pairs, "
        f"{seconds - full_seconds:.1f} s for {len(loso_tasks)} held-out runs and the rest)"
    )
    print("\n".join(lines))
    if args.json:
        figures = {
            "labels": str(args.labels),
            "pairs": [p["id"] for p in pairs],
            "rules": str(rules_dir),
            "errors": errors,
            "rules_lead": {rule: c.as_json() for rule, c in found.lead.items()},
            "rules_every_reason": {rule: c.as_json() for rule, c in found.every.items()},
            "lexicon": entry_figures,
            "loso": {
                "tables": tables,
                "totals": {
                    "full": dict(sum(full.values(), Counter())),
                    "loso": dict(sum(held_out.values(), Counter())),
                },
                "services": {
                    s: {
                        "held_out": [e._asdict() for e in sorted(removed[s])],
                        "full": dict(full[s]),
                        "loso": dict(held_out[s]),
                    }
                    for s in sorted(by_service)
                },
            },
            "seconds": {"total": seconds, "full_run": full_seconds},
        }
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
