"""Real-browser fixtures: the real ETL, a real Streamlit server, Debian's Chromium through Playwright.

Session scope (built once, ~10 s): ``browser_db`` (``python -m etl run`` on the bundled sources plus
the demo rows, exactly what ``scripts/run.sh`` serves), ``app`` (``streamlit run dashboard.py`` on a
free port with ``QM_DB`` pointing at that file) and ``browser`` (Chromium).
Test scope: ``page`` (a fresh browser context, i.e. a fresh Streamlit session, downloads enabled),
with every request to a host other than localhost blocked and recorded in ``offsite`` -- the
dashboard is served on closed government networks, so any such request is a bug.

Chromium: ``$QM_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on PATH. When none is
found the tests are skipped, unless ``QM_REQUIRE_BROWSER=1`` (set by ``scripts/test.sh``), where
they fail: CI must never pass by skipping the browser.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import PAGE_KEYS, PAGE_TIMEOUT_MS, is_local, wait_idle
from ui.local_browser import CHROMIUM_ARGS, chromium_path
from ui.local_server import Server, ServerDidNotStart, streamlit_server

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory) -> Path:
    """A warehouse built by the real ETL CLI from data/sources plus the demo rows (read-only use).

    ``QM_BROWSER_DB=PATH`` serves an already-built warehouse instead (to iterate on the UI
    without re-running the ETL); the file is only read.
    """
    given = os.environ.get("QM_BROWSER_DB")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"QM_BROWSER_DB={given}: no such file")
        return Path(given)
    db = tmp_path_factory.mktemp("browser_db") / "quality.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "etl", "run", "--db", str(db), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0 or not db.exists():
        pytest.fail(f"python -m etl run --db {db} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return db


@dataclass
class App(Server):
    """A running dashboard server and the warehouse it serves."""

    db: Path = field(kw_only=True)


@contextlib.contextmanager
def serve(db: Path, log_dir: Path, env_extra: dict[str, str] | None = None) -> Iterator[App]:
    """Run `streamlit run dashboard.py` on a free port serving `db` until the block exits.

    Args:
        env_extra: more environment for the server (e.g. QM_ENGINE=spark and its lake and master).
    """
    with started("dashboard.py", log_dir, env={"QM_DB": str(db), **(env_extra or {})}) as server:
        yield App(**vars(server), db=db)


@contextlib.contextmanager
def started(script: str, log_dir: Path, **kwargs) -> Iterator[Server]:
    """``ui.local_server.streamlit_server``, failing the test (with the server's log) when it does not start."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(streamlit_server(script, log_dir, **kwargs))
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))
        yield server


@pytest.fixture(scope="session")
def app(browser_db, tmp_path_factory) -> Iterator[App]:
    """The dashboard serving `browser_db` for the whole session.

    After the session the server log must hold no traceback: an exception a page swallowed
    into the log, or one raised by a session the tests never looked at, still fails the run.
    """
    with serve(browser_db, tmp_path_factory.mktemp("streamlit")) as running:
        yield running
        log = running.log_text()
    if "Traceback (most recent call last)" in log:
        pytest.fail(f"the dashboard logged an exception during the browser tests ({running.log}):\n{log[-4000:]}")


@pytest.fixture
def fresh_app(browser_db, tmp_path) -> Iterator[App]:
    """A dashboard server of its own, started for one test (for first-session behaviour)."""
    with serve(browser_db, tmp_path) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download does not work here)."""
    exe = chromium_path()
    if exe is None:
        message = "no Chromium found (set QM_CHROMIUM or apt-get install chromium)"
        if os.environ.get("QM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # One Playwright for the whole session, shared by every conftest that imports this fixture
    # (tests/spark does): a second sync_playwright() while one runs fails ("Sync API inside the
    # asyncio loop"). Stopped when the interpreter exits.
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright  # only when a browser exists

        pw = sync_playwright().start()
        _SHARED["browser"] = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        atexit.register(_stop_playwright, pw, _SHARED["browser"])
    yield _SHARED["browser"]


_SHARED: dict = {}


def _stop_playwright(pw, b) -> None:
    with contextlib.suppress(Exception):
        b.close()
    with contextlib.suppress(Exception):
        pw.stop()


@pytest.fixture
def offsite() -> list[str]:
    """URLs the page tried to reach outside this machine (filled by `page`; must stay empty)."""
    return []


@contextlib.contextmanager
def guarded_page(browser, offsite: list[str]) -> Iterator:
    """A page in a fresh browser context (a new Streamlit session, no cookies) that blocks every request
    to a host other than this machine and records its URL in `offsite`."""
    context = browser.new_context(
        viewport=VIEWPORT, accept_downloads=True, locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block"
    )

    def guard(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            offsite.append(url)
            route.abort("blockedbyclient")

    def guard_ws(ws) -> None:
        # WebSockets bypass context.route; non-local ones are recorded and never connected.
        offsite.append(ws.url)
        ws.close()

    context.route("**/*", guard)
    context.route_web_socket(lambda url: not is_local(url), guard_ws)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, app, nav_paths, offsite):
    """A fresh page (new context = new Streamlit session) that blocks and records off-machine requests.

    Depends on `nav_paths` so the shared server's very first session (which has its own
    regression test on a server of its own) has already happened.
    """
    with guarded_page(browser, offsite) as pg:
        yield pg


@pytest.fixture(scope="session")
def nav_paths(browser, app) -> dict[str, str]:
    """i18n title key -> URL path of each page, read from the sidebar navigation the app draws.

    Read rather than hard-coded so the tests follow the app's url_path choices, while still
    checking that each page is deep-linkable at the address its own navigation advertises.
    """
    from analytics.i18n import t

    context = browser.new_context(viewport=VIEWPORT)
    try:
        pg = context.new_page()
        pg.goto(app.url, wait_until="domcontentloaded")
        wait_idle(pg)
        links = pg.locator("[data-testid='stSidebarNav'] a")
        found = {}
        for i in range(links.count()):
            text = links.nth(i).inner_text()
            href = links.nth(i).get_attribute("href") or ""
            for key in PAGE_KEYS:
                if t(key, "zh") in text.split():
                    found[key] = urlsplit(href).path.strip("/")
    finally:
        context.close()
    missing = [k for k in PAGE_KEYS if k not in found]
    assert not missing, f"sidebar navigation lacks pages {missing}; found {found}"
    return found
