"""/metrics for Prometheus: mounted only when ZVH_METRICS_ENABLED, not part of the /v1 contract."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app import metrics
from app.problems import problem_response

router = APIRouter(include_in_schema=False)


@router.get("/metrics")
async def scrape(request: Request) -> Response:
    client = request.client.host if request.client else None
    if not metrics.may_scrape(
        request.app.state.settings, client, request.headers.get("authorization")
    ):
        return problem_response(
            403,
            "Geen toegang",
            "De metrics zijn alleen te lezen vanaf een toegestaan netwerk of met het metrics-token.",
            code="metrics-niet-toegestaan",
        )
    body, content_type = await metrics.render(request.app.state.db, request.headers.get("accept"))
    return Response(body, headers={"Content-Type": content_type})
