"""The built wheel, installed in a fresh virtual environment, drafts the same notices as the checkout.

The wheel is built once (no build isolation: hatchling is already here) and installed with
``--no-deps --no-index``; its dependencies come from this interpreter's site-packages through a
``.pth`` line, which Python does not follow into that folder's own ``.pth`` files, so the
checkout's editable install never reaches the venv's ``sys.path``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, GOLDEN, ROOT

# what `policydiff notice` imports at run time, by import name
RUNTIME = ("typer", "click", "rich", "jinja2", "markupsafe", "css_inline", "bs4", "soupsieve", "lxml",
           "charset_normalizer", "diff_match_patch", "rapidfuzz", "fast_diff_match_patch")  # fmt: skip
NOTICE_FILES = (
    "email.html",
    "email.txt",
    "announcement.md",
    "announcement.html",
    "in-app.txt",
    "history-entry.md",
    "notice.json",
)


def _run(*command: str | Path, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        # the goldens were drafted on their publish date: drafted later they would say they are late
        env={**env, "PYTHONIOENCODING": "utf-8", "PIP_NO_INDEX": "1", "POLICYDIFF_TODAY": "2026-04-20"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def _dependency_dirs() -> list[str]:
    """The folders this interpreter imports the runtime dependencies from, never the checkout."""
    folders = []
    for name in RUNTIME:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue  # an optional backend (fast_diff_match_patch) that is not installed
        origin = Path(spec.origin).resolve()
        top = origin.parent.parent if origin.name == "__init__.py" else origin.parent
        if ROOT not in (top, *top.parents) and str(top) not in folders:
            folders.append(str(top))
    return folders


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv holding the policydiff wheel built from this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", ROOT,
        cwd=work, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheels = list((work / "dist").glob("policydiff-*.whl"))
    assert len(wheels) == 1, wheels
    made = _run(sys.executable, "-m", "venv", "--without-pip", work / "venv", cwd=work)
    assert made.returncode == 0, made.stderr
    python = work / "venv" / "bin" / "python"
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        wheels[0],
        cwd=work,
    )
    assert installed.returncode == 0, installed.stderr
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work)
    Path(site.stdout.strip(), "policydiff-test-dependencies.pth").write_text(
        "\n".join(_dependency_dirs()) + "\n", encoding="utf-8"
    )
    yield work / "venv"
    shutil.rmtree(work, ignore_errors=True)


def test_the_wheel_carries_the_notice_templates(venv: Path) -> None:
    wheel = next((venv.parent / "dist").glob("policydiff-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates" / "notice").glob("*.j2"):
        assert f"policydiff/templates/notice/{template.name}" in names


def test_the_venv_imports_the_installed_wheel_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    probe = "import policydiff, sys; print(policydiff.__file__); print('\\n'.join(sys.path))"
    shown = _run(venv / "bin" / "python", "-c", probe, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    module, *path = shown.stdout.splitlines()
    assert Path(module).resolve().is_relative_to(venv.resolve())
    assert not any(entry and Path(entry).resolve() == ROOT for entry in path), path


def test_the_installed_command_writes_the_golden_notices(venv: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES, project)
    result = _run(
        venv / "bin" / "policydiff", "notice", "joypix/privacy-v2.0.txt", "joypix/privacy-v2.1.html",
        "--config", "policydiff.toml", "--publish-date", "2026-04-20", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in NOTICE_FILES:
        written = (project / "notice" / name).read_text(encoding="utf-8")
        assert written == (GOLDEN / "notice" / "joypix" / name).read_text(encoding="utf-8"), name
