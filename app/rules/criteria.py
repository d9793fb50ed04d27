"""Whether a case falls within the purpose of a Zorg- en Veiligheidshuis (art. 2.20 BGS).

Art. 2.20(1) BGS: a case qualifies when (a) the data subject, or their family situation,
has relevant problems, (b) on several life domains involving criminogenic factors, (c)
which lead, have led or — on clear and objective indications — would without intervention
lead to the data subject causing serious nuisance, crime or unsafe situations for persons
or in an area, and (d) for which cooperation between participants from several domains is
necessary to reach an effective plan of approach. Art. 2.20(3) BGS requires recording to
what extent each criterion is met; the participant must substantiate that with objective
information (factsheet Werkprocessen, step 1).

The structural minimums are the API contract's: a criterion is met only when its `mate` is
`voldaan` (at intake also `aannemelijk`) and its substantiation is not blank, and (a) names the data subject or the family
situation; (b) names at least two distinct life domains and criminogenic factors; (c) names
a consequence and a time, and `zou-leiden` comes with objective indications; (d) names at
least two distinct domains. The case is admissible only when all four are met. At intake
the government participants judge "of voldoende aannemelijk is dat aan de criteria van
artikel 2.20 BGS is voldaan" on the registration alone (art. 2.31(2) WGS; factsheet
Werkprocessen, step 2), so `aannemelijk` meets a criterion there; the definitive assessment
after data gathering decides "of inderdaad aan de criteria ... is voldaan" (art. 2.31(3)
WGS), where only `voldaan` does. The other minimums are the same in both phases.
"""

from functools import cache

from app.domain.criteria import (
    Criteria,
    CriteriumA,
    CriteriumB,
    CriteriumC,
    CriteriumD,
    Criteriumuitkomst,
    Fase,
    Mate,
    Reden,
    Tijd,
    Toetsingsuitkomst,
)

MINIMUM_LEEFGEBIEDEN = 2
MINIMUM_DOMEINEN = 2

_ARTIKEL = "art. 2.20 lid 1 onder {letter} BGS"

_VOLDAAN: dict[str, str] = {
    "a": "er spelen relevante problemen bij de betrokkene of in diens gezinssituatie.",
    "b": "de problemen spelen op meerdere leefgebieden waarin sprake is van criminogene factoren.",
    "c": (
        "de problemen leiden, hebben geleid of zouden, gelet op duidelijke en objectieve "
        "aanwijzingen, zonder interventie leiden tot ernstige overlast, criminaliteit of "
        "onveilige situaties voor personen of binnen een gebied."
    ),
    "d": (
        "samenwerking tussen deelnemers uit meerdere domeinen is noodzakelijk om te komen tot "
        "een effectief plan van aanpak."
    ),
}

_MATE: dict[Mate, str] = {
    Mate.VOLDAAN: "voldaan",
    Mate.AANNEMELIJK: "aannemelijk",
    Mate.DEELS: "deels voldaan",
    Mate.NIET_VOLDAAN: "niet voldaan",
    Mate.ONBEKEND: "onbekend",
}

_UITLEG: dict[Reden, str] = {
    Reden.A_BETREFT_ONTBREEKT: (
        "Er is niet aangegeven of de problemen bij de betrokkene of in diens gezinssituatie spelen."
    ),
    Reden.B_TE_WEINIG_LEEFGEBIEDEN: (
        f"Er zijn minder dan {MINIMUM_LEEFGEBIEDEN} verschillende leefgebieden genoemd; het "
        "criterium vraagt problemen op meerdere leefgebieden."
    ),
    Reden.B_GEEN_CRIMINOGENE_FACTOREN: (
        "Er is niet vastgesteld dat op de leefgebieden sprake is van criminogene factoren."
    ),
    Reden.C_GEVOLG_ONTBREEKT: (
        "Er is geen gevolg genoemd: ernstige overlast, criminaliteit of een onveilige situatie "
        "voor personen of binnen een gebied."
    ),
    Reden.C_TIJD_ONTBREEKT: (
        "Er is niet aangegeven of de problemen daartoe leiden, hebben geleid of zonder "
        "interventie zouden gaan leiden."
    ),
    Reden.C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN: (
        "Dat de problemen zonder interventie zouden gaan leiden tot dit gevolg, mag alleen "
        "gelet op duidelijke en objectieve aanwijzingen; die zijn niet vermeld."
    ),
    Reden.D_TE_WEINIG_DOMEINEN: (
        f"Er zijn minder dan {MINIMUM_DOMEINEN} verschillende domeinen genoemd; het criterium "
        "vraagt samenwerking tussen deelnemers uit meerdere domeinen (zorg, veiligheid, "
        "sociaal)."
    ),
}

_ONDERBOUWING = (
    "De objectieve onderbouwing ontbreekt; vastgelegd moet worden in hoeverre aan het "
    "criterium is voldaan (art. 2.20 lid 3 BGS)."
)

_MATE_REDEN = {
    "a": Reden.A_MATE_NIET_VOLDAAN,
    "b": Reden.B_MATE_NIET_VOLDAAN,
    "c": Reden.C_MATE_NIET_VOLDAAN,
    "d": Reden.D_MATE_NIET_VOLDAAN,
}
_AANNEMELIJK_REDEN = {
    "a": Reden.A_ALLEEN_AANNEMELIJK,
    "b": Reden.B_ALLEEN_AANNEMELIJK,
    "c": Reden.C_ALLEEN_AANNEMELIJK,
    "d": Reden.D_ALLEEN_AANNEMELIJK,
}
_ALLEEN_AANNEMELIJK = (
    "De opgegeven mate is 'aannemelijk': dat volstaat bij de intake, op grond van de "
    "aanmelding alleen. De definitieve beoordeling stelt vast of inderdaad aan het criterium "
    "is voldaan (art. 2.31 lid 3 WGS); daar telt alleen 'voldaan'."
)
_ONDERBOUWING_REDEN = {
    "a": Reden.A_ONDERBOUWING_ONTBREEKT,
    "b": Reden.B_ONDERBOUWING_ONTBREEKT,
    "c": Reden.C_ONDERBOUWING_ONTBREEKT,
    "d": Reden.D_ONDERBOUWING_ONTBREEKT,
}


@cache
def _uitkomst(letter: str, mate: Mate, redenen: tuple[Reden, ...]) -> Criteriumuitkomst:
    """The outcome with its Dutch explanation; the combinations are few, so they are cached."""
    artikel = _ARTIKEL.format(letter=letter)
    if not redenen:
        if mate is Mate.AANNEMELIJK:
            return Criteriumuitkomst(
                True,
                (),
                f"Voldoende aannemelijk ({artikel}, intake): {_VOLDAAN[letter]}",
                mate,
            )
        return Criteriumuitkomst(True, (), f"Voldaan ({artikel}): {_VOLDAAN[letter]}", mate)
    zinnen: list[str] = []
    for reden in redenen:
        if reden is _MATE_REDEN[letter]:
            zinnen.append(
                f"De opgegeven mate is '{_MATE[mate]}'; alleen 'voldaan' (bij de intake ook "
                "'aannemelijk') telt als voldaan."
            )
        elif reden is _AANNEMELIJK_REDEN[letter]:
            zinnen.append(_ALLEEN_AANNEMELIJK)
        elif reden is _ONDERBOUWING_REDEN[letter]:
            zinnen.append(_ONDERBOUWING)
        else:
            zinnen.append(_UITLEG[reden])
    return Criteriumuitkomst(False, redenen, f"Niet voldaan ({artikel}): {' '.join(zinnen)}", mate)


def _common(letter: str, mate: Mate, onderbouwing: str, fase: Fase) -> list[Reden]:
    redenen: list[Reden] = []
    if mate is Mate.AANNEMELIJK:
        if fase is not Fase.INTAKE:
            redenen.append(_AANNEMELIJK_REDEN[letter])
    elif mate is not Mate.VOLDAAN:
        redenen.append(_MATE_REDEN[letter])
    if not onderbouwing.strip():
        redenen.append(_ONDERBOUWING_REDEN[letter])
    return redenen


def assess_a(criterium: CriteriumA, fase: Fase = Fase.DEFINITIEF) -> Criteriumuitkomst:
    """Art. 2.20(1)(a) BGS: problems of the data subject or in the family situation."""
    redenen = _common("a", criterium.mate, criterium.onderbouwing, fase)
    if not criterium.betreft:
        redenen.append(Reden.A_BETREFT_ONTBREEKT)
    return _uitkomst("a", criterium.mate, tuple(redenen))


def assess_b(criterium: CriteriumB, fase: Fase = Fase.DEFINITIEF) -> Criteriumuitkomst:
    """Art. 2.20(1)(b) BGS: several (at least two distinct) life domains, criminogenic."""
    redenen = _common("b", criterium.mate, criterium.onderbouwing, fase)
    if len(set(criterium.leefgebieden)) < MINIMUM_LEEFGEBIEDEN:
        redenen.append(Reden.B_TE_WEINIG_LEEFGEBIEDEN)
    if not criterium.criminogene_factoren:
        redenen.append(Reden.B_GEEN_CRIMINOGENE_FACTOREN)
    return _uitkomst("b", criterium.mate, tuple(redenen))


def assess_c(criterium: CriteriumC, fase: Fase = Fase.DEFINITIEF) -> Criteriumuitkomst:
    """Art. 2.20(1)(c) BGS: a consequence and a time; a prediction needs objective indications."""
    redenen = _common("c", criterium.mate, criterium.onderbouwing, fase)
    if not criterium.gevolgen:
        redenen.append(Reden.C_GEVOLG_ONTBREEKT)
    if criterium.tijd is None:
        redenen.append(Reden.C_TIJD_ONTBREEKT)
    elif (
        criterium.tijd is Tijd.ZOU_LEIDEN and not (criterium.objectieve_aanwijzingen or "").strip()
    ):
        redenen.append(Reden.C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN)
    return _uitkomst("c", criterium.mate, tuple(redenen))


def assess_d(criterium: CriteriumD, fase: Fase = Fase.DEFINITIEF) -> Criteriumuitkomst:
    """Art. 2.20(1)(d) BGS: cooperation of participants from several (two distinct) domains."""
    redenen = _common("d", criterium.mate, criterium.onderbouwing, fase)
    if len(set(criterium.domeinen)) < MINIMUM_DOMEINEN:
        redenen.append(Reden.D_TE_WEINIG_DOMEINEN)
    return _uitkomst("d", criterium.mate, tuple(redenen))


@cache
def _samenvatting(fase: Fase, voldaan: tuple[bool, bool, bool, bool]) -> str:
    """The phase's summary; cached on which criteria are met, as assessments repeat."""
    niet_voldaan = ", ".join(letter for letter, ok in zip("abcd", voldaan, strict=True) if not ok)
    if fase is Fase.INTAKE:
        if not niet_voldaan:
            return (
                "Intake (art. 2.31 lid 2 WGS): op grond van de aanmelding is voldoende "
                "aannemelijk gemaakt dat aan alle vier criteria van art. 2.20 lid 1 BGS is "
                "voldaan. De definitieve beoordeling volgt na het verzamelen van gegevens."
            )
        return (
            "Intake (art. 2.31 lid 2 WGS): op grond van de aanmelding is niet voldoende "
            "aannemelijk gemaakt dat aan alle criteria van art. 2.20 lid 1 BGS is voldaan "
            f"(niet voldaan: {niet_voldaan}). Wordt de casus niet in behandeling genomen, dan "
            "worden de gegevens vernietigd of geanonimiseerd (art. 1.16 lid 1 BGS)."
        )
    if not niet_voldaan:
        return (
            "Definitieve beoordeling: aan alle vier criteria van art. 2.20 lid 1 BGS is "
            "voldaan; de casus valt binnen het doel van het Zorg- en Veiligheidshuis."
        )
    return (
        "Definitieve beoordeling: niet aan alle criteria van art. 2.20 lid 1 BGS is voldaan "
        f"(niet voldaan: {niet_voldaan}). De behandeling moet stoppen en de gegevens worden "
        "vernietigd of geanonimiseerd (art. 1.16 lid 1 BGS)."
    )


def assess_criteria(criteria: Criteria, fase: Fase) -> Toetsingsuitkomst:
    """Art. 2.20 BGS: each criterion's outcome; admissible only when all four are met."""
    a = assess_a(criteria.a, fase)
    b = assess_b(criteria.b, fase)
    c = assess_c(criteria.c, fase)
    d = assess_d(criteria.d, fase)
    voldaan = (a.voldaan, b.voldaan, c.voldaan, d.voldaan)
    toelaatbaar = a.voldaan and b.voldaan and c.voldaan and d.voldaan
    return Toetsingsuitkomst(fase, toelaatbaar, _samenvatting(fase, voldaan), a, b, c, d)
