"""LNG001: a PDF printed or scanned from a document of the package, under a name of its own
(``Справка_рус_подписанная.pdf`` beside ``Справка_рус.docx``), is that document's copy.

Offices send the Word file and the signed scan of it. The scan, named otherwise, was another
Russian reference with no Kazakh version: LNG001 "no Kazakh version of this file", an error,
with the Kazakh reference in the package.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.checks.lang_docs import name, run
from validator.core.findings import Verdict
from validator.language.pairing import (
    COPY_MIN_SHINGLES,
    PairCandidate,
    pair_documents,
    text_shingles,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
needs_lo = pytest.mark.skipif(shutil.which("soffice") is None,
                              reason="LibreOffice is installed by .ci/run")
needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None or
                               shutil.which("pdftoppm") is None,
                               reason="Tesseract and poppler-utils are installed by .ci/run")

RU = ("В 2025 году на развитие городской инфраструктуры выделено 4 589 731 тенге, из них на "
      "ремонт дорог 1 200 000 тенге, на освещение улиц 350 000 тенге; работы завершены в срок, "
      "число обращений граждан уменьшилось на 15 процентов по сравнению с прошлым годом.")
OTHER_RU = ("Отдел образования сообщает о подготовке школ к новому учебному году: проведён "
            "ремонт в 12 школах, закуплено 3 400 комплектов учебников, набрано 56 учителей, "
            "организован подвоз 430 учащихся из отдалённых микрорайонов города.")
KK = ("2025 жылы қаланың инфрақұрылымын дамытуға 4 589 731 теңге бөлінді, оның ішінде жол "
      "жөндеуге 1 200 000 теңге, көше жарығына 350 000 теңге; жұмыстар мерзімінде аяқталды.")


def _candidate(path: str, lang: str, text: str) -> PairCandidate:
    """What pairing is told of a file of ``text``, as the language rules tell it."""
    from validator.language.parity import text_marks

    marks = text_marks(text)
    return PairCandidate(path, "document", lang, "reference", markers=marks.markers,
                         figures=marks.figures, shingles=text_shingles(text))


def test_the_word_pairs_of_a_text_are_its_own_whatever_its_layout() -> None:
    printed = RU.upper().replace(" ", "\n", 7)  # line breaks and letter case of a print
    assert text_shingles(printed) == text_shingles(RU)
    assert len(text_shingles(RU)) >= COPY_MIN_SHINGLES
    assert text_shingles(RU) & text_shingles(OTHER_RU) == frozenset()


#: A short reference: the same words as the PDF's, too few of them to tell a copy by.
SHORT = "В 2025 году выделено 4 589 731 тенге"


@pytest.mark.parametrize(("other", "text", "lang", "of"), [
    ("Справка_рус_подписанная.pdf", RU, "ru", "Справка_рус.docx"),  # another name
    ("скан/001.pdf", RU[: len(RU) * 3 // 4], "ru", "Справка_рус.docx"),  # last lines lost
    ("Анықтама_қаз_қол_қойылған.pdf", KK, "kk", "Анықтама_қаз.docx"),
    ("Справка_рус_2.pdf", OTHER_RU, "ru", None),  # another Russian reference
    ("Справка_рус_копия.docx", RU, "ru", None),  # not another format: a second version
    # last month's reference: the same wording, other figures
    ("Справка_рус_октябрь.pdf", RU.replace("4 589 731", "3 100 500").replace("1 200 000", "900 000")
     .replace("350 000", "410 000").replace("15", "9"), "ru", None),
    ("Справка_рус_короткая.pdf", SHORT, "ru", None),  # too short to tell
])
def test_a_pdf_of_a_documents_text_is_its_copy(other: str, text: str, lang: str,
                                               of: str | None) -> None:
    kk = _candidate("Анықтама_қаз.docx", "kk", KK)
    ru = _candidate("Справка_рус.docx", "ru", SHORT if text == SHORT else RU)
    pairing = pair_documents([kk, ru, _candidate(other, lang, text)])
    assert [(c.path, o.path) for c, o in pairing.copies] == ([] if of is None else [(other, of)])
    assert [(p.kk.path, p.ru.path) for p in pairing.pairs] == [(kk.path, ru.path)]
    assert [c.path for c in pairing.unpaired] == ([other] if of is None else [])


def _sample_with(tmp_path: Path, source: Path, pdf_name: str) -> Path:
    """The compliant sample, plus ``source`` printed by LibreOffice as ``pdf_name``."""
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    out = tmp_path / "printed"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(source)],
                   capture_output=True, check=True, timeout=300)
    shutil.move(out / f"{source.stem}.pdf", item / pdf_name)
    return item


@needs_lo
def test_the_signed_pdf_of_the_russian_reference_is_its_copy(tmp_path: Path) -> None:
    item = _sample_with(tmp_path, SAMPLES / "compliant-item" / "Справка_рус.docx",
                        "Справка_рус_подписанная.pdf")
    report = run(item)
    assert report.all_findings() == ()
    assert report.packages[0].verdict is Verdict.ACCEPT
    facts = dict(report.packages[0].extra)
    assert [{k: name(v) for k, v in c.items()} for c in facts["copies"]] == [
        {"path": "Справка_рус_подписанная.pdf", "of": "Справка_рус.docx"}]
    from validator.reports.text import render

    (line,) = [x for x in render(report, "kk").splitlines() if "подписанная.pdf [" in x]
    assert line.endswith("«Справка_рус.docx» файлының басқа пішімдегі көшірмесі]: сәйкес")


@needs_lo
def test_a_pdf_of_another_reference_still_needs_its_kazakh_version(tmp_path: Path) -> None:
    other = SAMPLES / "security-and-layout-item" / "Справка_рус.docx"  # another reference
    item = _sample_with(tmp_path, other, "Справка_рус_2.pdf")
    report = run(item)
    assert [(f.code, name(f.file)) for f in report.all_findings() if f.code != "DOC001"] == [
        ("LNG001", "Справка_рус_2.pdf")]  # (it is 6 pages long: DOC001)
    assert dict(report.packages[0].extra).get("copies") in (None, [])


@needs_lo
@needs_ocr
def test_a_scan_of_the_russian_reference_is_its_copy(tmp_path: Path) -> None:
    """Printed, scanned at 300 dpi in grey (a picture, no text layer) and read by OCR."""
    from PIL import Image

    item = _sample_with(tmp_path, SAMPLES / "compliant-item" / "Справка_рус.docx", "p.pdf")
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(item / "p.pdf"),
                    str(tmp_path / "page")], check=True, timeout=120)
    (item / "p.pdf").unlink()
    (page,) = tmp_path.glob("page*.png")
    Image.open(page).save(item / "Скан_001.pdf", resolution=300.0)
    report = run(item)
    assert report.all_findings() == ()
    facts = dict(report.packages[0].extra)
    assert [{k: name(v) for k, v in c.items()} for c in facts["copies"]] == [
        {"path": "Скан_001.pdf", "of": "Справка_рус.docx"}]


@pytest.mark.parametrize(("text", "apart"), [
    (RU, False),  # the print of the document: its copy
    (OTHER_RU, True),  # another reference under the document's name: not its copy
    ("Справка о подготовке школ", False),  # too short to tell: taken for a copy, as before
])
def test_a_file_of_the_same_name_with_another_text_is_not_a_copy(text: str,
                                                                   apart: bool) -> None:
    kk = _candidate("Анықтама_қаз.docx", "kk", KK)
    ru = _candidate("Справка_рус.docx", "ru", RU)
    pdf = _candidate("Справка_рус.pdf", "ru", text)
    pairing = pair_documents([kk, ru, pdf])
    assert [(a.path, b.path) for a, b in pairing.apart] == (
        [("Справка_рус.pdf", "Справка_рус.docx")] if apart else [])
    assert [c.path for c in pairing.unpaired] == (["Справка_рус.pdf"] if apart else [])
    assert [(p.kk.path, p.ru.path) for p in pairing.pairs] == [(kk.path, ru.path)]


@needs_lo
def test_another_reference_under_the_documents_name_is_named_as_such(tmp_path: Path) -> None:
    """The Russian reference's PDF is another reference, saved under its name by mistake."""
    import docx

    other = tmp_path / "other" / "Справка_рус.docx"
    other.parent.mkdir()
    document = docx.Document()
    for line in ("СПРАВКА", OTHER_RU, "Работы завершены к 25 августа, приёмка школ комиссией "
                 "проведена в установленные сроки."):
        document.add_paragraph(line)
    document.save(str(other))
    item = _sample_with(tmp_path, other, "Справка_рус.pdf")
    report = run(item)
    [hit] = report.all_findings()
    assert (hit.code, name(hit.file)) == ("LNG001", "Справка_рус.pdf")
    assert hit.message("ru").startswith(f"этот файл назван как «{item.as_posix()}/Справка_рус"
                                        ".docx», но текст у него другой, поэтому это не его "
                                        "копия; казахская версия этого файла в пакете не "
                                        "найдена")
    assert "мәтіні басқа" in hit.message("kk")
