"""Data breaches on the wire (AVG art. 33-34; model art. 14)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from app.rules.datalek import SoortGegevens
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import MAX_TEKST
from app.schemas.fields import Datum, JaNee, Tekst, Tijdstip
from app.services import datalekken as service

Motivering = Annotated[Tekst, Field(min_length=1, max_length=MAX_TEKST)]


class DatalekNieuw(RequestModel):
    """Een inbreuk in verband met persoonsgegevens, gemeld door een vaste deelnemer."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ontdektOp": "2026-03-27T10:00:00+01:00",
                    "omschrijving": "Casusoverzicht per e-mail naar een verkeerde ontvanger.",
                    "soortenGegevens": ["gewoon", "strafrechtelijk"],
                    "geschatAantalBetrokkenen": 1,
                    "casussen": [],
                }
            ]
        }
    )

    ontdekt_op: Tijdstip = Field(
        description="Wanneer de deelnemer er kennis van nam, met tijdzone; niet in de toekomst."
    )
    omschrijving: Motivering
    soorten_gegevens: list[SoortGegevens] = Field(
        min_length=1,
        max_length=4,
        description="`gewoon`, `bijzonder` (art. 9 AVG), `strafrechtelijk` (art. 10), `bsn`.",
    )
    geschat_aantal_betrokkenen: int = Field(ge=0, le=100_000_000, strict=True)
    casussen: list[Annotated[Tekst, Field(min_length=1, max_length=36)]] = Field(
        default_factory=list, max_length=500, description="Betrokken casussen (kenmerken)."
    )

    def to_command(self) -> service.DatalekMelden:
        return service.DatalekMelden(
            ontdekt_op=self.ontdekt_op,
            omschrijving=self.omschrijving,
            soorten_gegevens=tuple(self.soorten_gegevens),
            geschat_aantal_betrokkenen=self.geschat_aantal_betrokkenen,
            casussen=tuple(self.casussen),
        )


class Beoordeling(RequestModel):
    """De beoordeling door het contactpunt (art. 33 lid 1 en 34 lid 1 AVG)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "meldplichtig": True,
                    "hoogRisico": False,
                    "motivering": "Strafrechtelijke gegevens.",
                }
            ]
        }
    )

    meldplichtig: JaNee = Field(description="Te melden aan de Autoriteit Persoonsgegevens.")
    hoog_risico: JaNee = Field(
        description="Waarschijnlijk een hoog risico: ook de betrokkenen informeren (art. 34)."
    )
    motivering: Motivering

    def to_command(self) -> service.DatalekBeoordelen:
        return service.DatalekBeoordelen(self.meldplichtig, self.hoog_risico, self.motivering)


class MeldingAp(RequestModel):
    """De melding aan de Autoriteit Persoonsgegevens."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"gemeldOp": "2026-03-29T16:00:00+02:00", "kenmerk": "AP-2026-12345"}]
        }
    )

    gemeld_op: Tijdstip = Field(description="Niet voor de ontdekking, niet in de toekomst.")
    kenmerk: Tekst = Field(min_length=1, max_length=100, description="Kenmerk van de AP.")


class BetrokkenenGeinformeerd(RequestModel):
    """De dag waarop de betrokkenen zijn geïnformeerd (art. 34 AVG)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"datum": "2026-03-30"}]})

    datum: Datum = Field(description="Niet voor de dag van ontdekking, niet in de toekomst.")


class Datalek(ApiModel):
    """Een datalek in het register (art. 33 lid 5 AVG): gemeld of niet, het blijft staan."""

    id: str
    gemeld_door: str
    ontdekt_op: datetime
    melden_aan_ap_uiterlijk: datetime = Field(
        description="Ontdekt + 72 uur (art. 33 lid 1 AVG), in UTC."
    )
    omschrijving: str
    soorten_gegevens: list[SoortGegevens]
    geschat_aantal_betrokkenen: int
    casussen: list[str]
    meldplichtig: bool | None
    hoog_risico: bool | None
    beoordeling_motivering: str | None
    beoordeeld_op: datetime | None
    gemeld_aan_ap_op: datetime | None
    ap_kenmerk: str | None
    tijdig_gemeld: bool | None = Field(description="Na melding: binnen de 72 uur; anders null.")
    betrokkenen_geinformeerd_op: date | None
    verlopen: bool = Field(
        description="Niet (als niet-meldplichtig) beoordeeld, niet gemeld, en de 72 uur voorbij."
    )

    @classmethod
    def of(cls, datalek: service.Datalek) -> "Datalek":
        row = datalek.row
        return cls(
            id=row.id,
            gemeld_door=row.gemeld_door,
            ontdekt_op=row.ontdekt_op,
            melden_aan_ap_uiterlijk=row.melden_uiterlijk,
            omschrijving=row.omschrijving,
            soorten_gegevens=[SoortGegevens(s) for s in row.soorten_gegevens],
            geschat_aantal_betrokkenen=row.geschat_aantal_betrokkenen,
            casussen=list(row.casussen),
            meldplichtig=row.meldplichtig,
            hoog_risico=row.hoog_risico,
            beoordeling_motivering=row.beoordeling_motivering,
            beoordeeld_op=row.beoordeeld_op,
            gemeld_aan_ap_op=row.gemeld_ap_op,
            ap_kenmerk=row.ap_kenmerk,
            tijdig_gemeld=datalek.tijdig_gemeld,
            betrokkenen_geinformeerd_op=row.betrokkenen_geinformeerd_op,
            verlopen=datalek.verlopen,
        )


class DatalekkenLijst(ApiModel):
    datalekken: list[Datalek]
