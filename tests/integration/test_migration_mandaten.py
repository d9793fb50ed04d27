"""Migration dd299cb7fa1e turns the two mandate booleans into mandate rows, and back."""

import sqlite3
from pathlib import Path

from alembic import command

from app.db.migrate import alembic_config
from app.services.bewaartermijn import today_in_amsterdam

REVISION = "dd299cb7fa1e"


def test_true_booleans_become_mandates_of_every_fixed_participant(tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    command.upgrade(config, f"{REVISION}-1")
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            INSERT INTO samenwerkingsverbanden (id, naam, mandaat_procesregisseur_intake,
                mandaat_netwerkmanager_informatieplicht, aangemaakt_op)
            VALUES ('z1', 'Een', 0, 1, '2026-01-01 00:00:00'),
                   ('z2', 'Twee', 1, 0, '2026-01-01 00:00:00'),
                   ('z3', 'Drie', 0, 0, '2026-01-01 00:00:00');
            INSERT INTO deelnemers (zvh, id, naam, deelnemertype, categorie, toetredingsdatum,
                gewijzigd_op)
            VALUES ('z1', 'gemeente', 'G', 'overheid', 'gemeente', '2025-01-01', '2026-01-01'),
                   ('z1', 'ggz', 'GGZ', 'privaat', 'ggz', '2025-01-01', '2026-01-01'),
                   ('z2', 'politie', 'P', 'overheid', 'politie', '2025-01-01', '2026-01-01'),
                   ('z3', 'om', 'OM', 'overheid', 'om', '2025-01-01', '2026-01-01');
            INSERT INTO aanwijzingen (zvh, functie, deelnemer, gewijzigd_op)
            VALUES ('z1', 'contactpunt', 'gemeente', '2026-01-01 00:00:00');
            """
        )
    command.upgrade(config, REVISION)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT zvh, bevoegdheid, mandaatgever, gemandateerde, rol, ingangsdatum, einddatum "
            "FROM mandaten ORDER BY zvh, gemandateerde"
        ).fetchall()
        columns = {r[1] for r in conn.execute("PRAGMA table_info(samenwerkingsverbanden)")}
    vandaag = today_in_amsterdam().isoformat()
    assert rows == [
        ("z1", "informatieplicht", "gemeente", "gemeente", "netwerkmanager", vandaag, None),
        ("z1", "informatieplicht", "gemeente", "ggz", "netwerkmanager", vandaag, None),
        # No beheerder designated: the mandated participant stands in as grantor.
        ("z2", "intake", "politie", "politie", "procesregisseur", vandaag, None),
    ]
    assert "mandaat_procesregisseur_intake" not in columns
    command.downgrade(config, f"{REVISION}-1")
    with sqlite3.connect(path) as conn:
        flags = conn.execute(
            "SELECT id, mandaat_procesregisseur_intake, mandaat_netwerkmanager_informatieplicht "
            "FROM samenwerkingsverbanden ORDER BY id"
        ).fetchall()
    assert flags == [("z1", 0, 1), ("z2", 1, 0), ("z3", 0, 0)]
