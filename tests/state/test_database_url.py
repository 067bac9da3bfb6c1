"""The PostgreSQL URL: from a private regular file or the environment, never shown
with its password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gatekeeper.models._exceptions import InputError
from gatekeeper.state._url import DATABASE_URL_ENV, MAX_URL_BYTES, database_url, redacted_url

URL = "postgresql://gate:s3cret@db.example:5433/gatekeeper?sslmode=verify-full"


def _url_file(folder: Path, text: str, mode: int = 0o600) -> Path:
    path = folder / "database-url"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_success_the_file_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://other@elsewhere/db")
    assert database_url(_url_file(tmp_path, URL + "\n")) == URL


def test_success_the_environment_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f" {URL}\n")
    assert database_url(None) == URL


def test_fail_no_source_names_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    with pytest.raises(InputError, match=r"--database-url-file FILE .* \$GATEKEEPER_DATABASE_URL"):
        database_url(None)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620])
def test_fail_a_file_others_may_read_or_write(tmp_path: Path, mode: int) -> None:
    path = _url_file(tmp_path, URL, mode)
    with pytest.raises(InputError, match=f"--database-url-file {path}: readable by group or"):
        database_url(path)


def test_fail_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "url.fifo"
    os.mkfifo(fifo, 0o600)
    with pytest.raises(InputError, match="a FIFO, not a regular file"):
        database_url(fifo)


def test_fail_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a character device"):
        database_url(Path("/dev/zero"))


def test_fail_a_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "none"
    with pytest.raises(InputError, match=f"--database-url-file {missing}: cannot read"):
        database_url(missing)


def test_fail_a_large_file(tmp_path: Path) -> None:
    path = _url_file(tmp_path, "postgresql://x/" + "a" * MAX_URL_BYTES)
    with pytest.raises(InputError, match=f"larger than {MAX_URL_BYTES} bytes"):
        database_url(path)


@pytest.mark.parametrize("text", ["", "\n\n", f"{URL}\n{URL}\n"])
def test_fail_not_one_line(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError, match="one line with the URL is expected"):
        database_url(_url_file(tmp_path, text))


@pytest.mark.parametrize(
    "text", ["https://db.example/gatekeeper", "host=db password=x", "postgresql://h:99999/db"]
)
def test_fail_not_a_postgresql_url(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError, match=r"--database-url-file .*: not a"):
        database_url(_url_file(tmp_path, text))


def test_fail_a_bad_url_in_the_environment_names_it_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "mysql://root:hunter2@db/x")
    with pytest.raises(InputError, match=r"\$GATEKEEPER_DATABASE_URL: not a PostgreSQL URL") as e:
        database_url(None)
    assert "hunter2" not in str(e.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (URL, "postgresql://gate:***@db.example:5433/gatekeeper"),
        ("postgresql://gate@db/x", "postgresql://gate@db/x"),
        ("postgres://u:p@[::1]:5432/x", "postgres://u:***@[::1]:5432/x"),
        ("postgresql://db/x?password=p", "postgresql://db/x"),
        ("postgresql://u:p@h:bad/x", "postgresql://(unparsable URL)"),
    ],
)
def test_success_redacted_url_never_shows_the_password(url: str, shown: str) -> None:
    assert redacted_url(url) == shown
