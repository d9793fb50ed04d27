"""The processing log (art. 5.7 model agreement; concepts of the Logboek Dataverwerkingen)."""

from enum import StrEnum


class Handeling(StrEnum):
    """What was done with the personal data."""

    RAADPLEGEN = "raadplegen"
    VASTLEGGEN = "vastleggen"
    WIJZIGEN = "wijzigen"
    VERSTREKKEN = "verstrekken"
    ANONIMISEREN = "anonimiseren"


class Resultaat(StrEnum):
    """How the attempt ended; refused attempts are logged too."""

    GESLAAGD = "geslaagd"
    GEWEIGERD = "geweigerd"
    NIET_GEVONDEN = "niet-gevonden"
    ONGELDIG = "ongeldig"
    MISLUKT = "mislukt"


# Processing activities: code → (Dutch description, legal basis). The code is stored;
# the register of processing activities explains it.
VERWERKINGSACTIVITEITEN: dict[str, tuple[str, str]] = {
    "casus-aanmelden": ("Aanmelding van een casus", "art. 2.31 lid 1 WGS"),
    "casus-raadplegen": ("Raadplegen van een casus", "art. 2.31 WGS"),
    "casussen-zoeken": ("Overzicht van casussen", "art. 2.31 WGS"),
    "casus-intake": ("Intake: toets op de criteria", "art. 2.31 lid 2 WGS, art. 2.20 lid 3 BGS"),
    "casus-definitieve-beoordeling": (
        "Definitieve beoordeling",
        "art. 2.31 lid 3 WGS, art. 2.20 BGS",
    ),
    "casus-deelnemers-selecteren": ("Selectie van deelnemers", "art. 2.31 lid 4 WGS"),
    "casus-gegevens-verstrekken": ("Verstrekking van gegevens", "art. 2.29 WGS"),
    "casus-gegevens-raadplegen": ("Raadplegen van verstrekte gegevens", "art. 2.31 lid 5 WGS"),
    "casus-gegevens-verzoeken": ("Verzoek om gegevens aan een deelnemer", "art. 2.31 lid 3 WGS"),
    "casus-gegevens-corrigeren": ("Melding en correctie van onjuiste gegevens", "art. 1.6 BGS"),
    "casus-overleg": ("Casusoverleg en plan van aanpak", "art. 2.31 lid 5 WGS"),
    "casus-informeren": ("Informatieplicht jegens betrokkene", "art. 14 AVG"),
    "casus-derden-verstrekken": ("Verstrekking van resultaten aan een derde", "art. 1.7 WGS"),
    "casus-afsluiten": ("Afsluiting van een casus", "art. 2.31 lid 6 WGS"),
    "casus-heropenen": ("Heropening van een casus", "art. 2.31 WGS"),
    "casus-bewaartermijn": ("Bewaartermijn en verlenging", "art. 1.8 lid 7 WGS, art. 1.16 BGS"),
    "casus-archiveren": ("Archivering en anonimisering", "art. 1.8 lid 7 WGS, Archiefwet"),
    "werkvoorraad-raadplegen": (
        "Overzicht van het werk dat op een organisatie wacht",
        "art. 2.31 WGS, art. 1.16 BGS, art. 14 AVG",
    ),
    "betrokkenenverzoek": (
        "Behandeling van een verzoek van een betrokkene",
        "art. 12 en 15-22 AVG, art. 41 UAVG, art. 14 bestuurlijke afspraken",
    ),
    "datalek": ("Registratie en melding van een datalek", "art. 33 en 34 AVG"),
    "verwerkingen-raadplegen": (
        "Raadplegen van het verwerkingenlog",
        "art. 5.7 bestuurlijke afspraken",
    ),
    "prioriteringslijst-toetsen": (
        "Toetsing aan een prioriteringslijst",
        "art. 2.32 WGS, art. 2.22 BGS",
    ),
    "prioriteringslijst-plaatsen": (
        "Plaatsing op een prioriteringslijst",
        "art. 2.32 WGS, art. 2.22 BGS",
    ),
    "prioriteringslijst-verwijderen": (
        "Verwijdering van een prioriteringslijst",
        "art. 2.32 lid 4 WGS",
    ),
    # A notification names only the resource, but that a case exists or changed is itself
    # a disclosure about the person to the receiving organisation.
    "notificatie-versturen": (
        "Notificatie over een casus aan een geabonneerde deelnemer",
        "art. 2.31 WGS, art. 2.29 WGS",
    ),
}
