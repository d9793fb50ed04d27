# syntax=docker/dockerfile:1
# Build:   docker build -t zvh-wgs .
# Migrate: docker run --rm -e ZVH_DATABASE_URL=postgresql+asyncpg://... zvh-wgs migrate
#          (its own step, before a new version serves: it needs the database only, no issuer
#          keys; /health/ready stays 503 until the database is at this image's migration)
# Serve:   docker run -e ZVH_DATABASE_URL=postgresql+asyncpg://... \
#            -e ZVH_JWT_ISSUER=https://idp.example.org/realms/zvh -e ZVH_JWT_AUDIENCE=zvh-wgs \
#            -e ZVH_JWT_JWKS_FILE=/keys/jwks.json -v /etc/zvh/keys:/keys:ro -p 8000:8000 zvh-wgs
# The entrypoint is `zvh`: any of its commands runs the same way (`... zvh-wgs openapi`).

FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv
WORKDIR /srv/zvh
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY app ./app
COPY migrations ./migrations
COPY alembic.ini ./
RUN uv sync --frozen --no-dev

FROM python:3.11-slim AS runtime
RUN useradd --system --uid 10001 --home-dir /srv/zvh zvh
WORKDIR /srv/zvh
COPY --from=build --chown=zvh:zvh /srv/zvh /srv/zvh
ENV PATH=/srv/zvh/.venv/bin:$PATH PYTHONUNBUFFERED=1 ZVH_ENV=production
USER zvh
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live').status != 200)"
ENTRYPOINT ["zvh"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
