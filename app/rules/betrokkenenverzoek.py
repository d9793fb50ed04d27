"""The deadline of a data subject's request (AVG art. 12(3)) and the grounds of art. 41 UAVG.

Art. 12(3) AVG: the controller answers "onverwijld en in ieder geval binnen een maand na
ontvangst van het verzoek"; "afhankelijk van de complexiteit van de verzoeken en van het
aantal verzoeken kan die termijn indien nodig met nog eens twee maanden worden verlengd",
once, with the reasons told to the data subject within the first month. A month is a
calendar month; a day the month lacks becomes its last day (31 January + 1 month = 28 or
29 February), as everywhere in this service (app/rules/kalender.py). The extended deadline
is counted from receipt (+3 months), not from the first deadline, so the month-end
clamping happens once: 31 January → 30 April, never 28 April.
"""

from datetime import date
from enum import StrEnum

from app.rules.kalender import add_months

TERMIJN_MAANDEN = 1
VERLENGING_MAANDEN = 2


class Verzoeksoort(StrEnum):
    """Which right the data subject invokes (AVG art. 15, 16, 17, 18, 21)."""

    INZAGE = "inzage"
    RECTIFICATIE = "rectificatie"
    WISSING = "wissing"
    BEPERKING = "beperking"
    BEZWAAR = "bezwaar"


class Standpunt(StrEnum):
    """An involved participant's answer (model art. 14.3-14.4)."""

    GEEN_BEZWAAR = "geen-bezwaar"
    BEPERKING = "beperking"


class Grond41(StrEnum):
    """The grounds of art. 41(1) UAVG, by their letter: the controller may restrict the
    rights of art. 12-21 AVG where necessary and proportionate to safeguard
    a. national security; b. national defence; c. public security; d. the prevention,
    investigation, detection and prosecution of criminal offences or the execution of
    criminal penalties; e. other important objectives of general public interest; f. the
    protection of judicial independence and judicial proceedings; g. the prevention,
    investigation, detection and prosecution of breaches of ethics for regulated
    professions; h. a monitoring, inspection or regulatory function connected with c-e
    and g; i. the protection of the data subject or the rights and freedoms of others;
    j. the enforcement of civil law claims."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    E = "e"
    F = "f"
    G = "g"
    H = "h"
    I = "i"  # noqa: E741  (the letter of the law)
    J = "j"


class Opdrachtsoort(StrEnum):
    """What a participant must do after a granted request, by the right invoked."""

    CORRIGEREN = "corrigeren"  # art. 16 AVG, through correction (art. 1.6 BGS)
    WISSEN = "wissen"  # art. 17 AVG, through the retention machinery
    BEPERKEN = "beperken"  # art. 18 AVG
    VERWERKING_STAKEN = "verwerking-staken"  # art. 21 AVG


class Uitkomst(StrEnum):
    TOEGEWEZEN = "toegewezen"
    DEELS_TOEGEWEZEN = "deels-toegewezen"
    AFGEWEZEN = "afgewezen"


def uiterlijke_beslisdatum(ontvangen_op: date, verlengd: bool) -> date:
    """The last day for the decision: one month after receipt, three once extended."""
    maanden = TERMIJN_MAANDEN + (VERLENGING_MAANDEN if verlengd else 0)
    return add_months(ontvangen_op, maanden)
