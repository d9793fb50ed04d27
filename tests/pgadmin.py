"""PostgreSQL housekeeping for `make test` and `.ci/run`: check, create and drop a database.

python -m tests.pgadmin check  URL
python -m tests.pgadmin create URL   (creates the database named in URL)
python -m tests.pgadmin drop   URL
"""

import asyncio
import sys

import asyncpg
from sqlalchemy.engine import make_url


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def run(action: str, url: str) -> int:
    name = make_url(url).database or "postgres"
    try:
        admin = await asyncpg.connect(_dsn(url, "postgres"), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        print(
            f"PostgreSQL at {make_url(url).host}:{make_url(url).port} unreachable: {exc}",
            file=sys.stderr,
        )
        return 3
    try:
        if action == "create":
            await admin.execute(f'CREATE DATABASE "{name}"')
        elif action == "drop":
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
    return 0


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "create", "drop"):
        print(__doc__, file=sys.stderr)
        return 2
    return asyncio.run(run(sys.argv[1], sys.argv[2]))


if __name__ == "__main__":
    raise SystemExit(main())
