"""``policydiff merge-runs``: one run record and one summary from the records of shards run in parallel."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from policydiff.errors import InputError
from policydiff.render.check import SCHEMA

__all__ = ["merge_records", "merge_run_files"]


def merge_run_files(paths: Sequence[Path]) -> dict[str, Any]:
    """The merged record of the ``check --json`` files at ``paths`` (``InputError`` naming a bad one)."""
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


def merge_records(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One record of several shards' runs: policies in their configured order, the combined exit code.

    The code is what one run over all of them would give: 1 if any shard's is 1 (a pending
    version or a finding wins), else 4, 2, 3 in that order, else 0.
    """
    if not records:
        raise InputError("no run records to merge")
    for index, record in enumerate(records):
        if record.get("schema") != SCHEMA or not isinstance(record.get("policies"), list):
            raise InputError(f"run record {index + 1}: not a policydiff run record (schema {SCHEMA})")
    entries = sorted(
        (entry for record in records for entry in record["policies"]), key=lambda e: e.get("position", 0)
    )
    seen = [entry["policy"] for entry in entries]
    twice = sorted({policy for policy in seen if seen.count(policy) > 1})
    if twice:
        raise InputError(f"run records overlap: {', '.join(twice)} checked more than once")
    order = {entry["policy"]: index for index, entry in enumerate(entries)}
    pending = sorted(
        (item for record in records for item in record.get("pending", [])),
        key=lambda item: order.get(item["policy"], 0),
    )
    codes = {int(record.get("exit_code", 0)) for record in records}
    code = next((c for c in (1, 4, 2, 3) if c in codes), 0)
    ran_at = min(str(record.get("ran_at", "")) for record in records)
    return {"schema": SCHEMA, "ran_at": ran_at, "exit_code": code, "pending": pending, "policies": entries}
