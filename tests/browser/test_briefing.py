"""The briefing in a real browser: both files downloaded for `2022 · 上海市 · real data only`, read back, equal to the Overview.

Set ``QM_BRIEFING_SHOTS=docs/screenshots`` to also render each page of the downloaded PDF there
(``pdftoppm -png``): that is how docs/screenshots/briefing-*.png are made.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from access.audit import AuditLog
from analytics.briefing.text import s
from analytics.i18n import label, t
from tests.browser.helpers import SHANGHAI_DISTRICTS, exceptions, metric_value, open_page

pytestmark = pytest.mark.browser

QUERY = "year=2022&region=310000&demo=0"  # 2022 · 上海市 · real data only
DOWNLOAD_TIMEOUT_MS = 180_000


def tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} missing: scripts/install_poppler.sh installs poppler-utils")
    return exe


def overview_cards(page) -> dict[str, str]:
    """The Overview's KPI card values by card title."""
    titles = [t("kpi_activities", "zh"), t("kpi_districts", "zh"), t("kpi_organizers", "zh")]
    titles += [
        f"{t('kpi_participants', 'zh')} · {label('participants_unit', u, 'zh')}"
        for u in ("people", "person_times", "organizations")
    ]
    return {title: metric_value(page, title) for title in titles}


def download(page, text: str, suffix: str) -> bytes:
    button = page.get_by_role("button", name=re.compile(re.escape(text)))
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.click()
    d = info.value
    assert d.failure() is None
    assert d.suggested_filename.endswith(suffix), d.suggested_filename
    assert "2022" in d.suggested_filename and "简报" in d.suggested_filename
    return Path(d.path()).read_bytes()


def test_briefing_downloads_match_the_overview(page, app, nav_paths, offsite, tmp_path) -> None:
    open_page(page, app, nav_paths["page_overview"], QUERY)
    cards = overview_cards(page)
    assert cards[t("kpi_activities", "zh")] not in ("", "0")

    open_page(page, app, "briefing", QUERY)
    page.get_by_text(s("rate", "zh", rate="62.5%", reported=10, expected=16)).first.wait_for()
    before = AuditLog(app.db.with_name("audit.db")).count()
    word = download(page, s("download_docx", "zh"), ".docx")
    pdf = download(page, s("download_pdf", "zh"), ".pdf")

    # DOCX: the KPI table equals the Overview's cards; every district has its figure or "not reported"
    d = docx.Document(io.BytesIO(word))
    body = "\n".join(p.text for p in d.paragraphs)
    assert "2022年上海市“质量月”活动情况简报" in body and "2022 · 上海市 · 仅真实数据" in body
    tables = [[[c.text for c in row.cells] for row in tb.rows] for tb in d.tables]
    kpi = {row[0]: row[1] for row in tables[0][1:]}
    assert {title: kpi.get(title) for title in cards} == cards
    status = next(tb for tb in tables if "报送情况" in tb[0])
    listed = {row[0]: row[1] for row in status[1:]}
    assert set(listed) == {zh for zh, _en in SHANGHAI_DISTRICTS.values()}
    not_reported = [n for n, v in listed.items() if v == "未报送"]
    assert not_reported and all(re.fullmatch(r"[\d,]+", v) for n, v in listed.items() if n not in not_reported)
    assert f"未报送的区（{len(not_reported)}个）" in body
    assert len(d.inline_shapes) >= 3

    # PDF: the same figures, every district, at least three images
    path = tmp_path / "briefing.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2022年上海市“质量月”活动情况简报" in text
    for title, value in cards.items():
        assert re.search(rf"{re.escape(title)}\s+{re.escape(value)}(\s|$)", text, re.M), (title, value)
    for zh, _en in SHANGHAI_DISTRICTS.values():
        assert zh in text, zh
    images = subprocess.run(
        [tool("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len([line for line in images if line.strip()]) >= 3

    # both downloads audited, with the selection
    rows = AuditLog(app.db.with_name("audit.db")).entries(limit=10, action="download")
    assert AuditLog(app.db.with_name("audit.db")).count() == before + 2
    assert {r.format for r in rows[:2]} == {"docx", "pdf"}
    assert all(
        '"briefing"' in (r.detail or "") and '"demo": "0"' in r.filters and '"region": "310000"' in r.filters
        for r in rows[:2]
    )
    assert exceptions(page) == []
    assert offsite == []

    shots = os.environ.get("QM_BRIEFING_SHOTS")
    if shots:
        out = Path(shots)
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("briefing-*.png"):
            old.unlink()
        subprocess.run([tool("pdftoppm"), "-png", "-r", "80", str(path), str(out / "briefing")], check=True)
