"""Settings, read from the environment with the prefix ZVH_."""

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.rules.bewaartermijn_typen import Bewaarbeleid

VAR_DIR = Path("var")


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class ConfigurationError(RuntimeError):
    """The configuration does not allow the service to run safely."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZVH_", extra="ignore")

    env: Environment = Environment.DEVELOPMENT
    database_url: str = f"sqlite+aiosqlite:///{VAR_DIR / 'zvh.db'}"
    database_pool_size: int = Field(default=10, ge=1)

    jwt_issuer: str = "zvh-wgs-dev"
    jwt_audience: str = "zvh-wgs"
    # Production: PEM files of the issuers' public keys, or a JWKS file.
    jwt_public_key_files: list[Path] = Field(default_factory=list)
    jwt_jwks_file: Path | None = None
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)
    # Development only: where the local key pair lives (created on first use).
    dev_key_dir: Path = VAR_DIR / "keys"

    # How long a process trusts its snapshot of a partnership's registry; its own
    # changes take effect at once, other processes' within this many seconds.
    registry_cache_seconds: float = Field(default=5.0, ge=0, le=300)

    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    log_level: str = "INFO"

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
    def _production_needs_keys(self) -> "Settings":
        if self.env is Environment.PRODUCTION and not (
            self.jwt_public_key_files or self.jwt_jwks_file
        ):
            raise ConfigurationError(
                "ZVH_ENV=production needs the issuers' public keys: set "
                "ZVH_JWT_PUBLIC_KEY_FILES or ZVH_JWT_JWKS_FILE"
            )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
