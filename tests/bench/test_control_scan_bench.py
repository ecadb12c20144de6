"""bench.control_scan times this tree's control-character scan (and another checkout's) and prints its verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import control_scan

ROOT = Path(__file__).resolve().parents[2]


def test_both_trees_are_timed_and_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "x.csv"
    f.write_text("a,b\n质量\u200b,1\n", encoding="utf-8")
    control_scan.main([str(f), "--base", str(ROOT), "--rounds", "1"])
    out = capsys.readouterr().out
    assert "round 1 base: has_control_bytes=True" in out
    assert "round 1 this: has_control_bytes=True" in out
    assert "load average at end" in out
