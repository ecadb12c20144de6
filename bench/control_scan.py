"""``python -m bench.control_scan FILE [--base CHECKOUT]``: the CPU cost of the control-character scan.

Times `etl.extract.tabular.has_control_bytes` of this tree on one file (e.g. a cached synthetic CSV of
``python -m bench``) and, with ``--base``, the same function of another checkout (e.g. a ``git
archive`` of main), alternating the two ``--rounds`` times in one process; prints wall and CPU
seconds per call and the load average around the run. The scan runs beside DuckDB's keys scan on
the ETL's two cores, so its CPU seconds are the figure that matters.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

_HERE = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def load_tabular(tree: Path, name: str) -> ModuleType:
    """`etl/extract/tabular.py` of checkout `tree`, imported under `name` (its imports resolve in `tree`)."""
    sys.path.insert(0, str(tree))
    try:
        spec = importlib.util.spec_from_file_location(name, tree / "etl" / "extract" / "tabular.py")
        if spec is None or spec.loader is None:
            raise ImportError(f"no etl/extract/tabular.py in {tree}")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(tree))


def measure(scan: Callable[[Path], bool], path: Path) -> tuple[bool, float, float]:
    """(verdict, wall s, CPU s) of one scan of `path`."""
    t0, c0 = time.perf_counter(), _cpu()
    found = scan(path)
    return found, time.perf_counter() - t0, _cpu() - c0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.control_scan", description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--base", type=Path, help="another checkout whose scan is timed beside this one's")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    trees = [("this", _HERE)] + ([("base", args.base.resolve())] if args.base else [])
    scans = {label: load_tabular(tree, f"_scan_{label}").has_control_bytes for label, tree in trees}
    print(f"{args.file} ({args.file.stat().st_size / 1e6:,.0f} MB), load average at start {os.getloadavg()[0]:.2f}")
    for r in range(1, args.rounds + 1):
        for label in reversed(scans):  # base first, as bench.ab does
            found, wall, cpu = measure(scans[label], args.file)
            print(f"round {r} {label}: has_control_bytes={found} wall {wall:.2f} s CPU {cpu:.2f} s", flush=True)
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
