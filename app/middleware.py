"""One pure ASGI middleware for what every response needs (NL GOV API Design Rules)."""

import logging
import os
import re
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import API_VERSION
from app.metrics import record_request
from app.observability import request_id_var, trace_context_from, trace_var
from app.problems import problem_response

log = logging.getLogger("zvh.http")

# /core/transport/security-headers
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"api-version", API_VERSION.encode()),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
PUBLIC_CORS_PATHS = frozenset({"/v1/openapi.json"})
# The names above and below that a response may set itself (see send_with_headers).
_OWN_HEADERS = frozenset(
    {name for name, _ in SECURITY_HEADERS}
    | {b"x-request-id", b"traceparent", b"access-control-allow-origin"}
)


@dataclass(frozen=True, slots=True)
class BodyLimit:
    """A route whose body has a cap of its own; `hint` ends the 413's detail."""

    method: str
    path: re.Pattern[str]
    max_bytes: int
    hint: str = ""


class ServiceMiddleware:
    """Request id, W3C trace context, body size cap, standard headers, access log, 500s."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        body_limits: Sequence[BodyLimit] = (),
        max_header_bytes: int = 16_384,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_limits = tuple(body_limits)
        self.max_header_bytes = max_header_bytes
        self.default_detail = f"Het verzoek is groter dan {max_body_bytes} bytes."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _uuid4()
        # One pass over the headers for everything this middleware reads.
        traceparent = content_type = declared = None
        header_bytes = 0
        for key, value in scope["headers"]:
            header_bytes += len(key) + len(value)
            if key == b"traceparent" and traceparent is None:
                traceparent = value.decode("latin-1")
            elif key == b"content-type" and content_type is None:
                content_type = value.decode("latin-1")
            elif key == b"content-length" and declared is None:
                declared = value.decode("latin-1")
        trace = trace_context_from(traceparent)
        request_id_token = request_id_var.set(request_id)
        trace_token = trace_var.set(trace)
        extra_headers = [
            *SECURITY_HEADERS,
            (b"x-request-id", request_id.encode()),
            (b"traceparent", trace.traceparent.encode()),
        ]
        if scope["path"] in PUBLIC_CORS_PATHS:
            extra_headers.append((b"access-control-allow-origin", b"*"))
        status = 500
        response_started = False
        too_large = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                # A header the response sets itself (the docs page's own
                # Content-Security-Policy, its assets' Cache-Control) wins over the default.
                headers = message.get("headers", ())
                own = {name.lower() for name, _ in headers if name.lower() in _OWN_HEADERS}
                message["headers"] = [
                    *headers,
                    *(header for header in extra_headers if header[0] not in own),
                ]
            await send(message)

        async def send_problem(code: int, title: str, detail: str, slug: str) -> None:
            response = problem_response(code, title, detail, code=slug)
            await response(scope, receive, send_with_headers)

        # An NDJSON stream may be as long as it likes: the route reads it line by line and
        # bounds each line (app/routers/_toetsing_codec.py). Other routes refuse
        # that media type (415) without reading the body.
        capped = not _is_ndjson(content_type)
        limit, too_large_detail = self._limit(scope)
        try:
            if header_bytes > self.max_header_bytes:
                # Before the app interprets any header: a token, cookie or forged header
                # of any size costs the service nothing past this sum.
                await send_problem(
                    431,
                    "Headers te groot",
                    f"De headers zijn samen groter dan {self.max_header_bytes} bytes.",
                    "headers-te-groot",
                )
                return
            if capped and declared is not None and declared.isdigit() and int(declared) > limit:
                await send_problem(413, "Verzoek te groot", too_large_detail, "verzoek-te-groot")
                return

            received = 0

            async def limited_receive() -> Message:
                nonlocal received, too_large
                message = await receive()
                if capped and message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        too_large = True
                        return {"type": "http.disconnect"}
                return message

            async def guarded_send(message: Message) -> None:
                # A body that grew past the cap while streaming: whatever the app
                # made of the cut-off body, the answer is 413.
                if too_large:
                    if message["type"] == "http.response.start":
                        await send_problem(
                            413, "Verzoek te groot", too_large_detail, "verzoek-te-groot"
                        )
                    return
                await send_with_headers(message)

            await self.app(scope, limited_receive, guarded_send)
        except Exception as exc:
            # A route that reads its body itself sees the cut-off as a disconnect.
            if too_large and not response_started:
                await send_problem(413, "Verzoek te groot", too_large_detail, "verzoek-te-groot")
                return
            log.error(
                "unhandled error",
                extra={"error_type": type(exc).__name__, "event": _frames(exc)},
            )
            if not response_started:
                await send_problem(
                    500,
                    "Interne fout",
                    "Er ging iets mis in de dienst. Vermeld de request-id bij een melding.",
                    "interne-fout",
                )
        finally:
            route = scope.get("route")
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "route": getattr(route, "path", None) or "(geen route)",
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            trace_var.reset(trace_token)
            request_id_var.reset(request_id_token)

    def _limit(self, scope: Scope) -> tuple[int, str]:
        """The body cap of this request's route, and the 413's detail."""
        for special in self.body_limits:
            if scope["method"] == special.method and special.path.match(scope["path"]):
                detail = f"Het verzoek is groter dan {special.max_bytes} bytes."
                return special.max_bytes, f"{detail} {special.hint}".strip()
        return self.max_body_bytes, self.default_detail


def _uuid4() -> str:
    """str(uuid.uuid4()), without building a UUID object (a third of the time)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _is_ndjson(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/x-ndjson"


def _frames(exc: BaseException) -> str:
    # Where it failed, never what the values were: messages of database errors
    # carry the statement's parameters, which may be personal data.
    return " | ".join(
        f"{frame.filename}:{frame.lineno} {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)[-8:]
    )


class MetricsMiddleware:
    """Counts every request by its route template (never its path) and final status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            # The router put the matched route into the scope (the same dict) on its way in.
            route = getattr(scope.get("route"), "path", None)
            record_request(scope["method"], route, status, time.perf_counter() - started)
