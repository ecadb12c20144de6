"""The CJK fonts a briefing is drawn with (charts on the server, text embedded in the PDF).

Nothing is fetched at run time: the fonts come from the machine, Debian's ``fonts-noto-cjk``
(installed by ``scripts/install_fonts.sh``, which ``scripts/run.sh`` and ``scripts/test.sh``
call). ``QM_CJK_FONT`` / ``QM_CJK_FONT_BOLD`` name other font files (TTF, OTF or TTC).
A machine without any CJK font gets a clear error instead of a document of empty boxes.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
# (serif regular, serif bold, sans regular, sans bold) of Debian's fonts-noto-cjk
_NOTO = ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
INSTALL_HINT = (
    "no CJK font found: install Debian's fonts-noto-cjk (scripts/install_fonts.sh) "
    "or set QM_CJK_FONT to a TTF/OTF/TTC file with Chinese glyphs"
)


class BriefingFontError(RuntimeError):
    """No usable CJK font on this machine."""


@dataclass(frozen=True)
class Face:
    """One font face: its file, the face index inside a collection, and its family name."""

    path: str
    index: int
    family: str


@dataclass(frozen=True)
class FontSet:
    """Faces of a briefing: serif for the text (as official documents are set), sans for charts/tables."""

    serif: Face
    serif_bold: Face
    sans: Face
    sans_bold: Face


def _face(path: str) -> Face:
    """The Simplified Chinese face of `path` (a collection holds JP/KR/SC/TC/HK variants)."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        fonts = TTCollection(path, lazy=True).fonts
    else:
        fonts = [TTFont(path, lazy=True)]
    names = [str(f["name"].getDebugName(1) or "") for f in fonts]
    for i, name in enumerate(names):
        if name.endswith(" SC") or "SC " in name or "Simplified" in name:
            return Face(path, i, name)
    return Face(path, 0, names[0] if names else Path(path).stem)


def _fc_match(pattern: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out and Path(out).is_file() else None


@functools.cache
def fonts() -> FontSet:
    """The fonts of this machine (looked up once per process).

    Raises:
        BriefingFontError: no CJK font is installed and none is configured.
    """
    regular, bold = os.environ.get("QM_CJK_FONT"), os.environ.get("QM_CJK_FONT_BOLD")
    if regular:
        if not Path(regular).is_file():
            raise BriefingFontError(f"QM_CJK_FONT={regular}: no such file")
        r = _face(regular)
        b = _face(bold) if bold and Path(bold).is_file() else r
        return FontSet(r, b, r, b)
    noto = [NOTO_DIR / n for n in _NOTO]
    if all(p.is_file() for p in noto):
        faces = [_face(str(p)) for p in noto]
        return FontSet(*faces)
    found = _fc_match(":lang=zh-cn")
    if found is None or not _has_han(found):
        raise BriefingFontError(INSTALL_HINT)
    f = _face(found)
    return FontSet(f, f, f, f)


def _has_han(path: str) -> bool:
    """True when the font maps common Chinese characters (fc-match may fall back to a Latin font)."""
    from fontTools.ttLib import TTCollection, TTFont

    font = (
        TTCollection(path, lazy=True).fonts[0] if path.lower().endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
    )
    cmap = font.getBestCmap() or {}
    return all(ord(ch) in cmap for ch in "质量月区")
