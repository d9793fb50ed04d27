"""Per-partnership settings: the designations (mandates: app/schemas/mandaten.py)."""

from typing import Annotated

from pydantic import Field, WithJsonSchema

from app.domain.aanwijzing import Aanwijzingen, FgContact, Functie
from app.domain.errors import InvalidParam
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import Tekst
from app.services.instellingen import Instellingenstand, InstellingenWijzigen

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"

_BEHEERDER = (
    "De beheerder van het systeem (een overheidsdeelnemer): beheert het register, de "
    "instellingen en de aanwijzingen, leest afgeschermde casussen en heropent een afgesloten "
    "casus (factsheet Bewaartermijnen). De rol `beheerder` telt alleen bij deze organisatie."
)
_CONTACTPUNT = (
    "Het contactpunt voor betrokkenen, een gemeente (art. 14.1 bestuurlijke afspraken). De rol "
    "`contactpunt` telt alleen bij deze organisatie."
)
_ARCHIEFBEHEERDER = (
    "De archiefbeheerder, uit het midden van de gezamenlijk verwerkingsverantwoordelijken "
    "(art. 16.2 bestuurlijke afspraken). De rol `archiefbeheerder` telt alleen bij deze "
    "organisatie."
)
_COORDINEREND_FG = (
    "De overheidsdeelnemer wiens functionaris gegevensbescherming de coördinerend FG is "
    "(art. 15.1 bestuurlijke afspraken). De rol `functionaris-gegevensbescherming` van deze "
    "organisatie ziet voor toezicht alles, met een opgegeven reden; die van een andere "
    "gezamenlijk verwerkingsverantwoordelijke alleen het verwerkingenlog."
)
_FG_CONTACT = (
    "Openbare contactgegevens van de coördinerend FG, die het contactpunt bekendmaakt aan "
    "betrokkenen (art. 14.11 bestuurlijke afspraken)."
)


class FgContactSchema(RequestModel):
    """Openbare contactgegevens van de coördinerend functionaris gegevensbescherming."""

    email: Tekst = Field(
        min_length=3,
        max_length=254,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="Functioneel e-mailadres.",
    )
    telefoon: Tekst | None = Field(default=None, min_length=1, max_length=40)
    postadres: Tekst | None = Field(default=None, min_length=1, max_length=400)

    def to_domain(self) -> FgContact:
        return FgContact(email=self.email, telefoon=self.telefoon, postadres=self.postadres)

    @classmethod
    def of(cls, contact: FgContact) -> "FgContactSchema":
        return cls(email=contact.email, telefoon=contact.telefoon, postadres=contact.postadres)


class AanwijzingenSchema(ApiModel):
    """Per functie de aangewezen deelnemer van het samenwerkingsverband (null: nog niemand)."""

    beheerder: str | None = Field(description=_BEHEERDER)
    contactpunt: str | None = Field(description=_CONTACTPUNT)
    archiefbeheerder: str | None = Field(description=_ARCHIEFBEHEERDER)
    coordinerende_fg: str | None = Field(description=_COORDINEREND_FG)
    fg_contact: FgContactSchema | None = Field(description=_FG_CONTACT)

    @classmethod
    def of(cls, aanwijzingen: Aanwijzingen) -> "AanwijzingenSchema":
        contact = aanwijzingen.fg_contact
        return cls(
            beheerder=aanwijzingen.beheerder,
            contactpunt=aanwijzingen.contactpunt,
            archiefbeheerder=aanwijzingen.archiefbeheerder,
            coordinerende_fg=aanwijzingen.coordinerende_fg,
            fg_contact=FgContactSchema.of(contact) if contact else None,
        )


class Instellingen(ApiModel):
    """De instellingen van uw samenwerkingsverband."""

    zvh: str
    aanwijzingen: AanwijzingenSchema

    @classmethod
    def of(cls, stand: Instellingenstand) -> "Instellingen":
        return cls(zvh=stand.zvh, aanwijzingen=AanwijzingenSchema.of(stand.aanwijzingen))


# Optional to send, never null: the document names the type, the service refuses null.
def _optional_id(description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "description": description})


OptionalId = Annotated[Tekst | None, Field(pattern=ID_PATTERN)]


class AanwijzingenWijziging(RequestModel):
    """Wijs één of meer functies aan; wat u weglaat blijft zoals het is."""

    beheerder: Annotated[OptionalId, _optional_id(_BEHEERDER)] = None
    contactpunt: Annotated[OptionalId, _optional_id(_CONTACTPUNT)] = None
    archiefbeheerder: Annotated[OptionalId, _optional_id(_ARCHIEFBEHEERDER)] = None
    coordinerende_fg: Annotated[OptionalId, _optional_id(_COORDINEREND_FG)] = None
    fg_contact: FgContactSchema | None = Field(
        default=None, description=_FG_CONTACT + " null is geen geldige waarde."
    )

    def functies(self) -> dict[Functie, str | None]:
        """The functions sent, with the participant named (None when sent as null)."""
        velden = {
            "beheerder": Functie.BEHEERDER,
            "contactpunt": Functie.CONTACTPUNT,
            "archiefbeheerder": Functie.ARCHIEFBEHEERDER,
            "coordinerende_fg": Functie.COORDINERENDE_FG,
        }
        return {
            f: getattr(self, veld) for veld, f in velden.items() if veld in self.model_fields_set
        }


class InstellingenWijziging(RequestModel):
    """Wijzig één of meer instellingen; wat u weglaat blijft zoals het is."""

    aanwijzingen: AanwijzingenWijziging | None = Field(
        default=None,
        description=(
            "Aanwijzingen van functies (alleen de aangewezen beheerder; null is geen geldige "
            "waarde: een functie gaat altijd over naar een andere deelnemer)."
        ),
    )

    def to_command(self) -> InstellingenWijzigen:
        """The command, with what the form refuses: a member sent as null, nothing to change."""
        given = self.model_fields_set
        problems = [
            InvalidParam(field.alias or name, "waarde-ontbreekt", "Geef een waarde, niet null.")
            for name, field in InstellingenWijziging.model_fields.items()
            if name in given and getattr(self, name) is None
        ]
        if not given:
            problems.append(
                InvalidParam("body", "geen-wijziging", "Geef ten minste één instelling.")
            )
        nieuw = self.aanwijzingen
        if nieuw is None:
            return InstellingenWijzigen(None, None, tuple(problems))
        if not nieuw.model_fields_set:
            problems.append(
                InvalidParam("aanwijzingen", "geen-wijziging", "Geef ten minste één aanwijzing.")
            )
        if "fg_contact" in nieuw.model_fields_set and nieuw.fg_contact is None:
            problems.append(
                InvalidParam(
                    "aanwijzingen.fgContact",
                    "waarde-ontbreekt",
                    "De coördinerend FG moet bereikbaar blijven (art. 14.11 bestuurlijke "
                    "afspraken); null is geen waarde.",
                )
            )
        contact = nieuw.fg_contact.to_domain() if nieuw.fg_contact else None
        return InstellingenWijzigen(nieuw.functies(), contact, tuple(problems))
