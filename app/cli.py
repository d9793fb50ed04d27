"""The `zvh` command: serve, migrate, seed-demo, designate, token, openapi, priority-lists,
retention."""

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import ConfigurationError, Environment, Settings, get_settings
from app.domain.aanwijzing import Functie
from app.domain.deelnemer import Deelnemertype, Rol

if TYPE_CHECKING:
    from app.services import archivering


def _settings() -> Settings:
    try:
        return get_settings()
    except ConfigurationError as exc:
        print(f"zvh: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app
    from app.observability import configure_logging

    settings = _settings()
    configure_logging(settings.log_level)
    app = create_app(settings)
    print(
        f"zvh-wgs serves on http://{args.host}:{args.port}\n"
        f"  docs:     http://{args.host}:{args.port}/v1/docs\n"
        f"  contract: http://{args.host}:{args.port}/v1/openapi.json\n"
        "  token:    .venv/bin/zvh token --deelnemer politie --rol medewerker",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url)
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


async def _reevaluate(settings: Settings, peildatum: date, zvh: str | None) -> list[str]:
    from app.db.session import Database, create_engine
    from app.services.prioriteringsplaatsingen import reevaluate_all

    database = Database(create_engine(settings.database_url))
    try:
        resultaten = await reevaluate_all(database, peildatum, zvh)
    finally:
        await database.dispose()
    # Counts only: no case, person or fact leaves the database through this output.
    return [
        f"{r.lijst_id}: versie {r.versie}, beoordeeld {r.beoordeeld}, gehandhaafd "
        f"{r.gehandhaafd}, verwijderd {len(r.verwijderd)}, niet beoordeeld {r.niet_beoordeeld}"
        for r in resultaten
    ]


def cmd_priority_lists_reevaluate(args: argparse.Namespace) -> int:
    from app.services.prioriteringsplaatsingen import vandaag

    settings = _settings()
    peildatum = args.as_of or vandaag()
    if peildatum > vandaag():
        print("zvh: --as-of lies in the future; re-evaluate on today or earlier", file=sys.stderr)
        return 2
    regels = asyncio.run(_reevaluate(settings, peildatum, args.zvh))
    for regel in regels:
        print(regel)
    print(
        f"{len(regels)} published list(s) re-evaluated on {peildatum.isoformat()}", file=sys.stderr
    )
    return 0


def cmd_openapi(_args: argparse.Namespace) -> int:
    from app.main import create_app

    document = create_app(_settings()).openapi()
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0


async def _sweep(settings: Settings, args: argparse.Namespace) -> int:
    from app.db.session import Database, create_engine
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
    database = Database(create_engine(settings.database_url))
    try:
        try:
            uitkomst = await archivering.sweep(
                database, opdracht, lambda line: print(line, file=sys.stderr)
            )
        except archivering.NotYetDue as exc:
            print(f"zvh: {exc}", file=sys.stderr)
            return 2
        except archivering.HoldActive as exc:
            _print_plan(await archivering.plan(database, opdracht.as_of), args.as_of)
            print(f"zvh: {exc}", file=sys.stderr)
            return EXIT_HOLD
    finally:
        await database.dispose()
    _print_plan(uitkomst, args.as_of)
    if args.execute:
        print(
            f"archived and anonymised: {uitkomst.gearchiveerd} cases, "
            f"{uitkomst.bronnen_gearchiveerd} sources; skipped (done or no longer due): "
            f"{uitkomst.overgeslagen}; failed: {len(uitkomst.mislukt)}"
        )
    else:
        print("dry run: nothing changed (use --execute to archive and anonymise)")
    return 1 if uitkomst.mislukt else 0


# `--execute` under the destruction hold did not do what was asked: a distinct non-zero
# code, so a scheduled job notices without mistaking it for a failure.
EXIT_HOLD = 3


def _print_plan(uitkomst: "archivering.Uitkomst", as_of: object) -> None:
    print(f"due before {as_of}:")
    for zvh in sorted(set(uitkomst.casussen) | set(uitkomst.bronnen)):
        cases = uitkomst.casussen.get(zvh, [])
        bronnen = uitkomst.bronnen.get(zvh, [])
        print(f"  {zvh}: {len(cases)} cases, {len(bronnen)} sources of kept cases")
        for casus_id in cases:
            print(f"    casus {casus_id}")
        for casus_id, bron_id in bronnen:
            print(f"    bron  {casus_id} {bron_id}")
    if not uitkomst.casussen and not uitkomst.bronnen:
        print("  nothing")


def cmd_retention_sweep(args: argparse.Namespace) -> int:
    return asyncio.run(_sweep(_settings(), args))


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="zvh", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    commands.add_parser("migrate", help="bring the database to the newest migration").set_defaults(
        func=cmd_migrate
    )
    commands.add_parser("seed-demo", help="register the demo partnerships").set_defaults(
        func=cmd_seed_demo
    )

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
    token.add_argument("--ttl", type=int, default=3600, help="seconds; may be negative")
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
    reevaluate.set_defaults(func=cmd_priority_lists_reevaluate)

    commands.add_parser("openapi", help="print the OpenAPI document").set_defaults(func=cmd_openapi)

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
    sweep.set_defaults(func=cmd_retention_sweep)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
