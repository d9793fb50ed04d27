"""The information duty on the wire (art. 14 AVG; art. 1.3 BGS; art. 14 bestuurlijke afspraken)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from app.rules.betrokkenenverzoek import Grond41
from app.rules.informatieplicht import Informatieplichtstatus, Uitzondering
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import ID_PATTERN, MAX_TEKST
from app.schemas.fields import Datum, Tekst
from app.services import informatieplicht as service


class InformatieplichtAfhandeling(RequestModel):
    """Het informeren is uitgevoerd (`uitgevoerdOp`), of er geldt een uitzondering.

    Precies één van beide. Een uitzondering (art. 14 lid 5 onder b AVG of art. 41 UAVG)
    vraagt een `motivering`.
    """

    uitgevoerd_op: Datum | None = Field(
        default=None,
        description="De dag waarop de betrokkene is geïnformeerd; niet voor de toelating, niet in de toekomst.",
    )
    uitzondering: Uitzondering | None = Field(
        default=None,
        description=(
            "`art-14-lid-5-b-avg`: informeren blijkt onmogelijk, vergt een onevenredige "
            "inspanning of maakt het doel onmogelijk of ernstig moeilijker; `art-41-uavg`: een "
            "uitzonderingsgrond van art. 41 Uitvoeringswet AVG (bijv. opsporing, bescherming "
            "van de betrokkene of van anderen)."
        ),
    )
    motivering: Tekst | None = Field(default=None, min_length=1, max_length=MAX_TEKST)
    deelnemer: Annotated[Tekst, Field(pattern=ID_PATTERN)] | None = Field(
        default=None,
        description="Bij `art-41-uavg`: de deelnemer die zich op de uitzondering beroept.",
    )
    grond: Grond41 | None = Field(
        default=None, description="Bij `art-41-uavg`: de letter van art. 41 lid 1 UAVG (a-j)."
    )
    herbeoordeling_op: Datum | None = Field(
        default=None,
        description="Bij `art-41-uavg`: wanneer de deelnemer de uitzondering herbeoordeelt.",
    )

    def to_command(self) -> service.InformatieplichtAfhandelen:
        return service.InformatieplichtAfhandelen(
            uitgevoerd_op=self.uitgevoerd_op,
            uitzondering=self.uitzondering,
            motivering=self.motivering,
            deelnemer=self.deelnemer,
            grond=self.grond,
            herbeoordeling_op=self.herbeoordeling_op,
        )


class Opheffing(RequestModel):
    """Hef een uitzondering van art. 41 UAVG op: de informatieplicht gaat weer open, met een
    nieuwe uiterlijke datum één kalendermaand na vandaag (art. 14.4 bestuurlijke afspraken)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"motivering": "Het onderzoek is afgerond."}]}
    )

    motivering: Tekst = Field(min_length=1, max_length=MAX_TEKST)


class Informatieplicht(ApiModel):
    """De informatieplicht jegens de betrokkene van een toegelaten casus."""

    toegelaten_op: date = Field(description="De dag van de toelating bij de intake.")
    uiterlijke_datum: date = Field(
        description="Uiterlijk één maand na de toelating (art. 14 lid 3 onder a AVG)."
    )
    status: Informatieplichtstatus = Field(
        description="`open`, `uitgevoerd`, of `uitzondering` (met grond en motivering)."
    )
    verlopen: bool = Field(
        description="Vandaag (Europe/Amsterdam) nog open en na de uiterlijke datum."
    )
    tijdig: bool | None = Field(
        description="Bij `uitgevoerd`: op of voor de uiterlijke datum; anders `null`."
    )
    uitgevoerd_op: date | None
    uitzondering: Uitzondering | None
    motivering: str | None
    afgehandeld_op: datetime | None
    afgehandeld_door: str | None = Field(description="De deelnemer die de afhandeling vastlegde.")
    uitzondering_deelnemer: str | None = Field(
        description="Bij art. 41 UAVG: de deelnemer die zich erop beroept."
    )
    grond: Grond41 | None = Field(description="Bij art. 41 UAVG: de letter van lid 1.")
    herbeoordeling_op: date | None
    opgeheven_op: date | None = Field(
        description="De dag waarop de uitzondering is opgeheven; de plicht is dan weer open."
    )
    opgeheven_door: str | None
    opheffing_motivering: str | None

    @classmethod
    def of(cls, plicht: service.Informatieplicht) -> "Informatieplicht":
        row, stand = plicht.row, plicht.stand
        return cls(
            toegelaten_op=row.toegelaten_op,
            uiterlijke_datum=stand.uiterlijke_datum,
            status=stand.status,
            verlopen=stand.verlopen,
            tijdig=stand.tijdig,
            uitgevoerd_op=row.uitgevoerd_op,
            uitzondering=plicht.uitzondering,
            motivering=row.motivering,
            afgehandeld_op=row.afgehandeld_op,
            afgehandeld_door=row.afgehandeld_door,
            uitzondering_deelnemer=row.uitzondering_deelnemer,
            grond=plicht.grond,
            herbeoordeling_op=row.herbeoordeling_op,
            opgeheven_op=row.opgeheven_op,
            opgeheven_door=row.opgeheven_door,
            opheffing_motivering=row.opheffing_motivering,
        )
