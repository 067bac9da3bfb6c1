"""The opa-server engine: a running OPA server over its REST API.

``upload_policy=False`` (``gatekeeper check``'s default) queries a server that serves
the policy from a bundle: each decision is ``POST /v1/data/gatekeeper/main/decision
?provenance=true`` and is refused unless a bundle of the local revision is active.
``upload_policy=True`` (``--opa-upload``, a dedicated server) uploads gatekeeper's
modules (``PUT /v1/policies/gatekeeper/<file>``) and data (``PUT
/v1/data/gatekeeper/<key>``) when the engine opens, after checking that the server
holds nothing a gatekeeper upload did not put there; each decision then reads the
decision and the data it depends on in one evaluation and checks the module
listing (see ``_opa_state``). Requests run on keep-alive connections of one httpx
client (``_http``), shared by the threads that decide, and under ``gatekeeper serve``
on aiohttp's client on the event loop (``_http_async``).

Why not opa-python-client 3.0.0: that client is built on ``requests`` (a second
HTTP stack), takes host/port/ssl-flag instead of a URL (no path prefix, no CA-file
option), retries 500/502/504 answers and idempotent requests after a read error
(we must retry connect errors only), and re-writes a rejected policy to v1 syntax
and uploads it again (we must fail on a compile error). See ``docs/engines.md``.

Every failure is an :class:`EngineError` (a rejected policy upload: ``PolicyError``)
whose message names the cause: unreachable, time-out, 401/403, 5xx, no result,
wrong result type.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from gatekeeper.engines._fresh_read import FreshRead
from gatekeeper.engines._http import Client, ConnectFailed, HttpError, Reply, TimedOut
from gatekeeper.engines._opa_state import (
    UPLOAD_MODULE_ID,
    UPLOAD_PACKAGE,
    Upload,
    bundle_revision,
    check_answer,
    check_modules,
    expected_revision,
    foreign_state,
    listed_modules,
    plan_upload,
    transition_module,
    value_at,
)
from gatekeeper.engines._protocol import EngineOptions
from gatekeeper.engines._result import require_decision, undefined_decision
from gatekeeper.limits._deadline import deadline
from gatekeeper.models._exceptions import EngineError, PolicyError
from gatekeeper.models._jsontext import dumps_exact
from gatekeeper.policy._files import DATA_DOCUMENTS, DATA_ROOT, ENTRYPOINT, PolicySet

if TYPE_CHECKING:  # aiohttp (the serve extra) is imported only on an event loop
    from gatekeeper.engines._http_async import AsyncClient

NAME = "opa-server"
OPA_URL_ENV = "GATEKEEPER_OPA_URL"
OPA_TOKEN_ENV = "GATEKEEPER_OPA_TOKEN"
DEFAULT_OPA_URL = "http://127.0.0.1:8181"


class OpaServerEngine:
    """Asks an OPA server for each decision over one keep-alive HTTP client."""

    name = NAME

    def __init__(self, policy: PolicySet, options: EngineOptions | None = None) -> None:
        self._options = options or EngineOptions()
        self.url = (self._options.opa_url or os.environ.get(OPA_URL_ENV) or DEFAULT_OPA_URL).rstrip(
            "/"
        )
        token = self._options.opa_token or os.environ.get(OPA_TOKEN_ENV)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        context = None
        if self._options.ca_file:
            import ssl

            try:
                context = ssl.create_default_context(cafile=self._options.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise EngineError(f"{NAME}: CA file {self._options.ca_file}: {exc}") from exc
        self._client_settings: dict[str, Any] = dict(
            headers=headers,
            timeout=self._options.timeout_seconds,
            context=context,
            connect_retries=self._options.connect_retries,
        )
        self._async_client: AsyncClient | None = None
        self._listings: FreshRead[dict[str, str]] | None = None
        self._async_loop: asyncio.AbstractEventLoop | None = None
        try:
            self._client = Client(self.url, **self._client_settings)
        except ValueError as exc:
            raise EngineError(f"{NAME}: --opa-url {self.url}: {exc}") from exc
        self._decision_path = f"/v1/data/{ENTRYPOINT}"
        self._params = (
            {"strict-builtin-errors": "true"} if self._options.strict_builtin_errors else {}
        )
        self._version: str | None = None
        self._expected = expected_revision(policy)
        self._policy_data = policy.data
        self._runtime_checked = False
        self._upload_plan: Upload | None = None
        self.revision: str | None = None
        try:
            if self._options.upload_policy:
                self._upload_plan = plan_upload(policy, merge_packages(policy.modules))
                self._upload(self._upload_plan)
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
            mode = "upload" if self._upload_plan else "bundle"
            self._version = f"opa {version} ({mode} revision {self._expected})"
        return self._version

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The decision for ``document``, from a server proven to hold the local revision."""
        body = _input_body(document)
        with deadline(self._options.timeout_seconds):  # the whole decision, every request
            plan = self._upload_plan
            if plan is not None:
                answer = self._post(f"/v1/data/{UPLOAD_PACKAGE}/answer", body, self._params)
                decision = check_answer(plan, answer.get("result"), self.url)
                listing = self._send("GET", "/v1/policies", what="policy listing").json()
                return self._upload_decision(plan, decision, listed_modules(listing))
            params = {**self._params, "provenance": "true"}
            decision = self._bundle_decision(self._post(self._decision_path, body, params))
            self._check_runtime_data()
            return decision

    async def evaluate_async(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """:meth:`evaluate` from an event loop: the same requests, proofs and errors."""
        body = _input_body(document)
        loop = asyncio.get_running_loop()
        end = loop.time() + self._options.timeout_seconds  # the whole decision
        if self._async_loop is not loop:  # connections and shared reads belong to one loop
            if self._async_client is not None:
                self._async_client.close()
            from gatekeeper.engines._http_async import AsyncClient

            self._async_client = AsyncClient(self.url, **self._client_settings)
            self._listings = FreshRead(self._read_listing)
            self._async_loop = loop
        client = self._async_client
        assert client is not None and self._listings is not None
        plan = self._upload_plan
        if plan is not None:
            path = f"/v1/data/{UPLOAD_PACKAGE}/answer"
            answer = _answer_of(
                self, await self._send_async(client, end, "POST", path, body, self._params)
            )
            decision = check_answer(plan, answer.get("result"), self.url)
            try:
                held = await self._listings.get(end)
            except TimeoutError:
                raise self._failure(TimedOut("waiting for the listing"), "policy listing") from None
            return self._upload_decision(plan, decision, held)
        params = {**self._params, "provenance": "true"}
        reply = await self._send_async(client, end, "POST", self._decision_path, body, params)
        decision = self._bundle_decision(_answer_of(self, reply))
        if not self._runtime_checked:
            await asyncio.to_thread(self._check_runtime_data)
        return decision

    def _bundle_decision(self, answer: dict[str, Any]) -> dict[str, Any]:
        if "result" not in answer:
            raise undefined_decision(
                NAME,
                f"the server at {self.url} returned no result: the policy is not loaded "
                "there, or it gave no decision for this input",
            )
        decision = require_decision(NAME, answer["result"])
        self.revision = bundle_revision(answer.get("provenance"), self._expected, self.url)
        return decision

    def _check_runtime_data(self) -> None:
        """Once per engine: the bundle's runtime documents (roster, waivers) are the local
        ``--data`` ones; the revision names the rules only (docs/policy-data.md)."""
        if self._runtime_checked:
            return
        for name in DATA_DOCUMENTS:
            held = self._read(f"/v1/data/{DATA_ROOT}/{name}", f"data.{DATA_ROOT}.{name}")
            local = value_at(self._policy_data, (DATA_ROOT, name))
            if [held] != local and not (held is None and not local):
                raise EngineError(
                    f"{NAME}: data.{DATA_ROOT}.{name} on the server at {self.url} differs from "
                    "the local --data documents; no decision was made - build the bundle with "
                    "the same --data files, or pass the bundle's"
                )
        self._runtime_checked = True

    async def _read_listing(self) -> dict[str, str]:
        """The server's modules (id -> sha256), read now; shared by the answers before it."""
        assert self._async_client is not None
        end = asyncio.get_running_loop().time() + self._options.timeout_seconds
        reply = await self._send_async(
            self._async_client, end, "GET", "/v1/policies", what="policy listing"
        )
        return listed_modules(reply.json())

    def _upload_decision(
        self, plan: Upload, decision: Any, held: Mapping[str, str]
    ) -> dict[str, Any]:
        check_modules(plan, held, self.url)
        self.revision = plan.revision
        if decision is None:
            raise undefined_decision(NAME, f"the server at {self.url} gave no decision")
        return require_decision(NAME, decision)

    def _post(self, path: str, body: str, params: Mapping[str, str]) -> dict[str, Any]:
        response = self._send("POST", path, content=body, headers=_JSON_CONTENT, params=params)
        return _answer_of(self, response)

    def close(self) -> None:
        """Close the keep-alive connections."""
        self._client.close()
        if self._async_client is not None:
            self._async_client.close()

    # -- policy upload -------------------------------------------------------------

    def _upload(self, plan: Upload) -> None:
        """Put ``plan`` on a dedicated server, refusing one that holds anything else."""
        listing = self._send("GET", "/v1/policies", what="upload: policy listing").json()
        previous = self._read(f"/v1/data/{UPLOAD_PACKAGE}/manifest", "upload: manifest")
        self._refuse_foreign(foreign_state(listing, previous, {}))  # modules first
        held_data = self._read("/v1/data", "upload: data listing")
        self._refuse_foreign(foreign_state(listing, previous, held_data))
        if plan.is_in_place(previous):
            return  # already there; every decision checks it is still exactly that
        self._put_policy(UPLOAD_MODULE_ID, transition_module(plan, previous))
        data = self._policy_data
        for key in plan.data_keys:
            self._put_data("/".join(quote(part, safe="") for part in key), _at(data, key))
        old = previous if isinstance(previous, Mapping) else {}
        for key in old.get("data", []):
            if tuple(key) not in plan.data_keys:
                self._delete(f"/v1/data/{'/'.join(quote(str(p), safe='') for p in key)}", key)
        modules = {k: v for k, v in plan.modules.items() if k != UPLOAD_MODULE_ID}
        pending = upload_order(modules)
        while pending:
            failed: list[tuple[str, PolicyError]] = []
            for name in pending:
                try:
                    self._put_policy(name, modules[name])
                except PolicyError as exc:
                    failed.append((name, exc))
            if len(failed) == len(pending):
                raise failed[0][1]
            # a module may call a function of one not uploaded yet: try it again
            pending = [name for name, _ in failed]
        for policy_id in old.get("modules", []):
            if policy_id not in plan.modules:
                self._delete(f"/v1/policies/{quote(str(policy_id), safe='/')}", policy_id)
        self._put_policy(UPLOAD_MODULE_ID, plan.modules[UPLOAD_MODULE_ID])

    def _refuse_foreign(self, foreign: list[str]) -> None:
        if foreign:
            raise EngineError(
                f"{NAME}: refusing to upload to {self.url}: it holds what no gatekeeper "
                f"upload put there ({', '.join(foreign)}); --opa-upload needs a dedicated "
                "server (serve a bundle on a shared one)"
            )

    def _read(self, path: str, what: str) -> Any:
        answer = self._send("GET", path, what=what).json()
        return answer.get("result") if isinstance(answer, dict) else None

    def _delete(self, path: str, what: Any) -> None:
        what = f"removal of {what} (from the previous upload)"
        self._send("DELETE", path, what=what, missing_ok=True)  # an interrupted one, perhaps

    def _put_data(self, path: str, value: Any) -> None:
        self._send(
            "PUT",
            f"/v1/data/{path}",
            content=json.dumps(value),
            headers={"Content-Type": "application/json"},
            what=f"upload of data.{path.replace('/', '.')}",
        )

    def _put_policy(self, policy_id: str, source: str) -> None:
        """``PUT /v1/policies/<policy_id>``; a 400 is a ``PolicyError``."""
        self._send(
            "PUT",
            f"/v1/policies/{quote(policy_id, safe='/')}",
            content=source.encode("utf-8"),
            headers={"Content-Type": "text/plain"},
            what=f"upload of policy {policy_id}",
        )

    # -- HTTP with fail-closed error mapping ----------------------------------------

    def _send(
        self, method: str, path: str, what: str = "query", missing_ok: bool = False, **kwargs: Any
    ) -> Reply:
        try:
            with deadline(self._options.timeout_seconds):
                response = self._client.request(method, path, **kwargs)
        except HttpError as exc:
            raise self._failure(exc, what) from exc
        return self._checked(response, what, missing_ok)

    async def _send_async(
        self,
        client: AsyncClient,
        end: float,
        method: str,
        path: str,
        body: str | None = None,
        params: Mapping[str, str] | None = None,
        what: str = "query",
    ) -> Reply:
        headers = _JSON_CONTENT if body is not None else None
        try:
            response = await client.request(
                method, path, end=end, content=body, headers=headers, params=params
            )
        except HttpError as exc:
            raise self._failure(exc, what) from exc
        return self._checked(response, what, False)

    def _failure(self, exc: HttpError, what: str) -> EngineError:
        if isinstance(exc, ConnectFailed):
            return EngineError(
                f"{NAME}: OPA server unreachable at {self.url} ({what}; "
                f"{self._options.connect_retries} connect retries): {exc}"
            )
        if isinstance(exc, TimedOut):
            return EngineError(
                f"{NAME}: client time-out: {self.url} gave no complete answer within "
                f"{self._options.timeout_seconds:g}s ({what}; not retried: the request was sent)"
            )
        return EngineError(f"{NAME}: HTTP error talking to {self.url} ({what}): {exc}")

    def _checked(self, response: Reply, what: str, missing_ok: bool) -> Reply:
        """``response`` when it is a success (or an allowed 404), else the error it means."""
        status = response.status_code
        if status < 300 or (missing_ok and status == 404):
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


_JSON_CONTENT = {"Content-Type": "application/json"}


def _input_body(document: Mapping[str, Any]) -> str:
    try:
        return dumps_exact({"input": document})
    except ValueError as exc:
        raise EngineError(f"{NAME}: input is not JSON: {exc}") from exc


def _answer_of(engine: OpaServerEngine, response: Reply) -> dict[str, Any]:
    """The JSON object of a Data API answer, else ``EngineError``."""
    try:
        answer = response.json()
    except ValueError as exc:
        raise EngineError(
            f"{NAME}: {engine.url} answered {response.status_code} with a body that is not "
            f"JSON: {response.text[:200]!r}"
        ) from exc
    if not isinstance(answer, dict):
        raise EngineError(f"{NAME}: {engine.url} answered with {str(answer)[:200]!r}")
    return answer


def _at(data: Mapping[str, Any], key: tuple[str, ...]) -> Any:
    node: Any = data
    for part in key:
        node = node[part]
    return node


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


def _opa_message(response: Reply) -> str:
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
