"""The wording of findings and reports in Kazakh and Russian: numbers with a decimal comma in
every message, one slide named in the singular, several unread files in the plural, languages
by name, a master or layout named once, the clause number first in Kazakh, a minimum worded as
a requirement, a neutral heading for the per-rule counts and the Kazakh restricted marking."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, findings, run
from validator.api import check
from validator.checks.pair_parity import _unread_pair
from validator.commands.main import main
from validator.core.catalogue import format_message, number_text, rule_text_in, ui
from validator.core.findings import Finding, Location, Report, Severity, Status
from validator.reports import renderer
from validator.reports.common import finding_where, measure_text, slug_clause
from validator.reports.statistics import render as render_statistics

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT.parent / "shared" / "corpus" / "office"


def _corpus(name: str) -> Report:
    path = OFFICE / name
    if not path.is_file():
        pytest.skip("the shared corpus is not present")
    return check(path)


def _all(report: Report, code: str) -> list[Finding]:
    out = list(report.findings)
    for pkg in report.packages:
        out.extend(pkg.findings)
        for fr in pkg.files:
            out.extend(fr.findings)
    return [f for f in out if f.code == code]


def _finding(code: str, clause: str | None = "15.3", *places: Location,
             measured: float | None = None, threshold: float | None = None,
             unit: str | None = None) -> Finding:
    return Finding(code=code, name="n", severity=Severity.ERROR, status=Status.VIOLATION,
                   clause=clause, package="p", file="p/f.pptx",
                   location=places[0] if places else Location(),
                   messages=(("en", "m"),), locations=tuple(places) if len(places) > 1 else (),
                   measured=measured, threshold=threshold, unit=unit)


# --- 1. Numbers in messages follow the language ------------------------------------------

@pytest.mark.parametrize(("lang", "shown"), [("ru", "10,05 пт"), ("kk", "10,05 пт"),
                                             ("en", "10.05 pt")])
def test_message_numbers_take_the_languages_decimal_mark(lang: str, shown: str) -> None:
    text = format_message("SLD002", lang, "default",
                          {"shape": "S", "size": 10.05, "min": 20, "excerpt": "x",
                           "source": "s"})
    assert shown in text
    assert " 20 п" in text or " 20 pt" in text  # a whole number stays whole


@pytest.mark.parametrize(("value", "ru", "en"), [
    (0.001, "0,001", "0.001"), (0.005, "0,005", "0.005"), (0.123456, "0,12", "0.12"),
    (13.489999, "13,49", "13.49"), (20.0, "20", "20"), (12, "12", "12"), (0.0, "0", "0")])
def test_a_small_number_keeps_its_digits(value: float, ru: str, en: str) -> None:
    """Rounding to two decimals never turns a small value (a 0.001 s budget, a 0.005
    tolerance) into 0 or into another value."""
    assert (number_text(value, "ru"), number_text(value, "kk"), number_text(value, "en")) == (
        ru, ru, en)


@pytest.mark.parametrize(("lang", "rate"), [("ru", "2,5 в минуту"), ("kk", "минутына 2,5"),
                                            ("en", "2.5 a minute")])
def test_every_rules_numbers_follow_the_language(lang: str, rate: str) -> None:
    text = format_message("DOC002", lang, "default",
                          {"minutes": "12,1", "amount": 1500, "rate": 2.5, "max": 10})
    assert rate in text


def test_rule_texts_and_report_words_write_a_decimal_comma() -> None:
    summary = rule_text_in("SLD002", "ru", "15.3", {"min_size_pt": 10.5}).summary
    assert "не меньше 10,5 пт" in summary
    assert "10,5" in ui("kk", "fix.why.size_left", size=10.5, limit=10)


def test_sld002_size_in_a_real_deck() -> None:
    hit = next(f for f in _all(_corpus("45541_Footer.pptx"), "SLD002")
               if f.location.shape == "Object 3")
    assert "имеет размер 12,01 пт (минимум 20 пт)" in hit.message("ru")
    assert "мәтін өлшемі 12,01 пт (ең азы 20 пт)" in hit.message("kk")
    assert "is 12.01 pt (minimum 20 pt)" in hit.message("en")
    assert measure_text(hit, "ru") == "измерено: 12,01 пт; требуется минимум 20 пт"


# --- 2. One slide is singular -------------------------------------------------------------

@pytest.mark.parametrize(("lang", "one", "many"), [
    ("ru", "слайд 1", "слайды 1-2"), ("kk", "1-слайд", "1-2 слайдтар"),
    ("en", "slide 1", "slides 1-2")])
def test_several_places_on_one_slide_are_one_slide(lang: str, one: str, many: str) -> None:
    same = _finding("SLD002", "15.3", Location(slide=1, shape="A"), Location(slide=1, shape="B"))
    two = _finding("SLD002", "15.3", Location(slide=1, shape="A"), Location(slide=2, shape="B"))
    assert finding_where(same, lang) == one
    assert finding_where(two, lang) == many


# --- 3. Several unread files are plural ---------------------------------------------------

def test_two_unread_files_take_the_plural() -> None:
    both = _unread_pair("a_қаз.docx", "b_рус.docx", ["a_қаз.docx", "b_рус.docx"])
    one = _unread_pair("a_қаз.docx", "b_рус.docx", ["b_рус.docx"])
    assert (both.message, one.message) == ("unread_many", "unread")
    args = dict(both.args)
    assert ("тексты файлов a_қаз.docx, b_рус.docx не прочитаны"
            in format_message("LNG003", "ru", both.message, args))
    assert ("a_қаз.docx, b_рус.docx файлдарының мәтіні оқылмады"
            in format_message("LNG003", "kk", both.message, args))
    assert ("the texts of a_қаз.docx, b_рус.docx were not read"
            in format_message("LNG003", "en", both.message, args))
    assert "текст файла b_рус.docx не прочитан" in format_message("LNG003", "ru", "unread",
                                                                 dict(one.args))


# --- 4. A language by name ----------------------------------------------------------------

def test_other_language_is_named_in_words(tmp_path: Path) -> None:
    root = tmp_path / "item"
    docx(root / "Анықтама.docx", KK_TEXT)
    docx(root / "Справка.docx", RU_TEXT)
    docx(root / "Note.docx", ["The programme received 4,589,731 tenge in 2025, which is 15 "
                              "percent more than the year before, and the work will continue "
                              "in 2026 with the same partners and the same plan."])
    hit = next(h for h in findings(run(root), "LNG001") if h.file.endswith("Note.docx"))
    assert "(определено: английский язык)" in hit.message("ru")
    assert "(анықталғаны: ағылшын тілі)" in hit.message("kk")
    assert "(found: English)" in hit.message("en")


# --- 5. A master or layout named once -----------------------------------------------------

def test_master_and_layout_text_named_once() -> None:
    hits = {f.location.shape: f for f in _all(_corpus("ArtisticEffectSample.pptx"), "SLD002")}
    master, layout = hits["Rectangle 24"], hits["Rectangle 8"]
    assert master.message("ru").startswith(
        "текст, который выводит образец слайдов, в «Rectangle 24» имеет размер 4,5 пт")
    assert master.message("kk").startswith("слайдтар үлгісі шығаратын «Rectangle 24» ішіндегі")
    assert master.message("en").startswith("text the slide master draws in \"Rectangle 24\"")
    assert layout.message("ru").startswith("текст, который выводит макет слайда 6, в «Rectangle 8»")
    assert layout.message("kk").startswith("№6 слайд макеті шығаратын «Rectangle 8»")
    for f in (master, layout):
        for lang in ("ru", "kk"):
            assert "(образец слайдов)" not in f.message(lang)
            assert "(слайдтар үлгісі)" not in f.message(lang)


# --- 6. The clause number first in Kazakh -------------------------------------------------

@pytest.mark.parametrize(("lang", "one", "many"), [
    ("kk", "15.3-тармақ", "15.2, 15.5-тармақтар"), ("ru", "пункт 15.3", "пункты 15.2, 15.5"),
    ("en", "n; clause 15.3", "n; clauses 15.2, 15.5")])
def test_clause_in_the_languages_order(lang: str, one: str, many: str) -> None:
    assert slug_clause(_finding("SLD002", "15.3"), lang) == one
    assert slug_clause(_finding("PKG001", "15.2, 15.5"), lang) == many


def test_kazakh_text_and_markdown_put_the_number_first() -> None:
    report = check(ROOT / "samples" / "non-compliant-item")
    text = renderer("text")(report, "kk")
    assert "(15.3-тармақ)" in text and "(тармақ 15" not in text
    assert "тармақ 15" not in renderer("markdown")(report, "kk")


@pytest.mark.parametrize(("lang", "cite"), [
    ("kk", "Регламент, 15.2, 15.5-тармақтар"), ("ru", "Регламент, пункты 15.2, 15.5"),
    ("en", "Regulation, clauses 15.2, 15.5")])
def test_a_quoted_clause_is_named_as_the_language_says_it(lang: str, cite: str) -> None:
    """The quotation of PKG001's two clauses in the HTML and SARIF reports: plural, and in
    Kazakh the numbers first."""
    report = check(ROOT / "samples" / "non-compliant-item")
    assert f"<cite>{cite}</cite>" in renderer("html")(report, lang)
    assert f"{cite}: «" in renderer("sarif")(report, lang)


def test_deadlines_put_the_number_first_in_kazakh() -> None:
    out = CliRunner().invoke(main, ["deadlines", "--meeting-date", "2025-03-28",
                                    "--lang", "kk"]).output
    assert "  9-тармақ   2024-12-20" in out and "тармақ 9" not in out


# --- 7. A minimum reads as a requirement --------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "измерено: 0 файлов; требуется минимум 1 файл"),
    ("kk", "өлшенгені: 0 файл; кемінде 1 файл қажет"),
    ("en", "measured: 0 files; required: at least 1 file")])
def test_a_minimum_is_worded_as_required(tmp_path: Path, lang: str, text: str) -> None:
    root = tmp_path / "item"
    docx(root / "Анықтама.docx", KK_TEXT)
    docx(root / "Справка.docx", RU_TEXT)
    report = run(root)
    pkg001 = next(f for f in _all(report, "PKG001") if f.measured == 0)
    assert (pkg001.threshold, pkg001.unit) == (1, "files")
    assert measure_text(pkg001, lang) == text
    assert text in renderer("html")(report, lang)


def test_a_maximum_stays_allowed() -> None:
    f = _finding("SLD003", "15.3", measured=12.5, threshold=10, unit="MB")
    assert measure_text(f, "ru") == "измерено: 12,5 МБ; допустимо: 10 МБ"
    assert measure_text(_finding("SLD003"), "ru") == ""


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "измерено: 4:3 (1,33); требуется: 16:9 (1,78)"),
    ("kk", "өлшенгені: 4:3 (1,33); талап етілетіні: 16:9 (1,78)"),
    ("en", "measured: 4:3 (1.33); required: 16:9 (1.78)")])
def test_a_value_to_match_is_required_not_allowed(lang: str, text: str) -> None:
    """SLD001 asks for one proportion: not "allowed: 1,78", but the proportion it requires,
    named as people name it."""
    f = _finding("SLD001", "15.3", measured=1.3333, threshold=1.7778, unit="ratio")
    assert measure_text(f, lang) == text


def test_a_count_to_match_is_required() -> None:
    f = _finding("LNG003", "22", measured=3, threshold=4, unit="slides")
    assert measure_text(f, "ru") == "измерено: 3 слайда; требуется: 4 слайда"
    assert measure_text(f, "kk") == "өлшенгені: 3 слайд; талап етілетіні: 4 слайд"


@pytest.mark.parametrize(("value", "shown"), [
    (1.7778, "16:9 (1,78)"), (1.3333, "4:3 (1,33)"), (1.6, "8:5 (1,6)"),
    (1.4142, "1,41"), (2.0, "2:1 (2)"), (0.5625, "9:16 (0,56)")])
def test_a_ratio_is_named_as_a_proportion_when_it_is_one(value: float, shown: str) -> None:
    from validator.plain.quantities import quantity

    assert quantity(value, "ratio", "ru") == shown


# --- 8. A neutral word for all findings ---------------------------------------------------

@pytest.mark.parametrize(("lang", "heading"), [
    ("ru", "Результаты проверки по правилам"), ("kk", "Ережелер бойынша тексеру нәтижелері")])
def test_per_rule_heading_is_not_a_severity(lang: str, heading: str) -> None:
    report = check(ROOT / "samples" / "non-compliant-item")
    assert render_statistics(report, lang).startswith(heading + ":")
    assert f"<h3>{heading}</h3>" in renderer("html")(report, lang)
    assert heading.lower() not in ui(lang, "summary", packages=1, files=1, errors=1,
                                     warnings=1, infos=1, reviews=0).lower()


# --- 9. The Kazakh marking ----------------------------------------------------------------

def test_kazakh_coverage_names_the_kazakh_marking() -> None:
    out = CliRunner().invoke(main, ["coverage", "--lang", "kk"]).output
    assert "ДСП" not in out
    assert "ҚБПҮ белгілері тексеріледі" in out
