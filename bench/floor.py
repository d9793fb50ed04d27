"""The framework floors: bare Starlette endpoints that return prepared bytes, nothing else,
and, for a case read, the same work done by hand.

Served by the same uvicorn as the API, so the ratio API/floor shows what our own code
(middleware, authentication, registry lookup, validation, rules) costs. The same-work
floor (`/werkvloer/v1/casussen/{id}`, when `ZVH_BENCH_FLOOR_DSN` names the database) does
what a case read must do at the least, with asyncpg: one select of the case and one insert
of a processing-log record, in one transaction; it answers the prepared bytes.
"""

import json
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# {"/v1/deelnemers": {"method": "GET", "file": "/tmp/...body"}, ...}
_ROUTES: dict[str, dict[str, str]] = json.loads(os.environ.get("ZVH_BENCH_FLOOR_ROUTES", "{}"))
_DSN = os.environ.get("ZVH_BENCH_FLOOR_DSN")
_POOL: list[asyncpg.Pool] = []

_LOG = (
    "INSERT INTO verwerkingen (id, zvh, tijdstip, trace_id, span_id, activiteit, handeling,"
    " casus_id, betrokkene, sub, deelnemer, rollen, resultaat, volgnummer, vorige_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, 'casus-raadplegen', 'raadplegen', $6, $7, 'dev',"
    " 'gemeente-utrecht', 'medewerker', 'geslaagd', 0, $8, $8)"
)


def _endpoint(body: bytes) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    return endpoint


def _same_work(body: bytes) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        casus_id = request.path_params["casus_id"]
        async with _POOL[0].acquire() as conn, conn.transaction():
            casus = await conn.fetchrow(
                "SELECT * FROM casussen WHERE id = $1 AND zvh = $2", casus_id, "zvh-demo"
            )
            if casus is None:
                return Response(status_code=404)
            await conn.execute(
                _LOG,
                str(uuid.uuid4()),
                casus["zvh"],
                datetime.now(UTC),
                "0" * 32,
                "0" * 16,
                casus_id,
                None,
                "0" * 64,
            )
        return Response(body, media_type="application/json")

    return endpoint


@asynccontextmanager
async def _lifespan(_app: Starlette) -> AsyncIterator[None]:
    if _DSN:
        # The API's pool: up to 20 connections, kept open (app/config.py).
        _POOL.append(await asyncpg.create_pool(_DSN, min_size=2, max_size=20))
    yield
    for pool in _POOL:
        await pool.close()


def _routes() -> list[Route]:
    routes = []
    for path, spec in _ROUTES.items():
        body = Path(spec["file"]).read_bytes()
        routes.append(Route(path, _endpoint(body), methods=[spec["method"]]))
        if _DSN and spec.get("same_work") == "casus":
            routes.append(Route("/werkvloer/v1/casussen/{casus_id}", _same_work(body)))
    return routes


app = Starlette(routes=_routes(), lifespan=_lifespan)
