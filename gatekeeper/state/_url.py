"""The PostgreSQL connection URL: from a file or the environment, never the command line.

A URL carries its password, so it is read from a file only its owner can read (a
mounted secret, mode 600) or from ``$GATEKEEPER_DATABASE_URL``; a command-line
argument would show in every process listing. The file must be a regular file
(``docs/security.md``, "Only regular files, within bounds") of one line at most
``MAX_URL_BYTES``. Messages and start-up lines name the database with
:func:`redacted_url`, never with its password (``docs/security.md``, "The database
URL stays secret").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from gatekeeper.limits._files import open_regular
from gatekeeper.models._exceptions import InputError

DATABASE_URL_ENV = "GATEKEEPER_DATABASE_URL"
MAX_URL_BYTES = 4096
"""The longest URL file read (a URL is about 100 bytes)."""
SCHEMES = ("postgresql", "postgres")


def database_url(url_file: Path | None) -> str:
    """The URL in ``url_file``, else in ``$GATEKEEPER_DATABASE_URL``; refused naming its source."""
    if url_file is not None:
        where = f"--database-url-file {url_file}"
        return _checked(_read_url_file(Path(url_file), where), where)
    configured = os.environ.get(DATABASE_URL_ENV)
    if configured is None or not configured.strip():
        raise InputError(
            f"no PostgreSQL URL: give --database-url-file FILE (mode 600) or set "
            f"${DATABASE_URL_ENV}"
        )
    return _checked(configured.strip(), f"${DATABASE_URL_ENV}")


def _read_url_file(path: Path, where: str) -> str:
    """The file's one line; refused unless a small regular file only its owner can read."""
    try:
        fd = open_regular(path, "--database-url-file", InputError)
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    try:
        if os.fstat(fd).st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise InputError(f"{where}: readable by group or others; chmod 600 it")
        data = os.read(fd, MAX_URL_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_URL_BYTES:
        raise InputError(f"{where}: larger than {MAX_URL_BYTES} bytes (one URL is expected)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text") from exc
    lines = text.strip().splitlines()
    if len(lines) != 1:
        raise InputError(f"{where}: one line with the URL is expected, found {len(lines)}")
    return lines[0].strip()


def _checked(url: str, where: str) -> str:
    """``url`` when it is a ``postgresql://`` URL (named by ``where`` otherwise)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError as exc:
        raise InputError(f"{where}: not a valid URL ({exc})") from exc
    if parts.scheme not in SCHEMES:
        raise InputError(
            f"{where}: not a PostgreSQL URL (expected postgresql://USER:PASSWORD@HOST/DATABASE)"
        )
    return url


def redacted_url(url: str) -> str:
    """``url`` without its password (and query, which may carry one): for messages and logs."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "postgresql://(unparsable URL)"
    if ":" in host:
        host = f"[{host}]"
    user = f"{parts.username}@" if parts.username else ""
    if parts.password is not None:
        user = f"{parts.username or ''}:***@"
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))
