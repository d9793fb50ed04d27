"""Liveness and readiness for operators (not part of the /v1 contract)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from app.problems import problem_response
from app.services.health import database_ready

router = APIRouter(include_in_schema=False)


@router.get("/health/live")
async def live() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/health/ready")
async def ready(request: Request) -> Response:
    if not await database_ready(request.app.state.db):
        return problem_response(
            503, "Niet gereed", "De database is niet bereikbaar.", code="database-onbereikbaar"
        )
    return JSONResponse({"status": "ok", "database": "ok"})
