"""validator: static checks of akimat meeting material packages against their regulation."""

from __future__ import annotations

__version__ = "0.1.0"
