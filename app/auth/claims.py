"""The typed custom claims of a caller's token, and the caller as the service knows it."""

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from app.domain.deelnemer import Deelnemer, Deelnemertype, Rol
from app.schemas.fields import Tekst


class Claims(BaseModel):
    """Claims this service relies on (api/CONTRACT.md, 'Who is calling')."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    sub: Tekst = Field(min_length=1, max_length=200)
    zvh: Tekst = Field(min_length=1, max_length=64)
    deelnemer: Tekst = Field(min_length=1, max_length=64)
    deelnemertype: Deelnemertype
    gezamenlijk_verwerkingsverantwoordelijke: bool = Field(
        alias="gezamenlijkVerwerkingsverantwoordelijke", strict=True
    )
    rollen: frozenset[Rol] = frozenset()


@dataclass(frozen=True, slots=True)
class Caller:
    """A verified caller: its claims, and its registry entry (None for incidental participants)."""

    claims: Claims
    registratie: Deelnemer | None

    @property
    def zvh(self) -> str:
        return self.claims.zvh

    @property
    def deelnemer(self) -> str:
        return self.claims.deelnemer

    @property
    def is_gezamenlijk_verwerkingsverantwoordelijke(self) -> bool:
        return (
            self.registratie is not None
            and self.registratie.gezamenlijk_verwerkingsverantwoordelijke
        )

    @property
    def is_vaste_deelnemer(self) -> bool:
        """A government or private participant: registered in the partnership, not incidental."""
        return self.registratie is not None

    def has_rol(self, rol: Rol) -> bool:
        """Roles inside the partnership belong to its fixed participants only: an incidental
        participant takes part in one case (art. 2.31 lid 9 WGS) and holds none of them,
        whatever its own identity provider put in the token."""
        return self.registratie is not None and rol in self.claims.rollen
