"""bench/memory.py: peak RSS of a process tree, children included."""

from __future__ import annotations

import subprocess
import sys

from bench.memory import wait_exit_with_peak

# The parent stays small; its child holds ~200 MB for a moment.
_CHILD = "import time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.6)"
_PARENT = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {_CHILD!r}], check=True)"


def test_peak_includes_children() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _PARENT])
    code, peak, secs = wait_exit_with_peak(proc, interval=0.02)
    assert code == 0
    assert peak > 190 * 2**20
    assert secs >= 0.6


def test_process_that_exits_at_once() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    code, peak, _secs = wait_exit_with_peak(proc)
    assert code == 0
    assert peak >= 0
