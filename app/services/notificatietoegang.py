"""May the subscribing organisation still read what a notification is about?

Asked at delivery, not when the change happened: a participant removed from a case, a
case shielded by closing it, a subscription of an organisation that left the partnership
gets nothing. The question goes to the same policy every request meets
(app/auth/case_policy.py, app/auth/case_views.py, app/auth/policy.py), for the
organisation as a whole: its registry entry and the functions the partnership designated
it for (beheerder, contactpunt, archiefbeheerder, whose roles open shielded cases).
Personal roles (a procesregisseur's mandate, the coordinating FG's supervision with a
stated reason) belong to people, not to a subscription, and open nothing here.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import POLICY as CASE_POLICY
from app.auth.case_policy import CasusActie, may_read_retention
from app.auth.case_views import CasusFeiten, Onderdeel, zicht
from app.auth.claims import Caller, Claims
from app.auth.policy import POLICY, Actie
from app.db.betrokkenenverzoeken import VerzoekRepository
from app.db.casussen import CasusRepository
from app.db.mandaten import MandaatRepository
from app.db.prioritering import PrioriteringRepository
from app.db.registry_cache import RegistrySnapshot
from app.db.tables_contactpunt import DatalekRow
from app.db.tables_notificaties import AbonnementRow, NotificatieRow
from app.domain.aanwijzing import AANGEWEZEN_ROLLEN
from app.domain.notificatie import Kanaal
from app.services import betrokkenenverzoeken, datalekken
from app.services.bewaartermijn import today_in_amsterdam
from app.services.casustoegang import feiten_van


def organisatie(snapshot: RegistrySnapshot, abonnement: AbonnementRow) -> Caller | None:
    """The subscribing organisation as a caller, or None when it is no longer registered."""
    registratie = snapshot.deelnemers.get(abonnement.deelnemer)
    if registratie is None:
        return None
    rollen = frozenset(
        rol
        for rol, functie in AANGEWEZEN_ROLLEN.items()
        if snapshot.aanwijzingen.van(functie) == registratie.id
    )
    claims = Claims(
        sub=f"abonnement:{abonnement.id}",
        zvh=abonnement.zvh,
        deelnemer=registratie.id,
        deelnemertype=registratie.deelnemertype,
        gezamenlijk_verwerkingsverantwoordelijke=registratie.gezamenlijk_verwerkingsverantwoordelijke,
        rollen=rollen,
    )
    return Caller(claims=claims, registratie=registratie, aanwijzingen=snapshot.aanwijzingen)


def _per_casus(
    kanaal: Kanaal, caller: Caller, feiten: CasusFeiten, geadresseerde: str | None
) -> bool:
    if kanaal is Kanaal.CASUSSEN:
        return zicht(caller, feiten) is not None
    if kanaal is Kanaal.GEGEVENSVERZOEKEN:
        # Every request for whoever sees them all; the asked organisation its own.
        view = zicht(caller, feiten)
        if view is not None and view.toont(Onderdeel.GEGEVENSVERZOEKEN):
            return True
        rule, _ = CASE_POLICY[CasusActie.GEGEVENSVERZOEKEN_LEZEN]
        return caller.deelnemer == geadresseerde and rule(caller, feiten)
    if kanaal is Kanaal.INSTEMMINGSVERZOEKEN:
        # The controllers and designated functions follow extensions; a supplier is asked
        # for its own consent.
        return may_read_retention(caller, feiten) or caller.deelnemer == geadresseerde
    return False


async def _contactpunt(
    session: AsyncSession, caller: Caller, kanaal: Kanaal, notificatie: NotificatieRow
) -> str | None:
    """The contact point's registers (issue 12), as their own services decide who reads."""
    mandaten = await MandaatRepository(session).geldend(notificatie.zvh, today_in_amsterdam())
    if kanaal is Kanaal.BETROKKENENVERZOEKEN:
        verzoek = await VerzoekRepository(session).get(notificatie.zvh, notificatie.resource_id)
        if verzoek is None:
            return "Het verzoek bestaat niet meer."
        if betrokkenenverzoeken.wie(caller, mandaten).sees_all:
            return None
        if caller.deelnemer in verzoek.betrokken_deelnemers:
            return None
        return "Alleen het contactpunt en de betrokken deelnemers zien dit verzoek."
    datalek = await session.scalar(
        select(DatalekRow).where(
            DatalekRow.zvh == notificatie.zvh, DatalekRow.id == notificatie.resource_id
        )
    )
    if datalek is None:
        return "Het datalek bestaat niet meer."
    if datalekken.wie(caller, mandaten).leest_alles or datalek.gemeld_door == caller.deelnemer:
        return None
    return "Het register van datalekken lezen het contactpunt, de beheerder en de melder."


async def weigering(
    session: AsyncSession,
    snapshot: RegistrySnapshot,
    abonnement: AbonnementRow,
    notificatie: NotificatieRow,
) -> str | None:
    """Why the organisation may not receive this notification now; None when it may."""
    if abonnement.beeindigd_op is not None:
        return "Het abonnement is beëindigd."
    caller = organisatie(snapshot, abonnement)
    if caller is None:
        return "De organisatie staat niet (meer) in het register van het samenwerkingsverband."
    kanaal = Kanaal(notificatie.kanaal)
    if kanaal is Kanaal.PRIORITERINGSLIJSTEN:
        rule, _ = POLICY[Actie.PRIORITERINGSLIJSTEN_LEZEN]
        lijst = await PrioriteringRepository(session).get(notificatie.zvh, notificatie.resource_id)
        if lijst is None:
            return "De prioriteringslijst bestaat niet meer."
        if not rule(caller):
            return "Alleen de gezamenlijk verwerkingsverantwoordelijken lezen prioriteringslijsten."
        return None
    if kanaal in (Kanaal.BETROKKENENVERZOEKEN, Kanaal.DATALEKKEN):
        return await _contactpunt(session, caller, kanaal, notificatie)
    if notificatie.casus_id is None:
        return f"Geen toegangsregel voor het kanaal {kanaal.value}."
    casus = await CasusRepository(session).get(notificatie.zvh, notificatie.casus_id)
    if casus is None:
        return "De casus bestaat niet meer."
    feiten = await feiten_van(session, casus)
    if not _per_casus(kanaal, caller, feiten, notificatie.geadresseerde):
        return "De organisatie mag deze resource nu niet (meer) lezen (need to know)."
    return None
