"""One writer per warehouse: an exclusive, non-blocking flock on `<db>.lock`.

The kernel drops a flock when its holder dies, so a crashed run never leaves a stale lock.
The lock file's text names the holder (pid, run id, start time) for the message of a second run.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.load import utcnow


class LockHeld(Exception):
    """Another run holds the warehouse lock; the message names the lock file and the holder."""


def lock_path(db_path: Path) -> Path:
    """The lock file of a warehouse path."""
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def exclusive(db_path: Path, run_id: str) -> Iterator[Path]:
    """Hold the warehouse's writer lock for the duration of the block.

    Args:
        db_path: The published warehouse file.
        run_id: Written into the lock file so a refused run can say who holds it.

    Raises:
        LockHeld: Another process holds the lock.
    """
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "unknown process"
        os.close(fd)
        raise LockHeld(f"{path} is held by {holder}") from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, run {run_id}, since {utcnow():%Y-%m-%d %H:%M:%S} UTC\n".encode(), 0)
        yield path
    finally:
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
