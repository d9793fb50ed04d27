"""The route class every router uses: media-type check, and authorisation before body parsing."""

import json
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from app.auth.errors import AccessDenied, NotAuthenticated
from app.db import idempotency
from app.db.session import Database
from app.db.tables import IdempotentieRow
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.verwerking import Resultaat
from app.problems import problem_response
from app.request_scope import end_request, request_session, take_pending
from app.validation import MalformedJson

JSON_MEDIA_TYPES = ("application/json",)
NDJSON_MEDIA_TYPE = "application/x-ndjson"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class _LenientJsonRequest(Request):
    """A request whose malformed JSON body becomes a marker instead of an early error.

    FastAPI parses JSON before it runs dependencies, so a malformed body would be
    answered with 400 before the caller's token and rights were looked at. With the
    marker the dependencies (401/403) run first; validation then reports the marker.
    """

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                position = exc.pos if isinstance(exc, json.JSONDecodeError) else exc.start
                self._json = MalformedJson(str(exc), position)
        return self._json


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "transfer-encoding" in request.headers


def accepts(content_type: str | None, media_types: tuple[str, ...]) -> bool:
    if not content_type:
        return False
    base = content_type.split(";", 1)[0].strip().lower()
    return base in media_types or (
        "application/json" in media_types
        and base.startswith("application/")
        and base.endswith("+json")
    )


class ZvhRoute(APIRoute):
    """APIRoute with the API's body rules: 415 for other media types, lenient JSON."""

    accepted_media_types: tuple[str, ...] = JSON_MEDIA_TYPES
    # A route that reads the request stream itself has no body parameter, but a body.
    reads_body_itself = False

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        has_body_param = self.body_field is not None or self.reads_body_itself
        media_types = self.accepted_media_types

        async def route_handler(request: Request) -> Response:
            if has_body_param and request.method in BODY_METHODS and _has_body(request):
                content_type = request.headers.get("content-type")
                if not accepts(content_type, media_types):
                    return problem_response(
                        415,
                        "Mediatype niet ondersteund",
                        f"Stuur het verzoek als {' of '.join(media_types)}.",
                        code="mediatype-niet-ondersteund",
                    )
            database = request.app.state.db
            try:
                response = await handler(_LenientJsonRequest(request.scope, request.receive))
            except idempotency.Replay as replay:
                await end_request(request.scope, database, failure=None)
                return _replayed(replay.row)
            except BaseException as exc:
                await end_request(request.scope, database, failure=outcome_of(exc))
                raise
            pending = take_pending(request.scope)
            if pending is not None and 200 <= response.status_code < 300:
                idempotency.store(
                    request_session(request.scope, database),
                    pending,
                    status=response.status_code,
                    body=bytes(response.body),
                    location=response.headers.get("location"),
                    etag=response.headers.get("etag"),
                    now=datetime.now(UTC),
                )
            response = _not_modified(request, response)
            # The transaction commits before the response is sent: a failed commit
            # is an error response, never a success reported for lost work.
            failure = None if response.status_code < 400 else Resultaat.MISLUKT
            try:
                await end_request(request.scope, database, failure=failure)
            except IntegrityError:
                if pending is None:
                    raise
                # A concurrent request with the same key won the race: answer as it did.
                return await _replay_after_race(database, pending)
            return response

        return route_handler


def _not_modified(request: Request, response: Response) -> Response:
    """A conditional GET whose If-None-Match names the current ETag: 304 without a body.

    The read has happened (and is logged): the caller's copy is simply still current.
    """
    current = response.headers.get("etag")
    wanted = request.headers.get("if-none-match")
    if request.method != "GET" or response.status_code != 200 or not current or not wanted:
        return response
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    if "*" not in tags and current.removeprefix("W/") not in tags:
        return response
    return Response(status_code=304, headers={"ETag": current})


class StreamingBodyRoute(ZvhRoute):
    """A route that takes JSON or NDJSON and reads the body itself, incrementally."""

    accepted_media_types = (*JSON_MEDIA_TYPES, NDJSON_MEDIA_TYPE)
    reads_body_itself = True


class NdjsonResponse(StreamingResponse):
    """A streamed answer whose body iterator reads the request body as it goes.

    Starlette's StreamingResponse listens for a disconnect by calling `receive` while it
    streams, which would take request-body messages away from the iterator; here the
    iterator is the only reader, and a disconnect ends the request stream instead.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.stream_response(send)
        except OSError:  # the client went away while we were sending
            return


def outcome_of(exc: BaseException) -> Resultaat:
    """How a failed request is recorded in the processing log."""
    if isinstance(exc, AccessDenied | NotAuthenticated):
        return Resultaat.GEWEIGERD
    if isinstance(exc, NotFound):
        return Resultaat.NIET_GEVONDEN
    if isinstance(exc, InvalidInput | RequestValidationError):
        return Resultaat.ONGELDIG
    return Resultaat.MISLUKT


def _replayed(row: IdempotentieRow) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if row.location:
        headers["Location"] = row.location
    if row.etag:
        headers["ETag"] = row.etag
    return Response(
        row.body, status_code=row.status, media_type="application/json", headers=headers
    )


async def _replay_after_race(database: Database, pending: idempotency.Pending) -> Response:
    async with database.session() as session:
        row = await idempotency.find(session, pending, datetime.now(UTC))
    if row is None or row.verzoek_hash != pending.verzoek_hash:
        raise Conflict(
            "Een gelijktijdig verzoek met dezelfde Idempotency-Key liep al.",
            code="sleutel-in-gebruik",
        )
    return _replayed(row)
