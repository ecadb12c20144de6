"""The headless Chromium that views a locally served app: Debian's, driven by Playwright.

For the browser benchmark (``bench/browser_bench.py``), ``scripts/screenshots.py`` and the browser
tests. Playwright's own browser download does not work offline, so the executable is the system's
(``apt-get install chromium``); nothing here imports Playwright.
"""

from __future__ import annotations

import os
import shutil

# Headless in a container: no sandbox or GPU, nothing fetched in the background, /tmp not /dev/shm.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path(given: str | None = None) -> str | None:
    """The Chromium executable to drive: `given`, else ``$QM_CHROMIUM``, else ``/usr/bin/chromium``, else
    ``chromium`` or ``chromium-browser`` on PATH; None when this machine has none."""
    for candidate in (
        given,
        os.environ.get("QM_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None
