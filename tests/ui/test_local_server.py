"""ui/local_server.py: the one way bench, scripts and tests start and stop a Streamlit server."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from ui.local_server import ServerDidNotStart, free_port, streamlit_command, streamlit_server


def test_free_port_is_bindable() -> None:
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_command_pins_the_address_unless_asked_not_to() -> None:
    pinned = streamlit_command("dashboard.py", 8765, extra=["--secrets.files", "/tmp/s.toml"])
    assert pinned[:5] == [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
    options = dict(zip(pinned[5::2], pinned[6::2], strict=True))
    assert options == {
        "--server.port": "8765",
        "--server.address": "127.0.0.1",
        "--server.headless": "true",
        "--browser.gatherUsageStats": "false",
        "--server.fileWatcherType": "none",
        "--server.runOnSave": "false",
        "--secrets.files": "/tmp/s.toml",
    }
    # scripts/run.sh's command: the rest comes from .streamlit/config.toml
    bare = streamlit_command("dashboard.py", 8765, pinned=False)
    assert bare[5:] == ["--server.port", "8765", "--server.headless", "true", "--server.fileWatcherType", "none"]


def test_serves_until_the_block_exits_with_the_environment_given(tmp_path: Path, monkeypatch) -> None:
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\n\nst.write('hello')\n", encoding="utf-8")
    monkeypatch.setenv("QM_GONE", "inherited")
    with streamlit_server(str(app), tmp_path, env={"QM_X": "given", "QM_GONE": None}) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.log.parent == tmp_path and server.log.name == f"streamlit-app-{server.port}.log"
        with urllib.request.urlopen(server.page_url(query="a=1"), timeout=10) as resp:
            assert resp.status == 200
        environ = Path(f"/proc/{server.proc.pid}/environ").read_bytes().split(b"\0")
        assert b"QM_X=given" in environ and b"PYTHONUNBUFFERED=1" in environ
        assert not any(v.startswith(b"QM_GONE=") for v in environ)
        assert server.proc.poll() is None
    assert server.proc.poll() is not None  # stopped on leaving the block
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=2):
        pass


def test_a_server_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    with (
        pytest.raises(ServerDidNotStart, match="exited with") as err,
        streamlit_server(str(tmp_path / "missing.py"), tmp_path, timeout=30),
    ):
        pass
    assert "missing.py" in str(err.value)  # the log names what went wrong


def test_stop_kills_what_ignores_terminate(tmp_path: Path) -> None:
    from ui.local_server import stop

    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print(1, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    proc.stdout.readline()  # the handler is installed
    stop(proc, timeout=1)
    assert proc.returncode == -9
