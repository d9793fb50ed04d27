"""The wire side of a batch check: candidates read from a JSON or NDJSON body, answers written.

The service (`app/services/prioriteringstoetsing.py`) checks typed facts and evaluates
them; this module decodes and validates the bytes with the request schema's adapters,
turns validation errors into the API's invalidParams, and writes result lines and
problem lines.

NDJSON bodies are read line by line and answered line by line, so memory does not grow
with the batch. The first `LOOKAHEAD` candidates are checked before the answer starts:
a small batch with an invalid line is refused as a whole with 400, exactly like a JSON
body. After that the status is sent; a later invalid line gets an error line of its own.
"""

from collections.abc import AsyncIterator
from datetime import date
from json.encoder import encode_basestring_ascii

from pydantic import ValidationError

from app.domain.errors import InvalidInput, InvalidParam
from app.domain.prioritering import Uitkomst
from app.problems import TYPE_PREFIX
from app.schemas.prioriteringstoetsing import (
    KANDIDAAT,
    KANDIDAAT_ZONDER_PATRONEN,
    TOETSING,
    Kandidaat,
)
from app.schemas.problem import InvalidParamSchema, Problem
from app.services.prioriteringstoetsing import Beoordelaar, Toetsing
from app.tekst import has_control_characters
from app.validation import invalid_params_from

LOOKAHEAD = 1000
MAX_PROBLEMEN = 1000
_DETAIL = "Niet alle kandidaten konden worden getoetst; alle problemen staan in invalidParams."


def _prefixed(problems: list[InvalidParam], prefix: str) -> list[InvalidParam]:
    return [
        InvalidParam(prefix if p.name == "body" else f"{prefix}.{p.name}", p.code, p.reason)
        for p in problems
    ]


class Regelcodec:
    """Decodes candidates and writes their result lines, for one version on one peildatum."""

    def __init__(self, toetsing: Toetsing, peildatum: date, *, per_regel: bool = False) -> None:
        beoordelaar = Beoordelaar(toetsing, peildatum)
        self.check = beoordelaar.kandidaat
        # The fast path of `regel` leans on every accepted source being clean text.
        self.snel = not any(map(has_control_characters, toetsing.bronnen))
        # An NDJSON line stands alone, so it says what was applied; a JSON answer says it
        # once, beside the results.
        self.toegepast = (
            f',"versie":{toetsing.versie},"peildatum":"{peildatum.isoformat()}"'
            if per_regel
            else ""
        )
        # The constant part of each clause's JSON, written once.
        self.prefixes = [
            f'{{"pad":{encode_basestring_ascii(pad)},"soort":"{t.soort.value}",'
            f'"minimaal":{t.minimaal},"gevonden":'
            for pad, t in beoordelaar.tellingen
        ]

    def encode(self, ref: str, uitkomst: Uitkomst) -> str:
        clausules = ",".join(
            f"{prefix}{c.gevonden},"
            f'"voldaan":{"true" if c.voldaan else "false"},'
            f'"feiten":[{",".join(map(str, c.feiten))}]}}'
            for prefix, c in zip(self.prefixes, uitkomst.clausules, strict=True)
        )
        voldoet = "true" if uitkomst.voldoet else "false"
        return (
            f'{{"ref":{encode_basestring_ascii(ref)},"voldoet":{voldoet},'
            f'"clausules":[{clausules}]{self.toegepast}}}'
        )

    def kandidaat(self, kandidaat: Kandidaat, index: int) -> str | list[InvalidParam]:
        """The result line of a valid candidate, or every problem with its facts."""
        result = self.check(kandidaat["feiten"], index)
        if isinstance(result, list):
            return result
        return self.encode(kandidaat["ref"], result)

    def regel(self, line: bytes, index: int) -> str | list[InvalidParam]:
        """One NDJSON line's result line, or its problems exactly as `KANDIDAAT` reports them.

        Fast path: validate without the texts' control-character patterns; a candidate whose
        sources and categories are all known (so clean) and whose `ref` is clean would have
        passed those patterns, and its answer is the same. Anything else (an invalid line,
        an unknown source or category, a control character) goes the full way, so every
        refusal keeps its codes and order.
        """
        if self.snel:
            try:
                snel: Kandidaat = KANDIDAAT_ZONDER_PATRONEN.validate_json(line)
            except ValidationError:
                pass
            else:
                if not has_control_characters(snel["ref"]):
                    result = self.check(snel["feiten"], index)
                    if not isinstance(result, list):
                        return self.encode(snel["ref"], result)
        try:
            kandidaat = KANDIDAAT.validate_json(line)
        except ValidationError as exc:
            return _prefixed(invalid_params_from(exc.errors()), f"kandidaten.{index}")
        return self.kandidaat(kandidaat, index)


def check_json(toetsing: Toetsing, body: bytes) -> bytes:
    """The whole answer to a JSON body; any invalid candidate refuses the batch (400)."""
    try:
        data = TOETSING.validate_json(body)
    except ValidationError as exc:
        raise InvalidInput(invalid_params_from(exc.errors())) from None
    codec = Regelcodec(toetsing, data["peildatum"])
    regels: list[str] = []
    problems: list[InvalidParam] = []
    for i, kandidaat in enumerate(data["kandidaten"]):
        result = codec.kandidaat(kandidaat, i)
        if isinstance(result, str):
            regels.append(result)
        else:
            problems += result
    if problems:
        raise InvalidInput(problems, _DETAIL)
    head = (
        f'{{"lijst":"{toetsing.lijst_id}","versie":{toetsing.versie},'
        f'"peildatum":"{data["peildatum"].isoformat()}","resultaten":['
    )
    return f"{head}{','.join(regels)}]}}".encode()


class RegelTeLang(Exception):
    """An NDJSON line longer than the cap: the stream cannot be read on safely."""


async def _batches(chunks: AsyncIterator[bytes], max_regel: int) -> AsyncIterator[list[bytes]]:
    """Non-blank lines, in the batches in which they arrive; each line is bounded."""
    rest = b""
    async for chunk in chunks:
        if not chunk:
            continue
        lines = (rest + chunk).split(b"\n") if rest else chunk.split(b"\n")
        rest = lines.pop()
        if len(rest) > max_regel:
            raise RegelTeLang
        batch = [line for line in lines if line.strip()]
        if any(len(line) > max_regel for line in batch):
            raise RegelTeLang
        if batch:
            yield batch
    if rest.strip():
        yield [rest]


def _fout_regel(index: int, problems: list[InvalidParam], detail: str) -> str:
    problem = Problem(
        type=TYPE_PREFIX + "ongeldige-invoer",
        title="Ongeldige invoer",
        status=400,
        detail=detail,
        code=problems[0].code if len(problems) == 1 else "ongeldige-invoer",
        invalid_params=[
            InvalidParamSchema(name=p.name, code=p.code, reason=p.reason) for p in problems
        ],
    )
    body = problem.model_dump_json(by_alias=True, exclude_none=True)
    return f'{{"kandidaat":{index},"probleem":{body}}}'


def _te_lang(index: int, max_regel: int) -> InvalidParam:
    return InvalidParam(
        f"kandidaten.{index}",
        "regel-te-lang",
        f"Een regel mag niet langer zijn dan {max_regel} bytes.",
    )


class NdjsonToetsing:
    """One NDJSON check: `begin` decides the status, `lines` streams the answer."""

    def __init__(
        self, toetsing: Toetsing, peildatum: date, chunks: AsyncIterator[bytes], max_regel: int
    ) -> None:
        self.codec = Regelcodec(toetsing, peildatum, per_regel=True)
        self.batches = _batches(chunks, max_regel).__aiter__()
        self.max_regel = max_regel
        self.index = 0
        self.eerste: list[str] = []
        self.uitgesteld: list[bytes] = []  # lines read in the lookahead, past its end

    def _batch(self, batch: list[bytes], problems: list[InvalidParam] | None) -> list[str]:
        regels: list[str] = []
        regel = self.codec.regel
        for line in batch:
            result = regel(line, self.index)
            if isinstance(result, str):
                regels.append(result)
            elif problems is not None:
                problems += result
            else:
                regels.append(_fout_regel(self.index, result, "Deze kandidaat is niet getoetst."))
            self.index += 1
        return regels

    async def begin(self) -> None:
        """Check the first candidates; refuse the request (400) if any of them is invalid."""
        problems: list[InvalidParam] = []
        try:
            while self.index < LOOKAHEAD:
                batch = await anext(self.batches, None)
                if batch is None:
                    break
                ruimte = LOOKAHEAD - self.index
                self.eerste += self._batch(batch[:ruimte], problems)
                self.uitgesteld = batch[ruimte:]
            if problems:
                # Read on, so that the refusal lists every problem (up to a bound).
                self._batch(self.uitgesteld, problems)
                async for batch in self.batches:
                    if len(problems) >= MAX_PROBLEMEN:
                        break
                    self._batch(batch, problems)
        except RegelTeLang:
            problems.append(_te_lang(self.index, self.max_regel))
        if problems:
            raise InvalidInput(problems[:MAX_PROBLEMEN], _DETAIL)

    async def lines(self) -> AsyncIterator[bytes]:
        regels, self.eerste = self.eerste + self._batch(self.uitgesteld, None), []
        if regels:
            yield ("\n".join(regels) + "\n").encode()
        try:
            async for batch in self.batches:
                regels = self._batch(batch, None)
                yield ("\n".join(regels) + "\n").encode()
        except RegelTeLang:
            fout = _fout_regel(
                self.index, [_te_lang(self.index, self.max_regel)], "De toetsing is afgebroken."
            )
            yield (fout + "\n").encode()
