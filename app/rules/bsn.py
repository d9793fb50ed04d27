"""The burgerservicenummer (BSN) and its elfproef.

A BSN is nine digits whose weighted sum — weights 9, 8, 7, 6, 5, 4, 3, 2 and −1 for the
last digit — is divisible by 11 and not zero (Wet algemene bepalingen
burgerservicenummer; Logisch Ontwerp BSN). The value type never shows the number in its
repr or str, so a careless log line or error message cannot leak it.
"""

from typing import Final

_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_DIGITS: Final = frozenset("0123456789")


def is_valid_bsn(value: str) -> bool:
    """Exactly nine ASCII digits passing the elfproef (a weighted sum of zero fails)."""
    if len(value) != 9 or not _DIGITS.issuperset(value):
        return False
    total = sum(weight * (ord(char) - 48) for weight, char in zip(_WEIGHTS, value, strict=True))
    return total != 0 and total % 11 == 0


class Bsn:
    """A valid BSN. Its digits are available as `.value`; repr and str are masked."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not is_valid_bsn(value):
            raise ValueError(
                "Geen geldig burgerservicenummer: verwacht negen cijfers die voldoen aan de "
                "elfproef."
            )
        self._value = value

    @property
    def value(self) -> str:
        return self._value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Bsn) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Bsn, self._value))

    def __repr__(self) -> str:
        return "Bsn('*********')"

    __str__ = __repr__

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_value"):
            raise AttributeError("Bsn is onveranderlijk.")
        object.__setattr__(self, name, value)
