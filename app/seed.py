"""The demo partnerships of the contract, registered idempotently (`zvh seed-demo`)."""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry import RegistryRepository
from app.domain.aanwijzing import FgContact, Functie
from app.domain.deelnemer import Beroepsgeheim, Categorie, Deelnemer, Deelnemertype

GOV, PRIV = Deelnemertype.OVERHEID, Deelnemertype.PRIVAAT
JOINED = date(2025, 3, 1)  # the day the WGS came into force

# (id, naam, type, categorie, beroepsgeheim) from the model agreement's signatories.
DEMO: dict[
    str, tuple[str, list[tuple[str, str, Deelnemertype, Categorie, Beroepsgeheim | None]]]
] = {
    "zvh-demo": (
        "Zorg- en Veiligheidshuis Demo",
        [
            (
                "gemeente-utrecht",
                "College van B&W en burgemeester van Utrecht",
                GOV,
                Categorie.GEMEENTE,
                None,
            ),
            (
                "gemeente-zeist",
                "College van B&W en burgemeester van Zeist",
                GOV,
                Categorie.GEMEENTE,
                None,
            ),
            ("politie", "Politie (korpschef)", GOV, Categorie.POLITIE, None),
            ("om", "Openbaar Ministerie", GOV, Categorie.OM, None),
            ("dji", "Dienst Justitiële Inrichtingen", GOV, Categorie.DJI, None),
            ("rvdk", "Raad voor de Kinderbescherming", GOV, Categorie.RVDK, None),
            ("ggd", "GGD regio Utrecht", GOV, Categorie.GGD, Beroepsgeheim.WGBO),
            (
                "reclassering-nederland",
                "Reclassering Nederland",
                PRIV,
                Categorie.RECLASSERING,
                None,
            ),
            ("svg", "Stichting Verslavingsreclassering GGZ", PRIV, Categorie.RECLASSERING, None),
            (
                "leger-des-heils",
                "Leger des Heils Jeugdbescherming & Reclassering",
                PRIV,
                Categorie.RECLASSERING,
                None,
            ),
            (
                "gi-jeugd",
                "Gecertificeerde instelling jeugdbescherming",
                PRIV,
                Categorie.GECERTIFICEERDE_INSTELLING,
                Beroepsgeheim.JEUGDWET,
            ),
            ("veilig-thuis", "Veilig Thuis", PRIV, Categorie.VEILIG_THUIS, None),
            ("ggz", "GGZ-instelling", PRIV, Categorie.GGZ, Beroepsgeheim.WGBO),
            ("wijkteam", "Sociaal wijkteam", PRIV, Categorie.SOCIAAL_DOMEIN, None),
        ],
    ),
    "zvh-oost": (
        "Zorg- en Veiligheidshuis Oost (demo, voor isolatie)",
        [
            (
                "gemeente-zwolle",
                "College van B&W en burgemeester van Zwolle",
                GOV,
                Categorie.GEMEENTE,
                None,
            ),
            ("politie", "Politie (korpschef)", GOV, Categorie.POLITIE, None),
            (
                "reclassering-nederland",
                "Reclassering Nederland",
                PRIV,
                Categorie.RECLASSERING,
                None,
            ),
        ],
    ),
}


# The one municipality of each demo partnership holds every designated function
# (contract v2): contact point, archive manager, system administrator, coordinating FG.
DEMO_AANGEWEZEN: dict[str, str] = {"zvh-demo": "gemeente-utrecht", "zvh-oost": "gemeente-zwolle"}


def _fg_contact(gemeente: str) -> FgContact:
    # Public, functional contact details (model art. 14.11), on a reserved example domain.
    return FgContact(email=f"fg@{gemeente}.example", telefoon="14 030")


async def seed_demo(session: AsyncSession) -> int:
    """Register what is missing; return how many participants were added.

    A function that is already designated keeps its holder: the seed never undoes a
    designation the partnership's administrator made.
    """
    registry = RegistryRepository(session)
    added = 0
    for zvh, (naam, deelnemers) in DEMO.items():
        await registry.ensure_samenwerkingsverband(zvh, naam)
        for deelnemer_id, deelnemer_naam, soort, categorie, geheim in deelnemers:
            if await registry.deelnemer(zvh, deelnemer_id) is None:
                await registry.add(
                    Deelnemer(zvh, deelnemer_id, deelnemer_naam, soort, categorie, geheim, JOINED)
                )
                added += 1
        aangewezen = await registry.aanwijzingen(zvh)
        gemeente = DEMO_AANGEWEZEN[zvh]
        await registry.designate(zvh, {f: gemeente for f in Functie if aangewezen.van(f) is None})
        if aangewezen.fg_contact is None:
            await registry.set_fg_contact(zvh, _fg_contact(gemeente))
    return added
