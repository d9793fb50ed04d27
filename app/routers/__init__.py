"""Thin HTTP layer, one module per resource."""

from fastapi import APIRouter

from app.routing import ZvhRoute


def v1_router(**kwargs: object) -> APIRouter:
    """A router under /v1 whose routes use the API's body rules."""
    return APIRouter(prefix="/v1", route_class=ZvhRoute, **kwargs)  # type: ignore[arg-type]
