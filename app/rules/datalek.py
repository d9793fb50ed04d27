"""The 72-hour clock of a data breach (AVG art. 33(1)).

"[...] meldt de verwerkingsverantwoordelijke de inbreuk in verband met persoonsgegevens
zonder onredelijke vertraging en, indien mogelijk, uiterlijk 72 uur nadat hij er kennis
van heeft genomen, aan de overeenkomstig artikel 55 bevoegde toezichthoudende autoriteit".
72 hours are 72 elapsed hours: counted in UTC, so a change to or from summer time in
Europe/Amsterdam moves the local clock time of the deadline by an hour, never the hours.
"""

from datetime import UTC, datetime, timedelta
from enum import StrEnum

MELDTERMIJN = timedelta(hours=72)


class SoortGegevens(StrEnum):
    GEWOON = "gewoon"
    BIJZONDER = "bijzonder"  # art. 9 AVG
    STRAFRECHTELIJK = "strafrechtelijk"  # art. 10 AVG
    BSN = "bsn"  # art. 46 UAVG


def melden_uiterlijk(ontdekt_op: datetime) -> datetime:
    """The latest moment to notify the Autoriteit Persoonsgegevens, in UTC."""
    if ontdekt_op.tzinfo is None:
        raise ValueError("ontdekt_op needs a time zone")
    return ontdekt_op.astimezone(UTC) + MELDTERMIJN
