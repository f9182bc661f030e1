"""Bytes to text: BOM, then the charset an HTML page declares, then strict UTF-8, then a guess.

The guess is restricted to the codecs policies are really written in: unrestricted,
charset-normalizer reads a short Windows-1252 text with curly quotes as cp1250 ("naďve").
"""

from __future__ import annotations

import codecs
import re

from policydiff.errors import InputError
from policydiff.lazy_re import lazy

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GUESSABLE = ["utf_8", "cp1252", "latin_1", "utf_16"]
# Browsers read these labels as Windows-1252 (WHATWG Encoding), and so do the pages' authors.
_READ_AS_CP1252 = frozenset({"ascii", "iso8859-1"})
_DECLARED = lazy(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Python text codecs that are no character set a page can be written in (WHATWG knows none of them):
# a page declaring one is read as if it declared nothing.
_NOT_CHARSETS = frozenset(
    {
        "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7", "charmap",
        "mbcs", "oem",
    }
)  # fmt: skip
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
# the other control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F), found in C
_CONTROLS = lazy(
    "["
    + "".join(re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in _TEXT_CONTROLS)
    + "]"
)
_BINARY_CONTROL_RATIO = 0.3


def decode(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode a source's bytes; ``InputError`` if they are empty, binary or undecodable."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        text = _strict(data, encoding, name)
    else:
        _reject_binary_bytes(data, name)
        text = _guess(data, declared, name)
    if _control_ratio(text) > _BINARY_CONTROL_RATIO:
        raise InputError(f"{name}: binary file (mostly control characters), not text")
    if not text.strip():
        raise InputError(f"{name}: empty file (only white space)")
    return text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML prolog declares in the first 4 KiB, if any."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = match.group(1) or match.group(2)
    return label.decode("ascii")


def peek(data: bytes, size: int = 2048) -> str:
    """The start of the bytes as text, good enough to sniff the format (never raises)."""
    head = data[: size * 4]  # room for UTF-32
    encoding = _bom_encoding(head) or _utf16_without_bom(head)
    if encoding:
        return head.decode(encoding, errors="ignore")[:size]
    return head[:size].decode("latin-1")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes at nearly every other position (Latin text)."""
    if len(data) < 4 or len(data) % 2 or b"\0" not in data:
        return None
    half = len(data) // 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls >= 0.4 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.4 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not valid {encoding.upper()} text (byte {error.start})") from None


def _reject_binary_bytes(data: bytes, name: str) -> None:
    if b"\0" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")


def _guess(data: bytes, declared: str | None, name: str) -> str:
    for encoding in (_usable_codec(declared), "utf-8"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):
            continue  # a page that lies about its charset is common: keep guessing
    from charset_normalizer import from_bytes  # ~30 ms of import, only for the odd legacy file

    best = from_bytes(data, cp_isolation=_GUESSABLE).best()
    if best is None:
        raise InputError(f"{name}: cannot decode the text (not UTF-8, UTF-16, Windows-1252 or Latin-1)")
    return str(best)


def _usable_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None  # "x-foo": unknown, so guessed like an undeclared page
    codec = info.name
    # "base64", "rot13", "zlib", "hex": bytes-to-bytes or str-to-str transforms, not text encodings
    if not getattr(info, "_is_text_encoding", True) or codec in _NOT_CHARSETS:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # without a BOM a declared UTF-16 is a lie: the page was served as ASCII-compatible
    return "cp1252" if codec in _READ_AS_CP1252 else codec


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROLS.findall(sample)) / len(sample)
