"""Headless Chromium timings of the dashboard's pages against a one-chart Streamlit page and their floors.

For each app (``bench/one_chart_app.py``, ``bench/bare_app.py`` and the dashboard) a Streamlit server
is started on a free port against the benchmark warehouse, all three for the whole run, and Playwright
drives Debian's Chromium. The pages are visited in rounds, every page of every app once per round
(``measure_apps``), so a page and the yardstick and floor it is compared with are timed under the same
load of the shared machine, not one app minutes after the other:

* first load: a fresh browser context opens the page; the time is from navigation start to the
  last DOM change inside a chart (Plotly chart or data grid) once the app is idle. The first
  visit of a page after the server started is ``cold`` (no query cached); the median of
  further visits in fresh contexts is ``warm``.
* filter change: on the loaded page the end of the year range slider moves one year left (a
  selection never seen before, so the server computes it); the time is from the key press to
  the last chart change once the app is idle again.
* to script end: from the same key press to the moment the page handled the server's "script
  finished" message, i.e. every element the script drew after its last chart (captions, KPI
  cards, buttons) had been received and handed to the page. A page that drew its charts early and
  kept working after them is not counted as done at its last chart: a change is "done" at the later of
  its last chart change and its script's end, and that is compared with the floor's "done" too.

Each page is also compared with its floor: ``bench/bare_app.py`` drawing the same figures,
precomputed (``bench/bare_figures.py``), with nothing else to do.

"Idle" = the Streamlit status widget (shown while a script runs) has been absent and no chart
changed for ``QUIET_MS``. The server's peak RSS (with children) is sampled the whole time.
"""

from __future__ import annotations

import ast
import contextlib
import os
import statistics
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.memory import PeakRss
from domain.config import ROOT
from ui import local_server
from ui.local_browser import CHROMIUM_ARGS, chromium_path

CHROMIUM = chromium_path() or "/usr/bin/chromium"
QUIET_MS = 400
TIMEOUT_S = 90
CHART_SELECTOR = '.stPlotlyChart, [data-testid="stDataFrame"]'

# page (file stem in pages/) -> number of charts (Plotly charts or data grids) it draws with data
CHARTS_PER_PAGE: dict[str, int] = {
    "overview": 3,
    "districts": 3,
    "industries": 3,
    "activity_types": 3,
    "records": 1,
    "data_status": 3,
}


def dashboard_pages(entry: Path = ROOT / "dashboard.py") -> dict[str, tuple[str, int]]:
    """Page -> (url path, charts) from the ``PAGES`` table of dashboard.py, read without running it.

    The first page is the default one, served at ``/``. Pages without charts (upload) are left out.
    """
    tree = ast.parse(entry.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            table = ast.literal_eval(node.value)
            break
    else:
        table = _nav_table(entry)
    out = {}
    for i, row in enumerate(table):
        stem = Path(row[0]).stem
        if stem in CHARTS_PER_PAGE:
            out[stem] = ("" if i == 0 else row[-1], CHARTS_PER_PAGE[stem])
    return out


def _nav_table(entry: Path) -> list[tuple[str, str]]:
    """(file, url path) rows of ``ui.nav.PAGES``, default page first, when dashboard.py takes its pages from there."""
    if "nav.PAGES" not in entry.read_text(encoding="utf-8"):
        raise RuntimeError(f"{entry}: no PAGES table and no use of ui.nav.PAGES")
    from ui import nav  # only for dashboards that navigate through ui/nav.py

    pages = sorted(nav.PAGES, key=lambda p: not p.default)
    return [(p.file, p.url_path) for p in pages]


ONE_CHART: dict[str, tuple[str, int]] = {"one_chart": ("", 1)}


def _field_number(name: str) -> int:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return ForwardMsg.DESCRIPTOR.fields_by_name[name].number


_SCRIPT_FINISHED_FIELD = _field_number("script_finished")

# Installed before any page script: remembers when a chart last changed, when the status
# widget ("running") was last seen and when a "script finished" message was handled, in
# performance.now() milliseconds. The last is read off the app's websocket: a ForwardMsg whose
# top-level field __FINISHED__ (script_finished) is set; only the top level of the protobuf is walked.
_INIT_SCRIPT = """
(() => {
  window.__qm = {chart: NaN, busy: NaN, end: NaN};
  const finished = (buf) => {
    const b = new Uint8Array(buf); let i = 0;
    const varint = () => { let v = 0, m = 1, x; do { x = b[i++]; v += (x & 127) * m; m *= 128; } while (x & 128 && i < b.length); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (field === __FINISHED__) return true;
      if (wire === 0) varint(); else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false;
    }
    return false;
  };
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener('message', (e) => {
      if (e.data instanceof ArrayBuffer && finished(e.data)) window.__qm.end = performance.now();
    });
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const sel = __SELECTOR__;
  const mark = () => {
    if (document.querySelector('[data-testid="stStatusWidget"]')) window.__qm.busy = performance.now();
  };
  const start = () => {
    new MutationObserver(ms => {
      for (const m of ms) {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        if (el && el.closest && el.closest(sel)) { window.__qm.chart = performance.now(); break; }
      }
      mark();
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
    setInterval(mark, 20);
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
""".replace("__SELECTOR__", repr(CHART_SELECTOR)).replace("__FINISHED__", str(_SCRIPT_FINISHED_FIELD))

_IDLE_JS = """([n, quiet, since]) => {
  const q = window.__qm, now = performance.now();
  const charts = document.querySelectorAll(__SELECTOR__).length;
  const busy = !!document.querySelector('[data-testid="stStatusWidget"]');
  const lastChange = Math.max(isNaN(q.chart) ? 0 : q.chart, isNaN(q.busy) ? 0 : q.busy);
  return charts >= n && !busy && q.chart > since && now - lastChange >= quiet;
}""".replace("__SELECTOR__", repr(CHART_SELECTOR))


@dataclass
class PageTimes:
    """Grain: one page of one app."""

    app: str
    page: str
    cold_load_ms: float | None
    warm_load_ms: float | None
    filter_change_ms: float | None
    loads_ms: list[float] = field(default_factory=list)
    changes_ms: list[float] = field(default_factory=list)
    error: str | None = None
    change_end_ms: float | None = None  # median time from the key press to the script's end
    change_ends_ms: list[float] = field(default_factory=list)
    # median of each change's later of (last chart change, script end): the change is done
    change_done_ms: float | None = None


@dataclass
class BrowserResult:
    """Both apps' page timings and the dashboard server's peak memory."""

    pages: list[PageTimes]
    server_peak_rss_mb: float
    one_chart_server_peak_rss_mb: float


@contextlib.contextmanager
def streamlit_server(script: str, db: Path, log=print) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run script`` against `db` on a free 127.0.0.1 port (``ui.local_server``, its log beside
    `db`); yields (base url, process)."""
    env = {"QM_DB": str(db), "PYTHONPATH": str(ROOT)}
    with local_server.streamlit_server(script, Path(db).parent, env=env) as server:
        log(f"bench: {script} serving on {server.url}")
        yield server.url, server.proc


def _wait_idle(page, n: int, since: float) -> float:
    page.wait_for_function(_IDLE_JS, arg=[n, QUIET_MS, since], timeout=TIMEOUT_S * 1000, polling=50)
    return float(page.evaluate("window.__qm.chart"))


def open_page(browser, url: str, n: int):
    """Open `url` in a fresh context and wait until its charts are drawn: (context, page, ms drawn)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(_INIT_SCRIPT)
    page = ctx.new_page()
    page.goto(url)
    drawn = _wait_idle(page, n, 0.0)
    return ctx, page, drawn  # performance.now() counts from navigation start


def change_filter(page, n: int) -> tuple[float, float | None]:
    """Move the end of the year slider one year left.

    Returns:
        (ms until the charts were updated, ms until the page handled the script's end; None when
        no end was seen after the key press).
    """
    thumbs = page.locator('[data-testid="stSlider"] input[type=range]')
    thumbs.nth(thumbs.count() - 1).focus()
    t0 = float(page.evaluate("performance.now()"))
    page.keyboard.press("ArrowLeft")
    drawn = _wait_idle(page, n, t0) - t0
    end = float(page.evaluate("window.__qm.end"))
    return drawn, (end - t0 if end > t0 else None)


def measure_app(
    browser, base: str, app: str, pages: dict[str, tuple[str, int]], loads: int = 3, changes: int = 3, log=print
) -> list[PageTimes]:
    """Cold load, warm loads and filter changes of every page of one app."""
    return measure_apps(browser, [(app, base, pages)], loads, changes, log)


class _Tally:
    """Timings of the pages of a run of ``measure_apps``, per (app, page)."""

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        self.loads: dict[tuple[str, str], list[float]] = {k: [] for k in keys}
        self.changes: dict[tuple[str, str], list[float]] = {k: [] for k in keys}
        self.ends: dict[tuple[str, str], list[float]] = {k: [] for k in keys}
        self.done: dict[tuple[str, str], list[float]] = {k: [] for k in keys}
        self.errors: dict[tuple[str, str], str] = {}

    def fail(self, key: tuple[str, str], exc: Exception) -> None:
        """A page that never draws is a result, not a crash of the run: it is not visited again."""
        self.errors[key] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"

    def change(self, key: tuple[str, str], drawn: float, end: float | None) -> None:
        """One filter change: its chart time, its script end (when seen) and when it was done (the later)."""
        self.changes[key].append(drawn)
        self.done[key].append(drawn if end is None else max(drawn, end))
        if end is not None:
            self.ends[key].append(end)

    def page_times(self, app: str, name: str) -> PageTimes:
        key = (app, name)
        loaded, changed, ends, done = self.loads[key], self.changes[key], self.ends[key], self.done[key]
        return PageTimes(
            app,
            name,
            loaded[0] if loaded else None,
            statistics.median(loaded[1:]) if len(loaded) > 1 else None,
            statistics.median(changed) if changed else None,
            loaded,
            changed,
            self.errors.get(key),
            statistics.median(ends) if ends else None,
            ends,
            statistics.median(done) if done else None,
        )


def _visit(browser, versions: list[tuple[str, str, str, int]], tally: _Tally, changes: int) -> None:
    """Open each version of one page (app order) and, when `changes`, let them take that many filter
    changes in alternation before closing them."""
    opened = []  # (key, context, page, charts)
    try:
        for app, name, url, n in versions:
            key = (app, name)
            if key in tally.errors:
                continue
            try:
                ctx, page, drawn = open_page(browser, url, n)
            except Exception as exc:
                tally.fail(key, exc)
                continue
            tally.loads[key].append(drawn)
            opened.append((key, ctx, page, n))
            if not changes or name == "data_status":  # data status has no filters
                opened.pop()[1].close()
        for _ in range(changes):
            for key, _ctx, page, n in opened:
                if key not in tally.errors:
                    try:
                        tally.change(key, *change_filter(page, n))
                    except Exception as exc:
                        tally.fail(key, exc)
    finally:
        for _key, ctx, _page, _n in opened:
            ctx.close()


def measure_apps(
    browser, apps: list[tuple[str, str, dict[str, tuple[str, int]]]], loads: int = 3, changes: int = 3, log=print
) -> list[PageTimes]:
    """Cold load, warm loads and filter changes of every page of several apps, visited in turn.

    `apps` is a list of (app name, base url, pages). The visits are interleaved so that a page and what
    it is compared with are timed under the same load of the shared machine, not one app after the
    other: each round opens every page of every app once, the same page of each app one after the other
    (a dashboard page right after its floor); round 0 gives each page's cold load, the further rounds
    its warm loads. In the last round the versions of one page stay open together and take their
    filter changes in alternation (floor, page, floor, page...).
    """
    targets = [(app, name, f"{base}/{path}", n) for app, base, pages in apps for name, (path, n) in pages.items()]
    groups: dict[str, list[tuple[str, str, str, int]]] = {}  # page name -> its versions, in app order
    for target in targets:
        groups.setdefault(target[1], []).append(target)
    tally = _Tally([(app, name) for app, name, _u, _n in targets])
    for i in range(1 + loads):
        for versions in groups.values():
            _visit(browser, versions, tally, changes if i == loads else 0)
    out = []
    for app, name, _url, _n in targets:
        pt = tally.page_times(app, name)
        log(
            f"bench: browser {app:<10} {name:<15} cold {_f(pt.cold_load_ms)} warm {_f(pt.warm_load_ms)} "
            f"change {_f(pt.filter_change_ms)} to script end {_f(pt.change_end_ms)} done {_f(pt.change_done_ms)}"
            + (f"  ERROR {pt.error}" if pt.error else "")
        )
        out.append(pt)
    return out


def _f(v: float | None) -> str:
    return f"{v:7.0f} ms" if v is not None else "      – ms"


def bare_pages(pages: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """The bare page (floor) of each dashboard page that has one: same charts, at ``/?page=<page>``."""
    from bench.bare_figures import PAGES

    return {name: (f"?page={name}", n) for name, (_path, n) in pages.items() if name in PAGES}


def measure(db: Path, loads: int = 3, changes: int = 3, log=print) -> BrowserResult:
    """Run the dashboard, the one-chart page and the bare pages against `db`; time them in headless Chromium.

    The bare pages (``bench/bare_app.py``) draw each page's figures precomputed for the year ranges
    the filter changes reach: the floor of each page.
    """
    from playwright.sync_api import sync_playwright  # only when the browser part runs

    from bench.bare_figures import precompute

    pages = dashboard_pages()
    figures = precompute(db, Path(db).with_name("bare-figures.pkl"), changes)
    os.environ["QM_BARE"] = str(figures)
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        # all three servers run the whole time; their pages are visited in turn (see measure_apps)
        one_url, one_proc = stack.enter_context(streamlit_server("bench/one_chart_app.py", db, log))
        one_rss = stack.enter_context(PeakRss(one_proc.pid))
        bare_url, _bare_proc = stack.enter_context(streamlit_server("bench/bare_app.py", db, log))
        dash_url, dash_proc = stack.enter_context(streamlit_server("dashboard.py", db, log))
        rss = stack.enter_context(PeakRss(dash_proc.pid))
        timed = measure_apps(
            browser,
            [("one_chart", one_url, ONE_CHART), ("bare", bare_url, bare_pages(pages)), ("dashboard", dash_url, pages)],
            loads,
            changes,
            log,
        )
    return BrowserResult(timed, rss.peak / 2**20, one_rss.peak / 2**20)


def as_dict(result: BrowserResult) -> dict:
    """JSON-ready figures, with each dashboard page's ratios to the one-chart page."""
    d = asdict(result)
    base = next((p for p in result.pages if p.app == "one_chart"), None)
    floors = {p.page: p for p in result.pages if p.app == "bare"}
    for p in d["pages"]:
        floor = floors.get(p["page"]) if p["app"] == "dashboard" else None
        for key in ("cold_load_ms", "warm_load_ms", "filter_change_ms", "change_end_ms", "change_done_ms"):
            ref = getattr(base, key) if base else None
            p[key.replace("_ms", "_ratio")] = (p[key] / ref) if p[key] is not None and ref else None
            ref = getattr(floor, key) if floor else None
            p[key.replace("_ms", "_floor_ratio")] = (p[key] / ref) if p[key] is not None and ref else None
    return d
