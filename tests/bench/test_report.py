"""bench/report.py: the printed table, its Markdown form and the target verdicts."""

from __future__ import annotations

import json

import pytest

from bench import report


def _stat(median, p95=None):
    return {"median_ms": median, "p95_ms": p95 if p95 is not None else median, "n": 5}


def run_figures(change_ms=90.0, ratio=1.5, etl_ratio=0.6, rss=900.0, warm_ratio=1.2, change_ratio=1.1, same=True):
    """The figures of one `python -m bench` run (its JSON), each target met unless an argument says not."""
    return {
        "rows": 10_000_000,
        "etl": {
            "etl_rows_per_s": 300_000.0,
            "etl_seconds": 33.3,
            "ratio_etl_to_raw": etl_ratio,
            "raw_rows_per_s": 500_000.0,
            "raw_seconds": 20.0,
            "incremental_seconds": 4.0,
            "etl_peak_rss_mb": 1800.0,
            "raw_peak_rss_mb": 1200.0,
        },
        "pages": [
            {
                "page": "overview",
                "filter_set": "none",
                "product": _stat(100.0),
                "filter_change": _stat(change_ms),
                "filter_change_ratio_raw": ratio,
                "ratio_raw": ratio,
                "ratio_pandas": 0.05,
                "same_answer": same,
            },
            {
                "page": "data_status",
                "filter_set": "none",
                "product": _stat(20.0),
                "filter_change": _stat(0.0),
                "filter_change_ratio_raw": None,
                "ratio_raw": 1.0,
                "ratio_pandas": 0.5,
                "same_answer": True,
            },
        ],
        "browser": {
            "pages": [
                {
                    "app": "one_chart",
                    "page": "one_chart",
                    "cold_load_ms": 900.0,
                    "warm_load_ms": 800.0,
                    "filter_change_ms": 200.0,
                    "warm_load_ratio": 1.0,
                    "cold_load_ratio": 1.0,
                    "filter_change_ratio": 1.0,
                    "error": None,
                },
                {
                    "app": "dashboard",
                    "page": "overview",
                    "cold_load_ms": 1500.0,
                    "warm_load_ms": 960.0,
                    "filter_change_ms": 220.0,
                    "warm_load_ratio": warm_ratio,
                    "cold_load_ratio": 1.6,
                    "filter_change_ratio": change_ratio,
                    "error": None,
                },
            ],
            "server_peak_rss_mb": rss,
            "one_chart_server_peak_rss_mb": 200.0,
        },
    }


def _verdicts(run) -> dict[str, str]:
    return {f"{r[2]}|{r[3]}": r[-1] for r in report.rows_of(run)}


def test_all_targets_met() -> None:
    v = _verdicts(run_figures())
    assert v["python -m etl run (rows/s)|"] == "ok"
    assert v["server: overview (filter change)|none"] == "ok"
    assert v["streamlit server peak RSS|"] == "ok"
    assert v["browser: overview first load (warm)|"] == "ok"
    assert v["browser: overview filter change|"] == "ok"
    assert "MISSED" not in "".join(v.values())


@pytest.mark.parametrize(
    "kwargs, item",
    [
        ({"change_ms": 151.0}, "server: overview (filter change)|none"),
        ({"ratio": 2.01}, "server: overview (filter change)|none"),
        ({"etl_ratio": 0.49}, "python -m etl run (rows/s)|"),
        ({"rss": 1600.0}, "streamlit server peak RSS|"),
        ({"warm_ratio": 1.51}, "browser: overview first load (warm)|"),
        ({"change_ratio": 1.31}, "browser: overview filter change|"),
    ],
)
def test_each_missed_target_is_flagged(kwargs, item) -> None:
    assert _verdicts(run_figures(**kwargs))[item] == "MISSED"


def test_wrong_answer_is_flagged() -> None:
    assert "WRONG ANSWER" in _verdicts(run_figures(same=False))["server: overview (filter change)|none"]


def test_unfiltered_pages_have_no_filter_change_verdict() -> None:
    assert _verdicts(run_figures())["server: data_status|none"] == ""


def test_render_text_and_markdown_have_one_line_per_row() -> None:
    rows = report.rows_of(run_figures())
    text = report.render(rows)
    assert len(text.splitlines()) == len(rows) + 2
    md = report.render(rows, markdown=True)
    assert md.splitlines()[0].startswith("| N | section")
    assert len(md.splitlines()) == len(rows) + 2
    assert all(line.count("|") == len(report.HEADERS) + 1 for line in md.splitlines())


def test_write_json_is_atomic_and_readable(tmp_path) -> None:
    path = tmp_path / "out" / "r.json"
    report.write_json({"a": "质量", "n": 1}, path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": "质量", "n": 1}
    assert [p.name for p in path.parent.iterdir()] == ["r.json"]


def test_a_filter_change_is_judged_when_done_not_at_its_last_chart() -> None:
    """Issue 14: a page that keeps working after its last chart (script end later) is judged on the later
    of the two, against its floor's."""
    page = {
        "app": "dashboard",
        "page": "overview",
        "warm_load_ms": 1000.0,
        "warm_load_ratio": 1.0,
        "cold_load_ms": 1000.0,
        "cold_load_ratio": 1.0,
        "filter_change_ms": 400.0,
        "filter_change_ratio": 2.0,
        "filter_change_floor_ratio": 1.1,
        "change_end_ms": 600.0,
        "change_end_ratio": 3.0,
        "change_done_ms": 600.0,
        "change_done_ratio": 3.0,
        "change_done_floor_ratio": 1.6,
    }

    def targets() -> dict[str, str]:
        run = {
            "rows": 1_000_000,
            "browser": {"pages": [page], "server_peak_rss_mb": 1.0, "one_chart_server_peak_rss_mb": 1.0},
        }
        return {r[2]: r[-1] for r in report.rows_of(run) if r[1] == "browser"}

    by_item = targets()
    assert "MISSED" in by_item["browser: overview filter change"]  # charts in time, script not
    assert by_item["browser: overview filter change, done"] == "1.60× of floor"
    page["change_done_floor_ratio"] = 1.15
    assert "ok" in targets()["browser: overview filter change"]
    assert "browser: overview first load, to connect" not in by_item  # a run from before it was timed
    page["warm_load_connect_ms"] = 180.0
    run = {"rows": 1, "browser": {"pages": [page], "server_peak_rss_mb": 1.0, "one_chart_server_peak_rss_mb": 1.0}}
    (row,) = [r for r in report.rows_of(run) if r[2] == "browser: overview first load, to connect"]
    assert row[4] == report._ms(180.0) and row[-1] == ""


def test_etl_cpu_seconds_and_load_are_shown_beside_the_wall_ratio() -> None:
    run = run_figures()
    # a run recorded before CPU seconds were measured has no CPU row
    assert not [r for r in report.rows_of(run) if r[2].startswith("CPU s")]
    run["etl"].update(
        etl_cpu_seconds=60.0, raw_cpu_seconds=30.0, cpu_ratio_etl_to_raw=0.5, load_etl=[2.0, 3.5], load_raw=[0.5, 2.0]
    )
    (row,) = [r for r in report.rows_of(run) if r[2].startswith("CPU s")]
    assert row[2] == "CPU s: etl (load 2.0→3.5) / read_csv (load 0.5→2.0)"
    assert (row[4], row[5], row[6], row[-1]) == ("60.0 s", "30.0 s", "0.50×", "")


def test_paired_ratios_decide_the_verdict_and_show_their_spread() -> None:
    """With samples timed side by side, the target is judged on the median of the paired ratios, shown
    with its interquartile range; "(clear)" only when that range lies wholly on one side of the target."""
    page = {
        "app": "dashboard",
        "page": "overview",
        "warm_load_ms": 1000.0,
        "warm_load_ratio": 1.5,  # ratio of medians: would miss
        "cold_load_ms": 1000.0,
        "filter_change_ms": 400.0,
        "filter_change_floor_ratio": 1.5,
        "change_done_ms": 400.0,
        "change_done_floor_ratio": 1.5,
        "warm_load_cpu_ms": 700.0,
        "filter_change_cpu_ms": 150.0,
        "paired": {
            "warm_load_vs_one_chart": {"median": 1.25, "q1": 1.2, "q3": 1.35, "n": 6},
            "warm_load_cpu_vs_one_chart": {"median": 1.4, "q1": 1.3, "q3": 1.5, "n": 6},
            "filter_change_vs_floor": {"median": 1.1, "q1": 1.0, "q3": 1.15, "n": 6},
            "change_done_vs_floor": {"median": 1.1, "q1": 1.0, "q3": 1.15, "n": 6},
            "filter_change_cpu_vs_floor": {"median": 1.3, "q1": 1.2, "q3": 1.4, "n": 6},
        },
    }
    run = {
        "rows": 1_000_000,
        "browser": {"pages": [page], "server_peak_rss_mb": 1.0, "one_chart_server_peak_rss_mb": 1.0},
    }
    rows = {r[2]: r for r in report.rows_of(run) if r[1] == "browser"}
    assert rows["browser: overview first load (warm)"][-1] == "1.25× [1.20–1.35] ok (within spread)"
    assert rows["browser: overview filter change"][-1] == "1.10× [1.00–1.15] of floor ok (clear)"
    assert rows["browser: overview filter change, CPU"][-1] == "1.30× [1.20–1.40] of floor"
    assert rows["browser: overview first load, CPU"][-2] == "1.40×"
    page["paired"]["change_done_vs_floor"] = {"median": 1.3, "q1": 1.25, "q3": 1.4, "n": 6}
    rows = {r[2]: r for r in report.rows_of(run) if r[1] == "browser"}
    assert rows["browser: overview filter change"][-1].endswith("MISSED (clear)")
    summary = report.summary_markdown(run)
    assert "1.25× [1.20–1.35]" in summary and "1.30× [1.20–1.40]" in summary
