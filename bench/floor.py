"""The framework floor: bare Starlette endpoints that return prepared bytes, nothing else.

Served by the same uvicorn as the API, so the ratio API/floor shows what our own code
(middleware, authentication, registry lookup, validation, rules) costs.
"""

import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# {"/v1/deelnemers": {"method": "GET", "file": "/tmp/...body"}, ...}
_ROUTES: dict[str, dict[str, str]] = json.loads(os.environ.get("ZVH_BENCH_FLOOR_ROUTES", "{}"))


def _endpoint(body: bytes) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    return endpoint


app = Starlette(
    routes=[
        Route(path, _endpoint(Path(spec["file"]).read_bytes()), methods=[spec["method"]])
        for path, spec in _ROUTES.items()
    ]
)
