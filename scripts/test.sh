#!/usr/bin/env bash
# Install the toolkit with its development tools into .venv, then lint, type-check and test.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/ruff check .
.venv/bin/mypy validator
.venv/bin/python -m pytest -q "$@"
