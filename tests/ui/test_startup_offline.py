"""Issue 14, rough edge 11: a dashboard started as scripts/run.sh starts it contacts no outside address.

The server runs with the repository's .streamlit/config.toml and no --server.address (the
configuration operators run), under a ``sitecustomize`` that records and refuses every name
lookup and connection to a non-loopback host and keeps every listening socket on loopback (tests
never bind beyond 127.0.0.1). Before the fix Streamlit, headless, asked checkip.amazonaws.com for
the external IP and connected a UDP socket towards 8.8.8.8 to learn the internal one.
"""

from __future__ import annotations

import os
import time
import urllib.request

import pytest

from ui.local_server import HEALTH_PATH, streamlit_server

SITECUSTOMIZE = """
import os
import socket

_LOG = os.environ["QM_NET_LOG"]


def _local(host):
    host = "" if host is None else str(host)
    return host in ("", "localhost", "0.0.0.0", "::", "::1") or host.startswith("127.")


def _note(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(what + "\\n")


_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _note(f"getaddrinfo {host}")
        raise socket.gaierror(socket.EAI_NONAME, "blocked by the test")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_bind = socket.socket.bind


def connect(self, address):
    if isinstance(address, tuple) and not _local(address[0]):
        _note(f"connect {address[0]}:{address[1]}")
        raise OSError("blocked by the test")
    return _connect(self, address)


def connect_ex(self, address):
    if isinstance(address, tuple) and not _local(address[0]):
        _note(f"connect_ex {address[0]}:{address[1]}")
        return 111
    return _connect_ex(self, address)


def bind(self, address):
    # Listen on loopback only, whatever the server asks for.
    if isinstance(address, tuple) and address[0] in ("", "0.0.0.0", "::"):
        address = ("::1" if self.family == socket.AF_INET6 else "127.0.0.1", *address[1:])
    return _bind(self, address)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.bind = bind
"""


def test_startup_contacts_no_outside_address(tmp_path, built_db) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    net_log = tmp_path / "net.log"
    net_log.touch()
    env = {
        "QM_DB": str(built_db),
        "QM_NET_LOG": str(net_log),
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "STREAMLIT_BROWSER_SERVER_ADDRESS": None,
    }
    # The command of scripts/run.sh (config from .streamlit/config.toml, no --server.address), on a free port.
    with streamlit_server("dashboard.py", tmp_path, env=env, pinned=False, timeout=None) as server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.proc.poll() is None, server.log_text()
            if "URL:" in server.log_text():
                break
            time.sleep(0.3)
        else:
            pytest.fail(f"no URL printed within 60 s:\n{server.log_text()}")
        # Uvicorn listens on "::" (both stacks) without --server.address; kept on ::1 above.
        with urllib.request.urlopen(f"http://[::1]:{server.port}{HEALTH_PATH}", timeout=10) as resp:
            assert resp.status == 200
        time.sleep(2.5)  # Streamlit's lookups time out after 1 s each; let any of them happen
    attempts = net_log.read_text(encoding="utf-8").splitlines()
    assert attempts == [], f"the server tried to reach outside addresses: {attempts}"
    assert "External URL" not in server.log_text()
