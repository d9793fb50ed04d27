"""The OpenAPI document against what the API tests meet.

Every response an API test receives through the `client` fixtures is checked here: a
header the service sends that a client must be able to read (`ETag`, `Location`,
`Idempotent-Replayed`) and the status itself must be declared on that operation in the
generated document. A route that starts sending one without declaring it fails the first
test that calls it.
"""

import re
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

import httpx

DECLARED_HEADERS = ("ETag", "Location", "Idempotent-Replayed")
PREFIX = "/v1"


@cache
def _templates(paths: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Path templates as patterns, the most literal first (`/a/b` before `/a/{id}`)."""
    ordered = sorted(paths, key=lambda p: (p.count("{"), -len(p)))
    return tuple(
        (re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(p)) + "$"), p)
        for p in ordered
    )


def operation_for(document: dict[str, Any], method: str, path: str) -> dict[str, Any] | None:
    """The operation of the document that answers `method path`, if any."""
    if not path.startswith(PREFIX + "/"):
        return None
    local = path.removeprefix(PREFIX)
    for pattern, template in _templates(tuple(document["paths"])):
        if pattern.match(local):
            operation: dict[str, Any] | None = document["paths"][template].get(method.lower())
            if operation is not None:
                return operation
    return None


def undeclared(document: dict[str, Any], response: httpx.Response) -> list[str]:
    """What `response` carries that its operation in `document` does not declare."""
    request = response.request
    operation = operation_for(document, request.method, request.url.path)
    if operation is None:
        return []
    where = f"{request.method} {request.url.path} ({operation['operationId']})"
    declared = operation["responses"].get(str(response.status_code))
    if declared is None:
        if response.status_code == 405:
            return []  # another method on a known path: not an operation's answer
        return [f"{where}: status {response.status_code} is not declared"]
    headers = declared.get("headers", {})
    return [
        f"{where} → {response.status_code}: header {name} is sent but not declared"
        for name in DECLARED_HEADERS
        if name.lower() in response.headers and name not in headers
    ]


_generated: list[dict[str, Any]] = []


def declared_only(
    document: Callable[[], dict[str, Any]],
) -> Callable[[httpx.Response], Awaitable[None]]:
    """An httpx response hook that fails on anything `undeclared` finds.

    The document does not depend on settings, so it is generated once per test run.
    """

    async def hook(response: httpx.Response) -> None:
        if not _generated:
            _generated.append(document())
        problems = undeclared(_generated[0], response)
        assert not problems, "\n".join(problems)

    return hook
