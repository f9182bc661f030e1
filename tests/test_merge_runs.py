"""``check --shard K/N`` and ``merge-runs``: parallel jobs over many policies give one run's summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import policy_page, run_policydiff, small_policy, threaded_server
from werkzeug import Request, Response

from policydiff.commands.check import in_shard, parse_shard
from policydiff.commands.merge_runs import merge_records
from policydiff.errors import InputError

POLICIES = 200
CHANGED = range(0, POLICIES, 20)  # ten policies keep data four times longer in run 2


class Site:
    """``/p<n>``: policy n; ``version`` 2 changes the policies in ``CHANGED``."""

    def __init__(self) -> None:
        self.version = 1

    def answer(self, request: Request) -> Response:
        number = int(request.path.removeprefix("/p"))
        text = small_policy(number + 6)
        if self.version == 2 and number in CHANGED:
            text = text.replace(f"for {number + 6} months after", f"for {4 * (number + 6)} months after")
        return Response(policy_page(text), content_type="text/html; charset=utf-8")


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[Site, str]]:
    import re

    with threaded_server() as server:
        site = Site()
        server.expect_request(re.compile(r"^/p\d+$")).respond_with_handler(site.answer)
        yield site, server.url_for("/")


def make_project(folder: Path, base: str) -> Path:
    policies = "".join(
        f'\n[[policy]]\nid = "policy-{n:03d}"\ntitle = "Policy {n}"\nurl = "{base}p{n}"\nselect = "main"\n'
        for n in range(POLICIES)
    )
    folder.mkdir()
    (folder / "policydiff.toml").write_text(
        '[organization]\nname = "JoyPix LLC"\ncontact = "support@joypix.ai"\nwebsite = "https://joypix.ai"\n\n'
        '[notice]\npolicy_url = "https://joypix.ai/privacy"\n\n[email]\nfrom = "privacy@joypix.ai"\n'
        + policies,
        encoding="utf-8",
    )
    return folder


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_policydiff(project, *args, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_shards_cover_every_policy_once_and_merge_into_one_runs_summary(
    tmp_path: Path, site: tuple[Site, str]
) -> None:
    server, base = site
    server.version = 1
    first = make_project(tmp_path / "whole", base)
    assert run(first, "check").returncode == 0  # run 1 records all 200
    sharded = tmp_path / "sharded"
    shutil.copytree(first, sharded)
    server.version = 2

    started = time.perf_counter()
    whole = run(first, "check", "--fail-on", "major", "--json", "run.json", "--summary", "summary.md")
    whole_seconds = time.perf_counter() - started
    assert whole.returncode == 1, whole.stderr

    seen: list[str] = []
    started = time.perf_counter()
    for number in range(1, 5):
        done = run(
            sharded, "check", "--shard", f"{number}/4", "--fail-on", "major", "--json", f"run-{number}.json"
        )
        assert done.returncode in (0, 1), done.stderr
        record = json.loads((sharded / f"run-{number}.json").read_text(encoding="utf-8"))
        seen += [entry["policy"] for entry in record["policies"]]
    sharded_seconds = time.perf_counter() - started
    assert sorted(seen) == [f"policy-{n:03d}" for n in range(POLICIES)]  # each exactly once

    records = [f"run-{n}.json" for n in range(1, 5)]
    merged = run(sharded, "merge-runs", *records, "--json", "merged.json", "--summary", "summary.md")
    assert merged.returncode == 1, merged.stderr
    expected = (first / "summary.md").read_text(encoding="utf-8").replace(str(first), "ROOT")
    assert (sharded / "summary.md").read_text(encoding="utf-8").replace(str(sharded), "ROOT") == expected
    assert merged.stdout.replace(str(sharded), "ROOT") == expected
    one = json.loads((first / "run.json").read_text(encoding="utf-8"))
    joined = json.loads((sharded / "merged.json").read_text(encoding="utf-8"))
    assert [e["policy"] for e in joined["policies"]] == [e["policy"] for e in one["policies"]]
    assert sum(e["severity"] == "major" for e in joined["policies"]) == len(CHANGED)
    print(f"\n200 policies, run 2: one run {whole_seconds:.1f} s; 4 shards in a row {sharded_seconds:.1f} s")


def test_a_shard_is_stable_and_the_shards_partition_the_ids() -> None:
    ids = [f"policy-{n}" for n in range(500)]
    shards = [in_shard(ids, (k, 7)) for k in range(1, 8)]
    assert sorted(sum(shards, [])) == sorted(ids)
    assert in_shard(ids[:100], (3, 7)) == [i for i in shards[2] if i in ids[:100]]  # others do not move it
    assert all(shards)  # 500 ids over 7 shards: none empty


@pytest.mark.parametrize("text", ["0/4", "5/4", "a/4", "4", "1/0", "1/1001", "-1/4", ""])
def test_a_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="--shard"):
        parse_shard(text)


def test_merging_refuses_overlapping_or_foreign_records() -> None:
    record = {"schema": "policydiff.check/1", "exit_code": 0, "pending": [], "policies": [{"policy": "a"}]}
    with pytest.raises(InputError, match="overlap"):
        merge_records([record, record])
    with pytest.raises(InputError, match="not a policydiff run record"):
        merge_records([{"schema": "x"}])
    with pytest.raises(InputError, match="no run records"):
        merge_records([])
    failed = {**record, "exit_code": 3, "policies": [{"policy": "b"}]}
    found = {**record, "exit_code": 1}
    assert merge_records([failed, found])["exit_code"] == 1
    assert merge_records([failed, record])["exit_code"] == 3


def test_merge_runs_names_a_bad_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    done = run(tmp_path, "merge-runs", "bad.json")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "bad.json" in done.stderr
    done = run(tmp_path, "merge-runs", "missing.json")
    assert done.returncode == 2 and "missing.json" in done.stderr
