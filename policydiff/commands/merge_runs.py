"""``policydiff merge-runs``: one run record and one summary from the records of shards run in parallel."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policydiff.errors import InputError

__all__ = ["merge_run_files"]


def merge_run_files(paths: Sequence[Path]) -> dict[str, Any]:
    """The merged record of the ``check --json`` files at ``paths`` (``InputError`` naming a bad one)."""
    from policydiff.render.check import merge_records

    records = []
    for path in paths:
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"{path}: not a JSON run record: {error}") from None
        if not isinstance(records[-1], dict):
            raise InputError(f"{path}: not a policydiff run record")
    try:
        return merge_records(records)
    except InputError as error:
        raise InputError(f"{', '.join(map(str, paths))}: {error.message}") from None
