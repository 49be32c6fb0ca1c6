"""axe-core in a real headless Chromium, for any page the project serves or writes.

The page under test gets axe-core's ``axe.min.js`` from the npm package installed on this
machine (``npm install --prefix build/axe axe-core@4.14.1``, as ``.ci/run`` does; ``AXE_CORE_JS``
names another copy), never from the network. The script is evaluated through the browser's
debugging protocol, so a page whose Content-Security-Policy forbids scripts is checked as it
is. Chromium is Debian's (``/usr/bin/chromium``, or ``CHROMIUM``), driven by Playwright.

Locally a missing Chromium, Playwright or axe-core skips the test with the reason; under CI
(``CI=true``) it fails, so the check cannot silently vanish.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(os.environ.get("AXE_CORE_JS")
              or ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js")
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-default-apps", "--disable-extensions",
]
# Impacts that fail a page: axe-core's two highest.
BLOCKING = ("serious", "critical")


def unavailable(reason: str) -> None:
    """Skip the test locally; fail it under CI, where every browser check must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright's Browser), or skip/fail when it cannot start."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@cache
def _axe_source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def axe_source() -> str:
    """The text of axe.min.js from the local npm install (skip/fail when it is absent)."""
    if not AXE_JS.is_file():
        unavailable(f"axe-core not found at {AXE_JS} "
                    "(npm install --prefix build/axe axe-core@4.14.1)")
    return _axe_source(AXE_JS)


def run_axe(page: Any, options: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations (axe's own records:
    id, impact, help, nodes with target and failureSummary)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate("async (opts) => await window.axe.run(document, opts)",
                           dict(options or {}))
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def blocking(violations: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The violations of impact serious or critical."""
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: Sequence[Mapping[str, Any]]) -> str:
    """One readable line per violation and per node, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} "
                     f"[{len(v.get('nodes', []))} nodes]")
        for node in v.get("nodes", [])[:5]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {node.get('target')}: {summary[:300]}")
    return "\n".join(lines)


def assert_no_serious(page: Any, options: Mapping[str, Any] | None = None) -> list[
        dict[str, Any]]:
    """Fail when axe-core finds a violation of impact serious or critical on the page;
    return every violation (the lesser ones too) for further assertions."""
    violations = run_axe(page, options)
    bad = blocking(violations)
    assert not bad, "axe-core found serious or critical violations:\n" + describe(bad)
    return violations
