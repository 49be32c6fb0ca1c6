"""The pre-commit hook: check every package the staged changes touch, as it will be committed.

pre-commit passes only added and changed files to a hook, never deleted ones, so the hook runs
on every commit (``always_run``, ``pass_filenames: false``) and asks git itself:
``git diff --cached --name-status -z --no-renames`` gives every staged path, deleted ones
included. Each path is mapped to its package by the same rule as ``validator check``
(``validator.discovery.rules``), applied to the names in the index: from the repository's root down,
the first folder (or .zip) that is an item's package is the one; a path beside packages
(README, CI files) belongs to none and is not checked. A deleted document thus re-checks the
package it left, which fails when a required material is gone.

The packages are checked as committed: their files are written from the index into a
temporary folder (``git checkout-index --prefix``), checked there under their repository paths,
and the folder is removed whatever happens. The config is the repository's (found from its
work tree, as ``validator check`` finds it).
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from validator.core.errors import WordedError
from validator.discovery.rules import VCS_FOLDERS, DiscoveryRules, is_archive, is_package, visible


@dataclass
class _Folder:
    """A folder of the index: its files and sub-folders (names only)."""

    files: set[str] = field(default_factory=set)
    folders: dict[str, _Folder] = field(default_factory=dict)

    def add(self, parts: Sequence[str]) -> None:
        node = self
        for name in parts[:-1]:
            node = node.folders.setdefault(name, _Folder())
        node.files.add(parts[-1])

    def is_package(self, rules: DiscoveryRules) -> bool:
        inner = {name: sorted(sub.files) for name, sub in self.folders.items()}
        return is_package(self.files, inner, rules)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``repo``; ConfigError (exit 2) when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True,
                              check=False)
    except OSError as exc:
        raise WordedError("config.git_missing", detail=exc.strerror or type(exc).__name__
                          ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise WordedError("config.git_failed", command=args[0], detail=message)
    return done.stdout


def _split(raw: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in raw.split(b"\0") if p]


def staged_paths(repo: Path) -> list[str]:
    """Every path the staged changes add, change or delete (renames as delete + add)."""
    fields = _split(git(repo, "diff", "--cached", "--name-status", "-z", "--no-renames",
                        "--no-ext-diff"))
    return [fields[i + 1] for i in range(0, len(fields) - 1, 2)]


def index_tree(repo: Path) -> _Folder:
    root = _Folder()
    for path in _split(git(repo, "ls-files", "-z", "--cached")):
        root.add(PurePosixPath(path).parts)
    return root


def package_of(path: str, root: _Folder, rules: DiscoveryRules) -> str | None:
    """The package (repository path, ``.`` for the root) a staged path belongs to, or None
    when it belongs to none (beside packages, hidden, excluded, or its folder is gone)."""
    parts = PurePosixPath(path).parts
    node = root
    for depth in range(len(parts) + 1):
        if node.is_package(rules):
            return "/".join(parts[:depth]) or "."
        if depth == len(parts) or depth >= rules.max_depth:
            return None
        name = parts[depth]
        so_far = "/".join(parts[: depth + 1])
        if not visible(name) or name in VCS_FOLDERS or rules.excluded(so_far):
            return None
        if depth == len(parts) - 1:  # a file beside packages: only a zip can hold items
            return so_far if name in node.files and is_archive(name) else None
        nxt = node.folders.get(name)
        if nxt is None:
            return None
        node = nxt
    return None


def touched_packages(paths: Iterable[str], root: _Folder, rules: DiscoveryRules) -> list[str]:
    found = {package_of(p, root, rules) for p in paths}
    return sorted(p for p in found if p is not None)


def _files_under(root: _Folder, package: str) -> list[str]:
    if package == ".":
        prefix_parts: tuple[str, ...] = ()
    else:
        prefix_parts = PurePosixPath(package).parts
    node = root
    for name in prefix_parts:
        if name in node.folders:
            node = node.folders[name]
        else:
            return [package]  # a zip
    out: list[str] = []
    stack = [(node, "/".join(prefix_parts))]
    while stack:
        current, prefix = stack.pop()
        out.extend(f"{prefix}/{n}" if prefix else n for n in current.files)
        stack.extend((sub, f"{prefix}/{n}" if prefix else n) for n, sub in current.folders.items()
                     if n not in VCS_FOLDERS)
    return sorted(out)


@contextlib.contextmanager
def staged_copy(repo: Path, packages: Sequence[str], root: _Folder) -> Iterator[Path]:
    """A temporary folder holding the staged content of ``packages`` at their repository
    paths; removed on exit, whatever happened."""
    with tempfile.TemporaryDirectory(prefix="validator-hook-") as tmp:
        files = [f for p in packages for f in _files_under(root, p)]
        listing = b"".join(f.encode("utf-8", "surrogateescape") + b"\0" for f in files)
        git(repo, "checkout-index", "-z", "--stdin", f"--prefix={tmp}/", stdin=listing)
        yield Path(tmp)


def repository_root(start: Path) -> Path:
    raw = git(start, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape")
    return Path(raw.strip())


def run_hook(start: Path, *, lang: str = "en", fmt: str = "text",
             profile: str | None = None) -> tuple[str, int]:
    """Check the packages the staged changes of the repository at ``start`` touch; return the
    report (or a line saying none is touched) and the exit code."""
    from validator.api import check, load_run_profile
    from validator.core.catalogue import ui
    from validator.core.outcome import exit_code
    from validator.reports import renderer
    from validator.run.engine import discovery_rules
    from validator.settings.options import discover_config

    repo = repository_root(start)
    loaded, settings = load_run_profile(profile, discover_config([repo], from_folder=True))
    rules = discovery_rules(loaded, settings)
    root = index_tree(repo)
    packages = touched_packages(staged_paths(repo), root, rules)
    if not packages:
        return ui(lang, "hook.nothing") + "\n", 0
    with staged_copy(repo, packages, root) as tmp, contextlib.chdir(tmp):
        report = check([Path(p) for p in packages], profile=loaded, settings=settings)
    return renderer(fmt)(report, lang), exit_code(report, settings.fail_level)
