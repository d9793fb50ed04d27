"""Stored JSON in the domain's shape (issue 15): the writer, the migration and the archive
document agree for every input.

Before migration 7b3e5d1a9c42 the criteria and the conditions were stored as the request
schemas' camelCase dumps. For any value: the migration turns that old document into what
the code writes now (member order included), its downgrade turns it back, the archive
document shows the new one exactly as the old one, and the archive's retention block is
the response schema's dump without the schema.
"""

import dataclasses
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.criteria import (
    Betreft,
    Criteria,
    CriteriumA,
    CriteriumB,
    CriteriumC,
    CriteriumD,
    Domein,
    Gevolg,
    Leefgebied,
    Mate,
    Tijd,
    VastgelegdeCriteria,
)
from app.domain.verstrekking import GesteldeVoorwaarden, voorwaarden_of
from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import Bewaarbeleid, Casusdata, Verlengingsreden
from app.schemas import criteria as criteria_schema
from app.schemas.bewaartermijn import BewaartermijnUitkomst
from app.schemas.verstrekkingen import VoorwaardenSchema
from app.services import archiefdocument
from tests.factories.bewaartermijn import bron, casus, verlenging
from tests.factories.bewaartermijn_gevallen import PEILDATUM, cases

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations/versions/2026_12_03_7b3e5d1a9c42_stored_json_in_domain_shape.py"
)


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stored_json_migration", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


migration = _migration()

TEKST = st.sampled_from(["", " ", "Onderbouwd.", 'Met "quotes" en é.'])
criteria_strategy = st.builds(
    Criteria,
    a=st.builds(
        CriteriumA,
        mate=st.sampled_from(Mate),
        betreft=st.lists(st.sampled_from(Betreft), max_size=3).map(tuple),
        onderbouwing=TEKST,
    ),
    b=st.builds(
        CriteriumB,
        mate=st.sampled_from(Mate),
        leefgebieden=st.lists(st.sampled_from(Leefgebied), max_size=4).map(tuple),
        criminogene_factoren=st.booleans(),
        onderbouwing=TEKST,
    ),
    c=st.builds(
        CriteriumC,
        mate=st.sampled_from(Mate),
        gevolgen=st.lists(st.sampled_from(Gevolg), max_size=3).map(tuple),
        tijd=st.none() | st.sampled_from(Tijd),
        objectieve_aanwijzingen=st.none() | TEKST,
        onderbouwing=TEKST,
    ),
    d=st.builds(
        CriteriumD,
        mate=st.sampled_from(Mate),
        domeinen=st.lists(st.sampled_from(Domein), max_size=4).map(tuple),
        onderbouwing=TEKST,
    ),
)
voorwaarden_strategy = st.builds(
    GesteldeVoorwaarden,
    niet_voor_incidentele_deelnemers=st.booleans(),
    alleen_voor_deelnemers=st.none()
    | st.lists(st.sampled_from(["ggz", "politie", "reclassering-nederland"]), unique=True).map(
        tuple
    ),
    niet_aan_derden=st.booleans(),
    toelichting=st.none() | st.sampled_from(["Lopend onderzoek."]),
)


def _old_criteria(criteria: Criteria) -> dict[str, Any]:
    """What the code before the migration stored: the request schema's camelCase dump."""
    request = criteria_schema.Criteria.model_validate(
        {letter: dataclasses.asdict(getattr(criteria, letter)) for letter in "abcd"},
        by_alias=False,
        by_name=True,
    )
    assert request.to_domain() == criteria
    stored: dict[str, Any] = request.model_dump(mode="json", by_alias=True)
    return stored


def _old_voorwaarden(voorwaarden: GesteldeVoorwaarden) -> dict[str, Any]:
    request = VoorwaardenSchema.model_validate(
        dataclasses.asdict(voorwaarden), by_alias=False, by_name=True
    )
    assert request.to_command() == voorwaarden
    stored: dict[str, Any] = request.model_dump(mode="json", by_alias=True)
    return stored


def _same(left: object, right: object) -> bool:
    """Equal as JSON text: member order and true-versus-1 count."""
    return json.dumps(left) == json.dumps(right)


@given(criteria_strategy, st.booleans())
def test_criteria_old_new_and_archive_agree(criteria: Criteria, anonymised: bool) -> None:
    value = VastgelegdeCriteria.of(criteria)
    if anonymised:
        value = value.without_texts()
    new = value.stored()
    old = archiefdocument.criteria_document(value)
    if not anonymised:
        assert _same(old, _old_criteria(criteria))
    assert _same(migration.criteria_renamed(old, migration.CRITERIUM), new)
    assert _same(migration.criteria_renamed(new, migration._inverse(migration.CRITERIUM)), old)
    assert VastgelegdeCriteria.from_stored(new) == value
    assert _same(archiefdocument.criteria_document(VastgelegdeCriteria.from_stored(new)), old)


@given(voorwaarden_strategy)
def test_conditions_old_new_and_archive_agree(voorwaarden: GesteldeVoorwaarden) -> None:
    new = voorwaarden.stored()
    old = _old_voorwaarden(voorwaarden)
    assert _same(migration._renamed(old, migration.VOORWAARDEN), new)
    assert _same(migration._renamed(new, migration._inverse(migration.VOORWAARDEN)), old)
    assert GesteldeVoorwaarden.from_stored(new) == voorwaarden
    assert voorwaarden_of(new) == VoorwaardenSchema.model_validate(old).to_domain()
    assert _same(archiefdocument.voorwaarden_document(new), old)


BELEID = st.builds(
    Bewaarbeleid,
    na_afsluiting_maanden=st.integers(1, 24),
    na_afwijzing_maanden=st.integers(1, 24),
    besluitvenster_maanden=st.integers(1, 6),
)
# A stored situation-1 extension decided too early, the case closed before its maximum:
# it lapses with two reasons (tests/unit/test_bewaartermijn_timing.py).
VERVALLEN = casus(
    "2021-12-10",
    "2026-06-01",
    verlengingen=(verlenging("2026-05-01", 24, Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING),),
    bronnen=(bron("b1", instemming=True), bron("b2", wettelijk="2023-01-01", deelnemer="ggz")),
)


@given(cases(vervallen=True), BELEID)
@example(VERVALLEN, Bewaarbeleid())
def test_archive_retention_block_is_the_response_dump(
    data: Casusdata, beleid: Bewaarbeleid
) -> None:
    """As the sweep computes a stored case: its extensions are stored decisions."""
    uitkomst = calculate_bewaartermijn(
        data, PEILDATUM, beleid, besloten=len(data.verlengingen), opgeslagen=True
    )
    wire = BewaartermijnUitkomst.of(uitkomst, beleid).model_dump(mode="json", by_alias=True)
    assert json.dumps(archiefdocument.bewaartermijn_document(uitkomst, beleid), sort_keys=True) == (
        json.dumps(wire, sort_keys=True)
    )


@given(criteria_strategy, voorwaarden_strategy)
def test_a_document_in_the_old_shape_is_refused_not_misread(
    criteria: Criteria, voorwaarden: GesteldeVoorwaarden
) -> None:
    """Read with the camelCase members taken as absent, a `nietAanDerden` would lapse
    silently; a row the migration missed is an error instead."""
    with pytest.raises(ValueError, match="criterion b"):
        VastgelegdeCriteria.from_stored(_old_criteria(criteria))
    with pytest.raises(ValueError, match="Stored conditions"):
        voorwaarden_of(_old_voorwaarden(voorwaarden))
