"""Opening a case for a request: load, log the attempt, authorise, check If-Match.

Every entry point on a case goes through `open_casus` before its body is looked at. A
read by the coordinating FG is supervision and states its reason (`supervising`).
"""

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import CasusActie, authorize_casus
from app.auth.case_views import GEEN_ZICHT, CasusFeiten, Zicht, zicht
from app.auth.claims import Caller
from app.db import casusdossier
from app.db.casusdossier import Casusdossier
from app.db.tables import CasusRow
from app.domain.casus import Casusstatus
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound, PreconditionFailed
from app.domain.verwerking import Handeling
from app.services.bewaartermijn import today_in_amsterdam
from app.services.verwerkingslog import Verwerkingslog


@dataclass(frozen=True, slots=True)
class CasusToegang:
    """A case the caller was allowed to act on, with what the policy saw."""

    caller: Caller
    casus: CasusRow
    feiten: CasusFeiten
    pseudoniem: str | None
    # The read model the decision was taken on; a view of the case shows its parts.
    dossier: Casusdossier

    @property
    def zicht(self) -> Zicht:
        """What the caller sees of the case as loaded (app/auth/case_views.py)."""
        return zicht(self.caller, self.feiten) or GEEN_ZICHT


MAX_REDEN = 500


@dataclass(frozen=True, slots=True)
class OpgegevenReden:
    """The reason a read states (`Reden` header, `reden` query); only the coordinating FG's
    counts, so only his is checked."""

    header: str | None = None
    query: str | None = None

    def checked(self) -> str | None:
        given = [(n, v) for n, v in (("Reden", self.header), ("reden", self.query)) if v]
        if not given:
            return None
        problems = []
        if len(given) == 2 and self.header != self.query:
            problems.append(
                InvalidParam("reden", "reden-dubbel", "Geef de reden één keer: header of query.")
            )
        name, value = given[0]
        reden = value.strip()
        if not reden or len(reden) > MAX_REDEN:
            problems.append(
                InvalidParam(name, "reden-lengte", f"Geef een reden van 1 tot {MAX_REDEN} tekens.")
            )
        # Headers arrive as ISO-8859-1: other text goes in the query, percent-encoded UTF-8.
        if not reden.isprintable() or (name == "Reden" and not reden.isascii()):
            problems.append(
                InvalidParam(
                    name,
                    "reden-ongeldig",
                    "Alleen leesbare tekens; tekst buiten ASCII in de queryparameter reden.",
                )
            )
        if problems:
            raise InvalidInput(problems)
        return reden


GEEN_REDEN = OpgegevenReden()


class RedenOntbreekt(InvalidInput):
    """A supervisory read without its stated reason."""

    code = "reden-ontbreekt"


def supervising(caller: Caller, opgegeven: OpgegevenReden, *, lezen: bool) -> Caller:
    """The caller as it reads this time: the coordinating FG supervises, with a reason.

    Model art. 15.2 gives the coordinating FG "een coördinerende en faciliterende taak ten
    aanzien van de in artikel 39 AVG genoemde taken"; each of its reads of case data is
    accounted for with the reason it states. A reason from anyone else opens nothing and
    is not kept.
    """
    if not caller.is_coordinerend_fg or not lezen:
        return replace(caller, reden=None)
    reden = opgegeven.checked()
    if reden is None:
        raise RedenOntbreekt(
            [
                InvalidParam(
                    "Reden",
                    "reden-ontbreekt",
                    "Geef de reden van deze raadpleging in de header Reden of de queryparameter "
                    "reden; het verwerkingenlog bewaart haar bij de raadpleging.",
                )
            ],
            detail="Als coördinerend functionaris gegevensbescherming raadpleegt u een casus "
            "alleen voor toezicht, met een opgegeven reden.",
        )
    return replace(caller, reden=reden)


def etag(casus: CasusRow) -> str:
    return f'"{casus.versie}"'


def _precondition(casus: CasusRow, if_match: str | None) -> None:
    if if_match is None:
        return
    tags = {tag.strip() for tag in if_match.split(",")}
    if "*" not in tags and etag(casus) not in tags and f"W/{etag(casus)}" not in tags:
        raise PreconditionFailed(
            f"De casus is intussen gewijzigd (huidige ETag {etag(casus)}); haal hem opnieuw op."
        )


def feiten_uit(dossier: Casusdossier) -> CasusFeiten:
    """What the policy knows of the case in `dossier`."""
    deelnemers = dossier.deelnemers
    return CasusFeiten(
        status=Casusstatus(dossier.casus.status),
        aanmelder=dossier.casus.aanmelder,
        geselecteerd=frozenset(d.deelnemer for d in deelnemers if not d.incidenteel),
        uitgenodigd_incidenteel=frozenset(d.deelnemer for d in deelnemers if d.incidenteel),
        verklaringen=dossier.verklaringen,
        mandaten=dossier.mandaten,
        gevraagd=dossier.gevraagd,
        casusregisseur=dossier.casusregisseur,
    )


async def feiten_van(session: AsyncSession, casus: CasusRow) -> CasusFeiten:
    """What the policy knows of `casus`, for a decision outside a request (a notification)."""
    dossier = await casusdossier.load(session, casus.zvh, casus.id, today_in_amsterdam())
    assert dossier is not None, "the case was loaded in this transaction"
    return feiten_uit(dossier)


async def registered(
    session: AsyncSession, caller: Caller, casus_id: str, pseudoniem: str
) -> CasusToegang:
    """The registrant's access to the case it just registered (logged and allowed already)."""
    dossier = await casusdossier.load(session, caller.zvh, casus_id, today_in_amsterdam())
    assert dossier is not None, "the case was added in this transaction"
    return CasusToegang(caller, dossier.casus, feiten_uit(dossier), pseudoniem, dossier)


async def reload(session: AsyncSession, toegang: CasusToegang) -> CasusToegang:
    """The same access on the case as it is now, after this request changed it."""
    casus = toegang.casus
    dossier = await casusdossier.load(session, casus.zvh, casus.id, today_in_amsterdam())
    assert dossier is not None, "a case is never deleted in the request that changes it"
    return replace(toegang, casus=dossier.casus, feiten=feiten_uit(dossier), dossier=dossier)


async def open_casus(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    casus_id: str,
    actie: CasusActie,
    *,
    activiteit: str,
    handeling: Handeling,
    if_match: str | None = None,
    reden: OpgegevenReden = GEEN_REDEN,
) -> CasusToegang:
    """Load, log the attempt, authorise (403), check If-Match (412). Another partnership: 404.

    A read by the coordinating FG is supervision: it needs a stated `reden` (400 without),
    which the processing log keeps with the read.
    """
    caller = supervising(caller, reden, lezen=handeling is Handeling.RAADPLEGEN)
    dossier = await casusdossier.load(
        session,
        caller.zvh,
        casus_id,
        today_in_amsterdam(),
        for_update=handeling is not Handeling.RAADPLEGEN,
    )
    if dossier is None:
        log.record(caller, activiteit, handeling, casus_id=casus_id, reden=caller.reden)
        raise NotFound("Deze casus bestaat niet in uw samenwerkingsverband.")
    casus = dossier.casus
    pseudoniem = dossier.betrokkene.pseudoniem if dossier.betrokkene else None
    log.record(
        caller, activiteit, handeling, casus_id=casus.id, betrokkene=pseudoniem, reden=caller.reden
    )
    policy_facts = feiten_uit(dossier)
    authorize_casus(caller, actie, policy_facts)
    if casus.gearchiveerd_op is not None and handeling is not Handeling.RAADPLEGEN:
        raise Conflict(
            "Deze casus is gearchiveerd en geanonimiseerd; verzoeken erover behandelt de "
            "archiefbeheerder (art. 16 bestuurlijke afspraken, factsheet Bewaartermijnen).",
            code="casus-gearchiveerd",
        )
    _precondition(casus, if_match)
    return CasusToegang(caller, casus, policy_facts, pseudoniem, dossier)
