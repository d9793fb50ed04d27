"""Migration dbb6f7758afe gives every current placement the day its facts expire."""

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from alembic import command

from app.db.migrate import alembic_config
from app.domain.prioritering import Feit, Soort
from app.rules.prioritering import parse_criteria
from app.rules.prioritering_verval import vervaldatum
from app.services.bewaartermijn import today_in_amsterdam

CRITERIA = {"telling": {"soort": "aanhouding", "periodeMaanden": 12}, "minimaal": 1}


def test_current_placements_get_their_expiry(tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    command.upgrade(config, "ed97ff6bdf33")
    vandaag = today_in_amsterdam()
    aanhouding = vandaag - timedelta(days=100)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO prioriteringslijst_versies (lijst_id, versie, omschrijving, criteria, "
            "aangemaakt_op) VALUES ('l', 1, 'x', ?, '2026-01-01 00:00:00')",
            (json.dumps(CRITERIA),),
        )
        for plaatsing_id, verwijderd in (("huidig", None), ("weg", "2026-01-02 00:00:00")):
            conn.execute(
                "INSERT INTO prioriteringsplaatsingen (id, zvh, lijst_id, versie, casus_id, "
                "peildatum, geplaatst_op, geplaatst_door, geplaatst_sub, verwijderd_op) "
                "VALUES (?, 'zvh-demo', 'l', 1, 'c', ?, '2026-01-01 00:00:00', 'om', 's', ?)",
                (plaatsing_id, vandaag.isoformat(), verwijderd),
            )
        conn.execute(
            "INSERT INTO plaatsingsfeiten (plaatsing_id, volgnummer, soort, categorie, datum, "
            "bron) VALUES ('huidig', 0, 'aanhouding', 'diefstal', ?, 'politie')",
            (aanhouding.isoformat(),),
        )
    command.upgrade(config, "head")
    with sqlite3.connect(path) as conn:
        found = dict(conn.execute("SELECT id, vervalt_op FROM prioriteringsplaatsingen").fetchall())
    feit = Feit(soort=Soort.AANHOUDING, categorie="diefstal", datum=aanhouding, bron="politie")
    expected = vervaldatum(parse_criteria(CRITERIA), [feit], vandaag)
    assert expected > vandaag
    assert date.fromisoformat(found["huidig"]) == expected
    assert found["weg"] is None
