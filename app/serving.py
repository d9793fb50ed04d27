"""`zvh serve`: uvicorn, with one process or with uvicorn's own manager of N worker processes.

Uvicorn's manager (0.30 and later) starts the workers on one shared socket, restarts a
worker that dies or stops answering its health ping, replaces them one by one on SIGHUP,
and on SIGTERM or SIGINT stops accepting connections and lets each worker finish what is
in flight (up to `graceful_timeout` seconds) before the lifespan shutdown. That is what
gunicorn would add for an ASGI service, so gunicorn is not a dependency.
"""

from fastapi import FastAPI

from app.config import Settings, get_settings
from app.db.session import is_sqlite
from app.main import create_app
from app.observability import configure_logging

APP = "app.serving:worker_app"


class CannotServe(RuntimeError):
    """The settings do not allow the requested way of serving."""


def worker_app() -> FastAPI:
    """The application of one worker process, built from the environment."""
    settings = get_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def check(settings: Settings, workers: int) -> None:
    if workers > 1 and is_sqlite(settings.database_url):
        # SQLite has no LISTEN/NOTIFY and no advisory locks: a second process would
        # trust a stale registry for ZVH_REGISTRY_CACHE_SECONDS.
        raise CannotServe(
            "--workers above 1 needs PostgreSQL (ZVH_DATABASE_URL=postgresql+asyncpg://...); "
            "the embedded SQLite database serves one process"
        )


def serve(host: str, port: int, *, workers: int, graceful_timeout: int) -> None:
    import uvicorn

    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_graceful_shutdown=graceful_timeout,
        log_config=None,
        access_log=False,
    )
