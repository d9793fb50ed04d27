"""Pin the application's clock through its dependencies (app/deps.py), never by patching."""

from datetime import UTC, date, datetime

from fastapi import FastAPI

from app.deps import nu, today


def pin_today(app: FastAPI, day: date | str) -> date:
    """Every route of `app` takes `day` as today in the Netherlands."""
    pinned = date.fromisoformat(day) if isinstance(day, str) else day
    app.dependency_overrides[today] = lambda: pinned
    return pinned


def pin_noon(app: FastAPI, day: date | str) -> datetime:
    """Today is `day`, and now is 11:00 UTC on it: mid-day in Amsterdam, the same date."""
    pinned = pin_today(app, day)
    moment = datetime(pinned.year, pinned.month, pinned.day, 11, tzinfo=UTC)
    app.dependency_overrides[nu] = lambda: moment
    return moment
