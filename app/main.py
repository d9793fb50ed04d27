"""create_app(): routers, middleware, and the one exception-to-problem table."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.auth.authenticate import VerifiedTokens
from app.auth.keys import trusted_keys
from app.config import Settings, get_settings
from app.db.registry_cache import RegistryCache
from app.db.session import Database, database_for
from app.db.upkeep import upkeep_for
from app.domain.errors import InvalidInput
from app.metrics import deadlines_probe, on_scrape
from app.middleware import MetricsMiddleware, ServiceMiddleware
from app.openapi import build_openapi
from app.problems import ERROR_TABLE, error_response, problem_response
from app.routers import (
    abonnementen,
    betrokkenenverzoeken,
    bewaartermijn,
    bewaren,
    casusoverleg,
    casussen,
    criteria,
    datalekken,
    deelnemers,
    derdenverstrekkingen,
    docs,
    health,
    informatieplicht,
    instellingen,
    jaarverslagen,
    mandaten,
    metrics,
    prioriteringslijsten,
    prioriteringsplaatsingen,
    prioriteringstoetsingen,
    publicaties,
    rac_adviezen,
    termijnen,
    verstrekkingen,
    verwerkingen,
    verwerkingsactiviteiten,
    werkvoorraad,
)
from app.services.notificatieworker import NotificationWorker
from app.validation import invalid_params_from

ROUTERS = (
    deelnemers.router,
    casussen.router,
    verstrekkingen.router,
    casusoverleg.router,
    informatieplicht.router,
    instellingen.router,
    mandaten.router,
    betrokkenenverzoeken.router,
    datalekken.router,
    termijnen.router,
    bewaartermijn.router,
    bewaren.router,
    criteria.router,
    verwerkingen.router,
    prioriteringslijsten.router,
    prioriteringsplaatsingen.router,
    prioriteringstoetsingen.router,
    publicaties.router,
    werkvoorraad.router,
    rac_adviezen.router,
    derdenverstrekkingen.router,
    jaarverslagen.router,
    verwerkingsactiviteiten.router,
    abonnementen.router,
)

_HTTP_TITLES = {
    404: ("Niet gevonden", "niet-gevonden", "Deze resource bestaat niet."),
    405: (
        "Methode niet toegestaan",
        "methode-niet-toegestaan",
        "Deze methode is hier niet toegestaan.",
    ),
}


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    owns_database = database is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        upkeep = upkeep_for(settings, app.state.db, app.state.registry_cache)
        if upkeep is not None:
            upkeep.start()
        worker = (
            NotificationWorker(settings, app.state.db)
            if settings.notifications_worker_enabled
            else None
        )
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                await worker.stop()
            if upkeep is not None:
                await upkeep.stop()
            if owns_database:
                await app.state.db.dispose()

    app = FastAPI(
        title="Zorg- en Veiligheidshuizen WGS API",
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.state.settings = settings
    app.state.keys = trusted_keys(settings)
    app.state.verified_tokens = VerifiedTokens()
    app.state.registry_cache = RegistryCache(settings.registry_cache_seconds)
    app.state.db = database or database_for(settings)

    _include_flat(app, health.router)
    _include_flat(app, docs.router)
    if settings.metrics_enabled:
        _include_flat(app, metrics.router)
        on_scrape(deadlines_probe)
    for router in ROUTERS:
        _include_flat(app, router)
    app.state.api_routes = [route for router in ROUTERS for route in router.routes]
    _add_contract_routes(app)
    _add_exception_handlers(app)
    app.add_middleware(
        ServiceMiddleware,
        max_body_bytes=settings.max_body_bytes,
        body_limits=[prioriteringstoetsingen.body_limit(settings.max_batch_bytes)],
        max_header_bytes=settings.max_header_bytes,
    )
    if settings.metrics_enabled:
        # Outermost, so it sees the status the client gets, 413 and 500 included.
        app.add_middleware(MetricsMiddleware)
    return app


def _include_flat(app: FastAPI, router: APIRouter) -> None:
    """Add the router's routes to the app's own route list, each as it was declared.

    `app.include_router` keeps the router as one nested route: FastAPI then matches a
    request against every route of every earlier router twice (once to pick the router,
    once inside it), about a third of the CPU of `POST /v1/bewaartermijn-berekeningen`.
    Added one by one, a request is matched once against a flat list, in the same order,
    and the app stays the provider of dependency overrides (tests override time).
    """
    for route in router.routes:
        assert isinstance(route, APIRoute), route
        app.router.add_api_route(
            route.path,
            route.endpoint,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses=route.responses,
            deprecated=route.deprecated,
            methods=route.methods,
            operation_id=route.operation_id,
            response_model_include=route.response_model_include,
            response_model_exclude=route.response_model_exclude,
            response_model_by_alias=route.response_model_by_alias,
            response_model_exclude_unset=route.response_model_exclude_unset,
            response_model_exclude_defaults=route.response_model_exclude_defaults,
            response_model_exclude_none=route.response_model_exclude_none,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            name=route.name,
            route_class_override=type(route),
            callbacks=route.callbacks,
            openapi_extra=route.openapi_extra,
            generate_unique_id_function=route.generate_unique_id_function,
            strict_content_type=route.strict_content_type,
            max_body_size=route.max_body_size,
        )


def _add_contract_routes(app: FastAPI) -> None:
    cache: dict[str, dict[str, Any]] = {}

    def document() -> dict[str, Any]:
        if "doc" not in cache:
            cache["doc"] = build_openapi(app)
        return cache["doc"]

    app.openapi = document  # type: ignore[method-assign]

    @app.get("/v1/openapi.json", include_in_schema=False)
    async def openapi_json() -> JSONResponse:
        return JSONResponse(document())


def _add_exception_handlers(app: FastAPI) -> None:
    async def on_known_error(_request: Request, exc: Exception) -> Response:
        response = error_response(exc)
        assert response is not None
        return response

    for error_class in ERROR_TABLE:
        app.add_exception_handler(error_class, on_known_error)

    async def on_validation_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        response = error_response(InvalidInput(invalid_params_from(exc.errors())))
        assert response is not None
        return response

    app.add_exception_handler(RequestValidationError, on_validation_error)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = exc.headers
        if exc.status_code == 405:
            headers = {"Allow": ", ".join(_allowed_methods(request))}
        title, code, detail = _HTTP_TITLES.get(
            exc.status_code, ("Fout", f"http-{exc.status_code}", str(exc.detail))
        )
        if exc.status_code == 400:
            title, code, detail = (
                "Ongeldige invoer",
                "ongeldige-invoer",
                "Het verzoek kon niet worden gelezen.",
            )
        return problem_response(exc.status_code, title, detail, code=code, headers=headers)

    app.add_exception_handler(StarletteHTTPException, on_http_error)


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route on this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    path = request.url.path
    for route in request.app.state.api_routes:
        if isinstance(route, APIRoute) and route.path_regex.match(path):
            methods |= route.methods or set()
    return sorted(methods)
