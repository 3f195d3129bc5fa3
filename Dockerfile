# The worker image for docker-compose.yml and docker-compose.scaled.yml: the project installed, with the Dask extra
# (the scaled stack's Dask scheduler and workers run this image too, so all run the same versions).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir "/app[dask]" \
    && useradd --system --user-group --create-home --home-dir /home/broadsheet broadsheet
# Prefect keeps its profile and results under $HOME/.prefect, so the user gets a home.
USER broadsheet

CMD ["broadsheet", "--help"]
