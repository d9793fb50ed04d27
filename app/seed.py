"""The demo partnerships of the contract, registered idempotently (`zvh seed-demo`)."""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry import RegistryRepository
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


async def seed_demo(session: AsyncSession) -> int:
    """Register what is missing; return how many participants were added."""
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
    return added
