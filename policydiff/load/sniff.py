"""What a source's bytes are, read from their first bytes: checks that import no parser.

``load`` asks these of every source, so a Markdown pair never pays for the PDF or Word readers.
"""

from __future__ import annotations

__all__ = ["PDF_MAGIC", "ZIP_MAGIC", "looks_like_docx", "looks_like_pdf"]

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


def looks_like_pdf(data: bytes) -> bool:
    """Whether the bytes start with a PDF header (strict: a text that mentions "%PDF-" is still text)."""
    return data.startswith(PDF_MAGIC)


def looks_like_docx(data: bytes) -> bool:
    """Whether the bytes are a zip holding a Word body (``word/document.xml``)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    import io
    import zipfile

    from policydiff.load.docx import ZIP_ERRORS

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except ZIP_ERRORS:
        return False
