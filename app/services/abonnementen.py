"""Subscriptions of an organisation to notifications (contract v2, "Integration").

An organisation manages its own subscriptions only; another's do not exist for it (404).
A subscription holds no personal data, so no processing-log record is written.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import new_id, now_utc
from app.db.tables_notificaties import AbonnementRow, AfleveringRow
from app.domain.errors import InvalidInput, InvalidParam, NotFound
from app.domain.notificatie import (
    Afleverstatus,
    GeheimOngeldig,
    Kanaal,
    new_secret,
    secret_bytes,
)
from app.services import callback_url


@dataclass(frozen=True, slots=True)
class NieuwAbonnement:
    callback_url: str
    kanalen: frozenset[Kanaal]
    geheim: str | None


@dataclass(frozen=True, slots=True)
class Abonnement:
    """A subscription as its organisation sees it: never its secret."""

    id: str
    deelnemer: str
    callback_url: str
    kanalen: list[Kanaal]
    aangemaakt_op: datetime

    @classmethod
    def of(cls, row: AbonnementRow) -> "Abonnement":
        return cls(
            id=row.id,
            deelnemer=row.deelnemer,
            callback_url=row.callback_url,
            kanalen=[Kanaal(k) for k in row.kanalen.split(",")],
            aangemaakt_op=row.aangemaakt_op,
        )


@dataclass(frozen=True, slots=True)
class Aangemaakt:
    abonnement: Abonnement
    # Only when the service made it: the one time it is shown.
    gemaakt_geheim: str | None


async def create(
    session: AsyncSession,
    caller: Caller,
    nieuw: NieuwAbonnement,
    *,
    https_vereist: bool,
    allow_private: bool,
) -> Aangemaakt:
    problems = callback_url.form_problems(nieuw.callback_url, https_vereist=https_vereist)
    if not problems:
        problems = await callback_url.address_problems(
            nieuw.callback_url, allow_private=allow_private
        )
    if nieuw.geheim is not None:
        try:
            secret_bytes(nieuw.geheim)
        except GeheimOngeldig as exc:
            problems.append(InvalidParam("geheim", "geheim-ongeldig", str(exc)))
    if problems:
        raise InvalidInput(problems)
    gemaakt = new_secret() if nieuw.geheim is None else None
    row = AbonnementRow(
        id=new_id(),
        zvh=caller.zvh,
        deelnemer=caller.deelnemer,
        callback_url=nieuw.callback_url,
        kanalen=",".join(sorted(k.value for k in nieuw.kanalen)),
        geheim=nieuw.geheim or gemaakt or "",
        sub=caller.claims.sub,
        aangemaakt_op=now_utc(),
    )
    session.add(row)
    return Aangemaakt(Abonnement.of(row), gemaakt)


async def list_own(session: AsyncSession, caller: Caller) -> list[Abonnement]:
    rows = (
        await session.scalars(
            select(AbonnementRow)
            .where(
                AbonnementRow.zvh == caller.zvh,
                AbonnementRow.deelnemer == caller.deelnemer,
                AbonnementRow.beeindigd_op.is_(None),
            )
            .order_by(AbonnementRow.aangemaakt_op, AbonnementRow.id)
        )
    ).all()
    return [Abonnement.of(row) for row in rows]


async def get_own(session: AsyncSession, caller: Caller, abonnement_id: str) -> Abonnement:
    return Abonnement.of(await _own(session, caller, abonnement_id))


async def _own(session: AsyncSession, caller: Caller, abonnement_id: str) -> AbonnementRow:
    row = await session.get(AbonnementRow, abonnement_id)
    if (
        row is None
        or row.zvh != caller.zvh
        or row.deelnemer != caller.deelnemer
        or row.beeindigd_op is not None
    ):
        raise NotFound("Dit abonnement bestaat niet voor uw organisatie.")
    return row


async def end(session: AsyncSession, caller: Caller, abonnement_id: str) -> None:
    """End a subscription: nothing more is sent to it, what was not yet sent included."""
    row = await _own(session, caller, abonnement_id)
    row.beeindigd_op = now_utc()


async def redeliver_own(session: AsyncSession, caller: Caller, abonnement_id: str) -> int:
    """Queue the subscription's dead letters again, from a first attempt; how many.

    Whether the organisation may still read each resource is checked when it is sent.
    """
    await _own(session, caller, abonnement_id)
    moment = now_utc()
    result = await session.execute(
        update(AfleveringRow)
        .where(
            AfleveringRow.abonnement_id == abonnement_id,
            AfleveringRow.status == Afleverstatus.MISLUKT.value,
        )
        .values(
            status=Afleverstatus.WACHTEND.value,
            pogingen=0,
            volgende_poging=moment,
            gewijzigd_op=moment,
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
