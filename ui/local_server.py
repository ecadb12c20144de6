"""A Streamlit app served on this machine: ``streamlit run`` on a free 127.0.0.1 port, until stopped.

For what runs the dashboard (or a bench page) as a real server and drives it: the browser
benchmark (``bench/browser_bench.py``), ``scripts/screenshots.py`` and the browser tests. The
server is a child process; this module imports no streamlit.

    with streamlit_server("dashboard.py", log_dir, env={"QM_DB": str(db)}) as server:
        ...  # server.url answers /_stcore/health

Everything the server writes goes to ``<log_dir>/streamlit-<script stem>-<port>.log``. A server
that exits or does not answer its health check within ``START_TIMEOUT_S`` raises
:class:`ServerDidNotStart` with its log; on leaving the block it is terminated (killed when it
does not exit within ``STOP_TIMEOUT_S``).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analytics.local_cluster import HOST, free_port
from domain.config import ROOT

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
HEALTH_PATH = "/_stcore/health"


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not answer its health check in time (the message holds its log)."""


@dataclass
class Server:
    """A running ``streamlit run``: where it answers, its process and its log file."""

    url: str
    port: int
    log: Path
    proc: subprocess.Popen = field(repr=False)

    def page_url(self, path: str = "", query: str = "") -> str:
        """Absolute URL of a page (its url_path, ``"districts"``...) with an optional query string."""
        return f"{self.url}/{path}" + (f"?{query}" if query else "")

    def log_text(self) -> str:
        """Everything the server wrote so far (stdout and stderr)."""
        return _text(self.log)


def streamlit_command(script: str, port: int, *, pinned: bool = True, extra: Sequence[str] = ()) -> list[str]:
    """``streamlit run script`` headless on `port`, with the file watcher off.

    Args:
        pinned: also bind to 127.0.0.1 and turn usage statistics and run-on-save off on the
            command line; False leaves those to ``.streamlit/config.toml`` (as ``scripts/run.sh``).
        extra: more ``--option value`` arguments (e.g. ``--secrets.files PATH``).
    """
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    if pinned:
        cmd += ["--server.address", HOST]
    cmd += ["--server.headless", "true"]
    if pinned:
        cmd += ["--browser.gatherUsageStats", "false"]
    cmd += ["--server.fileWatcherType", "none"]
    if pinned:
        cmd += ["--server.runOnSave", "false"]
    return [*cmd, *extra]


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_S) -> None:
    """Return once `url` answers its health check.

    Raises:
        ServerDidNotStart: `proc` exited first, or `timeout` seconds passed (with the log's text).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerDidNotStart(f"streamlit exited with {proc.returncode} before answering:\n{_text(log)}")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(url + HEALTH_PATH, timeout=2) as resp,
        ):
            if resp.status == 200:
                return
        time.sleep(0.2)
    raise ServerDidNotStart(f"streamlit did not answer {url}{HEALTH_PATH} within {timeout:.0f} s:\n{_text(log)}")


def stop(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """Terminate `proc`; kill it when it has not exited after `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


@contextlib.contextmanager
def streamlit_server(
    script: str,
    log_dir: Path,
    *,
    port: int | None = None,
    env: Mapping[str, str | None] | None = None,
    pinned: bool = True,
    extra: Sequence[str] = (),
    timeout: float | None = START_TIMEOUT_S,
    cwd: Path | None = None,
) -> Iterator[Server]:
    """Start ``streamlit run script``, entered once it answers its health check; stopped when the block exits.

    Args:
        script: the app, relative to the repository root (the server's working directory).
        cwd: serve from another checkout of the repository (its root) instead of this one.
        log_dir: where the server's log file is written.
        port: the port to serve on; a free one when None.
        env: variables set over this process's environment (``None`` removes one);
            ``PYTHONUNBUFFERED=1`` is always set, so the log is current.
        pinned, extra: see :func:`streamlit_command`.
        timeout: seconds to wait for the health check; None enters at once (the caller waits its own way).

    Raises:
        ServerDidNotStart: it exited or did not answer within `timeout` seconds.
    """
    port = free_port() if port is None else port
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    log = Path(log_dir) / f"streamlit-{Path(script).stem}-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            streamlit_command(script, port, pinned=pinned, extra=extra),
            cwd=cwd or ROOT,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://{HOST}:{port}", port=port, log=log, proc=proc)
    try:
        if timeout is not None:
            wait_healthy(server.url, proc, log, timeout)
        yield server
    finally:
        stop(proc)


def _text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")
