"""The list of cases a caller may see (the same rules as reading one case)."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_views import SHIELD_READERS, gemandateerd, kan_gemandateerd_zijn
from app.auth.claims import Caller
from app.db.casussen import CasusRepository, Zichtbaarheid
from app.db.mandaten import MandaatRepository
from app.db.tables import CasusRow
from app.domain.casus import Casusstatus
from app.domain.mandaat import Bevoegdheid
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.services.bewaartermijn import today_in_amsterdam
from app.services.casustoegang import GEEN_REDEN, OpgegevenReden, supervising
from app.services.verwerkingslog import Verwerkingslog


async def list_visible(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    *,
    status: Casusstatus | None,
    vanaf: date | None,
    tot: date | None,
    pagina: int,
    pagina_grootte: int,
    reden: OpgegevenReden = GEEN_REDEN,
) -> tuple[Sequence[CasusRow], bool]:
    caller = supervising(caller, reden, lezen=True)
    log.record(caller, "casussen-zoeken", Handeling.RAADPLEGEN, reden=caller.reden)
    repo = CasusRepository(session)
    wie = Zichtbaarheid(
        deelnemer=caller.deelnemer,
        gvv=caller.is_gezamenlijk_verwerkingsverantwoordelijke,
        vast=caller.is_vaste_deelnemer,
        afscherming_lezer=any(caller.has_rol(rol) for rol in SHIELD_READERS),
        # Mandates are read only for a caller one could make a process director.
        intake_regisseur=kan_gemandateerd_zijn(caller, Bevoegdheid.INTAKE)
        and gemandateerd(
            caller,
            await MandaatRepository(session).geldend(caller.zvh, today_in_amsterdam()),
            Bevoegdheid.INTAKE,
        ),
        sub=caller.claims.sub,
        toezicht=caller.houdt_toezicht,
    )
    paginering = Paginering(pagina, pagina_grootte)
    rows = await repo.visible(
        caller.zvh,
        wie,
        status=status,
        vanaf=vanaf,
        tot=tot,
        offset=paginering.offset,
        limit=paginering.limit,
    )
    return paginering.knip(rows)
