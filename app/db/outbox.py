"""The transactional outbox: one call where a service changes what a channel announces.

`record_event` adds the notification to the session of the change, so it commits or rolls
back with it. It is deliberately one small function with plain arguments: when the
aggregates record domain events, a handler can call it instead of the services.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.casussen import new_id, now_utc
from app.db.tables_notificaties import NotificatieRow
from app.domain.notificatie import Actie, Kanaal


def record_event(
    session: AsyncSession,
    *,
    zvh: str,
    kanaal: Kanaal,
    resource: str,
    resource_id: str,
    pad: str,
    actie: Actie,
    casus_id: str | None = None,
    geadresseerde: str | None = None,
) -> None:
    """Announce that `resource` (at `pad`, under /v1) had `actie`, with the change's commit."""
    session.add(
        NotificatieRow(
            id=new_id(),
            zvh=zvh,
            kanaal=kanaal.value,
            resource=resource,
            resource_id=resource_id,
            resource_pad=pad,
            actie=actie.value,
            aanmaakdatum=now_utc(),
            casus_id=casus_id,
            geadresseerde=geadresseerde,
            verspreid=False,
        )
    )
