"""Legacy and open formats are checked through their conversion by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import only, run
from validator.core.findings import FileState, Finding, Report, Severity, Status
from validator.settings.options import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None or
                              not Path("/usr/bin/python3").exists(),
                              reason="LibreOffice is installed by .ci/run")


def _convert(source: Path, to: str, out: Path) -> Path:
    """``source`` saved by LibreOffice's command line as ``to`` (ppt, doc, xls, odt...)."""
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}",
                    "--headless", "--convert-to", to, "--outdir", str(out), str(source)],
                   capture_output=True, check=True, timeout=300)
    made = out / f"{source.stem}.{to}"
    assert made.is_file(), f"LibreOffice did not save {made.name}"
    return made


def _findings(report: Report) -> list[tuple[str, str, str, int | None, int | None, str | None]]:
    """What a finding says, without the file's name and the drawing's shape ids (LibreOffice
    renames shapes when it saves a deck)."""
    def key(f: Finding) -> tuple[str, str, str, int | None, int | None, str | None]:
        loc = f.location
        return (f.code, f.severity.value, f.status.value, loc.slide, loc.paragraph, loc.part)
    return sorted(key(f) for f in report.all_findings())


CASES = [
    ("compliant-item", "Презентация_рус.pptx", "ppt"),
    ("compliant-item", "Справка_рус.docx", "doc"),
    ("non-compliant-item", "Таныстырылым_қаз.pptx", "ppt"),  # 4:3 (SLD001), footnote (SLD002)
    ("non-compliant-item", "Презентация_рус.pptx", "ppt"),  # a large picture (SLD003)
    ("non-compliant-item", "Анықтама_ҚБПҮ_қаз.docx", "doc"),  # a stamp in the header (SEC001)
    ("non-compliant-item", "Баяндама_қаз.docx", "doc"),  # a 12-minute report (DOC002)
    ("non-compliant-item", "Қаулы_жобасы_қаз.docx", "doc"),  # revisions (DOC003), LNG004
    ("compliant-item", "Анықтама_қаз.docx", "odt"),
    ("compliant-item", "Справка_рус.docx", "rtf"),
    ("compliant-item", "Таныстырылым_қаз.pptx", "odp"),
]


@needs_lo
@pytest.mark.parametrize(("package", "name", "to"), CASES,
                         ids=[f"{n}->{t}" for _, n, t in CASES])
def test_a_converted_file_gets_the_findings_of_its_original(tmp_path: Path, package: str,
                                                            name: str, to: str) -> None:
    original = tmp_path / name
    shutil.copyfile(SAMPLES / package / name, original)
    legacy = _convert(original, to, tmp_path / "legacy")
    expected = run(original)
    got = run(legacy)
    assert _findings(got) == _findings(expected)
    converted, source = got.packages[0].files[0], expected.packages[0].files[0]
    assert (converted.format, converted.kind, converted.language) == (to, source.kind,
                                                                       source.language)
    assert dict(converted.extra)["converted_from"] == to
    assert (converted.slides, converted.pages) == (source.slides, source.pages)
    assert converted.size == legacy.stat().st_size  # the original's, not the conversion's


@needs_lo
def test_the_package_report_says_checked_through_conversion(tmp_path: Path) -> None:
    from validator.reports.json import render as render_json
    from validator.reports.text import render

    legacy = _convert(SAMPLES / "compliant-item" / "Презентация_рус.pptx", "ppt", tmp_path)
    report = run(legacy)
    assert "checked through conversion from .ppt" in render(report, "en")
    assert "проверен через преобразование из .ppt" in render(report, "ru")
    assert ".ppt пішімінен түрлендіру арқылы тексерілді" in render(report, "kk")
    assert '"converted_from": "ppt"' in render_json(report, "en")


#: The user's choices of rules: none of them may let a legacy file that was not read pass.
CHOICES = [Settings(), Settings(select=("SLD",)), Settings(ignore=("FIL002",)),
           Settings(select=("LNG001",), ignore=("FIL",))]


@needs_lo
@pytest.mark.parametrize("settings", CHOICES)
def test_a_file_libreoffice_cannot_read_is_unreadable(tmp_path: Path,
                                                      settings: Settings) -> None:
    path = tmp_path / "Доклад.ppt"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    report = run(path, settings=settings)
    assert [f.code for f in report.all_findings()] == ["FIL001"]
    assert "LibreOffice" in report.all_findings()[0].message("en")
    assert report.packages[0].files[0].state is FileState.UNREADABLE


@pytest.mark.parametrize("settings", CHOICES)
@pytest.mark.parametrize(("ext", "target"), [("ppt", "pptx"), ("doc", "docx"), ("xls", "xlsx"),
                                             ("odp", "pptx"), ("rtf", "docx"), ("ods", "xlsx"),
                                             ("pps", "pptx"), ("pot", "pptx"), ("dot", "docx"),
                                             ("xlt", "xlsx")])
def test_without_libreoffice_a_legacy_file_needs_review(tmp_path: Path, ext: str, target: str,
                                                        settings: Settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    path = tmp_path / f"Доклад.{ext}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    report = run(path, isolate=False, settings=settings)
    hits = only(report, "FIL002")
    assert [(h.status, h.severity, h.measured) for h in hits] == [
        (Status.NEEDS_REVIEW, Severity.WARNING, ext)]
    assert "LibreOffice" in hits[0].message("en") and f"save the file as {target}" in \
        hits[0].message("en")
    assert f"{target} пішімінде сақтаңыз" in hits[0].message("kk")
    assert report.packages[0].files[0].state is FileState.NEEDS_REVIEW


def _claim_vba_project(doc: bytes) -> bytes:
    """A .doc whose OLE directory names a VBA project: its ``\\x01Ole`` stream renamed
    ``PROJECT`` (the stream a VBA project's storage holds), the rest unchanged."""
    data = bytearray(doc)
    old = "\x01Ole".encode("utf-16-le") + b"\x00\x00"
    at = data.find(old)
    assert at > 0 and at % 128 == 0, "no \\x01Ole directory entry"
    name = "PROJECT".encode("utf-16-le") + b"\x00\x00"
    data[at:at + 64] = name + bytes(64 - len(name))
    data[at + 64:at + 66] = len(name).to_bytes(2, "little")
    return bytes(data)


@needs_lo
def test_a_legacy_file_with_macros_is_sec002(tmp_path: Path) -> None:
    from validator.discovery.conversion import has_vba

    plain = _convert(SAMPLES / "compliant-item" / "Справка_рус.docx", "doc", tmp_path / "doc")
    macro = tmp_path / "Справка_рус.doc"
    macro.write_bytes(_claim_vba_project(plain.read_bytes()))
    assert not has_vba(plain.read_bytes()) and has_vba(macro.read_bytes())
    assert only(run(plain), "SEC002") == []
    report = run(macro)
    hits = only(report, "SEC002")
    assert len(hits) == 1 and "macroEnabled" in hits[0].evidence
    assert hits[0].severity is Severity.ERROR
    assert report.packages[0].files[0].state is FileState.NON_COMPLIANT


@needs_lo
def test_select_sld_on_the_sample_keeps_its_unreadable_legacy_deck_unread() -> None:
    """As a person types it: ``validator check samples/non-compliant-item --select SLD``. The
    sample's .ppt, which LibreOffice cannot open, is unreadable, not compliant."""
    script = Path(sys.executable).with_name("validator")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "validator"]
    done = subprocess.run([*command, "check", "samples/non-compliant-item", "--select", "SLD",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1, done.stderr
    (package,) = json.loads(done.stdout)["packages"]
    (legacy,) = [f for f in package["files"] if f["path"].endswith("Доклад_рус.ppt")]
    assert legacy["state"] == "unreadable"
    assert [f["code"] for f in legacy["findings"]] == ["FIL001"]


PARTICIPANTS = {
    "Список_участников_рус": """№;Фамилия, имя, отчество;Должность
1;Иванов Иван Иванович;руководитель отдела образования города
2;Петрова Анна Сергеевна;заместитель руководителя отдела финансов
3;Сидоров Пётр Николаевич;главный специалист отдела строительства и архитектуры
""",
    "Қатысушылар_тізімі_қаз": """№;Тегі, аты, әкесінің аты;Лауазымы
1;Иванов Иван Иванұлы;қаланың білім бөлімінің басшысы
2;Петрова Анна Сергейқызы;қаржы бөлімі басшысының орынбасары
3;Сидоров Пётр Николайұлы;құрылыс және сәулет бөлімінің бас маманы
""",
}


def participant_lists(package: Path, work: Path, to: str) -> list[Path]:
    """The compliant sample copied to ``package`` without its participant lists, and the two
    lists (``PARTICIPANTS``) saved by LibreOffice Calc as ``to`` (``ods``, or an extension and
    its export filter, ``xlt:MS Excel 97 Vorlage/Template``) into ``work``/lo."""
    out = work / "lo"
    shutil.copytree(SAMPLES / "compliant-item", package)
    made = []
    for stem, text in PARTICIPANTS.items():
        (package / f"{stem}.docx").unlink()
        csv = work / f"{stem}.csv"
        csv.write_text(text, encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}",
                        "--headless", "--infilter=CSV:59,34,76", "--convert-to", to,
                        "--outdir", str(out), str(csv)], capture_output=True, check=True,
                       timeout=300)
        made.append(out / f"{stem}.{to.split(':')[0]}")
    return made


@needs_lo
def test_open_spreadsheets_are_checked_through_their_conversion(tmp_path: Path) -> None:
    """Participant lists kept in LibreOffice Calc (.ods) were files "not a material": the
    package had no participant list (PKG001) although both were there."""
    package = tmp_path / "item"
    for made in participant_lists(package, tmp_path, "ods"):
        shutil.copy(made, package)
    report = run(package)
    sheets = sorted((f.format, f.kind, f.role, f.language, dict(f.extra)["converted_from"])
                    for f in report.packages[0].files if f.path.endswith(".ods"))
    assert sheets == [("ods", "spreadsheet", "participant-list", lang, "ods")
                      for lang in ("kk", "ru")]
    assert report.all_findings() == ()
