"""Liveness and readiness for operators (not part of the /v1 contract)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.db.session import Database
from app.problems import problem_response

router = APIRouter(include_in_schema=False)


@router.get("/health/live")
async def live() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/health/ready")
async def ready(request: Request) -> object:
    database: Database = request.app.state.db
    try:
        async with database.session() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        return problem_response(
            503, "Niet gereed", "De database is niet bereikbaar.", code="database-onbereikbaar"
        )
    return JSONResponse({"status": "ok", "database": "ok"})
