"""Two habits of the test suite, held by reading its source (no database, no HTTP).

1. A test module imports shared helpers only from the shared modules (`SHARED`), never
   from another test module: a helper two modules need lives in tests/factories.
2. A test that expects a refusal checks the problem's `code`, not only the status: the
   status says little (a 404 for an unknown case and for a hidden one look alike), the
   code is what the API promises (app/problem_codes.py).

How (2) is read, per test function (`test_*`), one assert at a time:

- A *status assertion* is an `assert` whose test reads `.status_code` and compares it
  with a 4xx literal (`==`, `in`, or inside a list/tuple/set on either side), e.g.
  `assert response.status_code == 404` or `assert [r.status_code for r in rs] == [403]`.
- It is *checked* when the same assert also reads a code (`["code"]`, `.get("code")`,
  `refusal(...)`), or, for a status read on a plain name `response`, when a later
  statement of the same function reads a code from `response` (`response.json()["code"]`,
  `refusal(response)`, `body["code"]` with `body = response.json()`, or a call of a
  helper that takes `response` and reads a code itself) before `response` is bound again.
- A status read on anything other than a plain name (an awaited call, a comprehension
  variable) can only be checked inside the same assert, so write
  `assert refusal(await client.get(...)) == (404, "casus-niet-gevonden")`.

Out of its reach: statuses compared with a variable (parametrised tests), and helpers
that assert a refusal on a test's behalf; those read their code in the helper or not at all.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
SHARED = ("conftest", "probleemcodes", "contract", "pgadmin", "scaleout", "factories")
REFUSALS = frozenset(range(400, 500))
CODE_HELPERS = frozenset({"refusal"})


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.name != "__init__.py")


def _relative(path: Path) -> str:
    return path.relative_to(TESTS.parent).as_posix()


def imported_test_modules(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """Modules under `tests` that `tree` imports and that are not shared."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tests":
                names = [f"tests.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "tests" and len(parts) > 1 and parts[1] not in SHARED:
                yield name, node.lineno


def test_test_modules_import_only_shared_helpers() -> None:
    found = [
        f"{_relative(path)}:{line} imports {name}"
        for path in _modules()
        for name, line in imported_test_modules(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, (
        "Move what these import to tests/factories (or another shared module):\n" + "\n".join(found)
    )


def _is_code_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == "code"


def _reads_code(node: ast.AST) -> bool:
    """Whether `node` itself reads a code: `x["code"]`, `x.get("code")`, `refusal(x)`."""
    if isinstance(node, ast.Subscript):
        return _is_code_key(node.slice)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
            return _is_code_key(node.args[0])
        return isinstance(func, ast.Name) and func.id in CODE_HELPERS
    return False


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _code_readers(tree: ast.Module) -> frozenset[str]:
    """Functions of a module that read a code from what they are given (local helpers)."""
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("test_")
        and any(_reads_code(n) for n in ast.walk(node))
    )


@dataclass(frozen=True)
class StatusAssertion:
    line: int
    response: str | None  # the plain name whose status is read, if it is one


def _refusal_literal(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Constant)
        and isinstance(n.value, int)
        and not isinstance(n.value, bool)
        and n.value in REFUSALS
        for n in ast.walk(node)
    )


def _status_assertion(node: ast.Assert) -> StatusAssertion | None:
    compare = node.test
    if not isinstance(compare, ast.Compare):
        return None
    statuses = [
        n for n in ast.walk(compare) if isinstance(n, ast.Attribute) and n.attr == "status_code"
    ]
    if not statuses or not _refusal_literal(compare):
        return None
    bound_inside = {
        n.id
        for comp in ast.walk(compare)
        if isinstance(comp, ast.comprehension)
        for n in ast.walk(comp.target)
        if isinstance(n, ast.Name)
    }
    value = statuses[0].value
    if isinstance(value, ast.Name) and value.id not in bound_inside and len(statuses) == 1:
        return StatusAssertion(node.lineno, value.id)
    return StatusAssertion(node.lineno, None)


def _bindings(function: ast.AST) -> dict[str, list[int]]:
    """Where each name is (re)bound in a function, by line."""
    found: dict[str, list[int]] = {}
    for node in ast.walk(function):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(
            node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr | ast.For | ast.AsyncFor
        ):
            targets = [node.target]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            targets = [node.optional_vars]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    found.setdefault(name.id, []).append(name.lineno)
    return found


def _aliases(function: ast.AST, response: str) -> set[str]:
    """`response` and the names bound to what it carries (`body = response.json()`)."""
    names = {response}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and response in _names_in(node.value):
            names |= {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def _code_read_of(node: ast.AST, names: set[str], helpers: frozenset[str]) -> bool:
    if _reads_code(node) and names & _names_in(node):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in helpers
        and bool(names & _names_in(node))
    )


def unchecked_refusals(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """(test, line) of each status assertion of a refusal whose code no one reads."""
    helpers = _code_readers(tree) | CODE_HELPERS
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test_"):
            continue
        bindings = _bindings(function)
        for node in ast.walk(function):
            if not isinstance(node, ast.Assert):
                continue
            found = _status_assertion(node)
            if found is None:
                continue
            if any(_reads_code(n) for n in ast.walk(node)):
                continue
            if found.response is None:
                yield function.name, found.line
                continue
            end = getattr(node, "end_lineno", None) or found.line
            rebound = [line for line in bindings.get(found.response, []) if line > end]
            until = min(rebound, default=10**9)
            names = _aliases(function, found.response)
            if not any(
                found.line <= getattr(n, "lineno", 0) < until and _code_read_of(n, names, helpers)
                for n in ast.walk(function)
            ):
                yield function.name, found.line


def test_a_refusal_is_asserted_with_its_code() -> None:
    found = [
        f"{_relative(path)}:{line} ({name})"
        for path in _modules()
        for name, line in unchecked_refusals(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, (
        "These tests expect a refusal but check only its status; assert the problem code "
        "as well, e.g. `assert refusal(response) == (404, 'casus-niet-gevonden')` "
        "(tests/probleemcodes.py):\n" + "\n".join(found)
    )


CHECKED = """
async def test_a():
    response = await client.get("/x")
    assert response.status_code == 404
    assert response.json()["code"] == "casus-niet-gevonden"

async def test_b():
    assert refusal(await client.get("/x")) == (404, "casus-niet-gevonden")

async def test_c():
    r = await client.get("/x")
    body = r.json()
    assert r.status_code == 409, r.text
    assert body["code"] == "conflict"

async def test_d():
    ok = await client.get("/x")
    assert ok.status_code == 200
"""
UNCHECKED = """
async def test_inline():
    assert (await client.get("/x")).status_code == 404

async def test_rebound():
    r = await client.get("/x")
    assert r.status_code == 403
    r = await client.get("/y")
    assert r.json()["code"] == "geen-toegang"

async def test_listed():
    rs = [await client.get("/x")]
    assert [r.status_code for r in rs] == [404]

async def test_alone():
    r = await client.get("/x")
    assert r.status_code in (401, 403)
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (CHECKED, []),
        (
            UNCHECKED,
            [("test_inline", 3), ("test_rebound", 7), ("test_listed", 13), ("test_alone", 17)],
        ),
    ],
)
def test_the_refusal_check_reads_what_it_should(
    source: str, expected: list[tuple[str, int]]
) -> None:
    assert list(unchecked_refusals(ast.parse(source))) == expected
