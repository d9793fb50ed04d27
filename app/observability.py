"""Structured JSON logs with the request id and the W3C trace context; never personal data."""

import json
import logging
import re
import secrets
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True, slots=True)
class TraceContext:
    """The W3C trace context of one request: the caller's trace, our own span."""

    trace_id: str
    span_id: str
    parent_id: str | None
    flags: str = "01"

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{self.flags}"


def trace_context_from(header: str | None) -> TraceContext:
    """Continue the caller's trace when its traceparent is valid, else start a new one."""
    span_id = secrets.token_hex(8)
    if header:
        match = _TRACEPARENT.match(header.strip().lower())
        if match:
            version, trace_id, parent_id, flags = match.groups()
            if version != "ff" and set(trace_id) != {"0"} and set(parent_id) != {"0"}:
                return TraceContext(trace_id, span_id, parent_id, flags)
    return TraceContext(secrets.token_hex(16), span_id, None)


request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
trace_var: ContextVar[TraceContext | None] = ContextVar("trace", default=None)

# Log records may carry these extra keys; anything else passed as `extra` is dropped,
# so a careless call cannot put a name or a BSN into the log.
SAFE_FIELDS = frozenset(
    {"method", "route", "status", "duration_ms", "error_type", "event", "count", "zvh", "code"}
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["requestId"] = request_id
        trace = trace_var.get()
        if trace:
            entry["traceId"] = trace.trace_id
            entry["spanId"] = trace.span_id
        for key in SAFE_FIELDS:
            if key in record.__dict__:
                entry[key] = record.__dict__[key]
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).disabled = True
