"""Parse and apply the objective criteria of a priority list (art. 2.32 WGS, art. 2.22 BGS).

Art. 2.32(1) WGS lets the government participants put a case on a list of prioritised
cases only on objective criteria they have set, in addition to the criteria of art. 2.20
BGS; the factsheet Werkprocessen (step 1) adds that they must be objective, to exclude
arbitrariness and prejudice, and non-discriminatory, to guarantee equal treatment. The
language (app/domain/prioritering.py) can only count recorded events, so `parse_criteria`
refuses every other key or kind with the code `criterium-niet-objectief`.

The window of a count runs from the peildatum minus N months through the peildatum, both
inclusive; when that day does not exist in the earlier month (29 February, the 31st), the
last day of that month is used. Facts after the peildatum never count.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from app.domain.errors import InvalidInput, InvalidParam
from app.domain.prioritering import (
    CATEGORIEEN,
    Alle,
    Clausuleuitkomst,
    EenVan,
    Expressie,
    Feit,
    Soort,
    Telling,
    Uitkomst,
)
from app.rules.kalender import DateOutOfRange, add_months

MAX_DIEPTE = 8
MAX_DELEN = 20
MAX_TELLINGEN = 50
MAX_PERIODE_MAANDEN = 240
MAX_MINIMAAL = 1000

NIET_OBJECTIEF = "criterium-niet-objectief"
_KNOOPSLEUTELS = ("alle", "eenVan", "telling")
_TELLINGSLEUTELS = frozenset({"soort", "categorieen", "periodeMaanden"})

# Attributes of who someone is. They are refused like any other unknown key; naming them
# lets the reason say why, instead of only that the key is unknown.
PERSOONSKENMERKEN = frozenset(
    {
        "nationaliteit",
        "herkomst",
        "afkomst",
        "etniciteit",
        "ras",
        "huidskleur",
        "geboorteland",
        "migratieachtergrond",
        "religie",
        "geloof",
        "levensbeschouwing",
        "gezondheid",
        "diagnose",
        "beperking",
        "geslacht",
        "gender",
        "leeftijd",
        "geboortedatum",
        "seksuelegerichtheid",
        "seksuele-gerichtheid",
        "taal",
        "politiekevoorkeur",
        "politieke-voorkeur",
        "vakbond",
        "burgerlijkestaat",
        "inkomen",
        "postcode",
        "woonwijk",
        "opleiding",
    }
)

_GRONDSLAG = (
    "Een prioriteringslijst mag alleen objectieve en niet-discriminerende criteria hebben "
    "(art. 2.32 lid 1 WGS): tellingen van geregistreerde gebeurtenissen met `alle`, `eenVan` "
    "en `telling`."
)


def _niet_objectief(name: str, wat: str) -> InvalidParam:
    if wat.lower() in PERSOONSKENMERKEN:
        reden = (
            f"'{wat}' is een persoonskenmerk, geen objectieve gebeurtenis; daarop mag geen "
            f"criterium steunen. {_GRONDSLAG}"
        )
    else:
        reden = f"'{wat}' is geen objectief criterium dat deze taal kent. {_GRONDSLAG}"
    return InvalidParam(name, NIET_OBJECTIEF, reden)


class _Parser:
    def __init__(self) -> None:
        self.problems: list[InvalidParam] = []
        self.tellingen = 0

    def problem(self, name: str, code: str, reason: str) -> None:
        self.problems.append(InvalidParam(name, code, reason))

    def expressie(self, raw: object, name: str, diepte: int) -> Expressie | None:
        if not isinstance(raw, dict):
            self.problem(
                name, "expressie-ongeldig", "Verwacht een object met `alle`, `eenVan` of `telling`."
            )
            return None
        if diepte > MAX_DIEPTE:
            self.problem(
                name,
                "expressie-te-diep",
                f"De criteria zijn dieper genest dan {MAX_DIEPTE} niveaus.",
            )
            return None
        knopen = [k for k in _KNOOPSLEUTELS if k in raw]
        onbekend = [k for k in raw if k not in _KNOOPSLEUTELS and k != "minimaal"]
        for key in onbekend:
            self.problems.append(_niet_objectief(f"{name}.{key}", str(key)))
        if "minimaal" in raw and knopen and knopen != ["telling"]:
            self.problem(
                f"{name}.minimaal", "expressie-ongeldig", "`minimaal` hoort bij een `telling`."
            )
        if len(knopen) != 1:
            if not onbekend:
                self.problem(
                    name,
                    "expressie-ongeldig",
                    "Verwacht precies één van `alle`, `eenVan` of `telling`.",
                )
            return None
        knoop = knopen[0]
        if knoop == "telling":
            return self.telling(raw, name)
        delen = self.delen(raw[knoop], f"{name}.{knoop}", diepte)
        if delen is None:
            return None
        return Alle(delen) if knoop == "alle" else EenVan(delen)

    def delen(self, raw: object, name: str, diepte: int) -> tuple[Expressie, ...] | None:
        if not isinstance(raw, list):
            self.problem(name, "geen-lijst", "Verwacht een lijst van criteria.")
            return None
        if not 1 <= len(raw) <= MAX_DELEN:
            self.problem(
                name, "lijstlengte-ongeldig", f"Verwacht 1 tot en met {MAX_DELEN} criteria."
            )
            return None
        delen = [self.expressie(deel, f"{name}.{i}", diepte + 1) for i, deel in enumerate(raw)]
        if any(deel is None for deel in delen):
            return None
        return tuple(deel for deel in delen if deel is not None)

    def telling(self, raw: Mapping[str, Any], name: str) -> Telling | None:
        self.tellingen += 1
        if self.tellingen == MAX_TELLINGEN + 1:
            self.problem(name, "te-veel-tellingen", f"Meer dan {MAX_TELLINGEN} tellingen.")
        minimaal = self.geheel_getal(raw.get("minimaal"), f"{name}.minimaal", MAX_MINIMAAL)
        body = raw["telling"]
        tname = f"{name}.telling"
        if not isinstance(body, dict):
            self.problem(
                tname,
                "geen-object",
                "Verwacht een object met `soort`, `categorieen` en `periodeMaanden`.",
            )
            return None
        for key in body:
            if key not in _TELLINGSLEUTELS:
                self.problems.append(_niet_objectief(f"{tname}.{key}", str(key)))
        soort = self.soort(body.get("soort"), f"{tname}.soort")
        maanden = self.geheel_getal(
            body.get("periodeMaanden"), f"{tname}.periodeMaanden", MAX_PERIODE_MAANDEN
        )
        categorieen = self.categorieen(body.get("categorieen"), soort, f"{tname}.categorieen")
        if soort is None or maanden is None or minimaal is None or categorieen is None:
            return None
        return Telling(soort, categorieen, maanden, minimaal)

    def soort(self, raw: object, name: str) -> Soort | None:
        if raw is None:
            self.problem(name, "verplicht", "Dit veld is verplicht.")
        elif not isinstance(raw, str):
            self.problem(name, "geen-tekst", "Verwacht een tekst.")
        elif raw not in Soort.__members__.values():
            self.problems.append(_niet_objectief(name, raw))
        else:
            return Soort(raw)
        return None

    def categorieen(self, raw: object, soort: Soort | None, name: str) -> tuple[str, ...] | None:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            self.problem(name, "geen-lijst", "Verwacht een lijst van categorieën (teksten).")
            return None
        if soort is None:
            return None
        bekend = CATEGORIEEN[soort]
        ok = True
        for i, categorie in enumerate(raw):
            if categorie not in bekend:
                ok = False
                self.problem(
                    f"{name}.{i}",
                    "categorie-onbekend",
                    f"Onbekende categorie voor {soort.value}; toegestaan: {', '.join(bekend)}.",
                )
        return tuple(dict.fromkeys(raw)) if ok else None

    def geheel_getal(self, raw: object, name: str, maximum: int) -> int | None:
        if raw is None:
            self.problem(name, "verplicht", "Dit veld is verplicht.")
        elif isinstance(raw, bool) or not isinstance(raw, int):
            self.problem(name, "geen-geheel-getal", "Verwacht een geheel getal.")
        elif not 1 <= raw <= maximum:
            self.problem(name, "waarde-buiten-bereik", f"Verwacht 1 tot en met {maximum}.")
        else:
            return raw
        return None


def parse_criteria(raw: object, name: str = "criteria") -> Expressie:
    """EXPR (parsed JSON) as typed nodes; every problem at once, as InvalidInput."""
    parser = _Parser()
    expressie = parser.expressie(raw, name, 1)
    if parser.problems or expressie is None:
        raise InvalidInput(parser.problems, "De criteria voldoen niet aan de regels.")
    return expressie


def to_json(expressie: Expressie) -> dict[str, Any]:
    """The canonical EXPR of typed nodes: what is stored, published and shown."""
    if isinstance(expressie, Telling):
        return {
            "telling": {
                "soort": expressie.soort.value,
                "categorieen": list(expressie.categorieen),
                "periodeMaanden": expressie.periode_maanden,
            },
            "minimaal": expressie.minimaal,
        }
    key = "alle" if isinstance(expressie, Alle) else "eenVan"
    return {key: [to_json(deel) for deel in expressie.delen]}


def minus_months(day: date, months: int) -> date:
    """`day` minus `months` calendar months (kalender.add_months: a day the month lacks
    becomes its last day); a window reaching before year 1 starts at the first date."""
    try:
        return add_months(day, -months)
    except DateOutOfRange:
        return date.min


def window(peildatum: date, periode_maanden: int) -> tuple[date, date]:
    """First and last day (both inclusive) on which a fact counts."""
    return minus_months(peildatum, periode_maanden), peildatum


def tellingen(expressie: Expressie, pad: str = "") -> Iterator[tuple[str, Telling]]:
    """Every count, depth first, with its JSON Pointer into the canonical EXPR."""
    if isinstance(expressie, Telling):
        yield pad or "", expressie
        return
    key = "alle" if isinstance(expressie, Alle) else "eenVan"
    for i, deel in enumerate(expressie.delen):
        yield from tellingen(deel, f"{pad}/{key}/{i}")


Beoordeling = Callable[[Sequence[Feit]], Uitkomst]
_Predicaat = Callable[[list[bool]], bool]


def _predicaat(expressie: Expressie, volgnummers: Iterator[int]) -> _Predicaat:
    if isinstance(expressie, Telling):
        i = next(volgnummers)
        return lambda voldaan: voldaan[i]
    delen = tuple(_predicaat(deel, volgnummers) for deel in expressie.delen)
    if isinstance(expressie, Alle):

        def alle(voldaan: list[bool]) -> bool:
            return all(deel(voldaan) for deel in delen)

        return alle

    def een_van(voldaan: list[bool]) -> bool:
        return any(deel(voldaan) for deel in delen)

    return een_van


def compile_criteria(expressie: Expressie, peildatum: date) -> Beoordeling:
    """A fast check of one candidate's facts against `expressie` on `peildatum`.

    The windows are computed once per peildatum and the counts are indexed by fact kind,
    so a candidate costs one pass over its facts. Every count is made in full (not cut
    short when the outcome is known): the joint controllers see why a candidate meets
    the criteria or not.
    """
    clausules = list(tellingen(expressie))
    indexed: dict[str, list[tuple[int, date, frozenset[str] | None]]] = {}
    for i, (_pad, telling) in enumerate(clausules):
        start, _eind = window(peildatum, telling.periode_maanden)
        categorieen = frozenset(telling.categorieen) or None
        indexed.setdefault(telling.soort.value, []).append((i, start, categorieen))
    per_soort = {soort: tuple(entries) for soort, entries in indexed.items()}
    meta = [(pad, telling, telling.minimaal) for pad, telling in clausules]
    voldoet = _predicaat(expressie, iter(range(len(clausules))))
    eind = peildatum
    lookup = per_soort.get
    # Results are built with tuple.__new__: a NamedTuple's own constructor costs more
    # than counting ten facts (bench/README.md, priority lists).
    new = tuple.__new__

    def assess(feiten: Sequence[Feit]) -> Uitkomst:
        hits: list[list[int]] = [[] for _ in meta]
        for positie, feit in enumerate(feiten):
            treffers = lookup(feit["soort"])
            if treffers is not None:
                datum = feit["datum"]
                if datum <= eind:
                    categorie = feit["categorie"]
                    for i, start, categorieen in treffers:
                        if start <= datum and (categorieen is None or categorie in categorieen):
                            hits[i].append(positie)
        voldaan = [len(h) >= k for h, (_pad, _t, k) in zip(hits, meta, strict=True)]
        clausuleuitkomsten = [
            new(Clausuleuitkomst, (pad, telling, len(h), ok, tuple(h)))
            for (pad, telling, _k), h, ok in zip(meta, hits, voldaan, strict=True)
        ]
        return new(Uitkomst, (voldoet(voldaan), tuple(clausuleuitkomsten)))

    return assess


def evaluate(expressie: Expressie, feiten: Sequence[Feit], peildatum: date) -> Uitkomst:
    """Whether a candidate's facts meet the criteria on the peildatum (art. 2.32(1) WGS)."""
    return compile_criteria(expressie, peildatum)(feiten)


def problems_in_feit(
    feit: Feit, toegestane_bronnen: Mapping[str, object], name: str
) -> list[InvalidParam]:
    """A fact's category must be known for its kind, and its source a fixed participant.

    Art. 2.32 WGS allows gathering data for the list only from participants that may
    hold relevant data, never from third parties or intended incidental participants
    (factsheet Werkprocessen, step 3): `toegestane_bronnen` holds the partnership's
    government and private participants.
    """
    problems: list[InvalidParam] = []
    bekend = CATEGORIEEN[feit["soort"]]
    if feit["categorie"] not in bekend:
        problems.append(
            InvalidParam(
                f"{name}.categorie",
                "categorie-onbekend",
                f"Onbekende categorie voor {feit['soort']}; toegestaan: {', '.join(bekend)}.",
            )
        )
    if feit["bron"] not in toegestane_bronnen:
        problems.append(
            InvalidParam(
                f"{name}.bron",
                "bron-niet-toegestaan",
                f"'{feit['bron']}' is geen overheids- of private deelnemer van dit "
                "samenwerkingsverband. Art. 2.32 WGS staat niet toe dat voor een "
                "prioriteringslijst gegevens worden verzameld bij derden of bij beoogde "
                "incidentele deelnemers.",
            )
        )
    return problems
