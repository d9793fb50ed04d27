"""The closed vocabularies of art. 2.20 BGS on the wire, each value explained in Dutch.

The domain enums validate; these annotations only give them a Dutch description in the
OpenAPI document (the domain's docstrings are English and stay out of the contract).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import WithJsonSchema

from app.domain.criteria import Betreft, Domein, Fase, Gevolg, Leefgebied, Mate, Reden, Tijd


def _schema(
    vocabulaire: type[StrEnum], inleiding: str, uitleg: Mapping[Any, str]
) -> WithJsonSchema:
    missing = set(vocabulaire) ^ set(uitleg)
    if missing:
        raise ValueError(f"{vocabulaire.__name__}: explanation missing or stray for {missing}")
    regels = "\n".join(f"- `{waarde.value}`: {uitleg[waarde]}" for waarde in vocabulaire)
    return WithJsonSchema(
        {
            "type": "string",
            "enum": [waarde.value for waarde in vocabulaire],
            "description": f"{inleiding}\n\n{regels}",
        }
    )


MateVeld = Annotated[
    Mate,
    _schema(
        Mate,
        "In hoeverre aan het criterium is voldaan (art. 2.20 lid 3 BGS). Alleen `voldaan` "
        "telt mee voor toelating; bij de intake ook `aannemelijk`.",
        {
            Mate.VOLDAAN: "aan het criterium is voldaan.",
            Mate.AANNEMELIJK: "voldoende aannemelijk gemaakt dat aan het criterium is voldaan, "
            "op grond van de aanmelding alleen (intake, art. 2.31 lid 2 WGS); telt bij de "
            "intake als voldaan, bij de definitieve beoordeling niet.",
            Mate.DEELS: "aan het criterium is gedeeltelijk voldaan; telt als niet voldaan.",
            Mate.NIET_VOLDAAN: "aan het criterium is niet voldaan.",
            Mate.ONBEKEND: "nog niet te beoordelen, bijvoorbeeld omdat gegevens van andere "
            "deelnemers ontbreken; telt als niet voldaan.",
        },
    ),
]

BetreftVeld = Annotated[
    Betreft,
    _schema(
        Betreft,
        "Bij wie de relevante problemen spelen (art. 2.20 lid 1 onder a BGS).",
        {
            Betreft.BETROKKENE: "bij de betrokkene zelf.",
            Betreft.GEZINSSITUATIE: "in de gezinssituatie van de betrokkene.",
        },
    ),
]

LeefgebiedVeld = Annotated[
    Leefgebied,
    _schema(
        Leefgebied,
        "Een leefgebied waarop de problemen spelen (art. 2.20 lid 1 onder b BGS).",
        {
            Leefgebied.HUISVESTING: "wonen en huisvesting, zoals dakloosheid of dreigende "
            "huisuitzetting.",
            Leefgebied.OPLEIDING_WERK: "school, opleiding, werk en dagbesteding.",
            Leefgebied.FINANCIEN: "inkomen en schulden.",
            Leefgebied.RELATIES_GEZIN: "partnerrelatie, gezin en opvoeding.",
            Leefgebied.SOCIAAL_NETWERK: "vrienden, kennissen en vrijetijdsbesteding.",
            Leefgebied.MIDDELENGEBRUIK: "gebruik van alcohol, drugs of andere middelen, en gokken.",
            Leefgebied.PSYCHISCHE_GEZONDHEID: "psychische problemen en psychiatrische stoornissen.",
            Leefgebied.LICHAMELIJKE_GEZONDHEID: "lichamelijke gezondheid en beperkingen.",
            Leefgebied.DENKPATRONEN_GEDRAG: "denkpatronen, houding en gedrag, zoals "
            "impulsiviteit of agressie.",
            Leefgebied.JUSTITIE: "contacten met politie en justitie, strafrechtelijk verleden.",
        },
    ),
]

GevolgVeld = Annotated[
    Gevolg,
    _schema(
        Gevolg,
        "Waartoe de problemen leiden door toedoen van de betrokkene (art. 2.20 lid 1 onder c BGS).",
        {
            Gevolg.ERNSTIGE_OVERLAST: "ernstige overlast.",
            Gevolg.CRIMINALITEIT: "criminaliteit.",
            Gevolg.ONVEILIGE_SITUATIE_PERSONEN: "onveilige situaties voor personen.",
            Gevolg.ONVEILIGE_SITUATIE_GEBIED: "onveilige situaties binnen een gebied.",
        },
    ),
]

TijdVeld = Annotated[
    Tijd,
    _schema(
        Tijd,
        "Of de problemen tot het gevolg leiden, hebben geleid of zouden leiden "
        "(art. 2.20 lid 1 onder c BGS). Zonder `tijd` is criterium c niet voldaan.",
        {
            Tijd.LEIDT: "de problemen leiden er nu toe.",
            Tijd.HEEFT_GELEID: "de problemen hebben ertoe geleid.",
            Tijd.ZOU_LEIDEN: "de problemen zouden er zonder interventie toe gaan leiden; "
            "alleen gelet op duidelijke en objectieve aanwijzingen, te vermelden in "
            "`objectieveAanwijzingen`.",
        },
    ),
]

DomeinVeld = Annotated[
    Domein,
    _schema(
        Domein,
        "Een domein van deelnemers wier samenwerking nodig is voor een effectief plan van "
        "aanpak (art. 2.20 lid 1 onder d BGS).",
        {
            Domein.ZORG: "zorgdomein, zoals GGZ, GGD, verslavingszorg en Veilig Thuis.",
            Domein.VEILIGHEID: "veiligheids- en strafrechtdomein, zoals politie, OM, DJI, "
            "Raad voor de Kinderbescherming en reclassering.",
            Domein.SOCIAAL: "sociaal domein, zoals gemeente en wijkteam.",
        },
    ),
]

FaseVeld = Annotated[
    Fase,
    _schema(
        Fase,
        "Het moment van de toetsing. De regels zijn in beide fasen dezelfde.",
        {
            Fase.INTAKE: "intake (art. 2.31 lid 2 WGS): is op grond van alleen de aanmelding "
            "voldoende aannemelijk dat aan de criteria is voldaan?",
            Fase.DEFINITIEF: "definitieve beoordeling (art. 2.31 lid 3 WGS), na het "
            "verzamelen van gegevens bij de deelnemers.",
        },
    ),
]

REDEN_UITLEG: Mapping[Reden, str] = {
    Reden.A_MATE_NIET_VOLDAAN: "de mate is niet `voldaan` (of bij de intake `aannemelijk`).",
    Reden.A_ALLEEN_AANNEMELIJK: "alleen `aannemelijk`: volstaat niet bij de definitieve "
    "beoordeling.",
    Reden.A_ONDERBOUWING_ONTBREEKT: "de onderbouwing is leeg.",
    Reden.A_BETREFT_ONTBREEKT: "niet aangegeven of de problemen bij de betrokkene of "
    "in diens gezinssituatie spelen.",
    Reden.B_MATE_NIET_VOLDAAN: "de mate is niet `voldaan` (of bij de intake `aannemelijk`).",
    Reden.B_ALLEEN_AANNEMELIJK: "alleen `aannemelijk`: volstaat niet bij de definitieve "
    "beoordeling.",
    Reden.B_ONDERBOUWING_ONTBREEKT: "de onderbouwing is leeg.",
    Reden.B_TE_WEINIG_LEEFGEBIEDEN: "minder dan twee verschillende leefgebieden.",
    Reden.B_GEEN_CRIMINOGENE_FACTOREN: "geen criminogene factoren vastgesteld.",
    Reden.C_MATE_NIET_VOLDAAN: "de mate is niet `voldaan` (of bij de intake `aannemelijk`).",
    Reden.C_ALLEEN_AANNEMELIJK: "alleen `aannemelijk`: volstaat niet bij de definitieve "
    "beoordeling.",
    Reden.C_ONDERBOUWING_ONTBREEKT: "de onderbouwing is leeg.",
    Reden.C_GEVOLG_ONTBREEKT: "geen gevolg genoemd.",
    Reden.C_TIJD_ONTBREEKT: "niet aangegeven of de problemen ertoe leiden, hebben "
    "geleid of zouden leiden.",
    Reden.C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN: "`zou-leiden` zonder duidelijke en "
    "objectieve aanwijzingen.",
    Reden.D_MATE_NIET_VOLDAAN: "de mate is niet `voldaan` (of bij de intake `aannemelijk`).",
    Reden.D_ALLEEN_AANNEMELIJK: "alleen `aannemelijk`: volstaat niet bij de definitieve "
    "beoordeling.",
    Reden.D_ONDERBOUWING_ONTBREEKT: "de onderbouwing is leeg.",
    Reden.D_TE_WEINIG_DOMEINEN: "minder dan twee verschillende domeinen.",
}
"""Why a criterion is not met, per reason; also the meaning of its problem code."""

RedenVeld = Annotated[
    Reden,
    _schema(
        Reden,
        "Waarom een criterium niet is voldaan; de letter vooraan is het criterium.",
        REDEN_UITLEG,
    ),
]
