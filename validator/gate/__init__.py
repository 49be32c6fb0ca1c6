"""The intake gate: a web service where bodies submit packages and the apparatus sees them.

It adds no rule logic: every package is checked by ``validator.api.Checker`` (in a checking
process with limits, from a durable queue) and reported by the same reporters as the CLI. Modules:

- ``config``: the gate's settings (data folder, database URL, limits);
- ``store``: content-addressed, atomically written file store;
- ``register``: the submission register on SQLite or PostgreSQL;
- ``auth``: tokens (stored hashed) and signed session cookies;
- ``migrations``: the register's schema, migrated in numbered steps;
- ``jobs``: the queue of checks in the register (claims, leases, results once);
- ``dispatcher``: the worker threads of a gate process that run queued checks;
- ``worker``: runs a check in a separate process under time and memory limits;
- ``intake``: one submission from uploaded files to a committed register row, check queued;
- ``guard``: refusals before any route: POSTs from another origin, bodies over the limit;
- ``receipt``/``lateness``: the receipt and the deadline arithmetic;
- ``receipts``/``receipt_key``/``receipt_pages``: signed receipts, the receipt key, the
  printable receipt and the public key's route (verification: ``validator.storage.signing``);
- ``app``/``api``/``pages``: the Starlette application;
- ``cli``: ``validator serve`` and ``validator tokens``.
"""

from __future__ import annotations
