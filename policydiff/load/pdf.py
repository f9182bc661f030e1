"""PDF policies: the text layer as pdfminer.six lays it out, read as a document (``pdf_layout``).

pdfminer.six, not pypdf: its layout analysis gives text boxes, lines, characters with their fonts
and sizes, and the page's drawings, which is what finding headings, list items and paragraphs
needs (pypdf gives the text stream only).
"""

from __future__ import annotations

import io
import logging
import re
import zlib

from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.limits import Limits, over
from policydiff.load.base import DAMAGED_FILE_ERRORS, Loaded, LoadOptions, failure
from policydiff.load.pdf_layout import Line, document_text, page_lines, unmapped_glyphs
from policydiff.load.sniff import PDF_MAGIC

_UNMAPPED_SHARE = 0.2  # more glyphs than this without a Unicode mapping: the text is not readable
# A stream's data starts after "stream" and an end of line; "endstream" ends it (its /Length may be an
# indirect object, so the keywords, not the length, delimit it here).
_STREAM = lazy(rb"stream\r?\n(.*?)endstream", re.S)
_CHUNK = 1 << 20


def load_pdf(data: bytes, options: LoadOptions) -> Loaded:
    """The text of a PDF; ``InputError`` for a damaged, password-protected or image-only file."""
    name = options.name
    if PDF_MAGIC not in data[:1024]:  # readers accept junk before the header, and so do we
        raise InputError(f"{name}: not a PDF file (no %PDF- header)")
    _check_streams(data, name, options.limits)
    pages, glyphs = _extract(data, name, options.limits)
    text = document_text(pages)
    if not text.strip() and glyphs:
        raise InputError(f"{name}: the PDF's fonts map no characters to Unicode; its text cannot be read")
    if not text.strip():
        raise InputError(
            f"{name}: the PDF has no text layer (a scan or images of text); run OCR on it or "
            "compare the Word or web version"
        )
    # (a few such glyphs, a symbol or a script the font embeds without a map, are dropped from the
    # text: pdfminer's "(cid:N)" for them would read as words)
    if glyphs and glyphs > _UNMAPPED_SHARE * (glyphs + len(text.split())):
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


def _extract(data: bytes, name: str, limits: Limits) -> tuple[list[list[Line]], int]:
    """The lines of each page, and how many glyphs map to no character."""
    # pdfminer is ~95 ms of import and pulls cryptography: only PDFs pay for it.
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    _quiet_pdfminer()
    try:
        # one page past the limit is read, to know that there is one
        read = extract_pages(
            io.BytesIO(data), maxpages=limits.pdf_pages + 1, laparams=LAParams(boxes_flow=None)
        )
        pages, glyphs = [], 0
        for number, page in enumerate(read):
            pages.append(page_lines(page, number))
            glyphs += unmapped_glyphs(page)
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
    if len(pages) > limits.pdf_pages:
        raise over(name, f"it has more than {limits.pdf_pages:,} pages", "pdf_pages", limits)
    return pages, glyphs


def _quiet_pdfminer() -> None:
    """Keep pdfminer's parser warnings off stderr (Python prints unhandled warnings there) but let
    an application that configures logging still see them."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())
