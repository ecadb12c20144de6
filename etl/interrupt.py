"""A stop asked from outside while a run loads: Ctrl-C (SIGINT) or a scheduler's SIGTERM.

``install`` (called by ``python -m etl run``) makes both signals raise KeyboardInterrupt naming the signal and
remembers that a stop was asked. A signal that lands while DuckDB runs a query interrupts the query, which
then raises its own error ("Query interrupted"), an ordinary exception that the per-file handlers would take
for a broken file: they call ``check`` first, so the stop stays a stop (nothing published), never a reject.
"""

from __future__ import annotations

import signal

_requested: str | None = None


def install() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt(<signal name>) and are remembered (main thread only)."""
    global _requested
    _requested = None
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _handler)


def _handler(signum: int, _frame: object) -> None:
    global _requested
    _requested = signal.Signals(signum).name
    raise KeyboardInterrupt(_requested)


def requested() -> str | None:
    """The name of the signal that asked the run to stop, None when none did."""
    return _requested


def check() -> None:
    """Raise KeyboardInterrupt(<signal name>) when a stop was asked (an error raised meanwhile is its echo)."""
    if _requested is not None:
        raise KeyboardInterrupt(_requested)
