"""The `zvh` command: serve, migrate, seed-demo, bootstrap, designate, token, openapi, log,
priority-lists, report, retention, deadlines, notifications."""

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import ConfigurationError, Environment, Settings, get_settings
from app.domain.aanwijzing import Functie
from app.domain.deelnemer import Beroepsgeheim, Categorie, Deelnemertype, Rol

if TYPE_CHECKING:
    from app.metrics import JobName
    from app.progress import Job
    from app.services.jaarverslag import Telling
    from app.services.prioriteringsplaatsingen import Herbeoordelingsresultaat


# A job that any replica may start runs in one process at a time; the others step aside
# without an error, so that it can be scheduled on every replica (app/db/jobs.py).
ELSEWHERE = "another process is running this job now; nothing done here"


def _settings() -> Settings:
    try:
        return get_settings()
    except ConfigurationError as exc:
        print(f"zvh: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    from app.observability import configure_logging
    from app.serving import CannotServe, check, serve

    settings = _settings()
    try:
        check(settings, args.workers)
    except CannotServe as exc:
        print(f"zvh: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    print(
        f"zvh-wgs serves on http://{args.host}:{args.port} ({args.workers} worker(s))\n"
        f"  docs:     http://{args.host}:{args.port}/v1/docs\n"
        f"  contract: http://{args.host}:{args.port}/v1/openapi.json\n"
        "  token:    .venv/bin/zvh token --deelnemer politie --rol medewerker",
        file=sys.stderr,
        flush=True,
    )
    serve(args.host, args.port, workers=args.workers, graceful_timeout=args.graceful_timeout)
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    from app.config import DatabaseSettings
    from app.db.migrate import upgrade

    # The database alone: migrating needs no issuer keys, also with ZVH_ENV=production.
    database = DatabaseSettings()
    upgrade(database.database_url, log_months_ahead=database.log_partition_months_ahead)
    print("database is at the newest migration", file=sys.stderr)
    return 0


async def _seed(settings: Settings) -> int:
    from app.db.session import Database, create_engine
    from app.seed import seed_demo

    database = Database(create_engine(settings.database_url))
    try:
        async with database.session() as session, session.begin():
            return await seed_demo(session)
    finally:
        await database.dispose()


def cmd_seed_demo(_args: argparse.Namespace) -> int:
    added = asyncio.run(_seed(_settings()))
    print(
        f"demo partnerships zvh-demo and zvh-oost registered ({added} participants added)",
        file=sys.stderr,
    )
    return 0


async def _designate(settings: Settings, zvh: str, functie: str, deelnemer: str) -> list[str]:
    """Problems found (nothing changed), or an empty list once the designation is stored."""
    from app.db.session import Database, create_engine
    from app.domain.errors import InvalidInput
    from app.services.aanwijzingen import designate_checked

    database = Database(create_engine(settings.database_url))
    try:
        async with database.session() as session, session.begin():
            try:
                await designate_checked(session, zvh, Functie(functie), deelnemer)
            except InvalidInput as exc:
                return [p.reason for p in exc.problems]
        return []
    finally:
        await database.dispose()


async def _bootstrap(settings: Settings, args: argparse.Namespace) -> list[str]:
    from app.db.session import Database, create_engine
    from app.domain.deelnemer import Beroepsgeheim, Categorie
    from app.services.bootstrap import EersteBeheerder, bootstrap

    command = EersteBeheerder(
        zvh=args.zvh,
        zvh_naam=args.zvh_naam,
        deelnemer=args.deelnemer,
        naam=args.naam,
        categorie=Categorie(args.categorie),
        beroepsgeheim=Beroepsgeheim(args.beroepsgeheim) if args.beroepsgeheim else None,
        toetredingsdatum=args.toetredingsdatum or date.today(),
    )
    database = Database(create_engine(settings.database_url))
    try:
        async with database.session() as session, session.begin():
            problems = await bootstrap(session, command)
            if problems:
                await session.rollback()
            return problems
    finally:
        await database.dispose()


def cmd_bootstrap(args: argparse.Namespace) -> int:
    # A new partnership's first participant and beheerder, from the database's keys; from
    # then on the beheerder keeps the registry through the API.
    problems = asyncio.run(_bootstrap(_settings(), args))
    for problem in problems:
        print(f"zvh: nothing registered: {problem}", file=sys.stderr)
    if problems:
        return 2
    print(f"{args.zvh}: {args.deelnemer} is registered and designated beheerder", file=sys.stderr)
    return 0


def cmd_designate(args: argparse.Namespace) -> int:
    # Bootstrap for a partnership without a designated beheerder: runs against the
    # database directly, so whoever may run it holds the database's keys, not a token.
    problems = asyncio.run(_designate(_settings(), args.zvh, args.functie, args.deelnemer))
    for problem in problems:
        print(f"zvh: {args.deelnemer} cannot be {args.functie}: {problem}", file=sys.stderr)
    if problems:
        return 2
    print(f"{args.zvh}: {args.functie} is {args.deelnemer}", file=sys.stderr)
    return 0


async def _registered_type(settings: Settings, zvh: str, deelnemer: str) -> Deelnemertype | None:
    from app.db.registry import RegistryRepository
    from app.db.session import Database, create_engine

    database = Database(create_engine(settings.database_url))
    try:
        async with database.session() as session:
            found = await RegistryRepository(session).deelnemer(zvh, deelnemer)
            return found.deelnemertype if found else None
    finally:
        await database.dispose()


def cmd_token(args: argparse.Namespace) -> int:
    from app.auth.devtokens import issue_dev_token

    settings = _settings()
    if settings.env is Environment.PRODUCTION:
        print("zvh: `zvh token` refuses to run when ZVH_ENV=production", file=sys.stderr)
        return 2
    soort = Deelnemertype(args.deelnemertype) if args.deelnemertype else None
    if soort is None:
        soort = asyncio.run(_registered_type(settings, args.zvh, args.deelnemer))
        if soort is None:
            print(
                f"zvh: {args.deelnemer} is not registered in {args.zvh}; run `zvh seed-demo`, "
                "or pass --deelnemertype incidenteel for an incidental participant",
                file=sys.stderr,
            )
            return 2
    gvv = soort is Deelnemertype.OVERHEID if args.gvv is None else args.gvv == "true"
    maximum = settings.jwt_max_lifetime_seconds
    if args.ttl is not None and args.ttl > maximum:
        print(
            f"zvh: --ttl {args.ttl} exceeds ZVH_JWT_MAX_LIFETIME_SECONDS ({maximum}); "
            "the service would refuse the token",
            file=sys.stderr,
        )
        return 2
    print(
        issue_dev_token(
            settings,
            zvh=args.zvh,
            deelnemer=args.deelnemer,
            deelnemertype=soort.value,
            gvv=gvv,
            rollen=args.rol or [Rol.MEDEWERKER.value],
            sub=args.sub,
            ttl=args.ttl,
        )
    )
    return 0


def _job(settings: Settings, name: "JobName") -> "Job":
    """Progress on stderr (a bar on a terminal, else JSON lines), counts in the metrics."""
    from app.progress import Job

    return Job(
        name,
        interval=settings.progress_interval_seconds,
        textfile_dir=settings.metrics_textfile_dir,
    )


async def _reevaluate(
    settings: Settings, peildatum: date, vandaag: date, zvh: str | None, job: "Job"
) -> "list[Herbeoordelingsresultaat] | None":
    from app.db.jobs import exclusive_run
    from app.db.session import database_for
    from app.services.prioriteringsplaatsingen import reevaluate_all

    database = database_for(settings)
    try:
        async with exclusive_run(database, "priority-lists-reevaluate") as ours:
            if not ours:
                return None
            return await reevaluate_all(database, peildatum, zvh, voortgang=job, vandaag=vandaag)
    finally:
        await database.dispose()


def cmd_priority_lists_reevaluate(args: argparse.Namespace) -> int:
    from app import cli_results
    from app.metrics import JobName, Outcome
    from app.services.bewaartermijn import today_in_amsterdam

    settings = _settings()
    vandaag = today_in_amsterdam()
    peildatum = args.as_of or vandaag
    if peildatum > vandaag:
        print("zvh: --as-of lies in the future; re-evaluate on today or earlier", file=sys.stderr)
        return 2
    with _job(settings, JobName.PRIORITY_LISTS_REEVALUATE) as job:
        resultaten = asyncio.run(_reevaluate(settings, peildatum, vandaag, args.zvh, job))
        if resultaten is None:
            job.finish(Outcome.SUCCEEDED, {}, reason=ELSEWHERE)
            print(f"zvh: {ELSEWHERE}", file=sys.stderr)
            return 0
        job.finish(Outcome.SUCCEEDED, cli_results.reevaluation_counts(resultaten))
    cli_results.reevaluation(resultaten, peildatum, as_json=args.json)
    return 0


async def _deadlines(
    settings: Settings, zvh: str | None, binnen_dagen: int, job: "Job"
) -> dict[str, dict[str, int]] | None:
    from datetime import UTC, datetime

    from app.db.jobs import exclusive_run
    from app.db.session import database_for
    from app.services.bewaartermijn import today_in_amsterdam
    from app.services.termijnen import alle_tellingen

    database = database_for(settings)
    try:
        async with exclusive_run(database, "deadlines") as ours:
            if not ours:
                return None
            return await alle_tellingen(
                database,
                today_in_amsterdam(),
                datetime.now(UTC),
                zvh,
                binnen_dagen=binnen_dagen,
                voortgang=job,
            )
    finally:
        await database.dispose()


def cmd_deadlines(args: argparse.Namespace) -> int:
    """Counts of overdue and due-soon deadlines of the contact point; exit 0 either way
    (a daily job that reports, it does not fail on what it finds)."""
    from app import cli_results
    from app.metrics import JobName, Outcome
    from app.services.bewaartermijn import today_in_amsterdam

    settings = _settings()
    with _job(settings, JobName.DEADLINES) as job:
        per_zvh = asyncio.run(_deadlines(settings, args.zvh, args.within_days, job))
        if per_zvh is None:
            job.finish(Outcome.SUCCEEDED, {}, reason=ELSEWHERE)
            print(f"zvh: {ELSEWHERE}", file=sys.stderr)
            return 0
        job.finish(Outcome.SUCCEEDED, cli_results.deadline_totals(per_zvh))
    cli_results.deadlines(per_zvh, today_in_amsterdam(), args.within_days, as_json=args.json)
    return 0


def cmd_openapi(_args: argparse.Namespace) -> int:
    from app.main import create_app

    document = create_app(_settings()).openapi()
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0


async def _sweep(settings: Settings, args: argparse.Namespace, job: "Job") -> int:
    from app import cli_results
    from app.db.jobs import exclusive_run
    from app.db.session import database_for
    from app.metrics import Outcome
    from app.services import archivering
    from app.services.bewaartermijn import today_in_amsterdam

    opdracht = archivering.Opdracht(
        as_of=args.as_of,
        archive_dir=args.archive_dir,
        execute=args.execute,
        hold=settings.destruction_hold,
        beleid=settings.bewaarbeleid(),
        archiefbeheerder=args.archiefbeheerder,
        vandaag=today_in_amsterdam(),
    )
    database = database_for(settings)
    # Only --execute changes anything: a dry run claims nothing (and so never makes a
    # scheduled sweep step aside).
    claim = exclusive_run(database, "retention-sweep") if args.execute else nullcontext(True)
    try:
        async with claim as ours:
            if not ours:
                job.finish(Outcome.SUCCEEDED, {}, reason=ELSEWHERE)
                print(f"zvh: {ELSEWHERE}", file=sys.stderr)
                return 0
            try:
                uitkomst = await archivering.sweep(database, opdracht, job.note, voortgang=job)
            except archivering.NotYetDue as exc:
                job.finish(Outcome.REFUSED, {}, reason=str(exc))
                cli_results.sweep(args, Outcome.REFUSED, None, str(exc))
                return 2
            except archivering.HoldActive as exc:
                gepland = await archivering.plan(database, opdracht.as_of)
                job.finish(Outcome.REFUSED, cli_results.sweep_counts(gepland), reason=str(exc))
                cli_results.sweep(args, Outcome.REFUSED, gepland, str(exc))
                return EXIT_HOLD
    finally:
        await database.dispose()
    outcome = Outcome.FAILED if uitkomst.mislukt else Outcome.SUCCEEDED
    job.finish(outcome, cli_results.sweep_counts(uitkomst))
    cli_results.sweep(args, outcome, uitkomst, None)
    return 1 if uitkomst.mislukt else 0


# `--execute` under the destruction hold did not do what was asked: a distinct non-zero
# code, so a scheduled job notices without mistaking it for a failure.
EXIT_HOLD = 3


def cmd_retention_sweep(args: argparse.Namespace) -> int:
    from app.metrics import JobName

    settings = _settings()
    with _job(settings, JobName.RETENTION_SWEEP) as job:
        return asyncio.run(_sweep(settings, args, job))


JSON_HELP = "print the result as one JSON document on stdout (counts, no personal data)"


async def _log_partitions(settings: Settings, months_ahead: int) -> list[str]:
    from app.db import log_partitions
    from app.db.session import database_for

    database = database_for(settings)
    try:
        async with database.session() as session, session.begin():
            created = set(await log_partitions.ensure(session, months_ahead))
            return [
                f"{p.naam} {p.grenzen}{' (created)' if p.naam in created else ''}"
                for p in await log_partitions.partitions(session)
            ]
    finally:
        await database.dispose()


def cmd_log_partitions(args: argparse.Namespace) -> int:
    from app.db.session import is_sqlite

    settings = _settings()
    if is_sqlite(settings.database_url):
        print("SQLite keeps the processing log in one table: nothing to partition")
        return 0
    months_ahead = args.months_ahead or settings.log_partition_months_ahead
    for regel in asyncio.run(_log_partitions(settings, months_ahead)):
        print(regel)
    return 0


async def _deliver(settings: Settings, *, once: bool, as_json: bool) -> int:
    from app.db.session import database_for
    from app.services.notificatiebezorging import Bezorgbeleid, deliver

    database = database_for(settings)
    beleid = Bezorgbeleid.of(settings)
    try:
        while True:
            rapport = await deliver(database, beleid)
            counts = {**rapport.counts(), "failures": rapport.fouten}
            if as_json:
                print(json.dumps(counts, sort_keys=True), flush=True)
            else:
                print(
                    " ".join(f"{k}={v}" for k, v in rapport.counts().items()),
                    file=sys.stderr,
                    flush=True,
                )
            if once:
                return 0
            await asyncio.sleep(settings.notifications_poll_seconds)
    finally:
        await database.dispose()


def cmd_notifications_deliver(args: argparse.Namespace) -> int:
    """Spread and send due notifications: one pass with --once, else until stopped."""
    settings = _settings()
    try:
        return asyncio.run(_deliver(settings, once=args.once, as_json=args.json))
    except KeyboardInterrupt:
        return 0


async def _redeliver(settings: Settings, abonnement: str | None) -> int:
    from app.db.session import database_for
    from app.services.notificatiebezorging import redeliver

    database = database_for(settings)
    try:
        return await redeliver(database, abonnement_id=abonnement)
    finally:
        await database.dispose()


def cmd_notifications_redeliver(args: argparse.Namespace) -> int:
    """Offer dead letters again, from a first attempt."""
    count = asyncio.run(_redeliver(_settings(), args.abonnement))
    if args.json:
        print(json.dumps({"requeued": count}))
    else:
        print(f"{count} dead letter(s) queued again", file=sys.stderr)
    return 0


async def _log_verify(settings: Settings, zvh: str | None) -> int:
    from app.db.session import database_for
    from app.services import logketen

    database = database_for(settings)
    try:
        zvhs, breuk = await logketen.verify(database, zvh)
    finally:
        await database.dispose()
    if breuk is not None:
        print(f"BROKEN {breuk}", file=sys.stderr)
        return 1
    print(f"intact: {len(zvhs)} chain(s) verified ({', '.join(zvhs) or 'none'})")
    return 0


def cmd_log_verify(args: argparse.Namespace) -> int:
    return asyncio.run(_log_verify(_settings(), args.zvh))


async def _log_export(settings: Settings, args: argparse.Namespace, key: bytes) -> int:
    from app.db.session import database_for
    from app.services import logketen

    database = database_for(settings)
    try:
        async for line in logketen.export(
            database,
            args.zvh,
            args.van,
            args.tot,
            base_url=settings.public_base_url,
            key=key,
        ):
            sys.stdout.write(line)
    finally:
        await database.dispose()
    return 0


def cmd_log_export(args: argparse.Namespace) -> int:
    from app.services import logketen

    settings = _settings()
    if args.tot < args.van:
        print("zvh: --to lies before --from", file=sys.stderr)
        return 2
    if settings.log_export_key is not None:
        key = settings.log_export_key.get_secret_value().encode("utf-8")
    elif settings.env is Environment.PRODUCTION:
        print(
            "zvh: set ZVH_LOG_EXPORT_KEY (32+ characters): the key of the keyed hash that "
            "stands for the data subject in the export",
            file=sys.stderr,
        )
        return 2
    else:
        key = logketen.DEVELOPMENT_KEY
    return asyncio.run(_log_export(settings, args, key))


async def _report(settings: Settings, jaar: int, zvh: str | None) -> "dict[str, list[Telling]]":
    from sqlalchemy import select

    from app.db.session import database_for
    from app.db.tables import SamenwerkingsverbandRow
    from app.services import jaarverslag
    from app.services.bewaartermijn import today_in_amsterdam

    database = database_for(settings)
    try:
        async with database.session() as session, session.begin():
            zvhs = (
                [zvh]
                if zvh
                else list(
                    await session.scalars(
                        select(SamenwerkingsverbandRow.id).order_by(SamenwerkingsverbandRow.id)
                    )
                )
            )
            return {
                z: list(await jaarverslag.counts(session, z, jaar, today_in_amsterdam()))
                for z in zvhs
            }
    finally:
        await database.dispose()


def cmd_report(args: argparse.Namespace) -> int:
    """The annual report's counts per partnership (1-4 as "<5"), as JSON or CSV."""
    from dataclasses import asdict

    from app.services import jaarverslag

    per_zvh = asyncio.run(_report(_settings(), args.jaar, args.zvh))
    if args.csv:
        header, *_ = jaarverslag.csv_text([], "", args.jaar).splitlines()
        print(header)
        for z, tellingen in per_zvh.items():
            for line in jaarverslag.csv_text(tellingen, z, args.jaar).splitlines()[1:]:
                print(line)
        return 0
    document = {
        "jaar": args.jaar,
        "samenwerkingsverbanden": {
            z: [asdict(t) for t in tellingen] for z, tellingen in per_zvh.items()
        },
        "nietOpgenomen": [],
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def _identifier(value: str) -> str:
    from app.schemas.deelnemers import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, value):
        raise argparse.ArgumentTypeError("lower-case letters, digits and dashes, at most 64")
    return value


def _text(value: str) -> str:
    from app.schemas.fields import ZONDER_STUURTEKENS

    if not 1 <= len(value) <= 200 or not re.fullmatch(ZONDER_STUURTEKENS, value):
        raise argparse.ArgumentTypeError("1 to 200 characters without control characters")
    return value


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="zvh", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="worker processes (uvicorn's manager); above 1 needs PostgreSQL",
    )
    serve.add_argument(
        "--graceful-timeout",
        type=_positive,
        default=25,
        help="seconds a stopping worker lets requests in flight finish (default 25, below "
        "the 30 an orchestrator usually waits before killing)",
    )
    serve.set_defaults(func=cmd_serve)

    commands.add_parser("migrate", help="bring the database to the newest migration").set_defaults(
        func=cmd_migrate
    )
    commands.add_parser("seed-demo", help="register the demo partnerships").set_defaults(
        func=cmd_seed_demo
    )

    boot = commands.add_parser(
        "bootstrap",
        help="register a new partnership's first participant as its beheerder (once)",
    )
    boot.add_argument("--zvh", required=True, type=_identifier)
    boot.add_argument("--zvh-naam", required=True, type=_text)
    boot.add_argument("--deelnemer", required=True, type=_identifier)
    boot.add_argument("--naam", required=True, type=_text)
    boot.add_argument("--categorie", required=True, choices=[c.value for c in Categorie])
    boot.add_argument("--beroepsgeheim", choices=[b.value for b in Beroepsgeheim])
    boot.add_argument("--toetredingsdatum", type=date.fromisoformat)
    boot.set_defaults(func=cmd_bootstrap)

    designate = commands.add_parser(
        "designate",
        help="designate the participant that holds a function in a partnership (bootstrap)",
    )
    designate.add_argument("--zvh", required=True)
    designate.add_argument("--functie", required=True, choices=[f.value for f in Functie])
    designate.add_argument("--deelnemer", required=True)
    designate.set_defaults(func=cmd_designate)

    token = commands.add_parser("token", help="development only: print a signed JWT")
    token.add_argument("--deelnemer", required=True)
    token.add_argument("--rol", action="append", choices=[r.value for r in Rol])
    token.add_argument("--zvh", default="zvh-demo")
    token.add_argument(
        "--ttl",
        type=int,
        help="seconds, at most ZVH_JWT_MAX_LIFETIME_SECONDS (the default); may be negative",
    )
    token.add_argument("--deelnemertype", choices=[t.value for t in Deelnemertype])
    token.add_argument("--gvv", choices=["true", "false"])
    token.add_argument("--sub")
    token.set_defaults(func=cmd_token)

    lists = commands.add_parser("priority-lists", help="priority lists (art. 2.32 WGS)")
    list_commands = lists.add_subparsers(dest="subcommand", required=True)
    reevaluate = list_commands.add_parser(
        "reevaluate",
        help="re-evaluate every current placement on a date; removes at once who no longer "
        "meets the criteria (art. 2.32 lid 4 WGS)",
    )
    reevaluate.add_argument(
        "--as-of", type=date.fromisoformat, help="peildatum, YYYY-MM-DD (default: today)"
    )
    reevaluate.add_argument("--zvh", help="only this partnership's lists")
    reevaluate.add_argument("--json", action="store_true", help=JSON_HELP)
    reevaluate.set_defaults(func=cmd_priority_lists_reevaluate)

    commands.add_parser("openapi", help="print the OpenAPI document").set_defaults(func=cmd_openapi)

    deadlines = commands.add_parser(
        "deadlines",
        help="count the contact point's overdue and due-soon deadlines (requests, "
        "information duties, breaches); counts only, exit 0",
    )
    deadlines.add_argument("--zvh", help="only this partnership")
    deadlines.add_argument(
        "--within-days",
        type=_positive,
        default=7,
        help="due soon: within this many days (default 7)",
    )
    deadlines.add_argument("--json", action="store_true", help=JSON_HELP)
    deadlines.set_defaults(func=cmd_deadlines)

    log = commands.add_parser("log", help="the processing log")
    log_commands = log.add_subparsers(dest="log_command", required=True)
    partitions = log_commands.add_parser(
        "partitions",
        help="PostgreSQL: create the monthly partitions of the processing log ahead, list them",
    )
    partitions.add_argument(
        "--months-ahead",
        type=_positive,
        help="months after this one (UTC) to have ready (default ZVH_LOG_PARTITION_MONTHS_AHEAD)",
    )
    partitions.set_defaults(func=cmd_log_partitions)
    verify = log_commands.add_parser(
        "verify",
        help="check the hash chain of each partnership's log: exit 0 when intact, 1 naming "
        "the first broken record",
    )
    verify.add_argument("--zvh", help="only this partnership's chain")
    verify.set_defaults(func=cmd_log_verify)
    export = log_commands.add_parser(
        "export",
        help="NDJSON for an auditor (Logboek Dataverwerkingen fields, chain links, chain head)",
    )
    export.add_argument(
        "--from", dest="van", required=True, type=date.fromisoformat, help="YYYY-MM-DD (UTC)"
    )
    export.add_argument(
        "--to", dest="tot", required=True, type=date.fromisoformat, help="YYYY-MM-DD (UTC)"
    )
    export.add_argument("--zvh", help="only this partnership's log")
    export.set_defaults(func=cmd_log_export)

    report = commands.add_parser(
        "report", help="the annual report's counts (model art. 4.9-4.11); 1-4 shown as <5"
    )
    report.add_argument("--jaar", required=True, type=int, help="calendar year")
    report.add_argument("--zvh", help="only this partnership (default: every partnership)")
    report.add_argument("--csv", action="store_true", help="CSV instead of JSON")
    report.set_defaults(func=cmd_report)

    notifications = commands.add_parser("notifications", help="notifications to subscribers")
    notification_commands = notifications.add_subparsers(
        dest="notifications_command", required=True
    )
    deliver = notification_commands.add_parser(
        "deliver", help="send due notifications (signed, with retries); runs until stopped"
    )
    deliver.add_argument("--once", action="store_true", help="one pass, then stop")
    deliver.add_argument("--json", action="store_true", help=JSON_HELP)
    deliver.set_defaults(func=cmd_notifications_deliver)
    redeliver = notification_commands.add_parser(
        "redeliver", help="queue dead letters (every attempt failed) again"
    )
    redeliver.add_argument("--abonnement", help="only this subscription's (its id)")
    redeliver.add_argument("--json", action="store_true", help=JSON_HELP)
    redeliver.set_defaults(func=cmd_notifications_redeliver)

    retention = commands.add_parser("retention", help="retention management")
    retention_commands = retention.add_subparsers(dest="retention_command", required=True)
    sweep = retention_commands.add_parser(
        "sweep",
        help="list what is due; with --execute archive and anonymise it (not under the hold)",
    )
    sweep.add_argument("--as-of", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
    sweep.add_argument("--archive-dir", required=True, type=Path)
    sweep.add_argument("--execute", action="store_true")
    sweep.add_argument(
        "--archiefbeheerder",
        default="archiefbeheerder",
        help="who holds the archive (model art. 16.2); recorded with each document",
    )
    sweep.add_argument("--json", action="store_true", help=JSON_HELP)
    sweep.set_defaults(func=cmd_retention_sweep)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
