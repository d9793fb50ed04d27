"""The participant registry on the wire."""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from pydantic import Field

from app.domain.deelnemer import Beroepsgeheim, Categorie, Deelnemer, Deelnemertype
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import Datum, Tekst
from app.services.registry import DeelnemerWijzigen

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


class VasteDeelnemertype(StrEnum):
    """Soort vaste deelnemer (art. 2.27 WGS): overheidsdeelnemer of private deelnemer."""

    OVERHEID = "overheid"
    PRIVAAT = "privaat"


class DeelnemerSchema(ApiModel):
    """Een vaste deelnemer van het samenwerkingsverband (art. 2.27 WGS)."""

    id: str = Field(description="Kenmerk van de deelnemer binnen het samenwerkingsverband.")
    naam: str = Field(description="Naam van de organisatie.")
    deelnemertype: VasteDeelnemertype = Field(
        description="`overheid`: overheidsdeelnemer; `privaat`: private deelnemer."
    )
    gezamenlijk_verwerkingsverantwoordelijke: bool = Field(
        description=(
            "Afgeleid van het deelnemertype: overheidsdeelnemers zijn samen gezamenlijk "
            "verwerkingsverantwoordelijke (art. 2.27 lid 3 jo 1.4 lid 1 WGS, art. 26 AVG)."
        )
    )
    categorie: Categorie = Field(description="Soort organisatie.")
    beroepsgeheim: Beroepsgeheim | None = Field(
        description="Wettelijk beroepsgeheim waaraan de deelnemer gebonden is (art. 2.29 lid 2 WGS), of null."
    )
    toetredingsdatum: date = Field(
        description="Datum van toetreding (art. 17 bestuurlijke afspraken)."
    )

    @classmethod
    def of(cls, deelnemer: Deelnemer) -> "DeelnemerSchema":
        return cls(
            id=deelnemer.id,
            naam=deelnemer.naam,
            deelnemertype=VasteDeelnemertype(deelnemer.deelnemertype.value),
            gezamenlijk_verwerkingsverantwoordelijke=deelnemer.gezamenlijk_verwerkingsverantwoordelijke,
            categorie=deelnemer.categorie,
            beroepsgeheim=deelnemer.beroepsgeheim,
            toetredingsdatum=deelnemer.toetredingsdatum,
        )


class DeelnemerLijst(ApiModel):
    """De vaste deelnemers van het samenwerkingsverband van de aanroeper."""

    deelnemers: list[DeelnemerSchema]

    @classmethod
    def json_of(cls, deelnemers: Mapping[str, Deelnemer]) -> bytes:
        """The list as JSON bytes, rendered once per registry snapshot.

        A snapshot's mapping is never changed, only replaced (app/db/registry_cache.py),
        so the bytes rendered for it hold while it is the one in use. Building and
        serialising the models was about a third of the CPU of `GET /v1/deelnemers`.
        """
        rendered = _RENDERED.get(id(deelnemers))
        if rendered is not None and rendered[0] is deelnemers:
            return rendered[1]
        body = cls(deelnemers=[DeelnemerSchema.of(d) for d in deelnemers.values()])
        data = body.model_dump_json(by_alias=True).encode()
        if len(_RENDERED) >= _MAX_RENDERED:
            _RENDERED.clear()
        _RENDERED[id(deelnemers)] = (deelnemers, data)
        return data


# Per snapshot mapping, kept with it, so that an id is never mistaken for a reused one.
_RENDERED: dict[int, tuple[Mapping[str, Deelnemer], bytes]] = {}
_MAX_RENDERED = 256


class DeelnemerNieuw(RequestModel):
    """Registratie van een nieuwe vaste deelnemer."""

    id: Tekst = Field(
        pattern=ID_PATTERN, description="Kenmerk: kleine letters, cijfers en streepjes."
    )
    naam: Tekst = Field(min_length=1, max_length=200)
    deelnemertype: VasteDeelnemertype
    categorie: Categorie
    beroepsgeheim: Beroepsgeheim | None = None
    toetredingsdatum: Datum

    def to_domain(self, zvh: str) -> Deelnemer:
        return Deelnemer(
            zvh=zvh,
            id=self.id,
            naam=self.naam,
            deelnemertype=Deelnemertype(self.deelnemertype.value),
            categorie=self.categorie,
            beroepsgeheim=self.beroepsgeheim,
            toetredingsdatum=self.toetredingsdatum,
        )


class DeelnemerWijziging(RequestModel):
    """Wijziging van een vaste deelnemer; alleen meegestuurde velden veranderen."""

    naam: Tekst | None = Field(default=None, min_length=1, max_length=200)
    deelnemertype: VasteDeelnemertype | None = None
    categorie: Categorie | None = None
    beroepsgeheim: Beroepsgeheim | None = Field(
        default=None, description="null wist het beroepsgeheim."
    )
    toetredingsdatum: Datum | None = None

    def to_command(self) -> DeelnemerWijzigen:
        return DeelnemerWijzigen(
            naam=self.naam,
            deelnemertype=Deelnemertype(self.deelnemertype.value) if self.deelnemertype else None,
            categorie=self.categorie,
            beroepsgeheim=self.beroepsgeheim,
            wis_beroepsgeheim="beroepsgeheim" in self.model_fields_set
            and self.beroepsgeheim is None,
            toetredingsdatum=self.toetredingsdatum,
        )
