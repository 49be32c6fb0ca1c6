"""The intake gate: a web service where bodies submit packages and the apparatus sees them.

It adds no rule logic: every package is checked by ``validator.api.check`` (in a worker
process with limits) and reported by the same reporters as the CLI. Modules:

- ``config``: the gate's settings (data folder, database URL, limits);
- ``store``: content-addressed, atomically written file store;
- ``register``: the submission register on SQLite or PostgreSQL;
- ``auth``: tokens (stored hashed) and signed session cookies;
- ``worker``: runs a check in a separate process under time and memory limits;
- ``intake``: one submission from uploaded files to a committed register row;
- ``receipt``/``lateness``: the receipt and the deadline arithmetic;
- ``app``/``api``/``pages``: the Starlette application;
- ``cli``: ``validator serve`` and ``validator tokens``.
"""

from __future__ import annotations
