"""Tests for etl/synth.py (demo and benchmark generator) and the bundled seed CSV."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from domain import config, taxonomy
from etl import synth

ROOT = Path(__file__).resolve().parents[2]
SEED_CSV = config.SOURCES_DIR / "seed_activities.csv"
SEEDS_DIR = Path("/work/shared/seeds")
SEED_IDS = (
    "000_9afd063d0fe8a0c1",
    "001_0545a293e92165c1",
    "002_5e411b255a87921c",
    "003_2247bcd7426d126d",
    "004_0bce4af3382c1576",
)


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return synth.demo_frame()


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ determinism
def test_same_seed_same_frame(demo):
    pd.testing.assert_frame_equal(demo, synth.demo_frame())


def test_different_seed_differs(demo):
    other = synth.demo_frame(seed=7)
    assert not other.equals(demo)
    assert (other["title"] != demo["title"]).mean() > 0.5


def test_record_ids_unique_and_stable(demo):
    assert demo["record_id"].is_unique
    assert demo["record_id"].iloc[0] == "demo-shanghai-2025-0000000000"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_file_hash_deterministic(tmp_path, suffix):
    a, b, c = (tmp_path / f"{n}{suffix}" for n in "abc")
    synth.write(3000, a, seed=1, scope="national", chunk_rows=1000)
    synth.write(3000, b, seed=1, scope="national", chunk_rows=1000)
    synth.write(3000, c, seed=2, scope="national", chunk_rows=1000)
    assert _sha1(a) == _sha1(b)
    assert _sha1(a) != _sha1(c)


# ------------------------------------------------------------------ coverage of the demo frame
def test_canonical_columns_and_flags(demo):
    assert tuple(demo.columns) == synth.COLUMNS
    assert len(demo) == 6000
    assert demo["is_synthetic"].all()
    assert (demo["source"] == "demo").all()


def test_all_16_districts_present(demo):
    from domain.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    codes = {gaz.resolve(r, within="310000").region.adcode for r in demo["region"].unique()}
    assert codes == {d[0] for d in synth.SHANGHAI_DISTRICTS}
    # Region written in several forms, to exercise normalization.
    assert demo["region"].nunique() > 16 * 4


def test_pudong_reports_most(demo):
    counts = (
        demo["region"]
        .map(
            lambda r: next(
                (
                    d[1]
                    for d in synth.SHANGHAI_DISTRICTS
                    if r in (d[1], d[2], "上海市" + d[1], d[3]) or r.startswith(d[3] + " ") or r.startswith(d[3] + ",")
                ),
                None,
            )
        )
        .value_counts()
    )
    assert counts.index[0] == "浦东新区"


@pytest.mark.parametrize(
    "column, terms",
    [
        ("activity_type", taxonomy.ACTIVITY_TYPES),
        ("industry", taxonomy.INDUSTRIES),
        ("campaign", taxonomy.CAMPAIGNS),
    ],
)
def test_every_code_present(demo, column, terms):
    by_label = {t.zh: t.code for t in terms}
    seen = set(demo[column].map(lambda v: by_label.get(v, v)))
    assert seen == {t.code for t in terms}


def test_years_and_growth(demo):
    years = demo["campaign_year"].value_counts().sort_index()
    assert list(years.index) == list(range(2015, 2026))
    assert years[2025] > 1.5 * years[2015]


def test_september_is_busiest_and_june_second(demo):
    months = demo["start_date"].dropna().str.extract(r"^\d{4}[-年](\d{1,2})")[0].astype(int)
    counts = months.value_counts()
    assert counts.idxmax() == 9
    assert counts.index[1] == 6


def test_some_district_years_unreported(demo):
    chongming = demo["region"].str.contains("崇明|Chongming")
    assert not (chongming & demo["campaign_year"].isin([2015, 2016])).any()
    assert (chongming & (demo["campaign_year"] == 2020)).any()


def test_participants_share_and_forms(demo):
    missing = demo["participants"].isna().mean()
    assert 0.15 < missing < 0.25
    text = demo["participants"].dropna()
    assert text.str.contains("多|余").any() and text.str.contains("约|近").any()
    assert text.str.contains("家").any()


@pytest.mark.parametrize(
    "atype, lo, hi",
    [
        ("training", 30, 300),
        ("launch_ceremony", 50, 500),
        ("open_day", 200, 5000),
    ],
)
def test_participant_counts_realistic(atype, lo, hi):
    table = next(synth.iter_chunks(40000, seed=3, scope="national"))
    df = table.to_pandas()
    n = pd.to_numeric(df.loc[(df["activity_type"] == atype), "participants"]).dropna()
    assert lo <= n.median() <= hi
    assert n.between(lo, hi).mean() > 0.8


def test_demo_rows_normalize(demo):
    from etl.normalize import parse_participants, resolve_region

    sample = demo.drop_duplicates(["region"])
    for row in sample.itertuples():
        assert resolve_region(row.region, row.province)["e_region"] is None, row.region
    for row in demo.head(500).itertuples():

        def val(v):
            return None if pd.isna(v) else v

        res = parse_participants(val(row.participants), val(row.participants_unit), val(row.participants_qualifier))
        assert res["e_part"] is None, row.participants
        assert (res["participants"] is None) == pd.isna(row.participants)


# ------------------------------------------------------------------ national scope, chunked write
def test_national_spreads_and_skews(tmp_path):
    df = pd.concat(t.to_pandas() for t in synth.iter_chunks(60000, seed=5, scope="national", chunk_rows=20000))
    per_county = df.groupby(["province", "district"]).size().sort_values(ascending=False)
    assert df["province"].nunique() >= 31
    assert len(per_county) > 1500
    top_share = per_county.head(len(per_county) // 100).sum() / len(df)
    assert top_share > 0.10  # the top 1 % of counties report over a tenth of all activities
    assert df["region"].isna().all()


def _write_in_child(out: Path, chunk_rows: int) -> tuple[int, int]:
    """Write 200k national rows in a fresh process; return (rows, peak RSS growth in MB)."""
    # The peak is reset after the one-off set-up (one row generated first: the gazetteer load can
    # peak higher than a small write), so only the write itself is measured: Linux resets VmHWM on clear_refs=5.
    code = (
        "import gc, re, sys; from pathlib import Path; import pyarrow.csv; from etl import synth; "
        "hwm = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); "
        "rss = lambda: int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); "
        "next(synth.iter_chunks(1, scope='national')); gc.collect(); open('/proc/self/clear_refs', 'w').write('5'); base = rss(); "
        f"n = synth.write(200_000, Path({str(out)!r}), chunk_rows={chunk_rows}); "
        "print(n, (hwm() - base) // 1024)"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    n, grown_mb = map(int, res.stdout.split())
    return n, grown_mb


def test_chunked_write_rows_and_memory(tmp_path):
    out = tmp_path / "big.csv"
    n, small = _write_in_child(out, 20_000)
    assert n == 200_000
    with out.open(encoding="utf-8") as f:
        assert sum(1 for _ in f) == 200_001
    # Memory follows the chunk, not the file: one 200k-row chunk costs far more.
    _, whole = _write_in_child(tmp_path / "whole.csv", 200_000)
    assert small < 0.6 * whole, (small, whole)


def test_parquet_roundtrip(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "x.parquet"
    assert synth.write(5000, out, scope="shanghai", chunk_rows=2000) == 5000
    t = pq.read_table(out)
    assert t.num_rows == 5000 and tuple(t.column_names) == synth.COLUMNS


@pytest.mark.parametrize(
    "args, code",
    [
        (["--rows", "1000", "--scope", "shanghai"], 0),
        (["--rows", "1000"], 0),
    ],
)
def test_main_cli(tmp_path, capsys, args, code):
    out = tmp_path / "cli.csv"
    assert synth.main([*args, "--out", str(out)]) == code
    assert "1,000 rows" in capsys.readouterr().out
    assert out.exists()


def test_bad_scope_rejected(tmp_path):
    with pytest.raises(ValueError, match="unknown scope"):
        synth.write(10, tmp_path / "x.csv", scope="mars")
    assert not (tmp_path / "x.csv").exists()


# ------------------------------------------------------------------ bundled seed CSV
@pytest.fixture(scope="module")
def seed_rows() -> list[dict]:
    raw = SEED_CSV.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "seed CSV must be UTF-8 with BOM"
    with SEED_CSV.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_seed_columns(seed_rows):
    required = {
        "region",
        "start_date",
        "campaign_year",
        "title",
        "activity_type",
        "source",
        "source_excerpt",
        "participants",
        "organizer",
    }
    assert required <= set(seed_rows[0])
    assert len(seed_rows) >= 80


def test_seed_sources_exist(seed_rows):
    for i, row in enumerate(seed_rows, start=2):
        sid = Path(row["source"]).stem
        assert sid in SEED_IDS, f"row {i}: unknown source {row['source']!r}"
        if SEEDS_DIR.exists():
            assert (SEEDS_DIR / Path(row["source"]).name).exists()
        assert row["source_excerpt"].strip(), f"row {i}: empty excerpt"
    assert {Path(r["source"]).stem for r in seed_rows} == set(SEED_IDS)


def test_seed_values_valid(seed_rows):
    from etl.normalize import normalize_dates, resolve_region

    for i, row in enumerate(seed_rows, start=2):
        assert row["region"], f"row {i}: no region"
        assert resolve_region(row["region"])["e_region"] is None, f"row {i}: {row['region']}"
        d = normalize_dates(row["start_date"] or None, row["campaign_year"], row["end_date"] or None)
        assert d["e_date"] is None, f"row {i}: {d['e_date']}"
        assert row["activity_type"] in taxonomy.ACTIVITY_TYPE_CODES, f"row {i}"
        assert row["industry"] in taxonomy.INDUSTRY_CODES, f"row {i}"
        assert row["campaign"] in taxonomy.CAMPAIGN_CODES, f"row {i}"
        assert row["mode"] in taxonomy.MODE_CODES, f"row {i}"


def test_seed_every_shanghai_district_paragraph(seed_rows):
    districts = {r["region"] for r in seed_rows if r["source"].endswith("004_0bce4af3382c1576.txt")}
    assert {"宝山区", "青浦区", "杨浦区", "奉贤区", "静安区", "长宁区", "闵行区", "金山区", "普陀区"} <= districts


@pytest.mark.parametrize(
    "title_part, participants",
    [
        ("长三角数字干线", "3000多人次"),
        ("长宁区“质量月”启动仪式", "近50名"),
        ("杨浦区首席质量官任职资格培训", "44名"),
    ],
)
def test_seed_counts_match_report(seed_rows, title_part, participants):
    row = next(r for r in seed_rows if title_part in r["title"])
    assert row["participants"] == participants


def test_seed_loads_through_pipeline(tmp_path):
    pytest.importorskip("etl.publish")
    db = tmp_path / "seed.duckdb"
    res = subprocess.run(
        [sys.executable, "-m", "etl", "run", "--source", str(SEED_CSV), "--db", str(db), "--no-demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
        n = con.execute("SELECT count(*) FROM activities WHERE NOT is_synthetic").fetchone()[0]
    assert n == len(pd.read_csv(SEED_CSV, encoding="utf-8-sig"))
