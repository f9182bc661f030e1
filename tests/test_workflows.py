"""The project's CI, the scheduled workflow users copy, and the composite action: valid and complete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflows_have_the_keys_github_requires() -> None:
    for path in [
        *(ROOT / ".github" / "workflows").glob("*.yml"),
        ROOT / "examples/github/policydiff-check.yml",
    ]:
        workflow = load(path)
        assert "on" in workflow and workflow["jobs"], path  # "on" is quoted: YAML 1.1 reads a bare on as true
        for name, job in workflow["jobs"].items():
            assert job["runs-on"] and job["steps"], f"{path}: {name}"
            assert isinstance(job.get("timeout-minutes"), int), f"{path}: {name}"
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), f"{path}: {step}"


def test_the_project_ci_runs_ci_run_in_debian() -> None:
    (job,) = load(ROOT / ".github/workflows/ci.yml")["jobs"].values()
    assert "bookworm" in job["container"]
    assert any(step.get("run") == "bash .ci/run" for step in job["steps"])


EXAMPLES = sorted((ROOT / "examples/github").glob("*.yml"))


def test_workflows_and_the_action_pass_githubs_schemas() -> None:
    """GitHub's own workflow and action schemas (vendored by check-jsonschema: no network)."""
    workflows = [*(ROOT / ".github" / "workflows").glob("*.yml"), *EXAMPLES]
    for schema, files in (
        ("vendor.github-workflows", workflows),
        ("vendor.github-actions", [ROOT / "action.yml"]),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_scheduled_workflows(path: Path) -> None:
    workflow = load(path)
    triggers = workflow["on"]
    (cron,) = triggers["schedule"]
    assert len(cron["cron"].split()) == 5 and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "write", "issues": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    steps = steps_of(workflow)
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "policydiff check" in runs and "--json" in runs and "git push" in runs
    for step in steps:  # a policy repository has no requirements file or pyproject.toml to key a cache on
        if step.get("uses", "").startswith("actions/setup-python"):
            assert "cache" not in step.get("with", {}) or "cache-dependency-path" in step["with"], path
    issue = next(step for step in steps if 'gh", "issue"' in step.get("run", "").replace("'", '"'))
    # issues come from the run record whenever it lists something, not from exit code 1 alone
    assert issue["if"] == "always()" and "GH_TOKEN" in issue["env"] and "RUN_RECORD" in issue["env"]


def test_the_sharded_workflow_checks_each_share_and_merges_once() -> None:
    workflow = load(ROOT / "examples/github/policydiff-check-matrix.yml")
    shard, merge = workflow["jobs"]["shard"], workflow["jobs"]["merge"]
    assert shard["strategy"]["matrix"]["shard"] == [1, 2, 3, 4] and shard["strategy"]["fail-fast"] is False
    runs = "\n".join(step.get("run", "") for step in shard["steps"])
    assert '--shard "${SHARD}/4"' in runs and "git diff --cached --binary" in runs
    assert merge["needs"] == "shard" and merge["if"] == "always()"
    merged = "\n".join(step.get("run", "") for step in merge["steps"])
    assert "policydiff merge-runs shares/run-*.json" in merged and "git apply --index" in merged


def _issue_script(path: Path) -> str:
    step = next(s for s in steps_of(load(path)) if "RUN_RECORD" in s.get("env", {}))
    body = step["run"].split("<<'PY'\n", 1)[1].rsplit("PY", 1)[0]
    return textwrap.dedent(body)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_issue_step_opens_one_issue_per_item_then_updates_it(path: Path, tmp_path: Path) -> None:
    """The step's own Python, run against a fake ``gh`` that remembers the issues it opened."""
    gh = tmp_path / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text(
        f"""#!{sys.executable}
import json, sys
from pathlib import Path
store = Path({str(tmp_path / "issues.json")!r})
issues = json.loads(store.read_text()) if store.exists() else []
args = sys.argv[1:]
with open({str(tmp_path / "calls.log")!r}, "a") as log:
    log.write(json.dumps(args) + "\\n")
if args[:2] == ["issue", "list"]:
    print(json.dumps([{{"number": i + 1, "title": t}} for i, t in enumerate(issues)]))
elif args[:2] == ["issue", "create"]:
    issues.append(args[args.index("--title") + 1])
    store.write_text(json.dumps(issues))
""",
        encoding="utf-8",
    )
    gh.chmod(0o755)
    record = {
        "schema": "policydiff.check/1",
        "pending": [
            {
                "policy": "a",
                "version": "v2",
                "severity": "major",
                "why": "its notices are not drafted",
                "clear": ["policydiff notice a@v1 a@v2 --out x --force", 'policydiff ack a v2 --because "…"'],
            }
        ],
        "policies": [
            {"policy": "a", "new": "v2", "effective_date": None, "notices": None},
            {
                "policy": "b",
                "new": "v5",
                "effective_date": "2027-01-03",
                "notices": "policies/b/notices/d",
                "redline": "policies/b/notices/d/redline.html",
            },
            {"policy": "c", "new": "v1", "effective_date": None, "notices": None},
        ],
    }
    (tmp_path / "run.json").write_text(json.dumps(record), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{gh.parent}{os.pathsep}{os.environ['PATH']}",
        "RUN_RECORD": str(tmp_path / "run.json"),
        "RUN_URL": "https://example.test/run/1",
    }
    script = _issue_script(path)
    for _ in range(2):  # the second run finds both issues open and comments on them
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    calls = [json.loads(line) for line in (tmp_path / "calls.log").read_text().splitlines()]
    created = [c[c.index("--title") + 1] for c in calls if c[:2] == ["issue", "create"]]
    assert created == ["policydiff: a v2 pending (major)", "policydiff: b v5 notice drafted"]
    comments = [c for c in calls if c[:2] == ["issue", "comment"]]
    assert [c[2] for c in comments] == ["1", "2"] and "policydiff ack a v2" in comments[0][-1]
    missing = {**env, "RUN_RECORD": str(tmp_path / "none.json")}
    assert subprocess.run([sys.executable, "-c", script], env=missing, check=False).returncode == 0


def test_the_composite_action() -> None:
    action = load(ROOT / "action.yml")
    assert action["name"] and action["description"]
    assert set(action["inputs"]) >= {"config", "fail-on", "python-version"}
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash", step  # composite run steps must name a shell
    for output in action["outputs"].values():
        assert output["value"].startswith("${{ steps.check.outputs.")
    check = next(step for step in action["runs"]["steps"] if step.get("id") == "check")
    assert "policydiff check" in check["run"] and '"$CONFIG"' in check["run"]
