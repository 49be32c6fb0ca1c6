"""A package sent as one archive per language (``каз.zip`` and ``рус.zip`` side by side) is one
item's package, as a folder of ``kk/`` and ``ru/`` sub-folders is.

Each archive was a package of its own in one language: LNG001 and PKG001 on both, six errors for
an item that has every material in both languages.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import run
from validator.core.findings import Verdict

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "compliant-item"


def _half(path: Path, marker: str) -> Path:
    """A zip of the sample's files whose names carry ``marker`` (``қаз`` or ``рус``)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in sorted(SAMPLE.iterdir()):
            if marker in f.name:
                archive.write(f, f.name)
    return path


@pytest.mark.parametrize(("kk", "ru"), [("каз.zip", "рус.zip"), ("KZ.zip", "RU.zip"),
                                        ("қазақша.zip", "русский.zip")])
def test_two_language_archives_in_a_folder_are_one_package(tmp_path: Path, kk: str,
                                                           ru: str) -> None:
    item = tmp_path / "Пункт 3"
    item.mkdir()
    _half(item / kk, "қаз")
    _half(item / ru, "рус")
    report = run(item)
    (package,) = report.packages
    assert package.path == item.as_posix()
    assert len(package.files) == 8 and report.all_findings() == ()
    assert package.verdict is Verdict.ACCEPT


def test_two_language_archives_in_a_zip_are_one_package(tmp_path: Path) -> None:
    outer = tmp_path / "Материалы.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(_half(tmp_path / "каз.zip", "қаз"), "каз.zip")
        archive.write(_half(tmp_path / "рус.zip", "рус"), "рус.zip")
    report = run(outer)
    (package,) = report.packages
    assert package.path == outer.as_posix()
    assert sorted(f.path.split("/")[-2] for f in package.files) == ["каз.zip"] * 4 + [
        "рус.zip"] * 4
    assert report.all_findings() == ()


def test_one_language_archive_or_archives_of_other_names_stay_apart(tmp_path: Path) -> None:
    alone = tmp_path / "a"
    alone.mkdir()
    _half(alone / "каз.zip", "қаз")
    (package,) = run(alone).packages
    assert {f.code for f in package.findings} == {"LNG001", "PKG001"}
    other = tmp_path / "b"
    other.mkdir()
    _half(other / "1.zip", "қаз")
    _half(other / "2.zip", "рус")
    assert len(run(other).packages) == 2
