"""Fail closed: every fault gives an EngineError / PolicyError naming its cause.

The opa-server faults are produced by real OPA processes (stopped, started
without the policy, token authentication with ``system.authz``, a policy whose
evaluation fails with a 500) and a real loopback socket that accepts and never
answers. The opa-cli faults use the real binary, a missing path, and small
real executables that fail or hang.
"""

from __future__ import annotations

import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.models._exceptions import EngineError, GatekeeperError, PolicyError
from gatekeeper.policy._files import PolicySet
from tests.conftest import loopback_server

if TYPE_CHECKING:
    from tests.conftest import OpaServerFactory

MakePolicy = Callable[..., PolicySet]
DOC = {"gate": "rollout", "metrics": {"error_rate": 0.001}, "ratio": 1}

BROKEN_SYNTAX = "package gatekeeper.main\n\ndecision := if {\n"
CONFLICT = (
    'package gatekeeper.main\n\ndecision := {"a": 1} if input.gate\n\n'
    'decision := {"a": 2} if input.gate\n'
)
STRING_RESULT = 'package gatekeeper.main\n\ndecision := "allow"\n'
MISSING_KEYS = 'package gatekeeper.main\n\ndecision := {"gate": "rollout", "allow": true}\n'
UNDEFINED = 'package gatekeeper.main\n\ndecision := {"gate": 1} if input.never\n'
DIVIDE_BY_ZERO = (
    'package gatekeeper.main\n\ndecision := {"gate": input.gate, "x": 1 / input.zero}\n'
)


def _module(source: str) -> dict[str, str]:
    return {"gatekeeper/main/main.rego": source}


# -- the same faults in the two local engines ------------------------------------------


@pytest.fixture(params=["embedded", "opa-cli"])
def local_engine(request: pytest.FixtureRequest, opa_binary: str) -> str:
    return str(request.param)


def _open_local(name: str, policy: PolicySet, opa_binary: str) -> object:
    return open_engine(name, policy, EngineOptions(opa_binary=opa_binary))


@pytest.mark.opa
def test_policy_compile_error(local_engine: str, make_policy: MakePolicy, opa_binary: str) -> None:
    policy = make_policy(_module(BROKEN_SYNTAX))
    with pytest.raises(PolicyError, match=rf"{local_engine}: policy compile error: .*main\.rego:3"):
        engine = open_engine(local_engine, policy, EngineOptions(opa_binary=opa_binary))
        engine.evaluate(DOC)


@pytest.mark.opa
@pytest.mark.parametrize(
    ("source", "pattern"),
    [
        (UNDEFINED, r"undefined decision: data\.gatekeeper\.main\.decision gave no result"),
        (STRING_RESULT, r"result of the wrong type: .* returned a string 'allow'"),
        (MISSING_KEYS, r"result of the wrong type: the decision object lacks action, violations"),
        (CONFLICT, r"(conflicting values|multiple outputs|assignment conflict)"),
        (DIVIDE_BY_ZERO, r"(divide by zero|div)"),
    ],
    ids=["undefined", "string", "missing-keys", "conflict", "builtin-error"],
)
def test_bad_results_fail_closed(
    local_engine: str, make_policy: MakePolicy, opa_binary: str, source: str, pattern: str
) -> None:
    engine = open_engine(
        local_engine, make_policy(_module(source)), EngineOptions(opa_binary=opa_binary)
    )
    if local_engine == "embedded" and source == DIVIDE_BY_ZERO:
        # OPA's Wasm has no strict built-in errors: 1 / 0 is undefined, so is the
        # decision, and the engine still refuses to decide (docs/engines.md)
        pattern = "undefined decision"
    with pytest.raises(EngineError, match=rf"^{local_engine}: .*{pattern}"):
        engine.evaluate({**DOC, "zero": 0})
    engine.close()


def test_closed_embedded_engine_refuses(tiny_policy: PolicySet) -> None:
    engine = open_engine("embedded", tiny_policy)
    engine.close()
    with pytest.raises(EngineError, match="the engine is closed"):
        engine.evaluate(DOC)


def test_input_with_nan_is_refused(tiny_policy: PolicySet) -> None:
    engine = open_engine("embedded", tiny_policy)
    with pytest.raises(EngineError, match="input is not JSON"):
        engine.evaluate({"gate": "rollout", "ratio": float("nan")})


# -- opa-cli: the binary itself ------------------------------------------------------------


def _executable(path: Path, script: str) -> Path:
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_missing_opa_binary(tiny_policy: PolicySet, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-opa")
    with pytest.raises(
        EngineError, match=rf"opa binary not found: {missing} \(from --opa-binary\)"
    ):
        open_engine("opa-cli", tiny_policy, EngineOptions(opa_binary=missing))


def test_missing_opa_binary_from_environment(
    tiny_policy: PolicySet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEKEEPER_OPA", str(tmp_path / "gone"))
    with pytest.raises(
        EngineError, match=r"opa binary not found: .*gone \(from \$GATEKEEPER_OPA\)"
    ):
        open_engine("opa-cli", tiny_policy)


def test_no_opa_anywhere(
    tiny_policy: PolicySet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GATEKEEPER_OPA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("GOPATH", str(tmp_path / "gopath"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(EngineError, match="opa binary not found: not on PATH, nor in"):
        open_engine("opa-cli", tiny_policy)


def test_failing_opa_binary(tiny_policy: PolicySet, tmp_path: Path) -> None:
    fake = _executable(tmp_path / "opa", "#!/bin/sh\necho 'opa: segmentation fault' >&2\nexit 3\n")
    engine = open_engine("opa-cli", tiny_policy, EngineOptions(opa_binary=str(fake)))
    with pytest.raises(EngineError, match=r"opa eval failed \(exit 3\): opa: segmentation fault"):
        engine.evaluate(DOC)
    with pytest.raises(EngineError, match=r"failed \(exit 3\)"):
        engine.version()


def test_hanging_opa_binary_times_out(tiny_policy: PolicySet, tmp_path: Path) -> None:
    fake = _executable(tmp_path / "opa", "#!/bin/sh\nexec sleep 30\n")
    options = EngineOptions(opa_binary=str(fake), timeout_seconds=0.5)
    engine = open_engine("opa-cli", tiny_policy, options)
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"opa eval gave no answer within 0\.5s"):
        engine.evaluate(DOC)
    assert time.monotonic() - started < 10


# -- opa-server: real servers ----------------------------------------------------------------


@pytest.mark.opa
def test_stopped_server_is_unreachable(
    opa_server: OpaServerFactory, tiny_policy: PolicySet
) -> None:
    server = opa_server()
    engine = open_engine("opa-server", tiny_policy, EngineOptions(opa_url=server.url))
    assert engine.evaluate(DOC)["action"] == "continue"
    server.stop()
    with pytest.raises(EngineError, match=rf"opa-server: OPA server unreachable at {server.url}"):
        engine.evaluate(DOC)
    with pytest.raises(EngineError, match=r"unreachable .*\(upload: policy listing"):
        open_engine("opa-server", tiny_policy, EngineOptions(opa_url=server.url))
    query_only = open_engine(
        "opa-server", tiny_policy, EngineOptions(opa_url=server.url, upload_policy=False)
    )
    with pytest.raises(EngineError, match=r"unreachable .*\(query; 2 connect retries\)"):
        query_only.evaluate(DOC)


@pytest.mark.opa
def test_server_without_the_policy(opa_server: OpaServerFactory, tiny_policy: PolicySet) -> None:
    server = opa_server()
    engine = open_engine(
        "opa-server", tiny_policy, EngineOptions(opa_url=server.url, upload_policy=False)
    )
    with pytest.raises(EngineError, match=r"undefined decision: .*the policy is not loaded there"):
        engine.evaluate(DOC)


@pytest.mark.opa
@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["missing-token", "wrong-token"])
def test_token_server_refuses_bad_token(
    opa_server: OpaServerFactory,
    tiny_policy: PolicySet,
    token: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GATEKEEPER_OPA_TOKEN", raising=False)
    server = opa_server(token="s3cret")
    options = EngineOptions(opa_url=server.url, opa_token=token, upload_policy=False)
    engine = open_engine("opa-server", tiny_policy, options)
    with pytest.raises(
        EngineError, match=r"opa-server: 401 unauthorized: .*check the bearer token"
    ):
        engine.evaluate(DOC)
    with pytest.raises(EngineError, match=r"401 unauthorized: .*refused the upload"):
        open_engine("opa-server", tiny_policy, EngineOptions(opa_url=server.url, opa_token=token))


@pytest.mark.opa
def test_token_server_accepts_the_token_from_the_environment(
    opa_server: OpaServerFactory, tiny_policy: PolicySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = opa_server(token="s3cret")
    monkeypatch.setenv("GATEKEEPER_OPA_TOKEN", "s3cret")
    engine = open_engine("opa-server", tiny_policy, EngineOptions(opa_url=server.url))
    assert engine.evaluate(DOC)["action"] == "continue"
    assert engine.version().startswith("opa 1.")


@pytest.fixture
def silent_socket() -> Iterator[tuple[str, list[socket.socket]]]:
    """A loopback socket that accepts connections and never answers."""
    accepted: list[socket.socket] = []

    def keep(connection: socket.socket, stop: threading.Event) -> None:
        accepted.append(connection)

    with loopback_server(keep) as url:
        yield url, accepted
    for connection in accepted:
        connection.close()


def test_server_that_never_answers_times_out_without_retry(
    silent_socket: tuple[str, list[socket.socket]], tiny_policy: PolicySet
) -> None:
    url, accepted = silent_socket
    options = EngineOptions(
        opa_url=url, upload_policy=False, timeout_seconds=0.5, connect_retries=3
    )
    engine = open_engine("opa-server", tiny_policy, options)
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"client time-out: .* within 0\.5s .*not retried"):
        engine.evaluate(DOC)
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    assert len(accepted) == 1, "a request that was sent must never be retried"


@pytest.mark.opa
def test_server_error_500(opa_server: OpaServerFactory, make_policy: MakePolicy) -> None:
    conflict = make_policy(_module(CONFLICT))
    server = opa_server(conflict.root)
    engine = open_engine(
        "opa-server", conflict, EngineOptions(opa_url=server.url, upload_policy=False)
    )
    with pytest.raises(
        EngineError, match=r"server error 500 .*internal_error: .*eval_conflict_error"
    ):
        engine.evaluate(DOC)


@pytest.mark.opa
@pytest.mark.parametrize(
    ("source", "pattern"),
    [
        (STRING_RESULT, "returned a string 'allow', expected a decision object"),
        (MISSING_KEYS, "the decision object lacks action"),
    ],
    ids=["string", "missing-keys"],
)
def test_server_result_of_the_wrong_type(
    opa_server: OpaServerFactory, make_policy: MakePolicy, source: str, pattern: str
) -> None:
    policy = make_policy(_module(source))
    server = opa_server(policy.root)
    engine = open_engine(
        "opa-server", policy, EngineOptions(opa_url=server.url, upload_policy=False)
    )
    with pytest.raises(EngineError, match=rf"opa-server: result of the wrong type: .*{pattern}"):
        engine.evaluate(DOC)


@pytest.mark.opa
def test_upload_of_a_broken_policy(opa_server: OpaServerFactory, make_policy: MakePolicy) -> None:
    server = opa_server()
    with pytest.raises(PolicyError, match=r"opa-server: policy compile error .*rego_parse_error"):
        open_engine(
            "opa-server", make_policy(_module(BROKEN_SYNTAX)), EngineOptions(opa_url=server.url)
        )


def test_every_fault_is_exit_code_2() -> None:
    for error in (EngineError, PolicyError):
        assert issubclass(error, GatekeeperError)
        assert error("x").exit_code == 2


@pytest.mark.opa
def test_tls_needs_the_ca_file(
    opa_server: OpaServerFactory, tiny_policy: PolicySet, tmp_path: Path
) -> None:
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = opa_server(
        extra_args=["--tls-cert-file", str(cert), "--tls-private-key-file", str(key)],
        scheme="https",
        ca_file=str(cert),
    )
    https_url = server.url
    with pytest.raises(EngineError, match=r"unreachable .*CERTIFICATE_VERIFY_FAILED"):
        open_engine("opa-server", tiny_policy, EngineOptions(opa_url=https_url))
    engine = open_engine(
        "opa-server", tiny_policy, EngineOptions(opa_url=https_url, ca_file=str(cert))
    )
    assert engine.evaluate(DOC)["action"] == "continue"
    with pytest.raises(EngineError, match="CA file"):
        open_engine(
            "opa-server",
            tiny_policy,
            EngineOptions(opa_url=https_url, ca_file=str(tmp_path / "none.pem")),
        )


def test_environment_url_is_used(tiny_policy: PolicySet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEKEEPER_OPA_URL", "http://127.0.0.1:9")
    options = EngineOptions(upload_policy=False, connect_retries=0)
    engine = open_engine("opa-server", tiny_policy, options)
    with pytest.raises(EngineError, match=r"unreachable at http://127\.0\.0\.1:9 "):
        engine.evaluate(DOC)


ARITY_A = "package gatekeeper.a\n\nx := _f(1, 2)\n\n_f(a, b) := a + b\n"
ARITY_B = "package gatekeeper.b\n\ny := _f(1, 2, 3)\n\n_f(a, b, c) := (a * b) * c\n"
ARITY_MAIN = "package gatekeeper.main\n\ndecision := [data.gatekeeper.a.x, data.gatekeeper.b.y]\n"


@pytest.mark.opa
def test_same_name_functions_of_different_arity_evaluate_as_in_opa(
    make_policy: MakePolicy, opa_binary: str
) -> None:
    """Two packages each with their own ``_f`` (arity 2 and 3): OPA semantics, no crash."""
    policy = make_policy(
        {
            "gatekeeper/a.rego": ARITY_A,
            "gatekeeper/b.rego": ARITY_B,
            "gatekeeper/main.rego": ARITY_MAIN,
        }
    )
    engine = open_engine("embedded", policy, EngineOptions(opa_binary=opa_binary))
    with pytest.raises(EngineError, match=r"wrong type: .* returned an array \[3, 6\]"):
        engine.evaluate(DOC)
