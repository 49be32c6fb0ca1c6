"""SEC004 places and words, as a person reads them: slides numbered by their position in the
deck (not by the part's file name), the shape that carries a link or an action, sheets by
name, charts on the slide that shows them; relationship kinds, empty and percent-encoded
targets in plain words, while JSON keeps the raw target and the part.

Real files of ../shared/corpus/office are read in place; a reordered deck is built from one of
them in the test's own folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.findings import FileReport, Finding
from validator.plain.places import place_words
from validator.reports import renderer

OFFICE = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "office"
corpus = pytest.mark.skipif(not OFFICE.is_dir(), reason="needs ../shared/corpus")
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _file(path: Path) -> FileReport:
    report = check(path, isolate=False)
    [file] = [f for p in report.packages for f in p.files]
    return file


def _sec004(file: FileReport) -> list[Finding]:
    return [f for f in file.findings if f.code == "SEC004"]


def _reversed_deck(source: Path) -> tuple[bytes, dict[str, int]]:
    """``source`` with its slides shown in reverse order (only p:sldIdLst changes), and each
    slide part's position in the new order."""
    with zipfile.ZipFile(source) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    root = etree.fromstring(members["ppt/presentation.xml"])
    rels = etree.fromstring(members["ppt/_rels/presentation.xml.rels"])
    targets = {r.get("Id"): "ppt/" + r.get("Target", "") for r in rels}
    lst = root.find(f"{{{P}}}sldIdLst")
    assert lst is not None
    ids = list(lst)
    for el in ids:
        lst.remove(el)
    for el in reversed(ids):
        lst.append(el)
    members["ppt/presentation.xml"] = etree.tostring(root, xml_declaration=True,
                                                     encoding="UTF-8", standalone=True)
    positions = {targets[el.get(f"{{{R}}}id")]: n for n, el in enumerate(lst, start=1)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue(), positions


@corpus
def test_slides_are_numbered_by_their_place_in_the_deck(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes((OFFICE / "keyframes.pptx").read_bytes())
    original = _file(path)
    data, positions = _reversed_deck(OFFICE / "keyframes.pptx")
    assert positions["ppt/slides/slide16.xml"] == 13
    path.write_bytes(data)
    report = check(path, isolate=False)
    [moved] = [f for p in report.packages for f in p.files]
    [finding] = [f for f in _sec004(moved) if f.location.part == "ppt/slides/slide16.xml"]
    assert (finding.location.slide, finding.location.shape) == (13, "Rounded Rectangle 9")
    assert place_words(finding.location, "ru") == "слайд 13, надпись «Rounded Rectangle 9»"
    assert place_words(finding.location, "kk") == "13-слайд, «Rounded Rectangle 9» жазуы"
    text = renderer("text")(report, "ru")
    assert "слайд 13, надпись «Rounded Rectangle 9»: действие на слайде запускает макрос" \
        in text
    sec004 = [line for line in text.splitlines() if "SEC004" in line]
    assert not any("слайд 16," in line for line in sec004)  # slide16.xml is shown 13th
    for f in _sec004(moved):
        assert f.location.slide == positions[str(f.location.part)]
    # a finding keeps its fingerprint when the slides are moved
    assert {f.fingerprint for f in _sec004(moved)} == {f.fingerprint for f in _sec004(original)}


@corpus
def test_one_finding_per_shape_and_action_naming_the_shape() -> None:
    """Slide 20 runs the macro from the shape and from its text, slide 27 on click and on
    pointing: one finding each, naming the shape; the evidence lists every setting."""
    file = _file(OFFICE / "keyframes.pptx")
    actions = [f for f in _sec004(file) if f.location.slide in (20, 27)]
    assert [(f.location.slide, f.location.shape, f.measured) for f in actions] == [
        (20, "Rounded Rectangle 4", "ppaction://macro?name=JawabanBenar"),
        (27, "Rectangle 3", "ppaction://macro?name=skor")]
    assert actions[1].evidence.count("action='ppaction://macro?name=skor'") == 2
    assert "a:hlinkMouseOver action='ppaction://macro?name=skor' in /ppt/slides/slide27.xml, " \
        "shape 'Rectangle 3' (id 4)" in actions[1].evidence
    assert actions[0].message("ru") == (
        "действие на слайде запускает макрос при щелчке или наведении: JawabanBenar; "
        "удалите действие (Вставка > Действие > Нет)")
    assert actions[0].message("kk") == (
        "слайдтағы әрекет басқанда немесе меңзер апарғанда макросты іске қосады: "
        "JawabanBenar; әрекетті жойыңыз (Кірістіру > Әрекет > Жоқ)")


def test_two_shapes_with_one_action_are_two_places(tmp_path: Path) -> None:
    def button(n: int) -> str:
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="Кнопка {n}"><a:hlinkClick r:id="" '
                'action="ppaction://macro?name=Run"/></p:cNvPr><p:cNvSpPr/><p:nvPr/>'
                '</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr sz="2400">'
                '<a:hlinkClick r:id="" action="ppaction://macro?name=Run"/></a:rPr>'
                "<a:t>Басыңыз</a:t></a:r></a:p></p:txBody></p:sp>")
    path = tmp_path / "buttons.pptx"
    path.write_bytes(h.pptx(h.slide_xml(button(3) + button(4))))
    found = _sec004(_file(path))
    assert [(f.location.slide, f.location.shape, f.location.shape_id) for f in found] == [
        (1, "Кнопка 3", 3), (1, "Кнопка 4", 4)]
    assert len({f.fingerprint for f in found}) == 2


@corpus
def test_template_in_plain_words_with_the_raw_target_kept() -> None:
    [finding] = _sec004(_file(OFFICE / "52288.docx"))
    raw = ("file:///C:\\Program%20Files\\Application\\ICD10AM%20Database7thed\\"
           "ICD-10-AM%20Publication%20Styles.DOT")
    plain = raw.replace("%20", " ")
    assert finding.measured == raw and f"Target={raw!r}" in finding.evidence
    assert finding.location.part == "word/settings.xml"
    assert place_words(finding.location, "ru") == "параметры документа"
    assert finding.message("ru") == (
        f"документ подключает шаблон извне файла: {plain}; очистите шаблон (Разработчик > "
        "Шаблон документа) и сохраните документ")
    assert finding.message("kk") == (
        f"құжат үлгіні файлдан тыс жерден қосады: {plain}; үлгіні тазартып (Әзірлеуші > "
        "Құжат үлгісі), құжатты сақтаңыз")
    assert finding.message("en") == (
        f"the document takes its template from outside the file: {plain}; clear the template "
        "(Developer > Document Template) and save the document")


@corpus
def test_linked_charts_are_placed_on_their_slide_and_shape() -> None:
    file = _file(OFFICE / "aascu.org_workarea_downloadasset.aspx_id=5864.pptx")
    charts = [f for f in _sec004(file) if f.location.part == "ppt/charts/chart6.xml"]
    [finding] = charts
    assert (finding.location.slide, finding.location.shape) == (16, "Chart 9")
    assert place_words(finding.location, "ru") == \
        "слайд 16, надпись «Chart 9» (диаграмма или рисунок)"
    assert finding.message("ru").startswith(
        "связанный объект обновляется извне файла: file:///G:\\MISC\\Orlando Patterson Paper"
        "\\ECLS-B table.xls; разорвите связь")
    assert finding.message("kk").startswith("байланысқан нысан файлдан тыс жерден жаңартылады")
    assert "oleObject" not in finding.message("ru") + finding.message("kk")
    on_16 = sorted(f.location.shape or "" for f in _sec004(file) if f.location.slide == 16)
    assert on_16 == ["Chart 10", "Chart 11", "Chart 9"]


@corpus
def test_an_empty_target_is_said_in_words() -> None:
    [finding] = _sec004(_file(OFFICE / "64450.xlsx"))
    assert finding.measured == ""
    assert finding.location.part == "xl/pivotCache/pivotCacheDefinition1.xml"
    assert place_words(finding.location, "ru") == "параметры книги"
    assert finding.message("ru").startswith(
        "связанная книга обновляется извне файла: адрес пуст; разорвите связь")
    assert finding.message("kk").startswith(
        "байланысқан кітап файлдан тыс жерден жаңартылады: мекенжайы бос;")
    assert finding.message("en").startswith(
        "a linked workbook is updated from outside the file: the address is empty;")


@corpus
def test_percent_encoding_is_undone_for_people_only() -> None:
    file = _file(OFFICE / "PPTWithAttachments.pptm")
    [finding] = [f for f in _sec004(file) if str(f.measured).startswith("Ўтмоқчиман")]
    assert finding.measured == "Ўтмоқчиман,%20двадцать%20четыре,%20zed"
    assert finding.message("ru") == "гиперссылка на Ўтмоқчиман, двадцать четыре, zed (мест: 1)"
    assert finding.message("kk") == "Ўтмоқчиман, двадцать четыре, zed гиперсілтемесі (1 орында)"
    assert finding.location.slide == 1


@corpus
def test_sheets_are_named_and_connections_told_apart() -> None:
    links = _sec004(_file(OFFICE / "52716.xlsx"))
    assert links and {f.location.sheet for f in links} == {"Tabelle1"}
    assert place_words(links[0].location, "ru") == "лист «Tabelle1»"
    assert "/xl/" not in links[0].message("ru")
    found = _sec004(_file(OFFICE / "56169.xlsx"))
    assert [f.message("ru").split(" (")[0] for f in found] == [
        f"в книге есть внешнее подключение к данным «OrderingSchema{n}»" for n in ("", 1, 2)]
    assert len({f.fingerprint for f in found}) == 3


def test_one_address_on_several_slides_is_one_note_listing_them(tmp_path: Path) -> None:
    """The same web address on two slides (the second part shown first): one note, placed on
    both slides by their position, its address decoded for people and raw in JSON."""
    link = h.slide_xml(
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text 1"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr><a:hlinkClick r:id="rId5"/>'
        "</a:rPr><a:t>gov.kz</a:t></a:r></a:p></p:txBody></p:sp>")
    rels = [("rId5", f"{h.RT}/hyperlink", "https://gov.kz/%D0%B0%20b", True)]
    parts = {
        "ppt/presentation.xml": (f'<p:presentation xmlns:p="{P}" xmlns:r="{R}"><p:sldIdLst>'
                                 '<p:sldId id="257" r:id="rId3"/><p:sldId id="256" r:id="rId2"/>'
                                 '</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/>'
                                 "</p:presentation>").encode(),
        "ppt/_rels/presentation.xml.rels": h.rels_xml([
            ("rId2", f"{h.RT}/slide", "slides/slide1.xml", False),
            ("rId3", f"{h.RT}/slide", "slides/slide2.xml", False)]),
        "ppt/slides/slide2.xml": link,
        "ppt/slides/_rels/slide2.xml.rels": h.rels_xml(rels),
    }
    path = tmp_path / "links.pptx"
    path.write_bytes(h.pptx(link, slide_rels=rels, parts=parts,
                            types={"ppt/slides/slide2.xml": h.SLIDE_TYPE}))
    report = check(path, isolate=False)
    [file] = [f for p in report.packages for f in p.files]
    [finding] = _sec004(file)
    assert finding.measured == "https://gov.kz/%D0%B0%20b"
    assert [(loc.slide, loc.part) for loc in finding.places] == [
        (1, "ppt/slides/slide2.xml"), (2, "ppt/slides/slide1.xml")]
    assert finding.message("ru") == "гиперссылка на https://gov.kz/а b (мест: 2)"
    assert finding.message("kk") == "https://gov.kz/а b гиперсілтемесі (2 орында)"
    assert finding.message("en") == "hyperlink to https://gov.kz/а b (2 place(s))"
    assert "слайды 1-2: гиперссылка на https://gov.kz/а b (мест: 2)" \
        in renderer("text")(report, "ru")
