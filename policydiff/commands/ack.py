"""``policydiff ack``: a person settles a pending version without notices, saying why (who and when kept)."""

from __future__ import annotations

from dataclasses import dataclass

from policydiff.archive import PolicyArchive
from policydiff.config import Settings
from policydiff.errors import InputError
from policydiff.model import Severity, Version
from policydiff.settlements import Settlement, add_settlement, read_settlements

__all__ = ["Acknowledged", "acknowledge"]


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """The settlement recorded, the version it settles, and whether it was pending until now."""

    settlement: Settlement
    version: Version
    was_pending: bool


def acknowledge(settings: Settings, policy: str, ref: str, because: str, by: str, at: str) -> Acknowledged:
    """Record that ``policy@ref`` needs no (further) notice, because ``because``; ``at`` is an ISO time."""
    from policydiff.commands.pending import pending_versions

    settings.policy(policy)  # an unknown policy is a typo
    because, by = " ".join(because.split()), " ".join(by.split())
    if not because:
        raise InputError("--because: an acknowledgement needs its reason")
    if not by:
        raise InputError("--by: an acknowledgement needs the name of who gives it")
    archive = PolicyArchive(settings.archive, policy)
    version = archive.resolve(ref, f"{policy}@{ref}")
    if version.severity.rank < Severity.REVIEW.rank:
        raise InputError(
            f"{policy}@{version.label}: its change was recorded as {version.severity.value}; "
            "only a major or review change can be pending"
        )
    was_pending = any(p.version.label == version.label for p in pending_versions(settings, policy))
    settlement = Settlement(version.label, version.sha256, "ack", at, by=by, because=because)
    add_settlement(archive, settlement)
    return Acknowledged(settlement, version, was_pending)


def acknowledgements(settings: Settings, policy: str) -> tuple[Settlement, ...]:
    """Every acknowledgement recorded for ``policy``, oldest first."""
    return tuple(s for s in read_settlements(PolicyArchive(settings.archive, policy)) if s.how == "ack")
