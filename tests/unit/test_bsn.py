"""The BSN elfproef, the masked value type, and the request field built on it."""

import logging

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from app.rules.bsn import Bsn, is_valid_bsn
from app.schemas.base import RequestModel
from app.schemas.bsn import BsnVeld
from app.validation import invalid_params_from

VALID = ["111222333", "123456782", "999999990", "012345672"]
INVALID = [
    "000000000",  # weighted sum 0
    "000000012",  # weighted sum 2*1 - 2 = 0: divisible by 11, still refused
    "123456789",
    "111222334",
    "12345678",  # eight digits
    "1234567820",  # ten digits
    "",
    "12345678a",
    "abcdefghi",
    " 11122233",
    "111 22233",
    "111-222-33",
    "١١١٢٢٢٣٣٣",  # Arabic-Indic digits: str.isdigit() says yes, a BSN says no
]

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _weighted_sum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))


@pytest.mark.parametrize("value", VALID)
def test_valid_numbers(value: str) -> None:
    assert is_valid_bsn(value) is True
    assert Bsn(value).value == value


@pytest.mark.parametrize("value", INVALID)
def test_invalid_numbers(value: str) -> None:
    assert is_valid_bsn(value) is False
    with pytest.raises(ValueError, match="elfproef") as raised:
        Bsn(value)
    if value:
        assert value not in str(raised.value)


@given(nine_digits)
def test_nine_digits_pass_iff_the_weighted_sum_rule_holds(digits: str) -> None:
    total = _weighted_sum(digits)
    assert is_valid_bsn(digits) is (total % 11 == 0 and total != 0)


@given(nine_digits, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_of_a_valid_bsn_invalidates_it(
    digits: str, position: int, shift: int
) -> None:
    # Make any nine digits valid by choosing the last digit: the check digit is the
    # weighted sum of the first eight modulo 11 (unusable when that is 10 or makes 0).
    check = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) % 11
    assume(check != 10)
    valid = digits[:8] + str(check)
    assume(_weighted_sum(valid) != 0)
    assert is_valid_bsn(valid)
    changed_digit = str((int(valid[position]) + shift) % 10)
    changed = valid[:position] + changed_digit + valid[position + 1 :]
    assert is_valid_bsn(changed) is False


@given(st.text(max_size=12).filter(lambda s: len(s) != 9))
def test_anything_but_nine_characters_is_invalid(value: str) -> None:
    assert is_valid_bsn(value) is False


def test_value_type_never_shows_the_number(caplog: pytest.LogCaptureFixture) -> None:
    bsn = Bsn("123456782")
    for shown in (repr(bsn), str(bsn), f"{bsn}", f"{bsn!r}", repr([bsn])):
        assert "123456782" not in shown
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("casus voor %s", bsn)
    assert "123456782" not in caplog.text


def test_value_type_equality_and_immutability() -> None:
    assert Bsn("123456782") == Bsn("123456782")
    assert Bsn("123456782") != Bsn("111222333")
    assert Bsn("123456782") != "123456782"
    assert len({Bsn("123456782"), Bsn("123456782")}) == 1
    bsn = Bsn("123456782")
    with pytest.raises(AttributeError):
        bsn._value = "111222333"


def test_value_type_refuses_non_strings() -> None:
    with pytest.raises(ValueError, match="elfproef"):
        Bsn(123456782)  # type: ignore[arg-type]


class _Betrokkene(RequestModel):
    bsn: BsnVeld


def test_field_accepts_a_valid_bsn_and_serialises_its_digits() -> None:
    model = _Betrokkene.model_validate({"bsn": "111222333"})
    assert model.bsn == Bsn("111222333")
    assert model.model_dump(by_alias=True) == {"bsn": "111222333"}
    assert "111222333" not in repr(model)


@pytest.mark.parametrize("value", ["123456789", "000000000", "12345678", "1234567820"])
def test_field_refuses_with_a_stable_code_and_no_number(value: str) -> None:
    with pytest.raises(ValidationError) as raised:
        _Betrokkene.model_validate({"bsn": value})
    assert value not in str(raised.value)
    [param] = invalid_params_from([dict(e) for e in raised.value.errors()])
    assert param.name == "bsn"
    assert param.code == "bsn-ongeldig"
    assert "elfproef" in param.reason
    assert value not in param.reason


def test_field_wants_a_string_not_a_number() -> None:
    with pytest.raises(ValidationError) as raised:
        _Betrokkene.model_validate({"bsn": 111222333})
    [param] = invalid_params_from([dict(e) for e in raised.value.errors()])
    assert param.code == "geen-tekst"


def test_field_documents_itself_in_the_schema() -> None:
    schema = _Betrokkene.model_json_schema()["properties"]["bsn"]
    assert schema["type"] == "string"
    assert schema["pattern"] == "^[0-9]{9}$"
    assert "elfproef" in schema["description"]
