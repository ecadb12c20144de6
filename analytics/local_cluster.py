"""A Spark standalone cluster on this machine (one master, one worker), from the pyspark package.

For the local demo (``scripts/run.sh --engine spark``), the Spark tests and ``python -m bench
--engine spark``. Every port is bound to 127.0.0.1 (SPARK_LOCAL_IP, --host, the master's REST
server off); nothing is downloaded: the master and worker are the jars the pyspark wheel ships,
started with its ``bin/spark-class``. Needs a Java runtime (Debian: default-jre-headless).

    python -m analytics.local_cluster [--cores 2] [--memory 2g]   # runs until interrupted
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on right now (the OS picks it)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    """A running local cluster: its master URL and the processes this module started."""

    master_url: str
    ui_url: str
    procs: list[subprocess.Popen]
    work_dir: Path

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in reversed(self.procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)


def _env(work: Path) -> dict[str, str]:
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        raise RuntimeError(
            "no Java runtime: Spark needs one (Debian: apt-get install default-jre-headless; scripts/install_java.sh)"
        )
    return {
        **os.environ,
        "SPARK_HOME": str(spark_home()),
        "SPARK_LOCAL_IP": HOST,
        "SPARK_LOCAL_HOSTNAME": HOST,
        "SPARK_LOG_DIR": str(work / "logs"),
        "SPARK_WORKER_DIR": str(work / "worker"),
        "SPARK_MASTER_OPTS": "-Dspark.master.rest.enabled=false",
        "SPARK_WORKER_OPTS": "-Dspark.worker.cleanup.enabled=true",
        "SPARK_DAEMON_MEMORY": os.environ.get("SPARK_DAEMON_MEMORY", "256m"),
    }


def _alive_workers(ui_url: str) -> int:
    with urllib.request.urlopen(f"{ui_url}/json/", timeout=2) as resp:
        return int(json.load(resp).get("aliveworkers", 0))


def start(cores: int = 2, memory: str = "2g", work_dir: Path | None = None, timeout: float = 180) -> Cluster:
    """Start a master and one worker on 127.0.0.1; returns once the worker has registered."""
    work = Path(work_dir or tempfile.mkdtemp(prefix="qm-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work)
    klass = str(spark_home() / "bin" / "spark-class")
    port, ui = free_port(), free_port()
    master_url, ui_url = f"spark://{HOST}:{port}", f"http://{HOST}:{ui}"
    procs: list[subprocess.Popen] = []
    with open(work / "master.log", "wb") as log:
        procs.append(
            subprocess.Popen(
                [
                    klass,
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    HOST,
                    "--port",
                    str(port),
                    "--webui-port",
                    str(ui),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    with open(work / "worker.log", "wb") as log:
        procs.append(
            subprocess.Popen(
                [
                    klass,
                    "org.apache.spark.deploy.worker.Worker",
                    "--host",
                    HOST,
                    "--port",
                    str(free_port()),
                    "--webui-port",
                    str(free_port()),
                    "--cores",
                    str(cores),
                    "--memory",
                    memory,
                    "--work-dir",
                    str(work / "worker"),
                    master_url,
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    cluster = Cluster(master_url, ui_url, procs, work)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p, name in zip(procs, ("master", "worker"), strict=True):
            if p.poll() is not None:
                cluster.stop()
                raise RuntimeError(f"spark {name} exited with {p.returncode}: see {work / (name + '.log')}")
        with contextlib.suppress(OSError, ValueError):
            if _alive_workers(ui_url) >= 1:
                return cluster
        time.sleep(0.5)
    cluster.stop()
    raise RuntimeError(f"the local Spark cluster did not come up within {timeout:.0f} s (logs in {work})")


@dataclass
class ConnectServer:
    """A running Spark Connect server: the ``sc://`` URL clients use (``QM_SPARK_REMOTE``) and its process."""

    remote: str
    proc: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_connect(
    master: str, work_dir: Path | None = None, driver_memory: str = "1g", timeout: float = 300
) -> ConnectServer:
    """Start a Spark Connect server (the driver) on 127.0.0.1 for `master` (a cluster's master URL or
    ``local[N]``), from the server jar the pyspark wheel ships; returns once its port accepts connections."""
    work = Path(work_dir or tempfile.mkdtemp(prefix="qm-spark-connect-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**_env(work), "SPARK_CONNECT_MODE": "0"}  # the server itself is a classic driver
    env.pop("SPARK_DAEMON_MEMORY")  # the server is a driver, not a daemon: it runs the queries' plans
    port = free_port()
    confs = {
        "spark.connect.grpc.binding.address": HOST,
        "spark.connect.grpc.binding.port": str(port),
        "spark.driver.host": HOST,
        "spark.driver.bindAddress": HOST,
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": os.environ.get("QM_SPARK_SHUFFLE_PARTITIONS", "8"),
        "spark.locality.wait": "0s",
    }
    cmd = [
        str(spark_home() / "bin" / "spark-submit"),
        "--class",
        "org.apache.spark.sql.connect.service.SparkConnectServer",
    ]
    cmd += ["--name", "qm-spark-connect", "--master", master, "--driver-memory", driver_memory]
    for k, v in confs.items():
        cmd += ["--conf", f"{k}={v}"]
    log = work / "connect.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = ConnectServer(f"sc://{HOST}:{port}", proc, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Spark Connect server exited with {proc.returncode}: see {log}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return server
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"the Spark Connect server did not listen within {timeout:.0f} s (log: {log})")


@contextlib.contextmanager
def running(cores: int = 2, memory: str = "2g") -> Iterator[Cluster]:
    cluster = start(cores, memory)
    try:
        yield cluster
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analytics.local_cluster", description=__doc__.splitlines()[0])
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--memory", default="2g")
    ap.add_argument("--url-file", type=Path, help="write the master URL there once the worker is up")
    args = ap.parse_args(argv)
    cluster = start(args.cores, args.memory)
    print(cluster.master_url, flush=True)
    if args.url_file:
        args.url_file.write_text(cluster.master_url + "\n", encoding="utf-8")
    stop = {"now": False}
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.__setitem__("now", True))
    try:
        while not stop["now"] and all(p.poll() is None for p in cluster.procs):
            time.sleep(0.5)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
