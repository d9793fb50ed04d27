"""Where app/ emits problem codes, found statically, and a check of emitted problems.

The scan reads the source as Python syntax and takes the string literals that stand in a
code's place:

- the keyword `code=` of any call (`NotAuthenticated(..., code="token-verlopen")`);
- the code argument of `InvalidParam(name, code, reason)`, `TokenInvalid(reason, code)`,
  `PydanticCustomError(code, message)`, the criteria parser's `self.problem(name, code,
  reason)` and the middleware's `send_problem(status, title, detail, code)`;
- a class attribute `code = "..."` (the error classes);
- a tuple that pairs one hyphenated code with Dutch text, like `(code, reason)` or
  `(title, code, detail)`;
- a module constant named in one of those places (`NIET_OBJECTIEF`).

A code built at run time (an f-string) is beyond it; `assert_catalogued` catches those in
every API test instead (tests/conftest.py).
"""

import ast
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from app.problem_codes import PROBLEEMCODES

CATALOGUE = "app/problem_codes.py"
CODE_ARGUMENT = {
    "InvalidParam": 1,
    "TokenInvalid": 1,
    "PydanticCustomError": 0,
    "problem": 1,
    "send_problem": 3,
}
_HYPHENATED = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)+")


def _callee(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _module_constants(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _strings(node: ast.AST, constants: Mapping[str, str]) -> Iterator[str]:
    """String literals and named module constants in an expression, f-strings excluded."""
    if isinstance(node, ast.JoinedStr):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.Name) and node.id in constants:
        yield constants[node.id]
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body, constants)
        yield from _strings(node.orelse, constants)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _strings(value, constants)


def _code_in_pair(node: ast.Tuple) -> str | None:
    if len(node.elts) < 2 or not all(
        isinstance(e, ast.JoinedStr) or (isinstance(e, ast.Constant) and isinstance(e.value, str))
        for e in node.elts
    ):
        return None
    texts = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    codes = [t for t in texts if _HYPHENATED.fullmatch(t)]
    prose = len(node.elts) > len(texts) or any(" " in t for t in texts)
    return codes[0] if len(codes) == 1 and prose else None


def _in_file(tree: ast.Module) -> Iterator[tuple[str, int]]:
    constants = _module_constants(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "code":
                    yield from ((c, node.lineno) for c in _strings(keyword.value, constants))
            position = CODE_ARGUMENT.get(_callee(node))
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                yield from ((c, node.lineno) for c in _strings(argument, constants))
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                value = getattr(statement, "value", None)
                if any(isinstance(t, ast.Name) and t.id == "code" for t in targets) and isinstance(
                    value, ast.Constant
                ):
                    yield from ((c, statement.lineno) for c in _strings(value, {}))
        elif isinstance(node, ast.Tuple):
            code = _code_in_pair(node)
            if code is not None:
                yield code, node.lineno


def emitted_codes(root: Path) -> dict[str, list[str]]:
    """Every code app/ emits, with the places (`app/x.py:12`) it occurs."""
    places: dict[str, list[str]] = {}
    for path in sorted((root / "app").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative == CATALOGUE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), relative)
        for code, line in _in_file(tree):
            places.setdefault(code, []).append(f"{relative}:{line}")
    return places


def _missing_message(codes: set[str], where: Mapping[str, list[str]]) -> str:
    lines = "\n".join(
        f'    "{code}": "<Betekenis in het Nederlands.>",  # {", ".join(where.get(code, []))}'
        for code in sorted(codes)
    )
    return (
        f"Problem codes missing from the catalogue. Add to PROBLEEMCODES in {CATALOGUE}, "
        f"in the section they belong to:\n{lines}"
    )


def assert_catalogued(codes: set[str], where: Mapping[str, list[str]] | None = None) -> None:
    missing = codes - PROBLEEMCODES.keys()
    assert not missing, _missing_message(missing, where or {})


def codes_in_response(content_type: str, body: bytes) -> set[str]:
    """The codes of a problem+json body, or of the problems in an NDJSON answer."""
    documents: list[Any] = []
    if content_type.startswith("application/problem+json"):
        documents = [json.loads(body)]
    elif content_type.startswith("application/x-ndjson"):
        documents = [
            json.loads(line)["probleem"]
            for line in body.splitlines()
            if line.strip() and b'"probleem"' in line
        ]
    codes: set[str] = set()
    for problem in documents:
        if isinstance(problem, dict):
            if isinstance(problem.get("code"), str):
                codes.add(problem["code"])
            for param in problem.get("invalidParams") or []:
                codes.add(param["code"])
    return codes


def refusal(response: httpx.Response) -> tuple[int, str]:
    """A refusal's status and problem code, to assert as one: `== (404, "casus-niet-gevonden")`.

    An answer that is not a problem gives its media type in place of the code, so a
    failing assertion shows what came instead.
    """
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/problem+json"):
        return response.status_code, f"<{content_type or 'geen inhoud'}>"
    code = response.json().get("code")
    return response.status_code, code if isinstance(code, str) else "<zonder code>"
