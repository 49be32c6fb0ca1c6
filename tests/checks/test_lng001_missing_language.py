"""LNG001: pairing kk and ru documents in a package; what is left without a counterpart."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, findings, name, pptx, run
from validator.core.findings import Severity, Status, Verdict

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

KK_SLIDES = [
    ["Бағдарламаның нәтижелері"],
    ["2025 жылы 4 589 731 теңге бөлінді", "Өтініштер 15% азайды"],
]
RU_SLIDES = [
    ["Результаты программы"],
    ["В 2025 году выделено 4589731 тенге", "Обращений меньше на 15%"],
]


def _build(root: Path, spec: list[tuple[str, str]]) -> Path:
    for filename, content in spec:
        target = root / filename
        if content == "kk-doc":
            docx(target, KK_TEXT)
        elif content == "ru-doc":
            docx(target, RU_TEXT)
        elif content == "kk-deck":
            pptx(target, KK_SLIDES)
        elif content == "ru-deck":
            pptx(target, RU_SLIDES)
        elif content == "both-doc":
            docx(target, KK_TEXT + RU_TEXT)
        elif content == "en-doc":
            docx(target, ["The programme received 4,589,731 tenge in 2025, which is 15 percent "
                          "more than the year before, and the work will continue in 2026."])
        elif content == "empty-deck":
            pptx(target, [[""]])
    return root


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # Names in different languages still pair by role words and structure.
        ([("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc")], []),
        ([("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"),
          ("Таныстырылым.pptx", "kk-deck"), ("Презентация.pptx", "ru-deck")], []),
        # A deck does not pair with a document.
        ([("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"),
          ("Таныстырылым.pptx", "kk-deck")],
         [("Таныстырылым.pptx", "no Russian version of this file|no ru presentation")]),
        ([("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"),
          ("Презентация.pptx", "ru-deck")],
         [("Презентация.pptx", "no Kazakh version of this file|no kk presentation")]),
        # A bilingual document needs no counterpart.
        ([("Анықтама.docx", "both-doc"), ("Таныстырылым.pptx", "kk-deck"),
          ("Презентация.pptx", "ru-deck")], []),
        # Sub-folders kk/ and ru/ belong to the item whose top level has documents.
        ([("Таныстырылым.pptx", "kk-deck"), ("Презентация.pptx", "ru-deck"),
          ("kk/Анықтама.docx", "kk-doc"), ("ru/Справка.docx", "ru-doc")], []),
        # English text is neither language.
        ([("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"), ("Annex.docx", "en-doc")],
         [("Annex.docx", "neither Kazakh nor Russian")]),
    ],
)
def test_pairing(tmp_path: Path, spec: list[tuple[str, str]],
                 expected: list[tuple[str, str]]) -> None:
    hits = findings(run(_build(tmp_path / "item", spec)), "LNG001")
    got = [(name(h.file), h.message("en"), h.evidence) for h in hits]
    assert len(got) == len(expected), got
    for (file, message, evidence), (want_file, want) in zip(got, expected, strict=True):
        assert file == want_file
        want_message, _, want_evidence = want.partition("|")
        assert want_message in message
        assert want_evidence in evidence
    for h in hits:
        assert h.severity is Severity.ERROR and h.clause == "15"


def test_one_language_package_says_so_once(tmp_path: Path) -> None:
    root = _build(tmp_path / "item", [("Справка.docx", "ru-doc"),
                                      ("Презентация.pptx", "ru-deck")])
    report = run(root)
    hits = findings(report, "LNG001")
    assert len(hits) == 1
    assert hits[0].file == report.packages[0].path  # a package-level finding
    assert hits[0].measured == 2
    assert "in Russian only" in hits[0].message("en")
    assert "только на русском" in hits[0].message("ru")
    assert "тек орыс тілінде" in hits[0].message("kk")


def test_undetermined_language_needs_review(tmp_path: Path) -> None:
    root = _build(tmp_path / "item", [("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"),
                                      ("Слайдтар.pptx", "empty-deck")])
    hits = findings(run(root), "LNG001")
    assert [(name(h.file), h.status, h.severity) for h in hits] == [
        ("Слайдтар.pptx", Status.NEEDS_REVIEW, Severity.WARNING)
    ]


def test_name_marker_decides_when_text_cannot(tmp_path: Path) -> None:
    root = _build(tmp_path / "item", [("Анықтама.docx", "kk-doc"), ("Справка.docx", "ru-doc"),
                                      ("Слайдтар_каз.pptx", "empty-deck")])
    hits = findings(run(root), "LNG001")
    assert [(name(h.file), "no Russian version" in h.message("en")) for h in hits] == [
        ("Слайдтар_каз.pptx", True)
    ]


def test_lone_file_is_not_a_package(tmp_path: Path) -> None:
    path = docx(tmp_path / "Анықтама.docx", KK_TEXT)
    assert findings(run(path), "LNG001") == []


def test_report_carries_language_and_shares(tmp_path: Path) -> None:
    root = _build(tmp_path / "item", [("Анықтама.docx", "kk-doc"), ("Справка.docx", "both-doc")])
    report = run(root)
    files = {name(f.path): f for f in report.packages[0].files}
    kk = files["Анықтама.docx"]
    assert (kk.language, kk.language_shares, kk.script) == ("kk", {"kk": 1.0}, "cyrillic")
    both = files["Справка.docx"]
    assert both.language == "mixed"
    assert both.language_shares is not None and set(both.language_shares) == {"kk", "ru"}
    from validator.reports.text import render

    text = render(report, "en")
    # role, language, then the page count, if any
    assert "Анықтама.docx [docx, reference (file name: «Анықтама»), Kazakh, pages" in text
    assert "Справка.docx [docx, reference (file name: «Справка»), mixed languages (" in text


def test_an_item_not_read_may_be_the_missing_version(tmp_path: Path) -> None:
    """A Kazakh reference that is a link is not read: the Russian one is not blamed for it (the
    link's own FIL001 names the cause), as for a file whose text was not read."""
    folder = tmp_path / "item"
    docx(folder / "Справка_рус.docx", RU_TEXT)
    (folder / "Анықтама_қаз.docx").symlink_to("/etc/hostname")
    report = run(folder)
    assert findings(report, "LNG001") == [] and len(findings(report, "FIL001")) == 1
    (folder / "Анықтама_қаз.docx").unlink()
    assert len(findings(run(folder), "LNG001")) == 1


def test_a_copy_in_another_format_needs_no_version_of_its_own() -> None:
    """``Справка_рус.pdf`` beside ``Справка_рус.docx`` is the same material: the Kazakh
    reference pairs with the editable file, and the PDF is its copy (not left unpaired)."""
    from validator.language.pairing import PairCandidate, pair_documents

    kk = PairCandidate("item/Анықтама_қаз.docx", "document", "kk", "reference")
    ru = PairCandidate("item/Справка_рус.docx", "document", "ru", "reference")
    pdf = PairCandidate("item/Справка_рус.PDF", "document", "ru", "reference")
    pairing = pair_documents([pdf, kk, ru])
    assert [(p.kk.path, p.ru.path) for p in pairing.pairs] == [(kk.path, ru.path)]
    assert pairing.copies == ((pdf, ru),)
    assert pairing.unpaired == ()


@pytest.mark.parametrize(("candidates", "stands"), [
    # the file whose text was read stands for the material, whatever its format
    ([("Справка_рус.docx", False), ("Справка_рус.pdf", True)], "Справка_рус.pdf"),
    # both read: the editable format before the PDF
    ([("Справка_рус.pdf", True), ("Справка_рус.docx", True)], "Справка_рус.docx"),
])
def test_which_file_stands_for_a_material_saved_twice(candidates: list[tuple[str, bool]],
                                                      stands: str) -> None:
    from validator.language.pairing import PairCandidate, pair_documents

    kk = PairCandidate("Анықтама_қаз.docx", "document", "kk", "reference")
    ru = [PairCandidate(path, "document", "ru" if read else None, "reference", readable=read)
          for path, read in candidates]
    pairing = pair_documents([kk, *ru])
    assert [p.ru.path for p in pairing.pairs] == [stands]
    assert [(c.path, of.path) for c, of in pairing.copies] == [
        (next(p for p, _ in candidates if p != stands), stands)]


@pytest.mark.parametrize("other", [
    "other/Справка_рус.pdf",  # another folder
    "Справка_рус_2.pdf",      # another name
])
def test_only_one_name_in_one_folder_makes_a_copy(other: str) -> None:
    from validator.language.pairing import PairCandidate, pair_documents

    ru = PairCandidate("Справка_рус.docx", "document", "ru", "reference")
    pdf = PairCandidate(other, "document", "ru", "reference")
    kk = PairCandidate("Анықтама_қаз.docx", "document", "kk", "reference")
    pairing = pair_documents([kk, ru, pdf])
    assert pairing.copies == ()
    assert [c.path for c in pairing.unpaired] == [other]


def test_a_copy_in_another_language_is_not_a_copy() -> None:
    """One name in two languages by content (a Kazakh text saved under the Russian file's
    name as a PDF) is two materials: the Kazakh PDF pairs with the Russian file."""
    from validator.language.pairing import PairCandidate, pair_documents

    ru = PairCandidate("Справка.docx", "document", "ru", "reference")
    kk = PairCandidate("Справка.pdf", "document", "kk", "reference")
    pairing = pair_documents([ru, kk])
    assert pairing.copies == () and [(p.kk.path, p.ru.path) for p in pairing.pairs] == [
        ("Справка.pdf", "Справка.docx")]


def test_an_unread_copy_does_not_stand_in_for_a_missing_version(tmp_path: Path) -> None:
    """A scan of the Russian reference that OCR could not read is that reference's copy: it
    is not taken for the missing Russian version of another Kazakh material."""
    from tests.checks.scans import scanned_pdf

    root = _build(tmp_path / "item", [("Анықтама_қаз.docx", "kk-doc"),
                                      ("Справка_рус.docx", "ru-doc"),
                                      ("Таныстырылым_қаз.pptx", "kk-deck")])
    (root / "Справка_рус.pdf").write_bytes(scanned_pdf())
    report = run(root)
    hits = findings(report, "LNG001")
    assert [name(h.file) for h in hits] == ["Таныстырылым_қаз.pptx"]
    facts = dict(report.packages[0].extra)
    assert [{k: name(v) for k, v in c.items()} for c in facts["copies"]] == [
        {"path": "Справка_рус.pdf", "of": "Справка_рус.docx"}]
    assert [{k: name(v) for k, v in p.items()} for p in facts["pairs"]] == [
        {"kk": "Анықтама_қаз.docx", "ru": "Справка_рус.docx"}]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_the_sample_with_a_pdf_of_its_russian_reference_is_still_accepted(
        tmp_path: Path) -> None:
    """As bodies send it: the compliant sample, plus the PDF LibreOffice prints of its Russian
    reference. The PDF is the reference's copy: no finding, and the HTML report lists it
    under the reference in its table of versions."""
    from validator.reports.html import render

    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(item), str(item / "Справка_рус.docx")],
                   capture_output=True, check=True, timeout=300)
    report = run(item)
    assert report.all_findings() == ()
    assert report.packages[0].verdict is Verdict.ACCEPT
    html = render(report, "kk")
    assert ("<td>Справка_рус.docx<br><span class=\"copy\">сондай-ақ «Справка_рус.pdf» "
            "түрінде</span></td>") in html
    from validator.reports.text import render as render_text

    (line,) = [x for x in render_text(report, "ru").splitlines() if "Справка_рус.pdf [" in x]
    assert line.endswith(", копия «Справка_рус.docx» в другом формате]: соответствует")


def test_the_same_file_twice_needs_no_version_of_its_own() -> None:
    """A file downloaded twice (``Справка_рус (1).docx``, the same bytes) or put in two
    folders is one material: the shorter name stands for it, the other is its copy."""
    from validator.language.pairing import PairCandidate, pair_documents

    kk = PairCandidate("item/Анықтама_қаз.docx", "document", "kk", "reference", sha256="a")
    ru = PairCandidate("item/Справка_рус.docx", "document", "ru", "reference", sha256="b")
    again = PairCandidate("item/Справка_рус (1).docx", "document", "ru", "reference",
                          sha256="b")
    elsewhere = PairCandidate("item/old/Справка.docx", "document", "ru", "reference",
                              sha256="b")
    pairing = pair_documents([again, kk, elsewhere, ru])
    assert [(p.kk.path, p.ru.path) for p in pairing.pairs] == [(kk.path, ru.path)]
    assert [(c.path, of.path) for c, of in pairing.copies] == [
        (elsewhere.path, ru.path), (again.path, ru.path)]
    assert pairing.unpaired == ()
    other = PairCandidate("item/Справка_рус (1).docx", "document", "ru", "reference",
                          sha256="c")  # other bytes: another material, left unpaired
    pairing = pair_documents([other, kk, ru])
    assert pairing.copies == () and [c.path for c in pairing.unpaired] == [other.path]


def test_the_same_file_under_both_languages_names_is_still_one_version(
        tmp_path: Path) -> None:
    """The Russian reference copied as ``Анықтама_қаз.docx``: the same bytes, Russian text.
    The Kazakh version is still missing (LNG001: the package is in Russian only) and the name
    says Kazakh (LNG002)."""
    root = _build(tmp_path / "item", [("Справка_рус.docx", "ru-doc")])
    shutil.copyfile(root / "Справка_рус.docx", root / "Анықтама_қаз.docx")
    report = run(root)
    (missing,) = findings(report, "LNG001")
    assert missing.file == report.packages[0].path and "Справка_рус.docx" in missing.evidence
    assert [name(h.file) for h in findings(report, "LNG002")] == ["Анықтама_қаз.docx"]


def test_a_file_sent_twice_is_accepted_and_the_report_says_keep_one(tmp_path: Path) -> None:
    """The compliant sample with its Russian reference downloaded twice: no finding, and the
    text report says the copy is the same file, sent twice."""
    from validator.reports.text import render as render_text

    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    shutil.copyfile(item / "Справка_рус.docx", item / "Справка_рус (1).docx")
    report = run(item)
    assert report.all_findings() == ()
    assert report.packages[0].verdict is Verdict.ACCEPT
    facts = dict(report.packages[0].extra)
    assert [{k: name(v) for k, v in c.items()} for c in facts["copies"]] == [
        {"path": "Справка_рус (1).docx", "of": "Справка_рус.docx"}]
    lines = {lang: next(x for x in render_text(report, lang).splitlines() if "(1).docx [" in x)
             for lang in ("ru", "kk", "en")}
    assert lines["ru"].endswith(", тот же файл, что и «Справка_рус.docx» (внесён дважды: "
                                "оставьте один)]: соответствует")
    assert "«Справка_рус.docx» файлымен бірдей (екі рет енгізілген" in lines["kk"]
    assert "the same file as «Справка_рус.docx» (sent twice: keep one)" in lines["en"]
    from validator.reports.html import render

    assert ("<td>Справка_рус.docx<br><span class=\"copy\">«Справка_рус (1).docx»: тот же файл, "
            "внесён дважды (оставьте один)</span></td>") in render(report, "ru")
