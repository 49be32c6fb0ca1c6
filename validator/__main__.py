"""``python -m validator`` runs the command line."""

from __future__ import annotations

from validator.cli import main

main()
