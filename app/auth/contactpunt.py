"""Who acts as the contact point (model art. 14): the role `contactpunt` at the municipality
designated as contact point (art. 14.1; Caller.has_rol counts it only there), or the network
manager under a mandate in force today for that task (art. 14.7, annex 4)."""

from app.auth.case_views import gemandateerd
from app.auth.claims import Caller
from app.domain.deelnemer import Rol
from app.domain.mandaat import Bevoegdheid, Mandaten


def is_contactpunt(caller: Caller, mandaten: Mandaten, bevoegdheid: Bevoegdheid) -> bool:
    return caller.has_rol(Rol.CONTACTPUNT) or gemandateerd(caller, mandaten, bevoegdheid)
