"""The archive document's bytes are a published contract (model art. 16): pinned here.

A case with every kind of stored JSON (the 2.20 criteria of each assessment, a supplier's
conditions, none on another supply, the retention calculation) is archived as a case
document and as source documents; the canonical bytes, with ids numbered by order of
appearance and the digits of moments masked, must equal the golden file recorded on the
code before the stored JSON moved to the domain's shape (`ZVH_GOLDEN_WRITE=1` records it
again).
"""

import copy
import os
import re
from datetime import date
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.db.tables import CasusRow
from app.services import archiefdocument, bewaardata
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, besluit, close, select

pytestmark = pytest.mark.anyio

GOLDEN = Path(__file__).with_name("archiefdocument.golden.txt")
PEILDATUM = date(2026, 1, 5)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


def _normalised(text: str) -> str:
    """Ids by order of appearance; moments keep their shape (precision, zone), not digits."""
    ids: dict[str, str] = {}
    out = _UUID.sub(lambda m: ids.setdefault(m.group(), f"<id-{len(ids) + 1}>"), text)
    return _MOMENT.sub(lambda m: re.sub(r"\d", "n", m.group()), out)


async def _case(client: httpx.AsyncClient, auth: AuthHeaders) -> tuple[str, str, str]:
    """A closed case with criteria in every shape and two supplies; its id and theirs."""
    body = copy.deepcopy(AANMELDING)
    body["aanmelddatum"] = "2024-03-03"
    created = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert created.status_code == 201, created.text
    casus_id: str = created.json()["id"]
    gvv = auth("gemeente-utrecht")
    intake = besluit(
        c={
            "mate": "aannemelijk",
            "gevolgen": ["onveilige-situatie-gebied", "criminaliteit"],
            "tijd": "zou-leiden",
            "objectieveAanwijzingen": "Twee meldingen van bedreiging van buren.",
            "onderbouwing": "Escalerende conflicten in de portiek.",
        },
        b={
            "mate": "voldaan",
            "leefgebieden": ["middelengebruik", "huisvesting", "middelengebruik"],
            "criminogeneFactoren": True,
            "onderbouwing": "Verslaving en schulden.",
        },
    )
    response = await client.post(f"/v1/casussen/{casus_id}/intake", json=intake, headers=gvv)
    assert response.status_code == 200, response.text
    response = await client.post(
        f"/v1/casussen/{casus_id}/definitieve-beoordeling", json=besluit(), headers=gvv
    )
    assert response.status_code == 200, response.text
    await select(client, auth, casus_id)
    supplies = []
    for deelnemer, extra in (
        (
            "dji",
            {
                "voorwaarden": {
                    "nietVoorIncidenteleDeelnemers": True,
                    "alleenVoorDeelnemers": ["reclassering-nederland", "ggz"],
                    "nietAanDerden": True,
                    "toelichting": "Lopend onderzoek.",
                }
            },
        ),
        ("ggz", {"grondslagBeroepsgeheim": "toestemming"}),
    ):
        response = await client.post(
            f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
            json={"categorie": "bijzonder", "inhoud": f"Gegevens van {deelnemer}.", **extra},
            headers=auth(deelnemer),
        )
        assert response.status_code == 201, response.text
        supplies.append(response.json()["id"])
    await close(client, auth, casus_id, "2024-12-01")
    return casus_id, supplies[0], supplies[1]


async def test_archive_documents_keep_their_bytes(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings
) -> None:
    casus_id, met_voorwaarden, zonder = await _case(client, auth)
    beleid = settings.bewaarbeleid()
    async with db.session() as session:
        casus = await session.get(CasusRow, casus_id)
        assert casus is not None
        stand = await bewaardata.bewaarstand(session, casus, beleid, PEILDATUM)
        gegevens = (await archiefdocument.load(session, casus.zvh, [casus_id]))[casus_id]
        documents = [
            archiefdocument.casus_document(casus, gegevens, stand, beleid, PEILDATUM),
            *(
                archiefdocument.bron_document(casus, gegevens, bron, stand, beleid, PEILDATUM)
                for bron in (bewaardata.AANMELDING, met_voorwaarden, zonder)
            ),
        ]
    text = "\n".join(archiefdocument.canonical(d).decode("utf-8") for d in documents) + "\n"
    transcript = _normalised(text)
    # The stored JSON is in the documents, in the shape the contract publishes.
    assert '"criminogeneFactoren":true' in transcript
    assert '"objectieveAanwijzingen":"Twee meldingen' in transcript
    assert '"alleenVoorDeelnemers":["reclassering-nederland","ggz"]' in transcript
    assert '"begrensdDoor":' in transcript
    if os.environ.get("ZVH_GOLDEN_WRITE"):
        GOLDEN.write_text(transcript)
    assert transcript == GOLDEN.read_text()
