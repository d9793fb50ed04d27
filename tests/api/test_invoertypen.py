"""Every input field of every operation is strict (contract v2, "Input"), by construction.

These tests walk what the service accepts rather than a list someone keeps: every request
model (every subclass of RequestModel, and the TypedDicts of the batch check), every
property of its JSON schema, and every query, path and header parameter of the OpenAPI
document. Each text must refuse control characters, each date anything but `JJJJ-MM-DD`,
each boolean anything but true/false, each body integer anything but a JSON integer. A
new field declared as a plain `str`, `date` or `bool` fails here; use the types of
app/schemas/fields.py.
"""

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError

import app.schemas
from app.config import Settings
from app.main import create_app
from app.schemas.base import RequestModel
from app.schemas.prioriteringstoetsing import KANDIDAAT, TOETSING, Feit
from app.validation import invalid_params_from

for _module in pkgutil.iter_modules(app.schemas.__path__):
    importlib.import_module(f"app.schemas.{_module.name}")

# Kind of value → (values to refuse, the code each gets, values to accept).
BODY_RULES: dict[str, tuple[list[Any], str, list[Any]]] = {
    "text": (["A\x00B", "\x1f", "regel\x0bregel", "\x08"], "stuurteken", ["tab\tcr\rlf\n"]),
    "date": (
        [0, 19_000, True, "2025-01-01T00:00:00", "1700000000", "20250101", "2025-02-30"],
        "geen-datum",
        ["2024-02-29"],
    ),
    "datetime": ([0, 1_700_000_000, "2025-01-01T10:00:00"], "geen-tijdstip", []),
    "boolean": (["yes", "true", 1, 0, "1"], "geen-boolean", [True, False]),
    "integer": (["5", True, 5.5], "geen-geheel-getal", [5]),
}
# Parameters arrive as text: only the text forms differ from a body.
PARAMETER_RULES: dict[str, tuple[list[str], str, list[str]]] = {
    "text": (["A\x00B", "\x1f"], "stuurteken", ["gewoon"]),
    "date": (["0", "1700000000", "2025-01-01T00:00:00", "20250101"], "geen-datum", ["2024-02-29"]),
    "boolean": (["yes", "1", "True", "on", "0"], "geen-boolean", ["true", "false"]),
    "integer": (["abc", "5.5", "true"], "geen-geheel-getal", ["5"]),
}
# Body schemas validated outside pydantic: the priority-list criteria go through the pure
# parser of app/rules/prioritering.py, which accepts only closed lists and integers.
PARSED_BY_RULES = {
    "Criteriumexpressie",
    "CriteriumAlle",
    "CriteriumEenVan",
    "CriteriumTelling",
    "Tellingvoorwaarde",
    "Feitsoort",
}


def _request_models(cls: type[RequestModel] = RequestModel) -> Iterator[type[RequestModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _request_models(sub)


def _validate_model(model: type[RequestModel]) -> Callable[[Any], list[dict[str, Any]]]:
    # FastAPI parses the JSON, then validates the Python values: so do we.
    def validate(payload: Any) -> list[dict[str, Any]]:
        try:
            model.model_validate(json.loads(json.dumps(payload)))
        except ValidationError as exc:
            return [dict(e) for e in exc.errors()]
        return []

    return validate


def _validate_json(adapter: TypeAdapter[Any]) -> Callable[[Any], list[dict[str, Any]]]:
    # The batch check validates straight from the bytes.
    def validate(payload: Any) -> list[dict[str, Any]]:
        try:
            adapter.validate_json(json.dumps(payload))
        except ValidationError as exc:
            return [dict(e) for e in exc.errors()]
        return []

    return validate


VALIDATORS: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
    **{model.__name__: _validate_model(model) for model in _request_models()},
    "Prioriteringstoetsing": _validate_json(TOETSING),
    "Kandidaat": _validate_json(KANDIDAAT),
    "Feit": _validate_json(TypeAdapter(Feit)),
}
# The published contract (make openapi-check holds it equal to the app's).
DOCUMENT: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text()
)


def _reachable(node: Any) -> set[str]:
    names: set[str] = set()
    pending = [node]
    schemas = DOCUMENT["components"]["schemas"]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            ref = current.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in names:
                    names.add(name)
                    pending.append(schemas[name])
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return names


REQUEST_BODIES = [
    operation["requestBody"]
    for item in DOCUMENT["paths"].values()
    for operation in item.values()
    if "requestBody" in operation
]
BODY_SCHEMAS: dict[str, dict[str, Any]] = {
    name: DOCUMENT["components"]["schemas"][name]
    for name in sorted(_reachable(REQUEST_BODIES) - PARSED_BY_RULES)
    if "enum" not in DOCUMENT["components"]["schemas"][name]
}


def _kinds(schema: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """The kinds of scalar a property takes, and whether inside an array."""
    for member in schema.get("anyOf", []) + schema.get("oneOf", []):
        yield from _kinds(member)
    types = schema.get("type")
    for kind in types if isinstance(types, list) else [types]:
        yield from _kind(kind, schema)


def _kind(kind: str | None, schema: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    if kind == "array":
        yield from ((k, True) for k, _ in _kinds(schema.get("items", {})))
    elif kind == "string" and "enum" not in schema:
        fmt = schema.get("format")
        yield (
            {None: "text", "date": "date", "date-time": "datetime"}.get(fmt, f"string/{fmt}"),
            False,
        )
    elif kind in ("boolean", "integer"):
        yield kind, False


def _fields() -> Iterator[tuple[str, str, str, bool]]:
    for name, schema in BODY_SCHEMAS.items():
        for alias, prop in schema.get("properties", {}).items():
            for kind, in_array in set(_kinds(prop)):
                yield name, alias, kind, in_array


FIELDS = sorted(_fields())


def _codes_at(errors: list[dict[str, Any]], name: str) -> set[str]:
    return {p.code for p in invalid_params_from(errors) if p.name == name}


def test_the_walk_sees_every_kind_of_field() -> None:
    # A walk that found nothing would pass everything.
    kinds = {kind for _, _, kind, _ in FIELDS}
    assert {"text", "date", "boolean", "integer"} <= kinds
    assert len({name for name, *_ in FIELDS}) >= 30
    assert ("CasusAanmelding", "aanmeldreden", "text", False) in FIELDS
    assert ("PlanVanAanpakNieuw", "doelen", "text", True) in FIELDS
    assert ("Feit", "datum", "date", False) in FIELDS


@pytest.mark.parametrize(("model", "alias", "kind", "in_array"), FIELDS)
def test_every_body_field_is_strict(model: str, alias: str, kind: str, in_array: bool) -> None:
    assert kind in BODY_RULES, (
        f"{model}.{alias}: no input rule for {kind}; see app/schemas/fields.py"
    )
    validate = VALIDATORS[model]
    refused, code, accepted = BODY_RULES[kind]
    name = f"{alias}.0" if in_array else alias
    for value in refused:
        payload = {alias: [value] if in_array else value}
        assert code in _codes_at(validate(payload), name), (
            f"{model}.{alias} accepts {value!r}: declare it with the {kind} type of "
            "app/schemas/fields.py"
        )
    for value in accepted:
        # Other rules of the field (a pattern, a length) may still refuse it; this one not.
        payload = {alias: [value] if in_array else value}
        assert code not in _codes_at(validate(payload), name), (model, alias, value)


def test_every_request_body_is_one_the_walk_covers() -> None:
    assert len(REQUEST_BODIES) >= 25
    uncovered = BODY_SCHEMAS.keys() - VALIDATORS.keys()
    assert not uncovered, f"request schemas with no validator to walk: {sorted(uncovered)}"


@pytest.fixture(scope="module")
def service(settings: Settings) -> FastAPI:
    return create_app(settings)


def _parameters(route: APIRoute) -> Iterator[tuple[str, Any]]:
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        for location, fields in (
            ("path", dependant.path_params),
            ("query", dependant.query_params),
            ("header", dependant.header_params),
        ):
            for field in fields:
                yield f"{location}:{field.alias.lower()}", field
        pending.extend(dependant.dependencies)


def _operation_parameters(service: FastAPI) -> Iterator[tuple[str, str, str, str, Any]]:
    routes = [r for r in service.state.api_routes if isinstance(r, APIRoute)]
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            route = next(
                r
                for r in routes
                if r.path == "/v1" + path and method.upper() in (r.methods or set())
            )
            fields = dict(_parameters(route))
            for parameter in operation.get("parameters", []):
                key = f"{parameter['in']}:{parameter['name'].lower()}"
                for kind, _ in set(_kinds(parameter["schema"])):
                    yield method.upper(), path, parameter["name"], kind, fields[key]


def test_every_parameter_is_strict(service: FastAPI) -> None:
    checked: set[str] = set()
    for method, path, name, kind, field in _operation_parameters(service):
        where = f"{method} {path} {name}"
        assert kind in PARAMETER_RULES, f"{where}: no input rule for {kind}"
        refused, code, accepted = PARAMETER_RULES[kind]
        for value in refused:
            _, errors = field.validate(value, {}, loc=("query", name))
            assert code in {p.code for p in invalid_params_from(errors)}, (
                f"{where} accepts {value!r}: declare it with the {kind} type of "
                "app/schemas/fields.py"
            )
        for value in accepted:
            _, errors = field.validate(value, {}, loc=("query", name))
            assert code not in {p.code for p in invalid_params_from(errors)}, (where, value)
        checked.add(kind)
    assert checked == {"text", "date", "boolean", "integer"}
