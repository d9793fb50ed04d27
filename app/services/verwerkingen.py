"""Reading the processing log (joint controllers' data protection officer, beheerder)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db import verwerkingen
from app.db.verwerkingen import Verwerking
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.services.verwerkingslog import Verwerkingslog


async def read_log(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    casus_id: str | None,
    pagina: Paginering,
) -> tuple[list[Verwerking], bool]:
    """A page of the caller's partnership's log, and whether another page follows."""
    log.record(caller, "verwerkingen-raadplegen", Handeling.RAADPLEGEN, casus_id=casus_id)
    found = await verwerkingen.read(
        session,
        caller.zvh,
        casus_id,
        offset=pagina.offset,
        limit=pagina.limit,
    )
    return pagina.knip(found)
