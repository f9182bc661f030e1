"""What both inputs are checked against (address, locale, control characters), and the one hash used."""

from __future__ import annotations

import hashlib

from policydiff.lazy_re import lazy

EMAIL = lazy(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
LOCALE = lazy(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
CONTROL = lazy(r"[\x00-\x1f\x7f]")


def locale_key(locale: str) -> str:
    """``pt_BR`` and `` pt-br`` alike: lower case, hyphenated, trimmed."""
    return locale.strip().lower().replace("_", "-")


def sha256_hex(text: str) -> str:
    """The SHA-256 of ``text`` as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
