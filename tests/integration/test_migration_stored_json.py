"""Migration 7b3e5d1a9c42 renames the stored criteria and conditions to the domain's shape.

Rows written by the code before it (the request schemas' lowerCamelCase dump) are inserted
at the previous revision; after the upgrade each holds what the code writes now, member
order included, and the archive document reads it back as before; the downgrade restores
the old documents. On the database of the run: SQLite, or a scratch database on the
PostgreSQL server of ZVH_TEST_DATABASE_URL.
"""

import asyncio
import copy
import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import make_url

from app.db.migrate import alembic_config
from app.db.session import create_engine
from app.domain.criteria import VastgelegdeCriteria
from app.domain.verstrekking import GesteldeVoorwaarden
from app.schemas.criteria import Criteria
from app.schemas.verstrekkingen import VoorwaardenSchema
from app.services import archiefdocument
from tests.factories.casussen import CRITERIA
from tests.pgadmin import run as pgadmin

REVISION = "7b3e5d1a9c42"
PREVIOUS = "3f7c2a9d4e61"
MOMENT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

casussen = sa.table(
    "casussen",
    *(sa.column(c) for c in ("id", "zvh", "status", "versie", "aanmelder")),
    sa.column("aanmelddatum", sa.Date),
    sa.column("aangemaakt_op", sa.DateTime(timezone=True)),
    sa.column("gewijzigd_op", sa.DateTime(timezone=True)),
)
beoordelingen = sa.table(
    "criteriabeoordelingen",
    *(sa.column(c) for c in ("id", "casus_id", "fase", "toelaatbaar", "deelnemer", "sub")),
    sa.column("criteria", sa.JSON),
    sa.column("uitkomst", sa.JSON),
    sa.column("tijdstip", sa.DateTime(timezone=True)),
)
verstrekkingen = sa.table(
    "gegevensverstrekkingen",
    *(sa.column(c) for c in ("id", "casus_id", "zvh", "deelnemer", "sub", "categorie", "versie")),
    sa.column("voorwaarden", sa.JSON),
    sa.column("verstrekt_op", sa.DateTime(timezone=True)),
    sa.column("gewijzigd_op", sa.DateTime(timezone=True)),
)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of its own: this test walks the history, not the shared schema."""
    configured = os.environ.get("ZVH_TEST_DATABASE_URL")
    if not configured:
        yield f"sqlite+aiosqlite:///{tmp_path / 'oud.db'}"
        return
    url = (
        make_url(configured)
        .set(database=f"zvh_migratie_{uuid.uuid4().hex[:12]}")
        .render_as_string(hide_password=False)
    )
    assert asyncio.run(pgadmin("create", url)) == 0
    try:
        yield url
    finally:
        asyncio.run(pgadmin("drop", url))


def _old_criteria(**changes: Any) -> dict[str, Any]:
    """What the code before the migration stored: the request schema's dump."""
    body = copy.deepcopy(CRITERIA)
    body.update(changes)
    stored: dict[str, Any] = Criteria.model_validate(body).model_dump(mode="json", by_alias=True)
    return stored


def _old_voorwaarden(body: dict[str, Any]) -> dict[str, Any]:
    stored: dict[str, Any] = VoorwaardenSchema.model_validate(body).model_dump(
        mode="json", by_alias=True
    )
    return stored


OLD_CRITERIA = {
    "aanmelding": _old_criteria(),
    "intake": _old_criteria(
        b={
            "mate": "deels",
            "leefgebieden": ["middelengebruik", "huisvesting", "middelengebruik"],
            "criminogeneFactoren": True,
            "onderbouwing": "Verslaving.",
        },
        c={
            "mate": "aannemelijk",
            "gevolgen": ["onveilige-situatie-gebied"],
            "tijd": "zou-leiden",
            "objectieveAanwijzingen": "Twee meldingen.",
            "onderbouwing": "Conflicten.",
        },
    ),
    # As the retention sweep left it: the codes without the texts.
    "definitief": {
        letter: {
            k: (None if k in ("onderbouwing", "objectieveAanwijzingen") else v)
            for k, v in criterium.items()
        }
        for letter, criterium in _old_criteria().items()
    },
}
OLD_VOORWAARDEN: dict[str, dict[str, Any] | None] = {
    "v1": _old_voorwaarden(
        {
            "nietVoorIncidenteleDeelnemers": True,
            "alleenVoorDeelnemers": ["reclassering-nederland", "ggz"],
            "nietAanDerden": True,
            "toelichting": "Lopend onderzoek.",
        }
    ),
    "v2": _old_voorwaarden({"alleenVoorDeelnemers": []}),
    "v3": None,
}


async def _insert(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(
            sa.text("INSERT INTO samenwerkingsverbanden (id, naam) VALUES ('zvh-oud', 'Oud')")
        )
        await conn.execute(
            sa.text(
                "INSERT INTO deelnemers (zvh, id, naam, deelnemertype, categorie, "
                "toetredingsdatum, gewijzigd_op) VALUES ('zvh-oud', 'politie', 'Politie', "
                "'overheid', 'politie', :dag, :moment)"
            ),
            {"dag": date(2025, 1, 1), "moment": MOMENT},
        )
        await conn.execute(
            casussen.insert().values(
                id="c1",
                zvh="zvh-oud",
                status="in-behandeling",
                versie=1,
                aanmelder="politie",
                aanmelddatum=date(2025, 1, 2),
                aangemaakt_op=MOMENT,
                gewijzigd_op=MOMENT,
            )
        )
        await conn.execute(
            beoordelingen.insert(),
            [
                {
                    "id": f"b-{fase}",
                    "casus_id": "c1",
                    "fase": fase,
                    "toelaatbaar": True,
                    "deelnemer": "gemeente-utrecht",
                    "sub": "s",
                    "criteria": criteria,
                    "uitkomst": {"fase": "intake", "toelaatbaar": True},
                    "tijdstip": MOMENT,
                }
                for fase, criteria in OLD_CRITERIA.items()
            ],
        )
        await conn.execute(
            verstrekkingen.insert(),
            [
                {
                    "id": vid,
                    "casus_id": "c1",
                    "zvh": "zvh-oud",
                    "deelnemer": "dji",
                    "sub": "s",
                    "categorie": "gewoon",
                    "versie": 1,
                    "voorwaarden": voorwaarden,
                    "verstrekt_op": MOMENT,
                    "gewijzigd_op": MOMENT,
                }
                for vid, voorwaarden in OLD_VOORWAARDEN.items()
            ],
        )
    await engine.dispose()


async def _read(url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    engine = create_engine(url)
    async with engine.connect() as conn:
        criteria = dict(
            (await conn.execute(sa.select(beoordelingen.c.fase, beoordelingen.c.criteria))).all()
        )
        voorwaarden = dict(
            (await conn.execute(sa.select(verstrekkingen.c.id, verstrekkingen.c.voorwaarden))).all()
        )
    await engine.dispose()
    return criteria, voorwaarden


def _ordered(document: Any) -> str:
    """The document with its members in stored order (to compare order, not just content)."""
    return json.dumps(document)


def test_old_rows_take_the_domain_shape_and_back(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, PREVIOUS)
    asyncio.run(_insert(database_url))

    command.upgrade(config, REVISION)
    criteria, voorwaarden = asyncio.run(_read(database_url))
    written_now = {
        "aanmelding": VastgelegdeCriteria.of(
            Criteria.model_validate(CRITERIA).to_domain()
        ).stored(),
    }
    assert _ordered(criteria["aanmelding"]) == _ordered(written_now["aanmelding"])
    assert criteria["intake"]["b"]["criminogene_factoren"] is True
    assert criteria["intake"]["b"]["leefgebieden"] == [
        "middelengebruik",
        "huisvesting",
        "middelengebruik",
    ]
    assert criteria["intake"]["c"]["objectieve_aanwijzingen"] == "Twee meldingen."
    assert (
        criteria["definitief"]
        == VastgelegdeCriteria.from_stored(criteria["aanmelding"]).without_texts().stored()
    )
    for fase, old in OLD_CRITERIA.items():
        # The archive document shows the migrated row as it showed the old one.
        document = archiefdocument.criteria_document(
            VastgelegdeCriteria.from_stored(criteria[fase])
        )
        assert _ordered(document) == _ordered(old)
    assert _ordered(voorwaarden["v1"]) == _ordered(
        GesteldeVoorwaarden(
            niet_voor_incidentele_deelnemers=True,
            alleen_voor_deelnemers=("reclassering-nederland", "ggz"),
            niet_aan_derden=True,
            toelichting="Lopend onderzoek.",
        ).stored()
    )
    assert voorwaarden["v2"] == GesteldeVoorwaarden(alleen_voor_deelnemers=()).stored()
    assert voorwaarden["v3"] is None
    for vid, stated in OLD_VOORWAARDEN.items():
        assert _ordered(archiefdocument.voorwaarden_document(voorwaarden[vid])) == _ordered(stated)

    command.downgrade(config, PREVIOUS)
    criteria, voorwaarden = asyncio.run(_read(database_url))
    assert {k: _ordered(v) for k, v in criteria.items()} == {
        k: _ordered(v) for k, v in OLD_CRITERIA.items()
    }
    assert {k: _ordered(v) for k, v in voorwaarden.items()} == {
        k: _ordered(v) for k, v in OLD_VOORWAARDEN.items()
    }
