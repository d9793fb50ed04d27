"""Settings, read from the environment with the prefix ZVH_."""

from enum import StrEnum
from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path

from pydantic import Field, IPvAnyNetwork, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.rules.bewaartermijn_typen import Bewaarbeleid

VAR_DIR = Path("var")
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{VAR_DIR / 'zvh.db'}"
# The issuer `zvh token` signs as; production refuses it.
DEV_ISSUER = "zvh-wgs-dev"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class ConfigurationError(RuntimeError):
    """The configuration does not allow the service to run safely."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZVH_", extra="ignore")

    env: Environment = Environment.DEVELOPMENT
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL connections per process, opened as needed and kept: no overflow beyond
    # it, whose connections SQLAlchemy would close on every return (a new backend per
    # request under load); a request beyond it waits for a connection.
    database_pool_size: int = Field(default=20, ge=1)
    # asyncpg's prepared-statement cache per connection. Behind PgBouncer in transaction
    # mode it must be 0: a server connection serves many clients, so named statements
    # collide or vanish; 0 also gives every statement a unique name (README, PgBouncer).
    database_statement_cache_size: int = Field(default=100, ge=0)
    # A pooled PostgreSQL connection idle this long is pinged before use (a connection
    # in use moments ago is not: a ping is three round trips; app/db/session.py).
    database_ping_after_idle_seconds: float = Field(default=10.0, ge=0)
    # LISTEN needs a session of its own on PostgreSQL itself, which PgBouncer in
    # transaction mode cannot give: then point this at PostgreSQL directly.
    database_listen_url: str | None = None

    jwt_issuer: str = DEV_ISSUER
    jwt_audience: str = "zvh-wgs"
    # Production: PEM files of the issuers' public keys, or a JWKS file.
    jwt_public_key_files: list[Path] = Field(default_factory=list)
    jwt_jwks_file: Path | None = None
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)
    # A token living longer than this (exp − iat) is refused: a stolen one stays useful
    # for at most this long.
    jwt_max_lifetime_seconds: int = Field(default=3600, ge=60, le=86_400)
    # Development only: where the local key pair lives (created on first use).
    dev_key_dir: Path = VAR_DIR / "keys"

    # How long a process trusts its snapshot of a partnership's registry when it cannot
    # hear changes: on PostgreSQL every change is announced (LISTEN/NOTIFY) and drops the
    # snapshot in every process at once; this is the fallback while the listener is
    # disconnected, and on SQLite (one process) only other tools' changes wait for it.
    registry_cache_seconds: float = Field(default=5.0, ge=0, le=300)

    # PostgreSQL: months of processing-log partitions kept ready ahead of today.
    log_partition_months_ahead: int = Field(default=3, ge=1, le=36)

    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # The JSON batch check of a priority list (50,000 candidates of about 600 bytes fit);
    # larger batches go as NDJSON, which is read line by line.
    max_batch_bytes: int = Field(default=33_554_432, ge=1024)
    # All request headers together (names and values); over it is 431. Leaves room for
    # an 8 KiB token (app/auth/tokens.py) and the usual headers.
    max_header_bytes: int = Field(default=16_384, ge=10_240, le=1_048_576)
    log_level: str = "INFO"

    # /metrics (Prometheus text format): absent unless enabled; then only to clients on
    # these networks, or with `Authorization: Bearer <ZVH_METRICS_TOKEN>`.
    metrics_enabled: bool = False
    metrics_allowed_networks: list[IPvAnyNetwork] = Field(
        default_factory=lambda: [ip_network("127.0.0.1/32"), ip_network("::1/128")]
    )
    metrics_token: SecretStr | None = Field(default=None, min_length=32)
    # Long-running commands (their own processes) leave their last run here for
    # node_exporter's textfile collector.
    metrics_textfile_dir: Path | None = None
    # Long-running commands off a terminal: a JSON progress line at most this often.
    progress_interval_seconds: float = Field(default=10.0, ge=0)

    # Notifications (contract v2, "Integration"); their resourceUrl is under
    # `public_base_url` (below).
    # Callback URLs on private, loopback or link-local addresses are refused unless this
    # is set (a receiver inside the same network; the tests' local receiver).
    webhook_allow_private: bool = False
    # `zvh serve` delivers notifications in the background unless this is false (then run
    # `zvh notifications deliver` on a schedule or as a process of its own).
    notifications_worker_enabled: bool = True
    notifications_poll_seconds: float = Field(default=5.0, gt=0, le=3600)
    notifications_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # After this many failed attempts a delivery is a dead letter (`zvh notifications
    # redeliver`). With the defaults the last attempt comes about a day after the first.
    notifications_max_attempts: int = Field(default=10, ge=1, le=50)
    notifications_backoff_base_seconds: float = Field(default=60.0, ge=1, le=3600)
    notifications_backoff_max_seconds: float = Field(default=6 * 3600.0, ge=1, le=86_400)

    # National instruction of 1 March 2025: nothing is destroyed or anonymised.
    destruction_hold: bool = True

    # Retention policy (art. 1.8 lid 7 WGS, art. 1.16 BGS, factsheet Bewaartermijnen). The
    # periods after closure and rejection are national agreements a later decision may
    # lengthen; the maximum and the extension ceiling are the law's and may only be lowered.
    bewaartermijn_maximum_jaren: int = Field(default=5, ge=1, le=5)
    bewaartermijn_na_afsluiting_maanden: int = Field(default=12, ge=0, le=60)
    bewaartermijn_na_afwijzing_maanden: int = Field(default=12, ge=0, le=60)
    verlenging_maximum_maanden: int = Field(default=24, ge=1, le=24)
    # How many months before the maximum it extends an extension may be decided: the
    # situation of art. 1.16 BGS is judged at the maximum, not years ahead (brief section 6).
    verlenging_besluitvenster_maanden: int = Field(default=3, ge=1, le=6)
    # The service's public address: a notification's resourceUrl is under it, and the
    # processing-log export (`zvh log export`) points into the register of processing
    # activities published under it; and the key of the
    # keyed hash (HMAC-SHA256) that stands for the data subject; required in production.
    public_base_url: str = "http://127.0.0.1:8000"
    log_export_key: SecretStr | None = Field(default=None, min_length=32)

    @model_validator(mode="after")
    def _retention_policy_is_lawful(self) -> "Settings":
        try:
            self.bewaarbeleid()
        except ValueError as exc:
            raise ConfigurationError(f"ZVH_BEWAARTERMIJN_*/ZVH_VERLENGING_*: {exc}") from exc
        return self

    def bewaarbeleid(self) -> Bewaarbeleid:
        """The retention policy these settings describe."""
        return Bewaarbeleid(
            maximum_jaren=self.bewaartermijn_maximum_jaren,
            na_afsluiting_maanden=self.bewaartermijn_na_afsluiting_maanden,
            na_afwijzing_maanden=self.bewaartermijn_na_afwijzing_maanden,
            verlenging_maximum_maanden=self.verlenging_maximum_maanden,
            besluitvenster_maanden=self.verlenging_besluitvenster_maanden,
        )

    @model_validator(mode="after")
    def _production_trusts_only_its_issuer(self) -> "Settings":
        if self.env is not Environment.PRODUCTION:
            return self
        problems: list[str] = []
        if self.jwt_issuer.strip() in ("", DEV_ISSUER):
            problems.append(
                "set ZVH_JWT_ISSUER to the `iss` of the identity provider (the development "
                f"default {DEV_ISSUER} is refused)"
            )
        if not (self.jwt_public_key_files or self.jwt_jwks_file):
            problems.append(
                "give the issuers' public keys: set ZVH_JWT_PUBLIC_KEY_FILES or ZVH_JWT_JWKS_FILE"
            )
        if problems:
            raise ConfigurationError("ZVH_ENV=production: " + "; ".join(problems))
        return self


class DatabaseSettings(BaseSettings):
    """What `zvh migrate` needs, and nothing more: the image's migrate step runs in
    production without the issuer's keys."""

    model_config = SettingsConfigDict(env_prefix="ZVH_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    log_partition_months_ahead: int = Field(default=3, ge=1, le=36)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
