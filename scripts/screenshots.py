"""Full-page PNGs of every dashboard page, for the README and for reviewing the UI.

    python scripts/screenshots.py                    # build a warehouse from the bundled data, serve, shoot
    python scripts/screenshots.py --url http://localhost:8501   # shoot an app that is already running
    python scripts/screenshots.py --db data/warehouse/quality.duckdb --out /tmp/shots

Writes <out>/<page>.png for every page in Chinese (the default language) and
<out>/overview-en.png in English, 1400 px wide, in Debian's Chromium (Playwright's
own browser download does not work offline). Every request to a host other than
the app's own is blocked; the script fails if the app tried any, or if a page
shows a Streamlit exception, so a screenshot never hides a broken page.
Exit codes: 0 written, 1 a page failed, 2 no Chromium / bad arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics.i18n import t  # noqa: E402  (needs ROOT on sys.path)
from ui.local_browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from ui.local_server import streamlit_server  # noqa: E402

# (file stem, i18n key of the page's navigation title)
PAGES = (
    ("overview", "page_overview"),
    ("districts", "page_districts"),
    ("industries", "page_industries"),
    ("activity-types", "page_types"),
    ("records", "page_records"),
    ("data-status", "page_status"),
)
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 60_000
# A figure is ready when it drew at least one bar, line, polygon or heatmap image.
CHARTS_READY_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].every(gd => gd._fullLayout
    && gd.querySelectorAll('.cartesianlayer :is(.plot, .overplot) :is(path, image)').length > 0)"""
# Streamlit scrolls inside its own containers, so the document is only one viewport tall:
# measure the tallest scrolling part to size the viewport for a true full-page shot.
CONTENT_HEIGHT_JS = """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]',
    '[data-testid="stMainBlockContainer"]', '[data-testid="stSidebarContent"]']
    .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight), document.body.scrollHeight)"""


@contextlib.contextmanager
def serve(db: Path | None, workdir: Path) -> Iterator[str]:
    """Serve the dashboard on a free port; without `db`, first build one from the bundled data."""
    if db is None:
        db = workdir / "quality.duckdb"
        print(f"building {db} with the ETL (bundled sources + demo rows)...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "etl", "run", "--db", str(db), "--quiet"], cwd=ROOT, check=True)
    with streamlit_server("dashboard.py", workdir, env={"QM_DB": str(db)}) as server:
        yield server.url


def _nav_paths(page, url: str) -> dict[str, str]:
    """i18n key -> URL path of each page, read from the app's own navigation."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    links = page.locator("[data-testid='stSidebarNav'] a")
    found: dict[str, str] = {}
    for i in range(links.count()):
        words = links.nth(i).inner_text().split()
        for _stem, key in PAGES:
            if t(key, "zh") in words:
                found[key] = urlsplit(links.nth(i).get_attribute("href") or "").path.strip("/")
    missing = [key for _s, key in PAGES if key not in found]
    if missing:
        raise RuntimeError(f"{url}: the navigation lacks {missing}")
    return found


def _shoot(page, url: str, out: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stMain'] h2", timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_READY_JS, timeout=TIMEOUT_MS)
    errors = page.locator("[data-testid='stException']")
    if errors.count():
        raise RuntimeError(f"{url}: exception on the page: {errors.first.inner_text()[:500]}")
    height = int(page.evaluate(CONTENT_HEIGHT_JS)) + 40
    page.set_viewport_size({"width": width, "height": max(height, 800)})
    # plotly re-lays out on resize; let it settle, then make sure every chart is drawn again
    page.wait_for_timeout(800)
    page.wait_for_function(CHARTS_READY_JS, timeout=TIMEOUT_MS)
    page.wait_for_timeout(700)
    page.screenshot(path=str(out), full_page=True)


def take(url: str, out_dir: Path, width: int, chromium: str) -> list[Path]:
    """Write one PNG per page (Chinese) plus the English overview; returns the files written.

    Raises:
        RuntimeError: a page showed an exception or the app requested something off-machine.
    """
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    app_host = urlsplit(url).hostname
    offsite: list[str] = []
    written: list[Path] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in (app_host, "localhost", "127.0.0.1"):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort("blockedbyclient")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": 1000},
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
                device_scale_factor=1,
            )
            context.route("**/*", guard)
            page = context.new_page()
            paths = _nav_paths(page, url)
            shots = [(stem, paths[key], "") for stem, key in PAGES] + [
                ("overview-en", paths["page_overview"], "lang=en")
            ]
            for stem, path, query in shots:
                # a new page per shot: a fresh session, so no widget state leaks between shots
                page.close()
                page = context.new_page()
                target = out_dir / f"{stem}.png"
                _shoot(page, f"{url.rstrip('/')}/{path}" + (f"?{query}" if query else ""), target, width)
                written.append(target)
                print(f"wrote {target}", file=sys.stderr)
        finally:
            browser.close()
    if offsite:
        raise RuntimeError(f"the app requested hosts outside this machine: {sorted(set(offsite))}")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running dashboard (default: start one)")
    parser.add_argument("--db", type=Path, help="warehouse to serve when starting one (default: build a fresh one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="output folder")
    parser.add_argument("--width", type=int, default=1400, help="viewport width in px (default 1400)")
    parser.add_argument("--chromium", help="Chromium executable (default: $QM_CHROMIUM or /usr/bin/chromium)")
    args = parser.parse_args(argv)
    chromium = chromium_path(args.chromium)
    if chromium is None:
        print(
            "screenshots: no Chromium found (apt-get install chromium fonts-noto-cjk, or --chromium)", file=sys.stderr
        )
        return 2
    if args.db is not None and not args.db.is_file():
        print(f"screenshots: --db {args.db}: no such file", file=sys.stderr)
        return 2
    try:
        if args.url:
            take(args.url, args.out, args.width, chromium)
        else:
            with tempfile.TemporaryDirectory(prefix="qm-shots-") as tmp, serve(args.db, Path(tmp)) as url:
                take(url, args.out, args.width, chromium)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
