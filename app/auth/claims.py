"""The typed custom claims of a caller's token, and the caller as the service knows it."""

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from app.domain.aanwijzing import AANGEWEZEN_ROLLEN, GEEN_AANWIJZINGEN, Aanwijzingen, Functie
from app.domain.deelnemer import Deelnemer, Deelnemertype, Rol
from app.tekst import Tekst


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
    """A verified caller: its claims, its registry entry (None for incidental participants),
    the partnership's designations, and the reason it stated for a supervisory read."""

    claims: Claims
    registratie: Deelnemer | None
    aanwijzingen: Aanwijzingen = GEEN_AANWIJZINGEN
    # The coordinating FG's stated reason (`Reden` header or `reden` query) for this
    # request; only that caller's reason opens the supervision view (app/auth/case_views.py).
    reden: str | None = None

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
        """Whether the caller holds `rol` inside the partnership.

        Roles belong to its fixed participants only: an incidental participant takes part in
        one case (art. 2.31 lid 9 WGS) and holds none of them, whatever its own identity
        provider put in the token. The roles of a designated function (beheerder,
        contactpunt, archiefbeheerder) count only from the designated organisation's people.
        """
        if self.registratie is None or rol not in self.claims.rollen:
            return False
        functie = AANGEWEZEN_ROLLEN.get(rol)
        return functie is None or self.aanwijzingen.van(functie) == self.deelnemer

    @property
    def is_coordinerend_fg(self) -> bool:
        """A data protection officer of the organisation designated as coordinating FG
        (model art. 15.1), who supervises the whole partnership."""
        return (
            self.has_rol(Rol.FUNCTIONARIS_GEGEVENSBESCHERMING)
            and self.aanwijzingen.van(Functie.COORDINERENDE_FG) == self.deelnemer
        )

    @property
    def houdt_toezicht(self) -> bool:
        """The coordinating FG reading for supervision, with its reason stated."""
        return self.is_coordinerend_fg and self.reden is not None
