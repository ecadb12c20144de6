"""bench/report.py summary: the README's pivot tables are built from a run's figures, misses marked."""

from __future__ import annotations

import json

from bench import report
from tests.bench.test_report import run_figures


def test_summary_has_every_section_and_marks_only_misses() -> None:
    run = run_figures()
    run["pages"].append(
        {
            "page": "records",
            "filter_set": "search",
            "product": {"median_ms": 900.0},
            "filter_change": {"median_ms": 900.0, "p95_ms": 950.0, "n": 5},
            "filter_change_ratio_raw": 0.5,
            "ratio_raw": 0.5,
            "same_answer": True,
        }
    )
    text = report.summary_markdown(run)
    server, browser, figures = text.split("\n\n")
    assert server.splitlines()[0] == "| filters | overview | records |"
    none_row = next(line for line in server.splitlines() if line.startswith("| none |"))
    assert "90.0 ms (1.50×)" in none_row and "✗" not in none_row
    search_row = next(line for line in server.splitlines() if line.startswith("| search |"))
    assert "**900 ms (0.50×)** ✗" in search_row
    assert "one-chart page (yardstick)" in browser and "| overview | 960 ms | 1.20× |" in browser
    assert "0.60× of `read_csv`" in figures and "< 1,536 MB ok" in figures


def test_summary_marks_browser_and_etl_misses() -> None:
    text = report.summary_markdown(run_figures(warm_ratio=1.6, change_ratio=1.4, etl_ratio=0.3, rss=2000.0))
    assert "1.60× ✗" in text and "1.40× ✗" in text
    assert "≥ 0.5× ✗" in text and "< 1,536 MB ✗" in text


def test_summary_skips_sections_not_measured() -> None:
    run = run_figures()
    del run["browser"], run["etl"]
    assert report.summary_markdown(run).count("\n\n") == 0


def test_cli_prints_the_largest_completeda_run(tmp_path, capsys) -> None:
    small = run_figures()
    small["rows"] = 1_000_000
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            {
                "command": "python -m bench --rows 1000000 10000000",
                "runs": [small, run_figures(), {"rows": 20_000_000, "error": "boom"}],
            }
        ),
        encoding="utf-8",
    )
    assert report.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "(10,000,000 rows" in out and "| overview |" in out
    assert report.main([str(path), "--rows", "5"]) == 1
