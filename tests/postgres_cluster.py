"""A real PostgreSQL for the tests: initdb and pg_ctl in a temporary folder.

The server listens on loopback only, on a free port, with password
(scram-sha-256) authentication, and is stopped when the fixture ends. ``initdb``
refuses to run as root, so as root the cluster runs as the package's
``postgres`` user. Missing PostgreSQL skips the tests, except under ``CI=true``,
where it fails them.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "gatekeeper"
DATABASE = "gatekeeper"


@dataclass(frozen=True)
class Cluster:
    """A running PostgreSQL: its connection URL (with the password) and data folder."""

    url: str
    port: int
    folder: Path

    def database_url(self, database: str) -> str:
        """The URL of another database on the same server."""
        return self.url.rsplit("/", 1)[0] + "/" + database


def postgres_bin() -> Path | None:
    """The folder of initdb/pg_ctl (Debian keeps them out of PATH), newest version first."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(found[0]).parent if found else None


def require_postgres() -> Path:
    """The binaries, or skip (fail under CI=true) naming what is missing."""
    folder = postgres_bin()
    if folder is None:
        from tests.conftest import missing  # tests.conftest imports this module's fixtures

        missing("PostgreSQL is missing: install the postgresql package (initdb, pg_ctl)")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    """Run as the ``postgres`` user when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a fresh cluster with one database and user; stop and remove it afterwards."""
    binaries = require_postgres()
    folder = Path(tempfile.mkdtemp(prefix="gatekeeper-pg-"))
    data = folder / "data"
    password = secrets.token_hex(16)
    password_file = folder / "password"
    password_file.write_text(password + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, password_file):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    folder.chmod(0o700)
    password_file.chmod(0o600)
    port = _free_port()
    initdb = [
        str(binaries / "initdb"),
        "-D", str(data), "-U", USER, "--pwfile", str(password_file),
        "--auth-host", "scram-sha-256", "--auth-local", "scram-sha-256",
        "-E", "UTF8", "--no-instructions",
    ]  # fmt: skip
    subprocess.run(_as_owner(initdb), check=True, capture_output=True, timeout=120)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=on"
    start = [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
             str(folder / "server.log"), "-w", "-t", "60", "start"]  # fmt: skip
    subprocess.run(_as_owner(start), check=True, capture_output=True, timeout=90)
    try:
        url = f"postgresql://{USER}:{password}@127.0.0.1:{port}/postgres"
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        yield Cluster(url=url.rsplit("/", 1)[0] + "/" + DATABASE, port=port, folder=folder)
    finally:
        stop = [str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
        subprocess.run(_as_owner(stop), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _pg_ctl(cluster: Cluster, *args: str) -> None:
    binaries = require_postgres()
    command = [str(binaries / "pg_ctl"), "-D", str(cluster.folder / "data"), *args]
    subprocess.run(_as_owner(command), check=True, capture_output=True, timeout=90)


def stop_cluster(cluster: Cluster) -> None:
    """Stop the server at once (every connection is cut), as a crash would."""
    _pg_ctl(cluster, "-m", "immediate", "-w", "stop")


def restart_cluster(cluster: Cluster) -> None:
    """Stop the server (if running) and start it again on the same port."""
    if _running(cluster):
        stop_cluster(cluster)
    options = f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {cluster.folder}"
    _pg_ctl(cluster, "-o", options, "-l", str(cluster.folder / "server.log"), "-w", "start")


def _running(cluster: Cluster) -> bool:
    binaries = require_postgres()
    status = [str(binaries / "pg_ctl"), "-D", str(cluster.folder / "data"), "status"]
    return subprocess.run(_as_owner(status), capture_output=True, timeout=30).returncode == 0


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """One real PostgreSQL server for the session (tests make their own databases)."""
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """A fresh, empty database on the session's server, for one test."""
    import psycopg

    name = f"t_{secrets.token_hex(6)}"
    admin = postgres_cluster.database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return postgres_cluster.database_url(name)
