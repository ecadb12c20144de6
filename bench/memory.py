"""Peak resident memory of a process and all its descendants, sampled in a background thread."""

from __future__ import annotations

import threading
import time

import psutil


def tree_rss(proc: psutil.Process) -> int:
    """Current RSS in bytes of `proc` plus every live descendant (0 when it has exited)."""
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


class PeakRss:
    """Sample the RSS of a process tree every `interval` seconds until stopped.

    Use as a context manager around the work to measure; ``peak`` is the largest sum seen.
    Sampling misses spikes shorter than `interval`, so the figure is a lower bound.

    Args:
        pid: root process id (its children, grandchildren... are included).
        interval: seconds between samples.
    """

    def __init__(self, pid: int, interval: float = 0.05):
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.proc))
            self._stop.wait(self.interval)

    def start(self) -> PeakRss:
        """Start sampling (returns self)."""
        self._thread.start()
        return self

    def stop(self) -> int:
        """Stop sampling; returns the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak

    def __enter__(self) -> PeakRss:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_exit_with_peak(popen, interval: float = 0.05) -> tuple[int, int, float]:
    """Wait for a ``subprocess.Popen`` to exit, sampling its tree's RSS meanwhile.

    Returns:
        (returncode, peak RSS in bytes, wall seconds from this call to exit).
    """
    t0 = time.perf_counter()
    try:
        sampler = PeakRss(popen.pid, interval).start()
    except psutil.NoSuchProcess:  # exited before the first sample: nothing to measure
        return popen.wait(), 0, time.perf_counter() - t0
    try:
        code = popen.wait()
    finally:
        sampler.stop()
    return code, sampler.peak, time.perf_counter() - t0
