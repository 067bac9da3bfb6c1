"""The opa-server engine: a running OPA server over its REST API, with httpx.

``load_policy=True`` uploads gatekeeper's modules (``PUT /v1/policies/gatekeeper/<file>``)
and data (``PUT /v1/data/gatekeeper/<key>``, one subtree per key so other data on
the server is left alone) when the engine opens; ``load_policy=False`` queries a
server that already serves the policy (from a bundle). Each decision is
``POST /v1/data/gatekeeper/main/decision`` on one keep-alive connection.

Why httpx and not opa-python-client 3.0.0: that client is built on ``requests``
(a second HTTP stack), takes host/port/ssl-flag instead of a URL (no path prefix,
no CA-file option), retries 500/502/504 answers and idempotent requests after a
read error (we must retry connect errors only), and re-writes a rejected policy
to v1 syntax and uploads it again (we must fail on a compile error). See
``docs/engines.md``.

Every failure is an :class:`EngineError` (a rejected policy upload: ``PolicyError``)
whose message names the cause: unreachable, time-out, 401/403, 5xx, no result,
wrong result type.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from gatekeeper._exceptions import EngineError, PolicyError
from gatekeeper._jsontext import dumps_exact
from gatekeeper._policy_files import ENTRYPOINT, PolicySet
from gatekeeper.engines._deadline import deadline, with_deadlines
from gatekeeper.engines._protocol import EngineOptions
from gatekeeper.engines._result import require_decision, undefined_decision

if TYPE_CHECKING:
    import httpx

NAME = "opa-server"
OPA_URL_ENV = "GATEKEEPER_OPA_URL"
OPA_TOKEN_ENV = "GATEKEEPER_OPA_TOKEN"
DEFAULT_OPA_URL = "http://127.0.0.1:8181"
POLICY_ID_PREFIX = "gatekeeper"


class OpaServerEngine:
    """Asks an OPA server for each decision over one keep-alive HTTP client."""

    name = NAME

    def __init__(self, policy: PolicySet, options: EngineOptions | None = None) -> None:
        import httpx

        self._httpx = httpx
        self._options = options or EngineOptions()
        self.url = (self._options.opa_url or os.environ.get(OPA_URL_ENV) or DEFAULT_OPA_URL).rstrip(
            "/"
        )
        token = self._options.opa_token or os.environ.get(OPA_TOKEN_ENV)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        verify: Any = True
        if self._options.ca_file:
            import ssl

            try:
                verify = ssl.create_default_context(cafile=self._options.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise EngineError(f"{NAME}: CA file {self._options.ca_file}: {exc}") from exc
        self._client = httpx.Client(
            base_url=self.url,
            headers=headers,
            timeout=httpx.Timeout(self._options.timeout_seconds),
            verify=verify,
            transport=with_deadlines(
                httpx.HTTPTransport(retries=max(0, self._options.connect_retries), verify=verify)
            ),
        )
        self._decision_path = f"/v1/data/{ENTRYPOINT}"
        self._params = (
            {"strict-builtin-errors": "true"} if self._options.strict_builtin_errors else {}
        )
        self._version: str | None = None
        try:
            if self._options.load_policy:
                self._upload(policy)
        except BaseException:
            self._client.close()
            raise

    def version(self) -> str:
        """``opa <version>`` as the server reports it (``opa.runtime().version``)."""
        if self._version is None:
            response = self._send("POST", "/v1/query", json={"query": "v := opa.runtime().version"})
            try:
                version = response.json()["result"][0]["v"]
            except (ValueError, KeyError, IndexError, TypeError):
                version = "(unknown version)"
            self._version = f"opa {version}"
        return self._version

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /v1/data/gatekeeper/main/decision`` with ``{"input": document}``."""
        try:
            body = dumps_exact({"input": document})
        except ValueError as exc:
            raise EngineError(f"{NAME}: input is not JSON: {exc}") from exc
        response = self._send(
            "POST",
            self._decision_path,
            content=body,
            headers={"Content-Type": "application/json"},
            params=self._params,
        )
        try:
            answer = response.json()
        except ValueError as exc:
            raise EngineError(
                f"{NAME}: {self.url} answered {response.status_code} with a body that is not "
                f"JSON: {response.text[:200]!r}"
            ) from exc
        if not isinstance(answer, dict) or "result" not in answer:
            raise undefined_decision(
                NAME,
                f"the server at {self.url} returned no result: the policy is not loaded "
                "there, or it gave no decision for this input",
            )
        return require_decision(NAME, answer["result"])

    def close(self) -> None:
        """Close the keep-alive connections."""
        self._client.close()

    # -- policy upload -------------------------------------------------------------

    def _upload(self, policy: PolicySet) -> None:
        data = policy.data
        for key, value in sorted(data.items()):
            if key == POLICY_ID_PREFIX and isinstance(value, Mapping):
                for sub_key, sub_value in sorted(value.items()):
                    self._put_data(f"{POLICY_ID_PREFIX}/{quote(sub_key, safe='')}", sub_value)
            else:
                self._put_data(quote(key, safe=""), value)
        modules = merge_packages(policy.modules)
        wanted = {f"{POLICY_ID_PREFIX}/{name}" for name in modules}
        pending = upload_order(modules)
        while pending:
            failed: list[tuple[str, PolicyError]] = []
            for name in pending:
                try:
                    self._put_policy(f"{POLICY_ID_PREFIX}/{name}", modules[name])
                except PolicyError as exc:
                    failed.append((name, exc))
            if len(failed) == len(pending):
                raise failed[0][1]
            # a module may call a function of one not uploaded yet: try it again
            pending = [name for name, _ in failed]
        self._remove_stale_policies(wanted)

    def _put_data(self, path: str, value: Any) -> None:
        self._send(
            "PUT",
            f"/v1/data/{path}",
            content=json.dumps(value),
            headers={"Content-Type": "application/json"},
            what=f"upload of data.{path.replace('/', '.')}",
        )

    def _put_policy(self, policy_id: str, source: str) -> None:
        self._send(
            "PUT",
            f"/v1/policies/{quote(policy_id, safe='/')}",
            content=source.encode("utf-8"),
            headers={"Content-Type": "text/plain"},
            what=f"upload of policy {policy_id}",
        )

    def _remove_stale_policies(self, wanted: set[str]) -> None:
        """Delete ``gatekeeper/...`` policies left on the server by an older revision."""
        listed = self._send("GET", "/v1/policies", what="policy listing").json()
        for entry in listed.get("result", []) if isinstance(listed, dict) else []:
            policy_id = entry.get("id") if isinstance(entry, dict) else None
            if (
                isinstance(policy_id, str)
                and policy_id.startswith(f"{POLICY_ID_PREFIX}/")
                and policy_id not in wanted
            ):
                self._send(
                    "DELETE",
                    f"/v1/policies/{quote(policy_id, safe='/')}",
                    what=f"removal of stale policy {policy_id}",
                )

    # -- HTTP with fail-closed error mapping ----------------------------------------

    def _send(self, method: str, path: str, what: str = "query", **kwargs: Any) -> httpx.Response:
        httpx = self._httpx
        timeout = self._options.timeout_seconds
        try:
            with deadline(timeout):
                response = self._client.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise EngineError(
                f"{NAME}: OPA server unreachable at {self.url} ({what}; "
                f"{self._options.connect_retries} connect retries): {exc}"
            ) from exc
        except httpx.TimeoutException as exc:
            raise EngineError(
                f"{NAME}: client time-out: {self.url} gave no complete answer within {timeout:g}s "
                f"({what}; not retried: the request was sent)"
            ) from exc
        except httpx.HTTPError as exc:
            raise EngineError(f"{NAME}: HTTP error talking to {self.url} ({what}): {exc}") from exc
        status = response.status_code
        if status < 300:
            return response
        message = _opa_message(response)
        if status in (401, 403):
            raise EngineError(
                f"{NAME}: {status} {'unauthorized' if status == 401 else 'forbidden'}: "
                f"{self.url} refused the {what} ({message}); check the bearer token "
                f"(--opa-token / ${OPA_TOKEN_ENV})"
            )
        if status >= 500:
            raise EngineError(f"{NAME}: server error {status} from {self.url} ({what}): {message}")
        if what.startswith("upload of policy") and status == 400:
            raise PolicyError(f"{NAME}: policy compile error ({what}): {message}")
        raise EngineError(f"{NAME}: {self.url} answered {status} ({what}): {message}")


def merge_packages(modules: Mapping[str, str]) -> dict[str, str]:
    """One module per package: the files of a package joined into one upload.

    OPA compiles each uploaded module against what the server already holds, so
    two files of one package that call each other's functions can be uploaded
    in no order one at a time. Joined, they compile together. The package's
    first file keeps its header (METADATA); the imports of all files are merged.
    A package in one file is uploaded unchanged, under its own file name.
    """
    by_package: dict[str, list[str]] = {}
    for name in sorted(modules):
        match = _PACKAGE.search(modules[name])
        by_package.setdefault(match.group(1) if match else name, []).append(name)
    merged: dict[str, str] = {}
    for package, names in by_package.items():
        if len(names) == 1:
            merged[names[0]] = modules[names[0]]
            continue
        first = modules[names[0]]
        match = _PACKAGE.search(first)
        header = first[: match.start()] if match else ""
        imports: list[str] = []
        bodies: list[str] = []
        for name in names:
            source = modules[name]
            found = _PACKAGE.search(source)
            body = source[found.end() :] if found else source
            for line in body.splitlines():
                if _IMPORT.match(line) and line.strip() not in imports:
                    imports.append(line.strip())
            body = "\n".join(line for line in body.splitlines() if not _IMPORT.match(line))
            bodies.append(f"# from {name}\n{body.strip()}\n")
        merged[f"{package.replace('.', '/')}.rego"] = (
            f"{header}package {package}\n\n" + "\n".join(imports) + "\n\n" + "\n".join(bodies)
        )
    return merged


def upload_order(modules: Mapping[str, str]) -> list[str]:
    """Module names, those a module refers to (``data.<package>``) first where possible.

    OPA compiles each ``PUT /v1/policies`` against what it already holds, so a
    module calling a function of a package not uploaded yet is refused; the caller
    retries such modules after the others.
    """
    packages: dict[str, str] = {}
    for name, source in modules.items():
        match = _PACKAGE.search(source)
        if match:
            packages[name] = match.group(1)
    depth: dict[str, int] = {}

    def level(name: str, trail: frozenset[str]) -> int:
        if name in depth:
            return depth[name]
        refs = set(_DATA_REF.findall(modules[name]))
        below = [
            other
            for other, package in packages.items()
            if other != name
            and other not in trail
            and package != packages.get(name)
            and any(ref == package or ref.startswith(package + ".") for ref in refs)
        ]
        value = 1 + max((level(other, trail | {name}) for other in below), default=0)
        depth[name] = value
        return value

    return sorted(modules, key=lambda name: (level(name, frozenset()), name))


_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_IMPORT = re.compile(r"^import\s+\S")
_DATA_REF = re.compile(r"\bdata\.([A-Za-z_][\w.]*)")


def _opa_message(response: httpx.Response) -> str:
    """OPA's error text: ``code: message`` and each nested error with its location."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300] or response.reason_phrase
    if not isinstance(body, dict):
        return str(body)[:300]
    parts = [f"{body.get('code', 'error')}: {body.get('message', '')}".strip()]
    for error in body.get("errors", []) or []:
        if not isinstance(error, dict):
            continue
        location = error.get("location") or {}
        where = (
            f"{location.get('file')}:{location.get('row')}: "
            if isinstance(location, dict) and location.get("file")
            else ""
        )
        message = " ".join(str(error.get("message", "")).split())
        parts.append(f"{where}{message} ({error.get('code', '')})")
    return "; ".join(parts)
