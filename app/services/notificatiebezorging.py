"""Delivering the outbox: `zvh notifications deliver` and the worker inside `zvh serve`.

Two steps, each safe with several workers on PostgreSQL (rows claimed with
`FOR UPDATE SKIP LOCKED`, app/db/jobs.py):

1. spread: each new notification becomes one delivery per current subscription of its
   channel in its partnership (`drain`);
2. send: due deliveries are claimed in a short transaction that leases them (their next
   attempt moves past the send's time-out, and the attempt is counted), then each is
   checked against the policy and POSTed outside any transaction, and its outcome is
   stored in a transaction of its own. A worker that dies mid-send leaves the delivery to
   be claimed again when the lease ends.

A failed attempt waits by exponential backoff with jitter; after the last one the
delivery is a dead letter (`mislukt`) until `zvh notifications redeliver`. A delivery the
organisation may no longer read is not sent (`vervallen`, with the reason).
"""

import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db.casussen import CasusRepository, new_id
from app.db.jobs import drain
from app.db.registry_cache import RegistryCache
from app.db.session import Database
from app.db.tables_notificaties import AbonnementRow, AfleveringRow, NotificatieRow
from app.domain.notificatie import Actie, Afleverstatus, Bericht, Herhaalbeleid, Kanaal, headers
from app.domain.verwerking import Handeling
from app.metrics import DEAD_LETTERS, OUTBOX_BACKLOG, on_scrape, record_delivery_failure
from app.services import callback_url
from app.services.notificatietoegang import weigering
from app.services.verwerkingslog import Verwerker, Verwerkingslog

log = logging.getLogger("zvh.notifications")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Bezorgbeleid:
    """How the service delivers, from the settings."""

    herhaal: Herhaalbeleid
    timeout_seconden: float
    allow_private: bool
    public_url: str

    @classmethod
    def of(cls, settings: Settings) -> "Bezorgbeleid":
        return cls(
            herhaal=Herhaalbeleid(
                max_pogingen=settings.notifications_max_attempts,
                basis_seconden=settings.notifications_backoff_base_seconds,
                max_seconden=settings.notifications_backoff_max_seconds,
            ),
            timeout_seconden=settings.notifications_timeout_seconds,
            allow_private=settings.webhook_allow_private,
            public_url=settings.public_base_url.rstrip("/"),
        )

    @property
    def lease(self) -> timedelta:
        # Longer than one send can take (connect, write, read, pool: each up to the time-out).
        return timedelta(seconds=4 * self.timeout_seconden + 30)


@dataclass(slots=True)
class Bezorgrapport:
    """What one pass did: counts only, no ids."""

    verspreid: int = 0
    afgeleverd: int = 0
    mislukt: int = 0
    doodgelopen: int = 0
    vervallen: int = 0
    fouten: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "spread": self.verspreid,
            "delivered": self.afgeleverd,
            "failed": self.mislukt,
            "dead_lettered": self.doodgelopen,
            "dropped": self.vervallen,
        }


# --- 1. spread ---------------------------------------------------------------------------


async def _spread(database: Database, now: Clock) -> int:
    async def work(session: AsyncSession, rows: Sequence[NotificatieRow]) -> None:
        for notificatie in rows:
            abonnementen = await session.scalars(
                select(AbonnementRow).where(
                    AbonnementRow.zvh == notificatie.zvh, AbonnementRow.beeindigd_op.is_(None)
                )
            )
            moment = now()
            for abonnement in abonnementen:
                if notificatie.kanaal in abonnement.kanalen.split(","):
                    session.add(
                        AfleveringRow(
                            id=new_id(),
                            notificatie_id=notificatie.id,
                            abonnement_id=abonnement.id,
                            status=Afleverstatus.WACHTEND.value,
                            pogingen=0,
                            volgende_poging=moment,
                            gewijzigd_op=moment,
                        )
                    )
            notificatie.verspreid = True

    claimable = (
        select(NotificatieRow)
        .where(NotificatieRow.verspreid.is_(False))
        .order_by(NotificatieRow.aanmaakdatum, NotificatieRow.id)
    )
    return await drain(database, claimable, work)


# --- 2. send -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Geclaimd:
    aflevering_id: str
    poging: int


async def _claim(
    database: Database, beleid: Bezorgbeleid, now: Clock, due: datetime, batch: int
) -> list[_Geclaimd]:
    """Lease a batch of deliveries due at `due` (the pass's start); count the attempt.

    A delivery this pass handled is due again only later than `due` (leased, or waiting
    at least half the base backoff), so no pass takes one twice.
    """
    moment = now()
    statement = (
        select(AfleveringRow)
        .join(NotificatieRow, NotificatieRow.id == AfleveringRow.notificatie_id)
        .where(
            AfleveringRow.status == Afleverstatus.WACHTEND.value,
            AfleveringRow.volgende_poging <= due,
        )
        # Oldest change first, so that a receiver mostly hears them in order (it must
        # not rely on it: a retried delivery comes after later ones).
        .order_by(AfleveringRow.volgende_poging, NotificatieRow.aanmaakdatum, AfleveringRow.id)
        .limit(batch)
        .with_for_update(of=AfleveringRow, skip_locked=True)
    )
    async with database.session() as session, session.begin():
        rows = list(await session.scalars(statement))
        for row in rows:
            row.pogingen += 1
            row.volgende_poging = moment + beleid.lease
            row.gewijzigd_op = moment
        return [_Geclaimd(row.id, row.pogingen) for row in rows]


@dataclass(frozen=True, slots=True)
class _Bericht:
    url: str
    geheim: str
    body: bytes
    # For the processing log: telling an organisation that a case changed discloses that
    # the person is a case (art. 30 AVG); the entry names the case and the recipient.
    verwerking: "_Verstrekking | None"


@dataclass(frozen=True, slots=True)
class _Verstrekking:
    """What the processing log records once the message is delivered."""

    door: Verwerker
    casus_id: str
    betrokkene: str | None


async def _prepare(
    database: Database, beleid: Bezorgbeleid, registry: RegistryCache, claim: _Geclaimd
) -> _Bericht | str:
    """The message to send, or the reason it may not be sent (the policy, now)."""
    async with database.session() as session, session.begin():
        aflevering = await session.get(AfleveringRow, claim.aflevering_id)
        assert aflevering is not None
        abonnement = await session.get(AbonnementRow, aflevering.abonnement_id)
        notificatie = await session.get(NotificatieRow, aflevering.notificatie_id)
        assert abonnement is not None
        assert notificatie is not None
        snapshot = await registry.snapshot(session, abonnement.zvh)
        reden = await weigering(session, snapshot, abonnement, notificatie)
        if reden is not None:
            return reden
        bericht = Bericht(
            kanaal=Kanaal(notificatie.kanaal),
            resource=notificatie.resource,
            resource_url=beleid.public_url + notificatie.resource_pad,
            actie=Actie(notificatie.actie),
            aanmaakdatum=notificatie.aanmaakdatum,
        )
        body = json.dumps(bericht.as_json(), separators=(",", ":")).encode()
        verwerking = None
        if notificatie.casus_id is not None:
            betrokkene = await CasusRepository(session).betrokkene(notificatie.casus_id)
            verwerking = _verstrekking(
                abonnement, notificatie, betrokkene.pseudoniem if betrokkene else None
            )
        return _Bericht(abonnement.callback_url, abonnement.geheim, body, verwerking)


ACTIVITEIT = "notificatie-versturen"


def _verstrekking(
    abonnement: AbonnementRow, notificatie: NotificatieRow, pseudoniem: str | None
) -> _Verstrekking:
    assert notificatie.casus_id is not None
    door = Verwerker(
        zvh=notificatie.zvh, sub=f"abonnement:{abonnement.id}", deelnemer=abonnement.deelnemer
    )
    return _Verstrekking(door, notificatie.casus_id, pseudoniem)


async def _send(
    http: httpx.AsyncClient, beleid: Bezorgbeleid, bericht: _Bericht, message_id: str, now: Clock
) -> str | None:
    """POST the message; None on a 2xx answer, else the failure as a word."""
    problems = await callback_url.address_problems(bericht.url, allow_private=beleid.allow_private)
    if problems:
        return problems[0].code
    timestamp = int(now().timestamp())
    try:
        response = await http.post(
            bericht.url,
            content=bericht.body,
            headers={
                "content-type": "application/json",
                **headers(bericht.geheim, message_id, timestamp, bericht.body),
            },
        )
    except httpx.TimeoutException:
        return "time-out"
    except httpx.HTTPError:
        return "verbinding"
    if 200 <= response.status_code < 300:
        return None
    return f"http-{response.status_code}"


async def _store(
    database: Database,
    beleid: Bezorgbeleid,
    claim: _Geclaimd,
    *,
    fout: str | None,
    reden: str | None,
    verwerking: _Verstrekking | None,
    now: Clock,
    toeval: Callable[[], float],
    rapport: Bezorgrapport,
) -> None:
    moment = now()
    async with database.session() as session, session.begin():
        row = await session.get(AfleveringRow, claim.aflevering_id)
        assert row is not None
        row.gewijzigd_op = moment
        if reden is not None:
            row.status = Afleverstatus.VERVALLEN.value
            row.reden = reden
            rapport.vervallen += 1
        elif fout is None:
            row.status = Afleverstatus.AFGELEVERD.value
            row.afgeleverd_op = moment
            row.laatste_fout = None
            rapport.afgeleverd += 1
            if verwerking is not None:
                log = Verwerkingslog()
                log.record(
                    verwerking.door,
                    ACTIVITEIT,
                    Handeling.VERSTREKKEN,
                    casus_id=verwerking.casus_id,
                    betrokkene=verwerking.betrokkene,
                    tijdstip=moment,
                )
                await log.write(session)
        else:
            row.laatste_fout = fout
            record_delivery_failure()
            rapport.fouten[fout] = rapport.fouten.get(fout, 0) + 1
            if beleid.herhaal.opgeven(claim.poging):
                row.status = Afleverstatus.MISLUKT.value
                rapport.doodgelopen += 1
            else:
                row.volgende_poging = moment + beleid.herhaal.wachttijd(claim.poging, toeval)
                rapport.mislukt += 1


async def deliver(
    database: Database,
    beleid: Bezorgbeleid,
    *,
    http: httpx.AsyncClient | None = None,
    now: Clock = utc_now,
    toeval: Callable[[], float] = random.random,
    batch: int = 50,
) -> Bezorgrapport:
    """One pass: spread new notifications, then send every delivery due now, once each."""
    rapport = Bezorgrapport(verspreid=await _spread(database, now))
    # Fresh registry each pass: a participant removed a moment ago must not receive.
    registry = RegistryCache(0)
    client = http or httpx.AsyncClient(
        timeout=httpx.Timeout(beleid.timeout_seconden), follow_redirects=False, trust_env=False
    )
    due = now()
    try:
        while claims := await _claim(database, beleid, now, due, batch):
            for claim in claims:
                bericht = await _prepare(database, beleid, registry, claim)
                if isinstance(bericht, str):
                    await _store(
                        database,
                        beleid,
                        claim,
                        fout=None,
                        reden=bericht,
                        verwerking=None,
                        now=now,
                        toeval=toeval,
                        rapport=rapport,
                    )
                    continue
                fout = await _send(client, beleid, bericht, claim.aflevering_id, now)
                await _store(
                    database,
                    beleid,
                    claim,
                    fout=fout,
                    reden=None,
                    verwerking=bericht.verwerking,
                    now=now,
                    toeval=toeval,
                    rapport=rapport,
                )
    finally:
        if http is None:
            await client.aclose()
    return rapport


async def redeliver(
    database: Database, *, abonnement_id: str | None = None, now: Clock = utc_now
) -> int:
    """Put dead letters back in the queue (of one subscription, or all); how many."""
    moment = now()
    statement = (
        update(AfleveringRow)
        .where(AfleveringRow.status == Afleverstatus.MISLUKT.value)
        .values(
            status=Afleverstatus.WACHTEND.value,
            pogingen=0,
            volgende_poging=moment,
            gewijzigd_op=moment,
        )
    )
    if abonnement_id is not None:
        statement = statement.where(AfleveringRow.abonnement_id == abonnement_id)
    async with database.session() as session, session.begin():
        result = await session.execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]


async def _backlog(database: Database) -> None:
    async with database.session() as session:
        waiting = await session.scalar(
            select(func.count())
            .select_from(AfleveringRow)
            .where(AfleveringRow.status == Afleverstatus.WACHTEND.value)
        )
        unspread = await session.scalar(
            select(func.count())
            .select_from(NotificatieRow)
            .where(NotificatieRow.verspreid.is_(False))
        )
        dead = await session.scalar(
            select(func.count())
            .select_from(AfleveringRow)
            .where(AfleveringRow.status == Afleverstatus.MISLUKT.value)
        )
    OUTBOX_BACKLOG.set((waiting or 0) + (unspread or 0))
    DEAD_LETTERS.set(dead or 0)


on_scrape(_backlog)
