"""The project's CI, the scheduled workflow users copy, and the composite action: valid and complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def test_the_scheduled_workflow() -> None:
    workflow = load(ROOT / "examples/github/policydiff-check.yml")
    triggers = workflow["on"]
    (cron,) = triggers["schedule"]
    assert len(cron["cron"].split()) == 5 and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "write", "issues": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    runs = "\n".join(step.get("run", "") for step in steps_of(workflow))
    assert "policydiff check" in runs and "--summary" in runs and "--json" in runs
    assert "git push" in runs and "gh issue create" in runs
    issue = next(step for step in steps_of(workflow) if "gh issue create" in step.get("run", ""))
    assert issue["if"] == "steps.check.outputs.exit-code == '1'" and "GH_TOKEN" in issue["env"]


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
