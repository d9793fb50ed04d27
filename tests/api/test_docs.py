"""/v1/docs works offline: every file comes from this service, and the CSP allows nothing else."""

import re
from html.parser import HTMLParser
from importlib.metadata import version
from urllib.parse import urlsplit

import httpx
import pytest

from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def _references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


def _directives(policy: str) -> dict[str, list[str]]:
    return {
        parts[0]: parts[1:]
        for parts in (directive.split() for directive in policy.split(";"))
        if parts
    }


async def test_the_page_references_only_this_service(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    urls = _references(response.text)
    assert len(urls) == 5  # stylesheet, two icons, Swagger UI, the start script
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme, url
        assert not parts.netloc, url
        assert url.startswith("/v1/docs/"), url
    assert "http://" not in response.text
    assert "https://" not in response.text
    assert "<script>" not in response.text  # no inline script: the CSP would refuse it


async def test_the_csp_allows_only_the_service_itself(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/docs")
    policies = response.headers.get_list("content-security-policy")
    assert len(policies) == 1, "one policy, not the API default appended to it"
    directives = _directives(policies[0])
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for sources in directives.values():
        for source in sources:
            assert source in ("'self'", "'none'", "data:"), source


EXPECTED_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".png": "image/png",
}


async def test_every_referenced_file_is_served_with_its_type_and_policy(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/v1/docs")
    for url in _references(page.text):
        response = await client.get(url)
        assert response.status_code == 200, url
        suffix = url[url.rindex(".") :]
        assert response.headers["content-type"] == EXPECTED_TYPES[suffix], url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers.get_list("content-security-policy") == page.headers.get_list(
            "content-security-policy"
        )
        assert response.headers.get_list("cache-control") == ["public, max-age=31536000, immutable"]
        assert len(response.content) > 100, url


async def test_the_files_are_those_of_the_pinned_package(client: httpx.AsyncClient) -> None:
    pinned = version("swagger-ui-bundle-v2")
    page = (await client.get("/v1/docs")).text
    assert f"/v1/docs/{pinned}/swagger-ui-bundle.js" in page
    bundle = (await client.get(f"/v1/docs/{pinned}/swagger-ui-bundle.js")).content
    from app.routers.docs import SWAGGER_UI_DIR

    assert bundle == (SWAGGER_UI_DIR / "swagger-ui-bundle.js").read_bytes()


async def test_the_start_script_loads_the_contract_from_this_service(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/v1/docs")).text
    script_url = next(url for url in _references(page) if url.endswith("zvh-docs.js"))
    script = (await client.get(script_url)).text
    assert re.findall(r'url: "([^"]*)"', script) == ["/v1/openapi.json"]
    assert "validatorUrl: null" in script
    assert "http" not in script


async def test_other_file_names_are_not_served(client: httpx.AsyncClient) -> None:
    pinned = version("swagger-ui-bundle-v2")
    for name in ("index.html", "swagger-initializer.js", "..%2F..%2F__init__.py"):
        response = await client.get(f"/v1/docs/{pinned}/{name}")
        assert refusal(response) == (404, "niet-gevonden"), name
        assert response.headers["content-type"] == "application/problem+json"
    assert refusal(await client.get("/v1/docs/4.15.5/swagger-ui-bundle.js")) == (
        404,
        "niet-gevonden",
    )
