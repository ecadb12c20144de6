"""The one guard for OOXML archives (.xlsx, .docx) from anyone: checked before any parser opens them.

Used by the ETL's readers (``etl.extract.tabular.read_xlsx``, the bulletin branch of
``etl.pipeline``) and by the upload checks (``etl.upload``), with the same limits
(``etl.extract.tabular.Limits``, configurable by environment variables):

- a zip container (not encrypted) holding the document's required parts;
- at most ``max_members`` members; no member inflating beyond ``max_member_bytes`` (for a Word
  document's parts, which python-docx parses whole, ``max_docx_part_bytes``), or compressed more
  than ``max_ratio``:1 when over 1 MB; all members together at most ``max_inflated_bytes``;
- every XML part parsed up to its root element by defusedxml with DTDs, entities and external
  references forbidden (a DTD is where entity-expansion and external-entity attacks live; Office
  never writes one). Reading that far costs the same for any size of document.

The sizes checked are the ones the archive declares; the inflating readers stop at the declared
size (zipfile raises on a member longer than its header says), so a lying header cannot pass.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from domain.messages import msg
from etl.extract.tabular import ExtractError, Limits, limits

REQUIRED_PARTS = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
RATIO_FLOOR_BYTES = 1 << 20  # small members compress absurdly well (blank XML) and cost nothing
XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_archive(name: str, source: Path | bytes, suffix: str, lim: Limits | None = None) -> None:
    """Refuse an OOXML file that is not what it says or that would inflate beyond the limits.

    Args:
        name: The file name shown in messages.
        source: The file, or its bytes (an upload not yet stored).
        suffix: '.xlsx' or '.docx'.
        lim: The limits (default ``limits()``).

    Raises:
        ExtractError: Naming the file, the member and the limit it breaks.
    """
    lim = lim or limits()
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractError.of(name, msg("zip_unreadable", suffix=suffix, detail=str(exc))) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > lim.max_members:
            raise ExtractError.of(name, msg("zip_too_many_members", n=f"{len(infos):,}", limit=f"{lim.max_members:,}"))
        total = 0
        names = set()
        for info in infos:
            names.add(info.filename)
            if info.flag_bits & 0x1:
                raise ExtractError.of(name, msg("zip_encrypted", member=info.filename))
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            part_limit = lim.max_docx_part_bytes if suffix == ".docx" else lim.max_member_bytes
            if info.file_size > part_limit:
                raise ExtractError.of(
                    name,
                    msg(
                        "zip_member_too_big", member=info.filename, size=f"{info.file_size:,}", limit=f"{part_limit:,}"
                    ),
                )
            if info.file_size > RATIO_FLOOR_BYTES and ratio > lim.max_ratio:
                raise ExtractError.of(
                    name, msg("zip_ratio", member=info.filename, ratio=f"{ratio:,.0f}", limit=f"{lim.max_ratio}")
                )
        if total > lim.max_inflated_bytes:
            raise ExtractError.of(name, msg("zip_inflated", size=f"{total:,}", limit=f"{lim.max_inflated_bytes:,}"))
        required = REQUIRED_PARTS.get(suffix)
        if required and ("[Content_Types].xml" not in names or required not in names):
            raise ExtractError.of(name, msg("zip_not_document", suffix=suffix, required=required))
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES):
                _check_xml_prolog(name, zf, info)


def _check_xml_prolog(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse a member up to its root element with DTDs, entities and external references forbidden."""
    try:
        with zf.open(info) as fh:
            for _event, _elem in SafeET.iterparse(
                fh, events=("start",), forbid_dtd=True, forbid_entities=True, forbid_external=True
            ):
                break
    except DefusedXmlException as exc:
        raise ExtractError.of(name, msg("xml_entities", member=info.filename, detail=type(exc).__name__)) from exc
    except SafeET.ParseError as exc:
        raise ExtractError.of(name, msg("xml_malformed", member=info.filename, detail=str(exc))) from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ExtractError.of(name, msg("zip_member_unreadable", member=info.filename, detail=str(exc))) from exc
