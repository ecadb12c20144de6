"""Sign-in end to end: Chromium, the dashboard with ``[auth]`` configured, and a local OIDC provider.

Each test starts signed out in a fresh browser context, goes through the provider's authorize form
like a person would (typing a subject, or choosing a predefined user), and checks what the role
in the temporary roles file lets that person see. Nothing may be requested outside this machine.
"""

from __future__ import annotations

import csv
import io
import re

import duckdb
import pytest

from access.audit import AuditLog
from access.policy import RECORDS_PAGE
from analytics.i18n import t
from tests.browser.helpers import (
    APP_IDLE,
    HAN,
    SHANGHAI_DISTRICTS,
    exceptions,
    metric_value,
    records_download_button,
    sidebar_multiselect,
    to_int,
    wait_charts,
    wait_idle,
)
from ui.access import s as access_text

# Imported here for its constants and loaded below as a plugin for its fixtures (oidc_provider,
# signin_app, signin_page, signin_offsite); registered first so its asserts are still rewritten.
pytest.register_assert_rewrite("tests.browser.oidc_conftest")
from tests.browser.oidc_conftest import ANALYST, ANALYST_SUBJECT, NOBODY, SCOPED_VIEWER, XUHUI  # noqa: E402

pytest_plugins = ["tests.browser.oidc_conftest"]
pytestmark = [
    pytest.mark.browser,
    # the mock provider runs on authlib APIs that authlib itself deprecates: not this project's code
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:oidc_provider_mock"),
]

BOM = b"\xef\xbb\xbf"
USER_COOKIE = "_streamlit_user"
# Page ids (url_path) a viewer must not have, and the stem Streamlit would also serve app_pages/records.py at.
NOT_FOR_VIEWER = ("record-list", "data-status", "upload")
RECORDS_URLS = (RECORDS_PAGE, "records")

# Per district marker of the map (customdata = adcode): its hover text.
MAP_HOVER_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => (g.data || []).some(tr =>
        Array.isArray(tr.customdata) && tr.customdata.length > 0
        && tr.customdata.every(c => /^\\d{6}$/.test(String(c)))));
    if (!gd) return null;
    const tr = gd.data.find(tr => Array.isArray(tr.customdata) && tr.customdata.length > 0);
    return Object.fromEntries(tr.customdata.map((a, i) => [String(a), String(tr.hovertext[i])]));
}"""


def db_count(db, where: str = "TRUE", params: list | None = None) -> int:
    """Rows of `activities` matching `where`, straight from the served warehouse."""
    with duckdb.connect(str(db), read_only=True) as con:
        (n,) = con.execute(f"SELECT count(*) FROM activities WHERE {where}", params or []).fetchone()
    return n


def wait_script(pg) -> None:
    """Wait until the Streamlit run has finished (pages without a header included)."""
    pg.wait_for_selector(APP_IDLE)


def login_button(pg):
    return pg.locator("[data-testid='stMain']").get_by_role("button", name=access_text("login", "zh"), exact=True)


def sign_in(pg, app, provider, *, subject: str | None = None, predefined: str | None = None) -> None:
    """Sign in from the dashboard's button through the provider's authorize form.

    Args:
        pg: A signed-out page.
        app: The dashboard (SigninApp).
        provider: The identity provider.
        subject: Type this subject into the form (the provider then claims email = subject).
        predefined: Or click this predefined user's button.
    """
    pg.goto(app.url, wait_until="domcontentloaded")
    login_button(pg).click()
    pg.wait_for_url(re.compile(re.escape(provider.url) + r"/oauth2/authorize\?"))
    if predefined is not None:
        pg.get_by_role("button", name=predefined, exact=True).click()
    else:
        pg.locator("input[name='sub']").fill(subject or "")
        pg.get_by_role("button", name="Authorize", exact=True).click()
    # back through /oauth2callback to the app's root, now with the identity cookie
    pg.wait_for_url(re.compile(re.escape(app.url) + r"/?(\?.*)?$"))
    wait_script(pg)


def nav_paths_shown(pg) -> list[str]:
    """url_paths of the sidebar navigation links."""
    links = pg.locator("[data-testid='stSidebarNav'] a")
    return [(links.nth(i).get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1] for i in range(links.count())]


def assert_no_data(pg) -> None:
    """Nothing of the warehouse is on the page: no chart, card, table, filter, page or district name."""
    main = pg.locator("[data-testid='stMain']")
    assert pg.locator(".js-plotly-plot").count() == 0
    assert pg.locator("[data-testid='stMetric']").count() == 0
    assert pg.locator("[data-testid='stDataFrame'], [data-testid='stTable']").count() == 0
    assert pg.locator("[data-testid='stSidebarNav']").count() == 0
    assert pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").count() == 0
    assert pg.locator("[data-testid='stSidebar'] [data-testid='stPopoverButton']").count() == 0
    assert pg.locator("[data-testid='stDownloadButton']").count() == 0
    text = pg.locator("body").inner_text()
    shown = [zh for zh, _en in SHANGHAI_DISTRICTS.values() if zh in text]
    assert shown == [], f"district names on a page that must show no data: {shown}"
    assert t("page_records", "zh") not in main.inner_text()


def test_signed_out_shows_sign_in_and_no_data(signin_page, signin_app, signin_offsite):
    pg = signin_page
    pg.goto(signin_app.url, wait_until="domcontentloaded")
    login_button(pg).wait_for()
    wait_script(pg)
    pg.get_by_text(access_text("login_needed", "zh")).wait_for()
    assert_no_data(pg)
    # a deep link to a data page does not get round the sign-in either
    pg.goto(signin_app.page_url("district-map"), wait_until="domcontentloaded")
    login_button(pg).wait_for()
    wait_script(pg)
    assert_no_data(pg)
    assert not any(c["name"].startswith(USER_COOKIE) for c in pg.context.cookies())
    assert signin_offsite == []


def test_scoped_viewer_sees_only_xuhui(signin_page, signin_app, oidc_provider, signin_offsite):
    pg = signin_page
    expected = db_count(signin_app.db, "district_adcode = ?", [XUHUI])
    everything = db_count(signin_app.db)
    assert 0 < expected < everything, "the test warehouse must hold 徐汇区 rows and other rows"

    sign_in(pg, signin_app, oidc_provider, subject=SCOPED_VIEWER)
    wait_idle(pg)
    sidebar = pg.locator("[data-testid='stSidebar']")
    sidebar.get_by_text(SCOPED_VIEWER).wait_for()  # identity box: who and which role
    assert "viewer" in sidebar.inner_text()

    # KPI cards: the total is the 徐汇区 count, in one district
    wait_charts(pg, 3)
    assert to_int(metric_value(pg, t("kpi_activities", "zh"))) == expected
    assert to_int(metric_value(pg, t("kpi_districts", "zh"))) == 1

    # navigation: charts only
    paths = nav_paths_shown(pg)
    assert "district-map" in paths
    assert not set(paths) & set(NOT_FOR_VIEWER), paths

    # the district filter offers 徐汇区 and nothing else
    box = sidebar_multiselect(pg, t("place_counties", "zh")).locator(".react-aria-ComboBox input[role='combobox']")
    box.click()
    options = pg.get_by_role("option")
    options.first.wait_for()
    assert [options.nth(i).inner_text().strip() for i in range(options.count())] == ["徐汇区"]
    pg.keyboard.press("Escape")

    # the map draws all 16 districts, but only 徐汇区 has figures; the others are "not reported"
    pg.locator("[data-testid='stSidebarNav'] a[href$='/district-map']").click()
    pg.wait_for_url(re.compile(r"/district-map"))
    wait_idle(pg)
    wait_charts(pg, 3)
    hovers = pg.evaluate(MAP_HOVER_JS)
    assert hovers is not None and sorted(hovers) == sorted(SHANGHAI_DISTRICTS)
    assert re.search(rf"{t('activities', 'zh')}\s*[:：]\s*{expected:,}(?!\d)", hovers[XUHUI]), hovers[XUHUI]
    for adcode, text in hovers.items():
        if adcode != XUHUI:
            assert t("not_reported", "zh") in text, (adcode, text)
            assert t("activities", "zh") + ":" not in text, (adcode, text)

    # the Records page's URLs show nothing to a viewer
    for path in RECORDS_URLS:
        pg.goto(signin_app.page_url(path), wait_until="domcontentloaded")
        wait_script(pg)
        pg.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").first.wait_for()
        assert pg.locator("[data-testid='stDataFrame']").count() == 0, path
        assert pg.locator("[data-testid='stDownloadButton']").count() == 0, path
        assert pg.get_by_text(re.compile(r"共 [\d,]+ 条")).count() == 0, path
        assert pg.locator("[data-testid='stMain'] h2", has_text=t("page_records", "zh")).count() == 0, path
    assert exceptions(pg) == [] or all(access_text("no_page", "zh") in e for e in exceptions(pg))
    assert signin_offsite == []


def test_analyst_downloads_and_is_audited(signin_page, signin_app, oidc_provider, signin_offsite):
    pg = signin_page
    total = db_count(signin_app.db)
    sign_in(pg, signin_app, oidc_provider, predefined=ANALYST_SUBJECT)
    wait_idle(pg)
    assert RECORDS_PAGE in nav_paths_shown(pg)
    assert "data-status" not in nav_paths_shown(pg)

    pg.locator(f"[data-testid='stSidebarNav'] a[href$='/{RECORDS_PAGE}']").click()
    pg.wait_for_url(re.compile(rf"/{RECORDS_PAGE}"))
    wait_idle(pg)
    caption = pg.get_by_text(re.compile(r"共 [\d,]+ 条")).first
    caption.wait_for()
    assert to_int(caption.inner_text().rsplit("共", 1)[1]) == total

    audit = AuditLog(signin_app.audit_db)
    before = audit.entries(action="download")
    button = records_download_button(pg, "csv")
    with pg.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None
    raw = download.path().read_bytes()
    assert raw.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(raw[len(BOM) :].decode("utf-8"), newline="")))
    assert len(rows) == total
    assert sum(bool(HAN.search(" ".join(r.values()))) for r in rows) >= len(rows) * 0.9

    after = audit.entries(action="download")
    new = [e for e in after if e.id not in {b.id for b in before}]
    assert len(new) == 1, new
    entry = new[0]
    # who: the e-mail claim of the predefined user (its subject is not an address)
    assert (entry.actor, entry.role, entry.format, entry.row_count) == (ANALYST, "analyst", "csv", total)
    assert entry.file_name == download.suggested_filename
    assert audit.verify() >= 1
    assert exceptions(pg) == []
    assert signin_offsite == []


def test_user_without_role_sees_no_access(signin_page, signin_app, oidc_provider, signin_offsite):
    pg = signin_page
    sign_in(pg, signin_app, oidc_provider, subject=NOBODY)
    message = access_text("no_role", "zh", reason="§").split("§")[0]
    alert = pg.locator("[data-testid='stAlertContentError']")
    alert.first.wait_for()
    assert message in alert.first.inner_text()
    assert NOBODY in alert.first.inner_text()
    assert_no_data(pg)
    # deep links lead nowhere either
    for path in ("district-map", RECORDS_PAGE, "records", "data-status"):
        pg.goto(signin_app.page_url(path), wait_until="domcontentloaded")
        wait_script(pg)
        pg.locator("[data-testid='stAlertContentError']").first.wait_for()
        assert_no_data(pg)
    assert signin_offsite == []


def test_sign_out(signin_page, signin_app, oidc_provider, signin_offsite):
    pg = signin_page
    sign_in(pg, signin_app, oidc_provider, subject=SCOPED_VIEWER)
    wait_idle(pg)
    pg.locator("[data-testid='stMetric']").first.wait_for()
    assert any(c["name"].startswith(USER_COOKIE) for c in pg.context.cookies())

    pg.locator("[data-testid='stSidebar']").get_by_role("button", name=access_text("logout", "zh")).click()
    # Streamlit ends the session at the provider too (its end_session_endpoint), which asks to confirm
    pg.wait_for_url(re.compile(re.escape(oidc_provider.url) + r"/oauth2/end_session"))
    pg.get_by_role("button", name="End session").click()
    pg.wait_for_url(re.compile(re.escape(signin_app.url) + r"/?(\?.*)?$"))
    login_button(pg).wait_for()
    wait_script(pg)
    assert_no_data(pg)
    assert not any(c["name"].startswith(USER_COOKIE) for c in pg.context.cookies())
    # a reload does not bring the session back
    pg.reload(wait_until="domcontentloaded")
    login_button(pg).wait_for()
    assert_no_data(pg)
    assert signin_offsite == []
