"""``python -m validator`` runs the command line."""

from __future__ import annotations

from validator.commands.main import main

if __name__ == "__main__":  # worker processes import the main module: do not run it there
    main()
