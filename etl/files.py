"""File-system steps the write side shares: writing a file durably and making a rename durable.

Every atomic write of the ETL (the published warehouse, an uploaded file, its scope record, the
lake's manifest) is: write a temporary file and fsync it (`write_synced`), rename it onto the
target and fsync the directory (`replace_synced`). A crash then leaves the old file or the new
one, never a mix or a rename that is lost.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """fsync a directory, so that a rename into it (an atomic publish or upload) survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, data: bytes) -> None:
    """Write `data` to `path` (created or truncated) and fsync it: its bytes are on disk before any rename."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def replace_synced(src: Path, dst: Path) -> None:
    """Rename `src` onto `dst` atomically and fsync `dst`'s directory, so the rename survives a crash."""
    os.replace(src, dst)
    fsync_dir(Path(dst).parent)
