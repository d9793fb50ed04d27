"""The retention sweep's command as the tests give it: today, executed, archived by Utrecht."""

from pathlib import Path

from app.config import Settings
from app.services import archivering
from app.services.bewaartermijn import today_in_amsterdam


def opdracht(settings: Settings, archive_dir: Path, *, hold: bool = False) -> archivering.Opdracht:
    return archivering.Opdracht(
        as_of=today_in_amsterdam(),
        archive_dir=archive_dir,
        execute=True,
        hold=hold,
        beleid=settings.bewaarbeleid(),
        archiefbeheerder="gemeente-utrecht",
        vandaag=today_in_amsterdam(),
    )
