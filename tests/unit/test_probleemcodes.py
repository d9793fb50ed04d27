"""The problem catalogue (app/problem_codes.py) and the source agree, and it is published."""

import ast
import re
from pathlib import Path

import pytest

from app.domain.criteria import Reden
from app.problem_codes import PROBLEEMCODES
from app.validation import VALIDATION_CODES, code_and_reason
from tests.probleemcodes import CATALOGUE, assert_catalogued, emitted_codes

ROOT = Path(__file__).resolve().parents[2]
# Codes app/ builds at run time, which the scan cannot see: an unmet criterion's reason
# becomes the invalidParams code at intake and definitive assessment (services/casussen.py).
DYNAMIC = {reden.value: "app/services/casussen.py (Reden)" for reden in Reden}


def test_every_code_the_source_emits_is_in_the_catalogue() -> None:
    where = emitted_codes(ROOT)
    for code in VALIDATION_CODES:
        where.setdefault(code, []).append("app/validation.py (pydantic mapping)")
    for code, source in DYNAMIC.items():
        where.setdefault(code, []).append(source)
    assert_catalogued(set(where), where)


def test_every_catalogued_code_is_emitted_somewhere() -> None:
    emitted = set(emitted_codes(ROOT)) | VALIDATION_CODES | DYNAMIC.keys()
    stale = sorted(PROBLEEMCODES.keys() - emitted)
    assert not stale, (
        f"Codes in {CATALOGUE} that nothing in app/ emits: {stale}. Remove them, or emit "
        "them where the scan in tests/probleemcodes.py sees a code (keyword `code=`, "
        "InvalidParam's second argument, ...)."
    )


def test_the_scan_finds_codes_in_every_shape_the_source_uses(tmp_path: Path) -> None:
    # The scan is what keeps the catalogue honest, so it is tested too.
    source = """
NAAM = "constante-code"
class Fout(Exception):
    code = "klasse-code"
class Andere(Exception):
    code: str = "geannoteerde-code"
def f(x):
    raise Fout("tekst", code="keyword-code" if x else "andere-keyword-code")
    InvalidParam("veld", "param-code", "Reden.")
    InvalidParam("veld", NAAM, "Reden.")
    TokenInvalid("Reden.", "token-code")
    PydanticCustomError("pydantic-code", "Bericht.")
    self.problem("veld", "parser-code", "Reden.")
    return ("paar-code", "Een zin met spaties.")
TITELS = {404: ("Niet gevonden", "titel-code", "Deze bestaat niet.")}
NIET = ("application/json", "x-ndjson", "api-version")
"""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "voorbeeld.py").write_text(source)
    assert set(emitted_codes(tmp_path)) == {
        "constante-code",
        "klasse-code",
        "geannoteerde-code",
        "keyword-code",
        "andere-keyword-code",
        "param-code",
        "token-code",
        "pydantic-code",
        "parser-code",
        "paar-code",
        "titel-code",
    }


def test_a_missing_code_is_reported_with_what_to_add_where() -> None:
    with pytest.raises(AssertionError) as failure:
        assert_catalogued({"nieuwe-code"}, {"nieuwe-code": ["app/x.py:3"]})
    message = str(failure.value)
    assert CATALOGUE in message
    assert '"nieuwe-code": "<Betekenis in het Nederlands.>",  # app/x.py:3' in message


def test_codes_are_stable_kebab_case_with_a_dutch_meaning() -> None:
    for code, meaning in PROBLEEMCODES.items():
        assert re.fullmatch(r"([a-d]\.)?[a-z][a-z0-9]*(-[a-z0-9]+)*", code), code
        assert meaning.endswith((".", ")")), code
        assert len(meaning) > 10, code


def test_the_catalogue_has_no_duplicate_keys() -> None:
    # A dict literal silently keeps the last of two equal keys; a merge can cause that.
    tree = ast.parse((ROOT / CATALOGUE).read_text(encoding="utf-8"))
    keys = [
        k.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for k in node.keys
        if isinstance(k, ast.Constant) and isinstance(k.value, str)
    ]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


@pytest.mark.parametrize(
    ("error", "code"),
    [
        ({"type": "missing", "loc": ("body", "x")}, "verplicht"),
        ({"type": "extra_forbidden"}, "onbekend-veld"),
        ({"type": "string_too_long", "ctx": {"max_length": 5}}, "te-lang"),
        ({"type": "date_from_datetime_parsing", "ctx": {"error": "x"}}, "geen-datum"),
        ({"type": "model_attributes_type"}, "geen-object"),
        ({"type": "bool_parsing"}, "geen-boolean"),
        ({"type": "enum", "ctx": {"expected": "'a' or 'b'"}}, "onbekende-waarde"),
        ({"type": "stuurteken", "msg": "Bevat een stuurteken."}, "stuurteken"),
        (
            {"type": "complex_type", "msg": "Input should be a valid complex number"},
            "ongeldige-waarde",
        ),
        ({"type": "string_too_long"}, "te-lang"),
    ],
)
def test_pydantic_errors_become_dutch_codes_without_pydantic_words(
    error: dict[str, object], code: str
) -> None:
    got_code, reason = code_and_reason(error)
    assert got_code == code
    assert got_code in PROBLEEMCODES
    assert "_" not in got_code
    assert "Input should" not in reason
    assert "valid" not in reason
    assert reason.endswith(".")
