"""Small async factories for the case process (Polar-style create_* helpers)."""

import copy
import random
from typing import Any

import httpx

from tests.conftest import AuthHeaders

CRITERIA: dict[str, Any] = {
    "a": {"mate": "voldaan", "betreft": ["betrokkene"], "onderbouwing": "Dakloos en schulden."},
    "b": {
        "mate": "voldaan",
        "leefgebieden": ["huisvesting", "middelengebruik"],
        "criminogeneFactoren": True,
        "onderbouwing": "Verslaving en dakloosheid gaan samen met vermogensdelicten.",
    },
    "c": {
        "mate": "voldaan",
        "gevolgen": ["criminaliteit"],
        "tijd": "heeft-geleid",
        "objectieveAanwijzingen": None,
        "onderbouwing": "Drie aangiften van winkeldiefstal in 2025.",
    },
    "d": {
        "mate": "voldaan",
        "domeinen": ["zorg", "veiligheid"],
        "onderbouwing": "GGZ en politie nodig.",
    },
}

AANMELDING: dict[str, Any] = {
    "betrokkene": {
        "bsn": "111222333",
        "voornamen": "Jan Pieter",
        "achternaam": "Jansen",
        "geboortedatum": "1990-04-01",
    },
    "aanmeldreden": "Herhaalde overlast en diefstal; zorg mijdt hij.",
    "criteria": CRITERIA,
    "socialeOmgeving": [{"naam": "Marie Jansen", "relatie": "moeder"}],
}

# Callers by what they are (demo partnership zvh-demo).
GVV = ("gemeente-utrecht",)  # a joint controller (government participant)
AANMELDER = ("politie",)  # government too, registers the demo cases
PRIVAAT = ("reclassering-nederland",)


_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def unieke_bsn() -> str:
    """A random BSN passing the elfproef: one person per case, as the law has one clock
    per person (a second open case of the same BSN is refused)."""
    while True:
        digits = [random.randrange(10) for _ in _WEIGHTS]
        total = sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True))
        check = total % 11
        if check < 10 and total > check:
            return "".join(map(str, digits)) + str(check)


def aanmelding(**changes: Any) -> dict[str, Any]:
    """A registration body for a person of its own (a fresh BSN), with `changes` applied."""
    body = copy.deepcopy(AANMELDING)
    body["betrokkene"]["bsn"] = unieke_bsn()
    body.update(changes)
    return body


def besluit(besluit: str = "toegelaten", **criteria_changes: Any) -> dict[str, Any]:
    criteria = copy.deepcopy(CRITERIA)
    criteria.update(criteria_changes)
    return {
        "besluit": besluit,
        "criteria": criteria,
        "toelichting": "Besproken aan de triagetafel.",
    }


async def create_casus(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str = "politie", **changes: Any
) -> dict[str, Any]:
    body = aanmelding(**changes)
    response = await client.post("/v1/casussen", json=body, headers=auth(deelnemer))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def admit(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> dict[str, Any]:
    """Through intake and the definitive assessment: in behandeling."""
    gvv = auth("gemeente-utrecht")
    first = await client.post(f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=gvv)
    assert first.status_code == 200, first.text
    second = await client.post(
        f"/v1/casussen/{casus_id}/definitieve-beoordeling", json=besluit(), headers=gvv
    )
    assert second.status_code == 200, second.text
    admitted: dict[str, Any] = second.json()
    return admitted


async def select(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    casus_id: str,
    deelnemers: tuple[str, ...] = ("reclassering-nederland", "ggz"),
    incidenteel: tuple[str, ...] = (),
) -> dict[str, Any]:
    body = {
        "deelnemers": [
            {"deelnemer": d, "noodzaak": f"{d} voert een deel van het plan uit."}
            for d in deelnemers
        ],
        "incidenteleDeelnemers": [
            {"deelnemer": d, "noodzaak": "Specifieke kennis."} for d in incidenteel
        ],
    }
    response = await client.put(
        f"/v1/casussen/{casus_id}/deelnemers", json=body, headers=auth("gemeente-utrecht")
    )
    assert response.status_code == 200, response.text
    selected: dict[str, Any] = response.json()
    return selected


async def close(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, datum: str
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/casussen/{casus_id}/afsluiting",
        json={"datum": datum, "toelichting": "Doelen bereikt."},
        headers=auth("gemeente-utrecht"),
    )
    assert response.status_code == 200, response.text
    closed: dict[str, Any] = response.json()
    return closed
