"""Per-category precision and recall of policydiff's judgements on a labelled corpus.

Run from the repository root:

    python benchmarks/judgement.py                      # the dev labels beside this repo
    python benchmarks/judgement.py --labels PATH --json out.json

For every labelled pair it runs `policydiff diff OLD NEW --format json` and matches reported
changes to labelled ones the way `../shared/eval/score.py` does (a reported change matches
a label when its text contains the label's evidence words). Then, per category:

- recall: labelled changes of that category (major or minor) that a matching report gets
  fully right (severity, direction, and a first category among the label's);
- precision: reported major or minor changes whose first category is this one and that
  match a label, counted right when that label accepts the category and severity;
- strays: reported major changes of this category matching no label at all.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = ROOT.parent / "shared" / "corpus" / "ota" / "labels-dev.json"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_URL = re.compile(r"\]\([^)]*\)|https?://\S+|www\.\S+")
_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    """Words, insensitive to case, links, quotes and invisible characters (as the scorer reads them)."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _WORD.findall(_URL.sub(" ", text).casefold())


def contains(hay: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return bool(needle) and any(hay[i : i + size] == needle for i in range(len(hay) - size + 1))


def matches(label: dict[str, Any], change: dict[str, Any]) -> bool:
    for side, key in (("new", "evidence_new"), ("old", "evidence_old")):
        text = (change.get(side) or {}).get("text")
        if label.get(key) and contains(tokens(text), tokens(label[key])):
            return True
    return False


def report(old: Path, new: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "policydiff", "diff", str(old), str(new), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"policydiff failed on {old}: {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure(labels_path: Path) -> dict[str, Counter[str]]:
    data = json.loads(labels_path.read_text(encoding="utf-8"))
    root = labels_path.parent
    counts: dict[str, Counter[str]] = {}

    def count(category: str) -> Counter[str]:
        return counts.setdefault(category, Counter())

    for pair in data["pairs"]:
        result = report(root / pair["old"], root / pair["new"])
        changes = result.get("changes", [])
        used: set[int] = set()
        for label in pair["changes"]:
            accepted = {label["category"], *label.get("alt_categories", [])}
            count(label["category"])["labelled"] += 1
            found = [i for i, change in enumerate(changes) if matches(label, change)]
            used.update(found)
            right = any(
                changes[i]["severity"] == label["severity"]
                and changes[i]["direction"] == label["direction"]
                and (changes[i]["categories"] or [None])[0] in accepted
                for i in found
            )
            count(label["category"])["recalled"] += right
            for i in found:
                change = changes[i]
                if change["severity"] in ("major", "minor") and change["categories"]:
                    first = change["categories"][0]
                    count(first)["reported"] += 1
                    count(first)["precise"] += first in accepted and change["severity"] == label["severity"]
        for i, change in enumerate(changes):
            if i not in used and change["severity"] == "major" and change["categories"]:
                count(change["categories"][0])["stray"] += 1
    return counts


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.2f}" if whole else "—"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--labels", type=Path, default=DEFAULT_LABELS, help="labels JSON (policydiff.labels/1)"
    )
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args()
    counts = measure(args.labels)
    print(f"{'category':<13} {'recall':<16} {'precision':<16} {'stray majors':>12}")
    for category in sorted(counts):
        c = counts[category]
        print(
            f"{category:<13} {ratio(c['recalled'], c['labelled']):<16} "
            f"{ratio(c['precise'], c['reported']):<16} {c['stray']:>12}"
        )
    total = sum(counts.values(), Counter())
    print(
        f"{'all':<13} {ratio(total['recalled'], total['labelled']):<16} "
        f"{ratio(total['precise'], total['reported']):<16} {total['stray']:>12}"
    )
    if args.json:
        args.json.write_text(json.dumps({k: dict(v) for k, v in counts.items()}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
