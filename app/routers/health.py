"""Liveness and readiness for operators (not part of the /v1 contract)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from app.problems import problem_response
from app.services.health import Stand, readiness

router = APIRouter(include_in_schema=False)


@router.get("/health/live")
async def live() -> JSONResponse:
    return JSONResponse({"status": "ok"})


def _revisies(revisies: frozenset[str]) -> str:
    return ", ".join(sorted(revisies)) or "geen"


@router.get("/health/ready")
async def ready(request: Request) -> Response:
    gereedheid = await readiness(request.app.state.db)
    verwacht = _revisies(gereedheid.verwacht)
    match gereedheid.stand:
        case Stand.ONBEREIKBAAR:
            code, detail = "database-onbereikbaar", "De database is niet bereikbaar."
        case Stand.NIET_GEMIGREERD:
            code, detail = (
                "database-niet-gemigreerd",
                (
                    f"De database is nooit gemigreerd; deze versie verwacht migratie {verwacht}. "
                    "Voer `zvh migrate` uit."
                ),
            )
        case Stand.NIET_ACTUEEL:
            code, detail = (
                "database-niet-actueel",
                (
                    f"De database staat op migratie {_revisies(gereedheid.huidig)}; deze versie "
                    f"verwacht {verwacht}. Voer `zvh migrate` uit met deze versie."
                ),
            )
        case Stand.NIEUWER:
            code, detail = (
                "database-nieuwer",
                (
                    f"De database staat op migratie {_revisies(gereedheid.huidig)}, die deze versie "
                    f"niet kent (zij verwacht {verwacht}): een nieuwere versie heeft haar gemigreerd."
                ),
            )
        case Stand.GEREED:
            return JSONResponse({"status": "ok", "database": "ok", "migratie": verwacht})
    return problem_response(503, "Niet gereed", detail, code=code)
