"""The toolkit's version, in one module that imports nothing (read by the build and reports)."""

__version__ = "0.1.0"
