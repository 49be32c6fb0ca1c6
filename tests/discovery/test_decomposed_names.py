"""Names stored decomposed (NFD), as a Mac writes them, read as the same names composed.

``русский`` and ``казахский`` hold ``й``, which NFD stores as ``и`` and a combining breve; ``ё``
is ``е`` and a diaeresis. A package of ``казахский/`` and ``русский/`` folders from a Mac zip
was taken for two packages, each missing the other language.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from validator.api import check
from validator.checks.base import RunContext
from validator.core.findings import Report
from validator.language import language_from_filename
from validator.materials.roles import classify_role

#: A meeting ahead, the materials sent in time: no date finding.
DATES = RunContext(today=dt.date(2027, 3, 1), meeting_date=dt.date(2027, 3, 12),
                   submitted=dt.date(2027, 3, 1))
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "compliant-item"


def _nfd(name: str) -> str:
    return unicodedata.normalize("NFD", name)


def _lang_folder(name: str) -> str:
    return "казахский" if "қаз" in name else "русский"


def _tree(root: Path, form: str) -> Path:
    """The compliant sample with its files sorted into language folders, names in ``form``."""
    item = root / "item"
    for source in sorted(SAMPLE.iterdir()):
        folder = item / unicodedata.normalize(form, _lang_folder(source.name))
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / unicodedata.normalize(form, source.name))
    return item


def _summary(report: Report) -> tuple[int, list[str]]:
    return len(report.packages), sorted(f.code for f in report.all_findings())


def test_a_folder_of_decomposed_language_folders_is_one_package(tmp_path: Path) -> None:
    composed = check(_tree(tmp_path / "nfc", "NFC"), context=DATES)
    decomposed = check(_tree(tmp_path / "nfd", "NFD"), context=DATES)
    stored = {f.name for f in (tmp_path / "nfd" / "item").iterdir()}
    assert stored == {_nfd("казахский"), _nfd("русский")} and "русский" not in stored
    assert _summary(composed) == (1, [])
    assert _summary(decomposed) == (1, [])
    assert len(decomposed.packages[0].files) == 8


def test_a_mac_zip_of_decomposed_language_folders_is_one_package(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for source in sorted(SAMPLE.iterdir()):
            z.writestr(_nfd(f"item/{_lang_folder(source.name)}/{source.name}"),
                       source.read_bytes())
    archive = tmp_path / "item.zip"
    archive.write_bytes(buf.getvalue())
    report = check(archive, context=DATES)
    assert _summary(report) == (1, [])


@pytest.mark.parametrize(("name", "language"), [
    ("Доклад_русский.docx", "ru"),
    ("Баяндама_казахский.docx", "kk"),
    ("русский/Справка.docx", "ru"),
    ("казахский/Анықтама.docx", "kk"),
    ("Справка на русском языке.pdf", "ru"),
])
def test_decomposed_language_markers_in_names(name: str, language: str) -> None:
    assert language_from_filename(name) == language
    assert language_from_filename(_nfd(name)) == language


def test_a_role_named_with_decomposed_letters_is_quoted_whole() -> None:
    composed = classify_role("Список_приглашённых_рус.docx")
    decomposed = classify_role(_nfd("Список_приглашённых_рус.docx"))
    assert composed.role == decomposed.role == "participant-list"
    assert decomposed.reason == composed.reason == "file name: 'Список_приглашённых'"
