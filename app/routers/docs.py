"""Swagger UI at /v1/docs, served from the pinned swagger-ui-bundle-v2 wheel.

Nothing comes from a CDN or another host: the page, Swagger UI's files and the start
script are this service's, and the Content-Security-Policy allows nothing else.
"""

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from starlette.responses import Response
from swagger_ui_bundle import swagger_ui_path

router = APIRouter(include_in_schema=False)

SWAGGER_UI_DIR = Path(str(swagger_ui_path))
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
SWAGGER_UI_VERSION = SWAGGER_UI_DIR.name.removeprefix("swagger-ui-")
# The version is in the path, so a browser may keep the files until the next upgrade.
ASSETS_PATH = f"/v1/docs/{SWAGGER_UI_VERSION}"
START_SCRIPT = "zvh-docs.js"

_JS = "text/javascript; charset=utf-8"
_MAP = "application/json"
ASSET_TYPES: dict[str, str] = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui.css.map": _MAP,
    "swagger-ui-bundle.js": _JS,
    "swagger-ui-bundle.js.map": _MAP,
    "favicon-32x32.png": "image/png",
    "favicon-16x16.png": "image/png",
    START_SCRIPT: _JS,
}

# Only this service: Swagger UI's stylesheet draws its icons as data: images.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
_PAGE_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
_ASSET_HEADERS = {
    **_PAGE_HEADERS,
    "Cache-Control": "public, max-age=31536000, immutable",
}

PAGE = f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Zorg- en Veiligheidshuizen WGS API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_PATH}/{START_SCRIPT}"></script>
</body>
</html>
"""


@cache
def _asset(name: str) -> bytes:
    if name == START_SCRIPT:
        return (STATIC_DIR / "docs.js").read_bytes()
    return (SWAGGER_UI_DIR / name).read_bytes()


@router.get("/v1/docs")
async def docs() -> HTMLResponse:
    return HTMLResponse(PAGE, headers=_PAGE_HEADERS)


@router.get(ASSETS_PATH + "/{name}")
async def asset(name: str) -> Response:
    media_type = ASSET_TYPES.get(name)
    if media_type is None:
        raise HTTPException(404)
    return Response(_asset(name), media_type=media_type, headers=_ASSET_HEADERS)
