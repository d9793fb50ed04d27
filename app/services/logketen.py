"""Verifying and exporting the hash-chained processing log (`zvh log verify|export`).

The export follows the fields of the Logboek Dataverwerkingen interface (Logius/MinBZK
draft): `trace_id`, `operation_id`, `parent_operation_id`, `status_code`, `name`,
`start_time`, `end_time`, `foreign_operation`, `resource` and `attributes` with
`dpl.core.processing_activity_id` (a URI into the published register of processing
activities) and `dpl.core.data_subject_id` (a keyed hash, never a BSN). Each line also
carries its place in the chain (`keten`: number, previous hash, hash and the canonical
content the hash covers), and the last line of each partnership its chain head, so that
an auditor recomputes the chain from the file alone (README: "Verifying the log").
"""

import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import verwerkingen
from app.db.session import Database
from app.db.tables import VerwerkingRow
from app.domain import logketen
from app.domain.verwerking import Resultaat

SERVICE = "zvh-wgs"
# Used only outside production, where no key is configured: an export made with it says so.
DEVELOPMENT_KEY = b"zvh-wgs development key, never for production data"


async def verify(database: Database, zvh: str | None) -> tuple[list[str], logketen.Breuk | None]:
    """Check each partnership's chain; the partnerships checked and the first break."""
    async with database.session() as session, session.begin():
        zvhs = await verwerkingen.chain_zvhs(session, zvh)
        heads = await verwerkingen.chain_heads(session, zvh)
        for z in zvhs:
            controle = logketen.Controle(z)
            async for schakel in verwerkingen.chain(session, z):
                if controle.check(schakel):
                    break
            breuk = controle.finish(*heads.get(z, (0, logketen.GENESIS)))
            if breuk is not None:
                return zvhs, breuk
        return zvhs, None


def activity_uri(base_url: str, activiteit: str) -> str:
    return f"{base_url.rstrip('/')}/v1/verwerkingsactiviteiten/{activiteit}"


def data_subject_id(key: bytes, pseudoniem: str | None) -> str | None:
    if pseudoniem is None:
        return None
    return hmac.new(key, pseudoniem.encode("utf-8"), hashlib.sha256).hexdigest()


def logboek_record(s: logketen.Schakel, *, base_url: str, key: bytes) -> dict[str, object]:
    """One record as the Logboek Dataverwerkingen describes it, with its chain link."""
    start = logketen.moment(s.tijdstip)
    return {
        "trace_id": s.trace_id,
        "operation_id": s.span_id,
        "parent_operation_id": s.parent_span_id,
        "status_code": "OK" if s.resultaat == Resultaat.GESLAAGD.value else "ERROR",
        "name": s.activiteit,
        "start_time": start,
        # The service records the moment of a processing, not a duration.
        "end_time": start,
        "foreign_operation": (
            {"trace_id": s.trace_id, "operation_id": s.parent_span_id, "entity": s.deelnemer}
            if s.parent_span_id
            else None
        ),
        "resource": {"name": SERVICE, "zvh": s.zvh},
        "attributes": {
            "dpl.core.processing_activity_id": activity_uri(base_url, s.activiteit),
            "dpl.core.data_subject_id": data_subject_id(key, s.betrokkene),
            "dpl.core.data_subject_id_type": "hmac-sha256(pseudoniem)",
            "zvh.handeling": s.handeling,
            "zvh.resultaat": s.resultaat,
            "zvh.casus_id": s.casus_id,
            "zvh.deelnemer": s.deelnemer,
            "zvh.sub": s.sub,
            "zvh.rollen": s.rollen,
            "zvh.reden": s.reden,
        },
        "keten": {
            "volgnummer": s.volgnummer,
            "vorige_hash": s.vorige_hash,
            "hash": s.hash,
            "inhoud": logketen.canonical(logketen.inhoud_van(s)).decode("utf-8"),
        },
    }


async def _range(session: AsyncSession, zvh: str, van: date, tot: date) -> tuple[int, int] | None:
    """The chain numbers from the first record on or after `van` to the last on or before
    `tot` (UTC days): a contiguous stretch, so the export verifies on its own."""
    start = datetime.combine(van, time(), UTC)
    end = datetime.combine(tot + timedelta(days=1), time(), UTC)
    row = (
        await session.execute(
            select(func.min(VerwerkingRow.volgnummer), func.max(VerwerkingRow.volgnummer)).where(
                VerwerkingRow.zvh == zvh,
                VerwerkingRow.tijdstip >= start,
                VerwerkingRow.tijdstip < end,
            )
        )
    ).one()
    if row[0] is None:
        return None
    return int(row[0]), int(row[1])


async def export(
    database: Database,
    zvh: str | None,
    van: date,
    tot: date,
    *,
    base_url: str,
    key: bytes,
) -> AsyncIterator[str]:
    """NDJSON lines: per partnership its records from `van` to `tot`, then its head."""
    async with database.session() as session, session.begin():
        heads = await verwerkingen.chain_heads(session, zvh)
        for z in await verwerkingen.chain_zvhs(session, zvh):
            stretch = await _range(session, z, van, tot)
            if stretch is not None:
                async for s in verwerkingen.chain(session, z, van=stretch[0], tot=stretch[1]):
                    yield _line(logboek_record(s, base_url=base_url, key=key))
            volgnummer, hash_ = heads.get(z, (0, logketen.GENESIS))
            yield _line(
                {
                    "ketenkop": {
                        "zvh": z,
                        "volgnummer": volgnummer,
                        "hash": hash_,
                        "van": van.isoformat(),
                        "tot": tot.isoformat(),
                        "opgemaakt": logketen.moment(datetime.now(UTC)),
                    }
                }
            )


def _line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
