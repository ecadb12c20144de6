"""Headless Chromium timings of the dashboard's pages against a one-chart Streamlit page and their floors.

For each app (``bench/one_chart_app.py``, ``bench/bare_app.py`` and the dashboard) a Streamlit server
is started on a free port against the benchmark warehouse, all three for the whole run, and Playwright
drives Debian's Chromium. The pages are visited in rounds, every page of every app once per round
(``measure_apps``), so a page and the yardstick and floor it is compared with are timed under the same
load of the shared machine, not one app minutes after the other:

* first load: a fresh browser context opens the page; the time is from navigation start to the
  last DOM change inside a chart (Plotly chart or data grid) once the app is idle. The first
  visit of a page after the server started is ``cold`` (no query cached); the median of
  further visits in fresh contexts is ``warm``. Its part "to connect" is from navigation start to
  the moment the page opened its websocket to the server: before it the frontend finds the server's
  base path by probing its health endpoint, first under the page's own path (``/districts/_stcore/health``,
  a 404), then, 100 ms later, at the root. A page served at ``/`` (the default page, the one-chart
  page, the floors) makes one probe only.
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

# page (file stem in app_pages/) -> number of charts (Plotly charts or data grids) it draws with data
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
  window.__qm = {chart: NaN, busy: NaN, end: NaN, ws: NaN};
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
    if (isNaN(window.__qm.ws)) window.__qm.ws = performance.now();
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
    # CPU time of each load and change: the browser tab's main thread plus the app's server process
    loads_cpu_ms: list[float] = field(default_factory=list)
    changes_cpu_ms: list[float] = field(default_factory=list)
    warm_load_cpu_ms: float | None = None
    filter_change_cpu_ms: float | None = None
    # ratios of samples taken side by side (see ``paired_ratios``): name -> median, quartiles, n
    paired: dict[str, dict] = field(default_factory=dict)
    # each load's time from navigation start to the websocket's opening, and the warm loads' median
    loads_connect_ms: list[float] = field(default_factory=list)
    warm_load_connect_ms: float | None = None


@dataclass
class BrowserResult:
    """Both apps' page timings and the dashboard server's peak memory."""

    pages: list[PageTimes]
    server_peak_rss_mb: float
    one_chart_server_peak_rss_mb: float


@contextlib.contextmanager
def streamlit_server(
    script: str, db: Path, log=print, root: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run script`` against `db` on a free 127.0.0.1 port (``ui.local_server``, its log beside
    `db`); yields (base url, process). `root`: serve the script of another checkout (an A/B)."""
    root = Path(root or ROOT)
    env = {"QM_DB": str(db), "PYTHONPATH": str(root)}
    with local_server.streamlit_server(script, Path(db).parent, env=env, cwd=root) as server:
        log(f"bench: {root / script} serving on {server.url}")
        yield server.url, server.proc


def _wait_idle(page, n: int, since: float) -> float:
    page.wait_for_function(_IDLE_JS, arg=[n, QUIET_MS, since], timeout=TIMEOUT_S * 1000, polling=50)
    return float(page.evaluate("window.__qm.chart"))


@dataclass
class Tab:
    """An opened page: its browser context, the page, and a DevTools session for its CPU time."""

    ctx: object
    page: object
    cdp: object | None = None

    def close(self) -> None:
        self.ctx.close()


def main_thread_cpu_ms(tab: Tab) -> float | None:
    """CPU time the tab's main thread (JavaScript, style, layout, paint set-up) has used so far.

    DevTools ``Performance.getMetrics`` ``ThreadTime``: thread CPU time, not wall time, so a busy
    machine stretches it far less than it stretches a wall-clock timing.
    """
    if tab.cdp is None:
        return None
    metrics = {m["name"]: m["value"] for m in tab.cdp.send("Performance.getMetrics")["metrics"]}
    return metrics["ThreadTime"] * 1000.0


_TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def process_cpu_ms(pid: int | None) -> float | None:
    """User + system CPU time of process `pid` (all its threads) so far, from /proc; None when unknown."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * _TICK_MS  # utime, stime (fields 14 and 15 of stat)


def open_page(browser, url: str, n: int) -> tuple[Tab, float, float | None]:
    """Open `url` in a fresh context and wait until its charts are drawn.

    Returns:
        (the tab, ms from navigation start until drawn, main-thread CPU ms meanwhile).
    """
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(_INIT_SCRIPT)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    tab = Tab(ctx, page, cdp)
    cpu0 = main_thread_cpu_ms(tab)
    page.goto(url)
    drawn = _wait_idle(page, n, 0.0)  # performance.now() counts from navigation start
    return tab, drawn, main_thread_cpu_ms(tab) - cpu0


def connect_ms(tab: Tab) -> float | None:
    """Ms from the tab's navigation start until its page opened its websocket (None when it never did)."""
    value = tab.page.evaluate("window.__qm.ws")
    return float(value) if isinstance(value, int | float) and value == value else None


def change_filter(tab: Tab, n: int) -> tuple[float, float | None, float | None]:
    """Move the end of the year slider one year left.

    Returns:
        (ms until the charts were updated, ms until the page handled the script's end (None when no
        end was seen after the key press), main-thread CPU ms meanwhile).
    """
    page = tab.page
    thumbs = page.locator('[data-testid="stSlider"] input[type=range]')
    thumbs.nth(thumbs.count() - 1).focus()
    cpu0 = main_thread_cpu_ms(tab)
    t0 = float(page.evaluate("performance.now()"))
    page.keyboard.press("ArrowLeft")
    drawn = _wait_idle(page, n, t0) - t0
    end = float(page.evaluate("window.__qm.end"))
    cpu = main_thread_cpu_ms(tab)
    return drawn, (end - t0 if end > t0 else None), (None if cpu is None else cpu - cpu0)


def measure_app(
    browser, base: str, app: str, pages: dict[str, tuple[str, int]], loads: int = 3, changes: int = 3, log=print
) -> list[PageTimes]:
    """Cold load, warm loads and filter changes of every page of one app."""
    return measure_apps(browser, [(app, base, pages)], loads, changes, log)


@dataclass
class Sample:
    """One timed action: a load (`index` 0) or a filter change (`index` = its number in the round)."""

    app: str
    page: str
    group: str  # the page group it was timed in (a dashboard page's name; the one-chart page joins each)
    kind: str  # "load" | "change"
    round: int
    index: int
    ms: float
    done_ms: float  # load: = ms; change: the later of its last chart change and its script end
    end_ms: float | None = None
    cpu_ms: float | None = None  # the tab's main thread + the app's server process
    connect_ms: float | None = None  # load: from navigation start to the websocket's opening


def _quartiles(values: list[float]) -> dict:
    """Median, quartiles (inclusive method) and count of `values`."""
    v = sorted(values)
    if len(v) == 1:
        return {"median": v[0], "q1": v[0], "q3": v[0], "n": 1}
    q1, _q2, q3 = statistics.quantiles(v, n=4, method="inclusive")
    return {"median": statistics.median(v), "q1": q1, "q3": q3, "n": len(v)}


def paired_ratios(
    samples: list[Sample], of: tuple[str, str], ref: tuple[str, str], kind: str, what: str
) -> list[float]:
    """Ratios of the (app, page) `of`'s samples to those of `ref` taken beside them.

    A load is paired with the reference's load in the same round of the same page group, a filter
    change with the reference's change of the same number in that group: each ratio compares two
    timings made seconds apart, so a machine that gets busier or quieter during the run moves both
    alike. `what`: "ms", "done_ms" or "cpu_ms". Round 0 (cold loads) is left out of load ratios.
    """
    group = of[1]
    refs = {
        (s.round, s.index): getattr(s, what) for s in samples if (s.app, s.page, s.kind, s.group) == (*ref, kind, group)
    }
    out = []
    for s in samples:
        if (s.app, s.page, s.kind, s.group) != (*of, kind, group) or (kind == "load" and s.round == 0):
            continue
        r, v = refs.get((s.round, s.index)), getattr(s, what)
        if r and v is not None:
            out.append(v / r)
    return out


class _Tally:
    """Every sample of a run of ``measure_apps``, and the pages that failed."""

    def __init__(self, pids: dict[str, int] | None = None) -> None:
        self.samples: list[Sample] = []
        self.errors: dict[tuple[str, str], str] = {}
        self.pids = pids or {}

    def fail(self, key: tuple[str, str], exc: Exception) -> None:
        """A page that never draws is a result, not a crash of the run: it is not visited again."""
        self.errors[key] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"

    def server_cpu(self, app: str) -> float | None:
        return process_cpu_ms(self.pids.get(app))

    def add(self, sample: Sample) -> None:
        self.samples.append(sample)

    def of(self, key: tuple[str, str], kind: str) -> list[Sample]:
        return [s for s in self.samples if (s.app, s.page, s.kind) == (*key, kind)]

    def page_times(self, app: str, name: str) -> PageTimes:
        key = (app, name)
        loads, changes = self.of(key, "load"), self.of(key, "change")
        loaded = [s.ms for s in loads]
        changed = [s.ms for s in changes]
        ends = [s.end_ms for s in changes if s.end_ms is not None]
        done = [s.done_ms for s in changes]
        load_cpu = [s.cpu_ms for s in loads if s.cpu_ms is not None]
        change_cpu = [s.cpu_ms for s in changes if s.cpu_ms is not None]
        connects = [s.connect_ms for s in loads[1:] if s.connect_ms is not None]

        def med(v: list[float]) -> float | None:
            return statistics.median(v) if v else None

        return PageTimes(
            app,
            name,
            loaded[0] if loaded else None,
            med(loaded[1:]),
            med(changed),
            loaded,
            changed,
            self.errors.get(key),
            med(ends),
            ends,
            med(done),
            load_cpu,
            change_cpu,
            med(load_cpu[1:]),
            med(change_cpu),
            loads_connect_ms=[s.connect_ms for s in loads if s.connect_ms is not None],
            warm_load_connect_ms=med(connects),
        )


def _cpu_total(tab_ms: float | None, server0: float | None, server1: float | None) -> float | None:
    """An action's CPU: the tab's main thread plus the server's (when its process is known)."""
    if tab_ms is None:
        return None
    return tab_ms + (server1 - server0 if server0 is not None and server1 is not None else 0.0)


def _visit(
    browser, group: str, versions: list[tuple[str, str, str, int]], tally: _Tally, rnd: int, changes: int
) -> None:
    """Open each version of one page in the given order and, when `changes`, let them take that many
    filter changes in alternation (ABBA: the order reverses every other change) before closing them."""
    opened = []  # (key, tab, charts)
    try:
        for app, name, url, n in versions:
            key = (app, name)
            if key in tally.errors:
                continue
            try:
                server0 = tally.server_cpu(app)
                tab, drawn, cpu = open_page(browser, url, n)
                server1 = tally.server_cpu(app)
                connect = connect_ms(tab)
            except Exception as exc:
                tally.fail(key, exc)
                continue
            total = _cpu_total(cpu, server0, server1)
            tally.add(Sample(app, name, group, "load", rnd, 0, drawn, drawn, None, total, connect))
            opened.append((key, tab, n))
            if not changes:
                opened.pop()[1].close()
        for i in range(changes):
            for key, tab, n in opened if i % 2 == 0 else opened[::-1]:
                if key in tally.errors:
                    continue
                try:
                    server0 = tally.server_cpu(key[0])
                    drawn, end, cpu = change_filter(tab, n)
                    server1 = tally.server_cpu(key[0])
                except Exception as exc:
                    tally.fail(key, exc)
                    continue
                total = _cpu_total(cpu, server0, server1)
                done = drawn if end is None else max(drawn, end)
                tally.add(Sample(key[0], key[1], group, "change", rnd, i, drawn, done, end, total))
    finally:
        for _key, tab, _n in opened:
            tab.close()


# (paired figure name, kind, what, reference app) -> computed for every page that has both sides
PAIRED = (
    ("warm_load_vs_one_chart", "load", "ms", "one_chart"),
    ("warm_load_cpu_vs_one_chart", "load", "cpu_ms", "one_chart"),
    ("filter_change_vs_one_chart", "change", "ms", "one_chart"),
    ("filter_change_vs_floor", "change", "ms", "bare"),
    ("change_done_vs_floor", "change", "done_ms", "bare"),
    ("filter_change_cpu_vs_floor", "change", "cpu_ms", "bare"),
    ("warm_load_vs_compare", "load", "ms", "compare"),
    ("warm_load_cpu_vs_compare", "load", "cpu_ms", "compare"),
    ("change_done_vs_compare", "change", "done_ms", "compare"),
    ("filter_change_cpu_vs_compare", "change", "cpu_ms", "compare"),
)


def measure_apps(
    browser,
    apps: list[tuple[str, str, dict[str, tuple[str, int]]]],
    loads: int = 3,
    changes: int = 3,
    log=print,
    pids: dict[str, int] | None = None,
) -> list[PageTimes]:
    """Cold load, warm loads and filter changes of every page of several apps, side by side.

    `apps` is a list of (app name, base url, pages); `pids` maps an app to its server's process id,
    for the server's share of each action's CPU time. Pages are visited in groups, one group per
    page name: the versions of that page in every app, timed one right after the other, with the
    one-chart page (app ``one_chart``) joining every group as the yardstick. Each round visits every
    group; the order within a group reverses every round, so no version is always first. Round 0
    gives each page's cold load, the further rounds its warm loads. In the last round the versions
    of one page stay open together and take their filter changes in alternation (ABBA).

    Besides each page's medians, ``PageTimes.paired`` holds the median and quartiles of the ratios of
    samples taken beside each other (see ``paired_ratios``): that is what the targets are judged on.
    """
    one = [
        (app, name, f"{base}/{path}", n)
        for app, base, pages in apps
        if app == "one_chart"
        for name, (path, n) in pages.items()
    ]
    targets = [
        (app, name, f"{base}/{path}", n)
        for app, base, pages in apps
        if app != "one_chart"
        for name, (path, n) in pages.items()
    ]
    groups: dict[str, list[tuple[str, str, str, int]]] = {}  # page name -> its versions, in app order
    for target in targets:
        groups.setdefault(target[1], list(one)).append(target)
    if not groups and one:
        groups = {one[0][1]: list(one)}
    tally = _Tally(pids)
    for i in range(1 + loads):
        for name, versions in groups.items():
            order = versions if i % 2 == 0 else versions[::-1]
            _visit(browser, name, order, tally, i, changes if i == loads and name != "data_status" else 0)
    out = []
    for app, name, _url, _n in one + targets:
        pt = tally.page_times(app, name)
        if app not in ("one_chart", "bare"):
            for label_, kind, what, ref_app in PAIRED:
                if ref_app == app:  # the other checkout is not compared with itself
                    continue
                ref = ("one_chart", "one_chart") if ref_app == "one_chart" else (ref_app, name)
                ratios = paired_ratios(tally.samples, (app, name), ref, kind, what)
                if ratios:
                    pt.paired[label_] = _quartiles(ratios)
        elif app == "bare":
            ratios = paired_ratios(tally.samples, (app, name), ("one_chart", "one_chart"), "load", "ms")
            if ratios:
                pt.paired["warm_load_vs_one_chart"] = _quartiles(ratios)
        log(
            f"bench: browser {app:<10} {name:<15} cold {_f(pt.cold_load_ms)} warm {_f(pt.warm_load_ms)} "
            f"(to connect {_f(pt.warm_load_connect_ms)}) "
            f"change {_f(pt.filter_change_ms)} to script end {_f(pt.change_end_ms)} done {_f(pt.change_done_ms)} "
            f"cpu load {_f(pt.warm_load_cpu_ms)} change {_f(pt.filter_change_cpu_ms)}"
            + "".join(f" {k} {v['median']:.2f} [{v['q1']:.2f}-{v['q3']:.2f}]" for k, v in pt.paired.items())
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


def measure(
    db: Path,
    loads: int = 3,
    changes: int = 3,
    log=print,
    compare: Path | None = None,
    only: list[str] | None = None,
) -> BrowserResult:
    """Run the dashboard, the one-chart page and the bare pages against `db`; time them in headless Chromium.

    The bare pages (``bench/bare_app.py``) draw each page's figures precomputed for the year ranges
    the filter changes reach: the floor of each page. `compare`: another checkout of the repository
    whose dashboard is served too (app ``compare``) and timed beside this one, page by page (an A/B
    within one run). `only`: time these dashboard pages only (all when None).
    """
    from playwright.sync_api import sync_playwright  # only when the browser part runs

    from bench.bare_figures import precompute

    pages = dashboard_pages()
    if only:
        unknown = set(only) - set(pages)
        if unknown:
            raise ValueError(f"no such page(s): {', '.join(sorted(unknown))}; pages: {', '.join(pages)}")
        pages = {name: v for name, v in pages.items() if name in only}
    figures = precompute(db, Path(db).with_name("bare-figures.pkl"), changes)
    os.environ["QM_BARE"] = str(figures)
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        # all servers run the whole time; their pages are visited side by side (see measure_apps)
        one_url, one_proc = stack.enter_context(streamlit_server("bench/one_chart_app.py", db, log))
        one_rss = stack.enter_context(PeakRss(one_proc.pid))
        bare_url, bare_proc = stack.enter_context(streamlit_server("bench/bare_app.py", db, log))
        dash_url, dash_proc = stack.enter_context(streamlit_server("dashboard.py", db, log))
        rss = stack.enter_context(PeakRss(dash_proc.pid))
        apps = [
            ("one_chart", one_url, ONE_CHART),
            ("bare", bare_url, bare_pages(pages)),
            ("dashboard", dash_url, pages),
        ]
        pids = {"one_chart": one_proc.pid, "bare": bare_proc.pid, "dashboard": dash_proc.pid}
        if compare is not None:
            cmp_url, cmp_proc = stack.enter_context(streamlit_server("dashboard.py", db, log, root=compare))
            cmp_pages = dashboard_pages(Path(compare) / "dashboard.py")
            apps.append(("compare", cmp_url, {name: v for name, v in cmp_pages.items() if name in pages}))
            pids["compare"] = cmp_proc.pid
        timed = measure_apps(browser, apps, loads, changes, log, pids)
    return BrowserResult(timed, rss.peak / 2**20, one_rss.peak / 2**20)


def as_dict(result: BrowserResult) -> dict:
    """JSON-ready figures, with each dashboard page's ratios to the one-chart page."""
    d = asdict(result)
    base = next((p for p in result.pages if p.app == "one_chart"), None)
    floors = {p.page: p for p in result.pages if p.app == "bare"}
    for p in d["pages"]:
        floor = floors.get(p["page"]) if p["app"] in ("dashboard", "compare") else None
        for key in ("cold_load_ms", "warm_load_ms", "filter_change_ms", "change_end_ms", "change_done_ms"):
            ref = getattr(base, key) if base else None
            p[key.replace("_ms", "_ratio")] = (p[key] / ref) if p[key] is not None and ref else None
            ref = getattr(floor, key) if floor else None
            p[key.replace("_ms", "_floor_ratio")] = (p[key] / ref) if p[key] is not None and ref else None
    return d
