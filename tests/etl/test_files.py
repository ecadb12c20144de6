"""The one durable-write rule of the write side (etl.files), and that the ETL's run stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from etl.files import replace_synced, write_synced

ROOT = Path(__file__).resolve().parents[2]


def test_write_then_replace_leaves_the_new_bytes_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    target.write_bytes(b"old")
    tmp = tmp_path / ".manifest.json.tmp"
    write_synced(tmp, "新的".encode())
    assert target.read_bytes() == b"old"  # nothing changes before the rename
    replace_synced(tmp, target)
    assert target.read_text(encoding="utf-8") == "新的"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


def test_a_csv_run_does_not_import_pandas(tmp_path: Path) -> None:
    # Handing DuckDB an Arrow table (register / from_arrow) imports pandas: ~0.75 s of every run.
    # Mapping and reference tables travel as bound lists instead (etl.relations.columns_select).
    csv = ROOT / "tests" / "fixtures" / "tabular" / "set"
    src = next(p for p in sorted(csv.iterdir()) if p.suffix == ".csv")
    code = (
        "import sys\nfrom pathlib import Path\nfrom etl.pipeline import run_pipeline\n"
        f"s = run_pipeline([Path({str(src)!r})], Path({str(tmp_path / 'w.duckdb')!r}), demo=False, progress=False)\n"
        "assert s.counts.added > 0, s\nprint('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stdout + out.stderr
