"""Shared helpers of the slide tests: open a file as the engine does."""

from __future__ import annotations

from pathlib import Path

from validator.files.document import Document
from validator.files.member import Member
from validator.run.filecheck import read_limits
from validator.settings.profile import Profile, load_profile, resolve_profile_path


def profile() -> Profile:
    return load_profile(resolve_profile_path("oskemen-2025"))


def open_doc(path: Path) -> Document:
    return Document(Member(path.name, path.name, disk=path), read_limits(profile()))
