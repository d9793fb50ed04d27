"""Which keys the service trusts: configured issuer keys, and in development a local key pair."""

import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.auth.tokens import VerificationKey, load_jwks, load_pem_public_key
from app.config import ConfigurationError, Environment, Settings

DEV_KID = "zvh-dev"


@dataclass(frozen=True, slots=True)
class DevKeyPair:
    private_pem: str
    public_pem: str


def dev_key_pair(settings: Settings) -> DevKeyPair:
    """The development key pair, created on first use; refused in production."""
    if settings.env is Environment.PRODUCTION:
        raise ConfigurationError("the development key pair is never used in production")
    directory = settings.dev_key_dir
    private_path = directory / "dev-private.pem"
    public_path = directory / "dev-public.pem"
    if not private_path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private_bytes = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        public_bytes = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        tmp = private_path.with_suffix(".tmp")
        tmp.write_bytes(private_bytes)
        tmp.chmod(0o600)
        public_path.write_bytes(public_bytes)
        tmp.replace(private_path)
    return DevKeyPair(private_path.read_text(), public_path.read_text())


def trusted_keys(settings: Settings) -> list[VerificationKey]:
    """Every key whose signature the service accepts."""
    keys: list[VerificationKey] = [
        load_pem_public_key(Path(path).read_text(), kid=Path(path).stem)
        for path in settings.jwt_public_key_files
    ]
    if settings.jwt_jwks_file is not None:
        keys.extend(load_jwks(json.loads(settings.jwt_jwks_file.read_text())))
    if settings.env is Environment.DEVELOPMENT:
        keys.append(load_pem_public_key(dev_key_pair(settings).public_pem, kid=DEV_KID))
    if not keys:
        raise ConfigurationError("no trusted token keys are configured")
    return keys
