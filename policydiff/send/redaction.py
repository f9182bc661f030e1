"""Keep the API key out of every message and log line, and what SendGrid sends back out of the log.

``redact`` runs on a whole message before anything cuts it short, so a key split by a truncation
cannot leave half of itself behind. ``checked_id`` lets an id SendGrid returned (a batch id, an
``X-Message-Id``) into the send log only when it has the shape such an id has and carries no part of
the key; anything else is logged as a hash.
"""

from __future__ import annotations

import re

from policydiff.lazy_re import lazy
from policydiff.send.syntax import sha256_hex

REDACTED = "[redacted]"
# SendGrid's keys are SG.<22 characters>.<43 characters>; any SG.x.y-shaped word is treated as one
KEY_SHAPE = lazy(r"SG\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]{2,}")
BEARER = lazy(r"\b(Bearer)(?:\s+|%20|\+)(?!\[redacted\])[^\s\"',;]+", re.IGNORECASE)
WORD = lazy(r"[A-Za-z0-9_\-]{8,}")
MIN_PART = 8  # a key fragment this long or longer is redacted wherever it appears
MESSAGE_ID = lazy(r"^[A-Za-z0-9_\-]{8,64}(?:\.[A-Za-z0-9_\-]{1,64}){0,8}$")
BATCH_ID = lazy(r"^[A-Za-z0-9_\-+/=]{8,128}$")


def redact(text: str, key: str | None) -> str:
    """``text`` with the key, its parts and fragments, and any key-shaped word, replaced by ``[redacted]``."""
    if key:
        text = text.replace(key, REDACTED)
        for part in sorted(key.split("."), key=len, reverse=True):
            if len(part) >= MIN_PART:
                text = text.replace(part, REDACTED)
    text = KEY_SHAPE.sub(REDACTED, text)
    text = BEARER.sub(lambda match: f"{match.group(1)} {REDACTED}", text)
    if key:  # a fragment the server cut from the key itself ("...Bearer SG.abc.Zq9vXw3T-nev")
        text = WORD.sub(lambda match: REDACTED if match.group(0) in key else match.group(0), text)
    return text


def leaks(value: str, key: str | None) -> bool:
    """Whether ``value`` is key-shaped or shares a fragment of ``MIN_PART`` characters with the key."""
    if KEY_SHAPE.search(value) or redact(value, key) != value:
        return True
    if not key:
        return False
    return any(key[i : i + MIN_PART] in value for i in range(len(key) - MIN_PART + 1))


def hashed(value: str) -> str:
    """What the log keeps of a value it may not keep: a short hash."""
    return "sha256:" + sha256_hex(value)[:32]


def checked_message_id(value: str | None, key: str | None) -> str | None:
    """An ``X-Message-Id`` as the log may keep it: itself when it looks like one, else its hash."""
    if not value:
        return None
    if MESSAGE_ID.match(value) and not leaks(value, key):
        return value
    return hashed(value)


def checked_batch_id(value: object, key: str | None) -> str | None:
    """A batch id from ``POST /v3/mail/batch`` when it looks like one and holds nothing of the key."""
    if isinstance(value, str) and BATCH_ID.match(value) and not leaks(value, key):
        return value
    return None
