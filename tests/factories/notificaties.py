"""A real HTTP receiver for notifications, and the factories of subscriptions."""

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from tests.conftest import AuthHeaders


@dataclass
class Ontvangen:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.body)
        return result


@dataclass
class Ontvanger:
    """What a local receiver got; `antwoorden` are the statuses it answers, in turn (then 204)."""

    url: str
    ontvangen: list[Ontvangen] = field(default_factory=list)
    antwoorden: list[int] = field(default_factory=list)


@contextmanager
def ontvanger(*antwoorden: int) -> Iterator[Ontvanger]:
    """An HTTP server on 127.0.0.1 in a thread of its own, recording every POST."""
    state = Ontvanger(url="", antwoorden=list(antwoorden))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            with lock:
                state.ontvangen.append(
                    Ontvangen({k.lower(): v for k, v in self.headers.items()}, body)
                )
                status = state.antwoorden.pop(0) if state.antwoorden else 204
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def verify(geheim: str, ontvangen: Ontvangen) -> bool:
    """The Standard Webhooks check a receiver makes, written from the specification."""
    key = base64.b64decode(geheim.removeprefix("whsec_"))
    signed = (
        f"{ontvangen.headers['webhook-id']}.{ontvangen.headers['webhook-timestamp']}.".encode()
        + ontvangen.body
    )
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in ontvangen.headers["webhook-signature"].split(" ")]
    return any(hmac.compare_digest(expected, s) for s in given)


GEHEIM = "whsec_" + base64.b64encode(b"k" * 32).decode()


async def create_abonnement(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    url: str,
    *kanalen: str,
    geheim: str | None = GEHEIM,
) -> dict[str, Any]:
    body: dict[str, Any] = {"callbackUrl": url, "kanalen": list(kanalen) or ["casussen"]}
    if geheim is not None:
        body["geheim"] = geheim
    response = await client.post("/v1/abonnementen", json=body, headers=auth(deelnemer))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
