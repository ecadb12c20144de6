"""The one table the benchmark prints, the same figures as JSON, and the target check.

Grain of the table: one row per measured figure (ETL, one page under one filter set, one page in
the browser, one server's memory) per row count N. ``rows_of`` turns a run's result dict into
those rows; ``render`` lays them out as fixed-width text or Markdown.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# Targets of issue 4 (at 10M records).
TARGET_FILTER_CHANGE_MS = 150.0
TARGET_FILTER_CHANGE_VS_RAW = 2.0
TARGET_LOAD_VS_ONE_CHART = 1.5
TARGET_CHANGE_VS_ONE_CHART = 1.3
TARGET_ETL_VS_RAW = 0.5
TARGET_SERVER_RSS_MB = 1536.0

HEADERS = ("N", "section", "item", "filters", "median", "p95", "vs raw", "vs pandas", "vs 1-chart", "target")


def _ms(v: float | None) -> str:
    return "–" if v is None else (f"{v:,.0f} ms" if v >= 100 else f"{v:,.1f} ms")


def _x(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def _ok(flag: bool | None) -> str:
    return "" if flag is None else ("ok" if flag else "MISSED")


def rows_of(run: dict) -> list[tuple[str, ...]]:
    """Table rows of one N's results (see module docstring)."""
    n = f"{run['rows']:,}"
    out: list[tuple[str, ...]] = []
    etl = run.get("etl")
    if etl:
        out.append((n, "etl", "python -m etl run (rows/s)", "", f"{etl['etl_rows_per_s']:,.0f}/s",
                    f"{etl['etl_seconds']:.1f} s", _x(etl["ratio_etl_to_raw"]), "", "",
                    _ok(etl["ratio_etl_to_raw"] >= TARGET_ETL_VS_RAW)))
        out.append((n, "etl", "duckdb read_csv (rows/s)", "", f"{etl['raw_rows_per_s']:,.0f}/s",
                    f"{etl['raw_seconds']:.1f} s", "", "", "", ""))
        out.append((n, "etl", "incremental run (+ real sources)", "", f"{etl['incremental_seconds']:.1f} s",
                    "", "", "", "", ""))
    for p in run.get("pages", []):
        change = p["filter_change"]["median_ms"]
        ratio = p.get("filter_change_ratio_raw")
        target = None
        if p["page"] not in ("sidebar", "data_status") and change is not None:
            target = change <= TARGET_FILTER_CHANGE_MS and (ratio is None or ratio <= TARGET_FILTER_CHANGE_VS_RAW)
        item = f"server: {p['page']}" + (" (filter change)" if p["page"] not in ("sidebar", "data_status") else "")
        shown = p["filter_change"] if p["page"] not in ("sidebar", "data_status") else p["product"]
        out.append((n, "query", item, p["filter_set"], _ms(shown["median_ms"]), _ms(shown["p95_ms"]),
                    _x(ratio if ratio is not None else p.get("ratio_raw")), _x(p.get("ratio_pandas")), "",
                    _ok(target) + ("" if p["same_answer"] else " WRONG ANSWER")))
    browser = run.get("browser")
    if browser:
        for p in browser["pages"]:
            if p["app"] == "one_chart":
                label = "browser: one-chart page"
            else:
                label = f"browser: {p['page']}"
            load_t = None if p["app"] == "one_chart" or p.get("warm_load_ratio") is None else \
                p["warm_load_ratio"] <= TARGET_LOAD_VS_ONE_CHART
            out.append((n, "browser", label + " first load (warm)", "", _ms(p["warm_load_ms"]), "", "", "",
                        _x(p.get("warm_load_ratio")), _ok(load_t) + (" ERROR" if p.get("error") else "")))
            out.append((n, "browser", label + " first load (cold)", "", _ms(p["cold_load_ms"]), "", "", "",
                        _x(p.get("cold_load_ratio")), ""))
            if p["page"] != "data_status":
                ch_t = None if p["app"] == "one_chart" or p.get("filter_change_ratio") is None else \
                    p["filter_change_ratio"] <= TARGET_CHANGE_VS_ONE_CHART
                out.append((n, "browser", label + " filter change", "", _ms(p["filter_change_ms"]), "", "", "",
                            _x(p.get("filter_change_ratio")), _ok(ch_t)))
        rss = browser["server_peak_rss_mb"]
        out.append((n, "memory", "streamlit server peak RSS", "", f"{rss:,.0f} MB", "", "", "", "",
                    _ok(rss <= TARGET_SERVER_RSS_MB)))
        out.append((n, "memory", "one-chart server peak RSS", "", f"{browser['one_chart_server_peak_rss_mb']:,.0f} MB",
                    "", "", "", "", ""))
    if etl:
        out.append((n, "memory", "etl peak RSS", "", f"{etl['etl_peak_rss_mb']:,.0f} MB", "", "", "", "", ""))
        out.append((n, "memory", "duckdb read_csv peak RSS", "", f"{etl['raw_peak_rss_mb']:,.0f} MB", "", "", "",
                    "", ""))
    return out


def render(rows: list[tuple[str, ...]], markdown: bool = False) -> str:
    """The table as aligned text, or as a Markdown table."""
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(HEADERS)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*HEADERS), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)


def write_json(result: dict, path: Path) -> None:
    """Write `result` atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)
