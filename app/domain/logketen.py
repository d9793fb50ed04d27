"""The processing log's hash chain: the ONE definition of a record's canonical content.

Each partnership's processing-log records form a chain, numbered 1, 2, 3, ... in the
order they were written (`volgnummer`). Every record stores

    hash = SHA-256( vorige_hash (64 lowercase hex, ASCII) || "\\n" || canonical(record) )

as 64 lowercase hex, where `vorige_hash` is the hash of the record before it in its
partnership's chain (GENESIS, 64 zeros, for record 1) and `canonical(record)` is the UTF-8
JSON object of the fields in `inhoud()` below: keys sorted, no insignificant whitespace
(separators "," and ":"), non-ASCII characters as themselves, moments as
`YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC. The data subject appears only as the SHA-256 of
the case's pseudonym (never a BSN: the log never holds one).

Changing any field of a record changes its hash; removing a record leaves a gap in the
numbers and breaks the next record's `vorige_hash`; removing the last records is seen
against the chain head kept per partnership (and against any head an auditor noted from
an earlier export). Someone who rewrites the whole rest of the chain *and* the head is
caught only by a head noted outside the database: `zvh log export` hands it out.

Pure: no database, no framework. docs/notes/issue-13-verantwoording.md explains why.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

VERSIE = 1
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Schakel:
    """One record of the chain, as stored."""

    zvh: str
    volgnummer: int
    id: str
    tijdstip: datetime
    trace_id: str
    span_id: str
    parent_span_id: str | None
    activiteit: str
    handeling: str
    casus_id: str | None
    betrokkene: str | None
    sub: str
    deelnemer: str
    rollen: str
    resultaat: str
    reden: str | None
    vorige_hash: str
    hash: str


def moment(value: datetime) -> str:
    """A moment as the chain writes it: UTC, microseconds, `Z`."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass a timezone-aware moment")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def betrokkene_digest(pseudoniem: str | None) -> str | None:
    """The data subject as the chain binds it: SHA-256 of the case's random pseudonym."""
    if pseudoniem is None:
        return None
    return hashlib.sha256(pseudoniem.encode("utf-8")).hexdigest()


def inhoud(
    *,
    zvh: str,
    volgnummer: int,
    id: str,
    tijdstip: datetime,
    trace_id: str,
    span_id: str,
    parent_span_id: str | None,
    activiteit: str,
    handeling: str,
    casus_id: str | None,
    betrokkene: str | None,
    sub: str,
    deelnemer: str,
    rollen: str,
    resultaat: str,
    reden: str | None,
) -> dict[str, object]:
    """The fields a record's hash covers (every stored field but the two hashes)."""
    return {
        "v": VERSIE,
        "zvh": zvh,
        "volgnummer": volgnummer,
        "id": id,
        "tijdstip": moment(tijdstip),
        "traceId": trace_id,
        "spanId": span_id,
        "parentSpanId": parent_span_id,
        "activiteit": activiteit,
        "handeling": handeling,
        "casusId": casus_id,
        "betrokkene": betrokkene_digest(betrokkene),
        "sub": sub,
        "deelnemer": deelnemer,
        "rollen": rollen,
        "resultaat": resultaat,
        "reden": reden,
    }


def canonical(content: dict[str, object]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def ketenhash(vorige_hash: str, content: bytes) -> str:
    return hashlib.sha256(vorige_hash.encode("ascii") + b"\n" + content).hexdigest()


def inhoud_van(s: Schakel) -> dict[str, object]:
    return inhoud(
        zvh=s.zvh,
        volgnummer=s.volgnummer,
        id=s.id,
        tijdstip=s.tijdstip,
        trace_id=s.trace_id,
        span_id=s.span_id,
        parent_span_id=s.parent_span_id,
        activiteit=s.activiteit,
        handeling=s.handeling,
        casus_id=s.casus_id,
        betrokkene=s.betrokkene,
        sub=s.sub,
        deelnemer=s.deelnemer,
        rollen=s.rollen,
        resultaat=s.resultaat,
        reden=s.reden,
    )


@dataclass(frozen=True, slots=True)
class Breuk:
    """The first record where a chain does not hold, and why."""

    zvh: str
    volgnummer: int | None
    id: str | None
    reden: str

    def __str__(self) -> str:
        waar = f"record {self.volgnummer} (id {self.id})" if self.id else "chain head"
        return f"{self.zvh}: {waar}: {self.reden}"


@dataclass(slots=True)
class Controle:
    """Checks one partnership's chain record by record, in `volgnummer` order."""

    zvh: str
    volgnummer: int = 0
    hash: str = GENESIS
    breuk: Breuk | None = None

    def check(self, s: Schakel) -> Breuk | None:
        """Check the next record; the first break found is kept (and returned)."""
        if self.breuk is not None:
            return self.breuk
        if s.volgnummer != self.volgnummer + 1:
            wat = "appears twice" if s.volgnummer <= self.volgnummer else "follows a gap"
            self.breuk = Breuk(
                self.zvh,
                s.volgnummer,
                s.id,
                f"number {s.volgnummer} {wat} (expected {self.volgnummer + 1}): a record was "
                "removed or inserted",
            )
        elif s.vorige_hash != self.hash:
            self.breuk = Breuk(
                self.zvh, s.volgnummer, s.id, "its previous hash is not its predecessor's hash"
            )
        elif ketenhash(s.vorige_hash, canonical(inhoud_van(s))) != s.hash:
            self.breuk = Breuk(
                self.zvh, s.volgnummer, s.id, "its content does not match its hash (changed)"
            )
        else:
            self.volgnummer, self.hash = s.volgnummer, s.hash
        return self.breuk

    def finish(self, kop_volgnummer: int, kop_hash: str) -> Breuk | None:
        """Compare the end of the chain with the head the service kept."""
        if self.breuk is None and (kop_volgnummer, kop_hash) != (self.volgnummer, self.hash):
            self.breuk = Breuk(
                self.zvh,
                None,
                None,
                f"the head says record {kop_volgnummer} with hash {kop_hash[:16]}…, the log "
                f"ends at record {self.volgnummer}: records at the end were removed or changed",
            )
        return self.breuk


def verify_chain(zvh: str, schakels: Iterable[Schakel], kop: tuple[int, str]) -> Breuk | None:
    controle = Controle(zvh)
    for s in schakels:
        if controle.check(s):
            break
    return controle.finish(*kop)
