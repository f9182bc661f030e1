"""PDF policies: the text layer as pdfminer.six lays it out, one blank line between paragraphs.

pdfminer.six, not pypdf: its layout analysis separates paragraphs with blank lines, which is
what segment needs to find the blocks of a PDF (pypdf gives single newlines only).
"""

from __future__ import annotations

import io
import logging
import re
import zlib

from policydiff.errors import InputError
from policydiff.limits import Limits, over
from policydiff.load.base import DAMAGED_FILE_ERRORS, Loaded, LoadOptions, failure

PDF_MAGIC = b"%PDF-"
# A lone page number at the top or bottom of a page: "3", "Page 3", "Page 3 of 12", "- 3 -", "3/12".
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?-?\s*\d{1,4}\s*-?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_UNMAPPED_SHARE = 0.2  # more glyphs than this without a Unicode mapping: the text is not readable
# A stream's data starts after "stream" and an end of line; "endstream" ends it (its /Length may be an
# indirect object, so the keywords, not the length, delimit it here).
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_CHUNK = 1 << 20


def looks_like_pdf(data: bytes) -> bool:
    """Whether the bytes start with a PDF header (strict: a text that mentions "%PDF-" is still text)."""
    return data.startswith(PDF_MAGIC)


def load_pdf(data: bytes, options: LoadOptions) -> Loaded:
    """The text of a PDF; ``InputError`` for a damaged, password-protected or image-only file."""
    name = options.name
    if PDF_MAGIC not in data[:1024]:  # readers accept junk before the header, and so do we
        raise InputError(f"{name}: not a PDF file (no %PDF- header)")
    _check_streams(data, name, options.limits)
    pages = _extract(data, name, options.limits)
    text = "\n\n".join(page for page in (_without_page_number(page) for page in pages) if page)
    if not text.strip():
        raise InputError(
            f"{name}: the PDF has no text layer (a scan or images of text); run OCR on it or "
            "compare the Word or web version"
        )
    glyphs = len(_UNMAPPED_GLYPH.findall(text))
    if glyphs and glyphs > _UNMAPPED_SHARE * len(text.split()):
        raise InputError(f"{name}: the PDF's fonts map no characters to Unicode; its text cannot be read")
    return Loaded(text)


def _check_streams(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a decompression bomb before pdfminer inflates a stream whole into memory.

    Each Flate stream is inflated here a megabyte at a time, its output counted and dropped; a stream
    that is not Flate or not valid zlib is left to pdfminer, which reads it as it can.
    """
    total = 0
    for match in _STREAM.finditer(data):
        inflater, rest = zlib.decompressobj(), match.group(1)
        try:
            while rest:
                total += len(inflater.decompress(rest, _CHUNK))
                if total > limits.unpacked_bytes:
                    what = f"its streams unpack to more than {total:,} bytes"
                    raise over(name, what, "unpacked_mb", limits)
                rest = inflater.unconsumed_tail
        except zlib.error:
            continue


def _extract(data: bytes, name: str, limits: Limits) -> list[str]:
    # pdfminer is ~95 ms of import and pulls cryptography: only PDFs pay for it.
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    _quiet_pdfminer()
    try:
        # one page past the limit is read, to know that there is one
        pages = extract_text(io.BytesIO(data), maxpages=limits.pdf_pages + 1).split("\f")
    except PDFPasswordIncorrect:
        raise InputError(f"{name}: the PDF is password-protected; save an unprotected copy") from None
    except PDFEncryptionError as error:
        raise InputError(f"{name}: the PDF is encrypted in a way that cannot be read ({error})") from None
    except RecursionError:
        raise InputError(f"{name}: not a readable PDF (objects nested too deeply)") from None
    except MemoryError:
        raise InputError(f"{name}: not a readable PDF (it needs more memory than there is)") from None
    except (PSException, ValueError, KeyError, TypeError, IndexError, AttributeError, zlib.error) as error:
        raise InputError(f"{name}: not a readable PDF ({failure(error, kind=False)})") from None
    except DAMAGED_FILE_ERRORS as error:
        # a damaged file fails anywhere inside pdfminer: struct.error, OverflowError, its asserts
        raise InputError(f"{name}: not a readable PDF ({failure(error)})") from None
    # extract_text ends each page with a form feed
    if len(pages) - 1 > limits.pdf_pages:
        raise over(name, f"it has more than {limits.pdf_pages:,} pages", "pdf_pages", limits)
    return pages


def _quiet_pdfminer() -> None:
    """Keep pdfminer's parser warnings off stderr (Python prints unhandled warnings there) but let
    an application that configures logging still see them."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _without_page_number(page: str) -> str:
    """A page's text without a page-number line at its top or bottom."""
    lines = page.strip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return "\n".join(lines).strip()
