"""A district-scoped viewer's briefing, end to end: signed in through OIDC, the PDF downloaded holds
徐汇区 and no other district, and the download is audited under the viewer with the scope."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from access.audit import AuditLog
from analytics.briefing.text import s
from tests.browser.helpers import SHANGHAI_DISTRICTS, exceptions, wait_idle

pytest.register_assert_rewrite("tests.browser.oidc_conftest")
from tests.browser.oidc_conftest import SCOPED_VIEWER, XUHUI  # noqa: E402
from tests.browser.test_signin import sign_in  # noqa: E402

pytest_plugins = ["tests.browser.oidc_conftest"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:oidc_provider_mock"),
]


def test_scoped_viewer_briefing_holds_only_their_district(
    signin_page, signin_app, oidc_provider, signin_offsite, tmp_path
):
    pg = signin_page
    sign_in(pg, signin_app, oidc_provider, subject=SCOPED_VIEWER)
    wait_idle(pg)
    pg.locator("[data-testid='stSidebarNav'] a[href$='/briefing']").click()
    pg.wait_for_url(re.compile(r"/briefing"))
    wait_idle(pg)
    # the completeness list on the page holds the viewer's district only
    pg.get_by_text(re.compile(r"报送率：[\d.]+%（1 / 1）")).first.wait_for()

    audit = AuditLog(signin_app.audit_db)
    before = {e.id for e in audit.entries(action="download")}
    button = pg.get_by_role("button", name=re.compile(re.escape(s("download_pdf", "zh"))))
    button.scroll_into_view_if_needed()
    with pg.expect_download(timeout=180_000) as info:
        button.click()
    download = info.value
    assert download.failure() is None
    path = tmp_path / "scoped.pdf"
    path.write_bytes(download.path().read_bytes())
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext missing: scripts/install_poppler.sh installs poppler-utils"
    text = subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "上海市徐汇区“质量月”活动情况简报" in text
    others = [zh for a, (zh, _en) in SHANGHAI_DISTRICTS.items() if a != XUHUI and zh in text]
    assert others == [], f"a 徐汇区 viewer's briefing names other districts: {others}"
    assert "本简报仅包含以下区的数据：徐汇区" in text

    new = [e for e in audit.entries(action="download") if e.id not in before]
    assert len(new) == 1, new
    entry = new[0]
    assert (entry.actor, entry.role, entry.format) == (SCOPED_VIEWER, "viewer", "pdf")
    assert json.loads(entry.filters)["scope"] == [XUHUI]
    assert json.loads(entry.detail)["kind"] == "briefing"
    assert audit.verify() >= 1
    assert exceptions(pg) == []
    assert signin_offsite == []
