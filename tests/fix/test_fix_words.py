"""`validator fix` in Kazakh and Russian, as a civil servant reads it: every change says where
it was made in the words the check reports use (slide, text box, paragraph, the slide size in
centimetres, a picture and the slide showing it), every finding left in the copies is said
with its place and message, and no line shows a part name, an element name or an English word.
JSON keeps the technical `location` and adds the `place`, valid against the report schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.reports.test_plain_words import LATIN_WORD, PROGRAMS, RULE_CODE
from validator.commands.main import main
from validator.core.catalogue import ui_texts

SAMPLE = Path("samples/non-compliant-item")
#: A command of the toolkit or an option of it, typed as it is written.
COMMAND = re.compile(r"(?<![\w-])(?:--[a-z][a-z-]*|validator (?:fix|check)(?!\w))")
ROOT = Path(__file__).resolve().parents[2]


def _run(tmp: Path, *args: str) -> tuple[str, Path, Path]:
    """``validator fix`` on a copy of the sample named in Cyrillic, through the CLI."""
    source = tmp / "пакет"
    shutil.copytree(SAMPLE, source)
    out = tmp / "копии"
    result = CliRunner().invoke(main, ["fix", str(source), "--output", str(out),
                                       "--unsafe-fixes", "--no-isolation", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output, source, out


@pytest.fixture(scope="module", params=["ru", "kk"])
def fixed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, list[str], Path, Path]:
    lang = request.param
    text, source, out = _run(tmp_path_factory.mktemp(f"words-{lang}"), "--lang", lang)
    return lang, text.splitlines(), source, out


def _line(lines: list[str], start: str) -> str:
    [line] = [ln for ln in lines if ln.startswith(start)]
    return line


#: The words each language shows, by line start (``fixed``/``unsafe``/``remains`` labels).
EXPECTED = {
    "ru": {
        "  исправлено SLD002 ": "  исправлено SLD002 слайд 2, надпись «TextBox 4»: 14 пт -> 20 пт",
        "  исправлено (небезопасно) SLD001 ":
            "  исправлено (небезопасно) SLD001 размер слайдов презентации: 25,4 × 19,05 см -> "
            "33,87 × 19,05 см (16:9); фигур выровнено по центру с сохранением размера: 27 "
            "(слайдов, макетов и образцов: 15)",
        "  исправлено LNG004 ": "  исправлено LNG004 абзац 5: мемлекеттiк → мемлекеттік",
        "  исправлено SLD003 эскиз": "  исправлено SLD003 эскиз файла (картинка для "
                                      "предпросмотра): удалено, освобождено 1 КБ",
        "  исправлено (небезопасно) DOC003 ":
            "  исправлено (небезопасно) DOC003 весь документ (основной текст, колонтитулы, "
            "сноски): принято вставок: 1, удалений: 0; изменений форматирования: 0; удалено "
            "примечаний: 1",
    },
    "kk": {
        "  түзетілді SLD002 ": "  түзетілді SLD002 2-слайд, «TextBox 4» жазуы: 14 пт -> 20 пт",
        "  түзетілді (қауіпті түзету) SLD001 ":
            "  түзетілді (қауіпті түзету) SLD001 таныстырылым слайдтарының өлшемі: 25,4 × 19,05 "
            "см -> 33,87 × 19,05 см (16:9); өлшемі сақталып ортаға қойылған пішіндер: 27 "
            "(слайдтар, макеттер мен үлгілер: 15)",
        "  түзетілді LNG004 ": "  түзетілді LNG004 5-абзац: мемлекеттiк → мемлекеттік",
        "  түзетілді SLD003 файлдың": "  түзетілді SLD003 файлдың нобай суреті (алдын ала "
                                       "қарауға арналған): жойылды, 1 КБ босады",
        "  түзетілді (қауіпті түзету) DOC003 ":
            "  түзетілді (қауіпті түзету) DOC003 бүкіл құжат (негізгі мәтін, колонтитулдар, "
            "сілтемелер): қабылданған енгізулер: 1, жоюлар: 0; пішімдеу өзгерістері: 0; "
            "жойылған ескертпелер: 1",
    },
}
#: The picture the deck was too large for: its name on the slide that shows it, and its sizes.
PICTURE = {"ru": re.compile(r"  исправлено SLD003 рисунок «Picture 2» \(слайд 4\): 10,33 МБ -> "
                            r"\d+ КБ \(1900 × 1900 -> 1100 × 1100 пикс\., 220 пикс\. на дюйм "
                            r"показанного размера; сохранён как фотография, качество 85 из 100\)"),
           "kk": re.compile(r"  түзетілді SLD003 «Picture 2» суреті \(4-слайд\): 10,33 МБ -> "
                            r"\d+ КБ \(1900 × 1900 -> 1100 × 1100 пиксель, көрсетілген өлшемнің "
                            r"әр дюймына 220 пиксель; фотосурет ретінде сақталды, сапасы "
                            r"100-ден 85\)")}
#: A finding left in a copy: code, severity, place in words, the message in the language.
REMAINS = {"ru": "  осталось LNG003 ошибка · абзац 5: пункт 2.: цифры различаются: только в "
                 "казахском [3 520] (абзац 5)",
           "kk": "  қалды LNG003 қате · 5-абзац: 2. тармақ: сандар әртүрлі: тек қазақша мәтінде "
                 "[3 520] (5-абзац)"}


def test_each_fix_says_its_place_in_words(fixed) -> None:  # type: ignore[no-untyped-def]
    lang, lines, _, _ = fixed
    for start, expected in EXPECTED[lang].items():
        assert _line(lines, start) == expected
    assert [ln for ln in lines if PICTURE[lang].fullmatch(ln)], "\n".join(lines)


def test_remaining_findings_say_place_and_message(fixed) -> None:  # type: ignore[no-untyped-def]
    lang, lines, _, _ = fixed
    assert any(ln.startswith(REMAINS[lang]) for ln in lines), "\n".join(lines)
    # the package's own findings are listed too, under the package
    label = "  осталось PKG001 ошибка: " if lang == "ru" else "  қалды PKG001 қате: "
    assert any(ln.startswith(label) for ln in lines)


def latin_words(line: str, lang: str, names: set[str]) -> list[str]:
    """The Latin-letter words of ``line`` that are not a file or shape name taken from the
    files, a rule code, a unit the catalogue defines for ``lang`` or a program a check's
    message names (LibreOffice, as the check reports show it), nor a command or option a person
    types as it is written (``validator fix``, ``--extraordinary``: a rule's "how to fix")."""
    for name in sorted(names, key=len, reverse=True):
        line = line.replace(name, " ")
    line = RULE_CODE.sub(" ", line)
    line = COMMAND.sub(" ", line)
    units = {form for key, forms in ui_texts(lang).items() if key.startswith("plain.unit.")
             for form in forms.split("|")}
    return [w for w in LATIN_WORD.findall(line) if len(w) >= 2 and w not in units
            and w not in PROGRAMS]


def _names(source: Path, out: Path) -> set[str]:
    """Paths and file names of the input and the copies, and the shapes named in the decks."""
    from pptx import Presentation

    names = {str(source), str(out)}
    for path in source.rglob("*"):
        names.add(path.name)
        if path.suffix == ".pptx":
            names.update(shape.name for slide in Presentation(str(path)).slides
                         for shape in slide.shapes)
    return names


def test_no_line_shows_english_or_technical_words(fixed) -> None:  # type: ignore[no-untyped-def]
    _the_filter_catches_leaks()
    lang, lines, source, out = fixed
    names = _names(source, out)
    leaks = {ln: latin_words(ln, lang, names) for ln in lines}
    assert {ln: w for ln, w in leaks.items() if w} == {}
    text = "\n".join(lines)
    for technical in ("slide[", "paragraph[", "p:sldSz", "EMU", "/ppt/", "/word/", "docProps"):
        assert technical not in text


def _the_filter_catches_leaks() -> None:
    """The filter itself: the old output's technical places and English words are caught,
    names from the files pass."""
    names = {"TextBox 4"}
    assert latin_words("  исправлено SLD002 slide[2]/shape[TextBox 4]: 14 пт -> 20 пт", "ru",
                       names) == ["slide", "shape"]
    assert latin_words("  исправлено (небезопасно) SLD001 /ppt/presentation.xml p:sldSz: "
                       "9144000 x 6858000 -> 12192000 x 6858000 EMU (16:9)", "ru", names) == \
        ["ppt", "presentation", "xml", "sldSz", "EMU"]
    assert latin_words("  исправлено SLD002 слайд 2, надпись «TextBox 4»: 14 пт -> 20 пт",
                       "ru", names) == []
    assert latin_words("укажите это (--extraordinary); validator fix делает это", "ru",
                       names) == []
    assert latin_words("укажите это (extraordinary); validator делает это", "ru",
                       names) == ["extraordinary", "validator"]


def test_json_keeps_the_location_and_adds_the_place(tmp_path: Path) -> None:
    text, _, _ = _run(tmp_path, "--lang", "ru", "--format", "json")
    doc = json.loads(text)
    deck = next(f for f in doc["fixes"] if f["source"].endswith("Таныстырылым_қаз.pptx"))
    by_code = {r["code"]: r for r in deck["fixes"]}
    size = by_code["SLD002"]
    assert size["location"] == "slide[2]/shape[TextBox 4]"
    assert size["place"] == {"places": [{"slide": 2, "shape": "TextBox 4"}]}
    assert size["place_words"] == "слайд 2, надпись «TextBox 4»"
    assert by_code["SLD001"]["location"] == "/ppt/presentation.xml p:sldSz"
    assert by_code["SLD001"]["place"] == {"what": "slide_size", "places": []}
    big = next(f for f in doc["fixes"] if f["source"].endswith("Презентация_рус.pptx"))
    picture = next(r for r in big["fixes"] if r["kind"] == "picture")
    assert picture["place"] == {"what": "picture", "name": "Picture 2", "places": [],
                                "slides": [4]}
    letters = next(f for f in doc["fixes"] if f["source"].endswith("Қаулы_жобасы_қаз.docx"))
    assert letters["fixes"][0]["place"] == {"places": [{"paragraph": 5}]}
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc["report"])
    one_fix = jsonschema.Draft202012Validator({"$ref": "#/$defs/fix", "$defs": schema["$defs"]})
    for fix in doc["fixes"]:
        for record in fix["fixes"]:
            one_fix.validate(record)
    in_report = [r for p in doc["report"]["packages"] for f in p["files"]
                 for r in f.get("fixes", [])]
    assert {"places": [{"slide": 2, "shape": "TextBox 4"}]} in [r["place"] for r in in_report]


@pytest.mark.parametrize(("code", "why", "args", "lang", "expected"), [
    ("SLD002", "drawn", (("where", "slide[3]/shape[Диаграмма 2]"), ("kind", "chart"),
                         ("slide", "3"), ("shape", "Диаграмма 2")), "ru",
     "SLD002: слайд 3, надпись «Диаграмма 2»: текст этого объекта (диаграмма) рисует его "
     "собственная программа; измените его там"),
    ("SLD003", "size_left", (("size", "12582912"), ("limit", "10485760")), "kk",
     "SLD003: суреттермен барлық қадамнан кейін де шамамен 12 МБ (шегі 10 МБ): слайдтарды не "
     "суреттерді алып тастаңыз немесе таныстырылымды бөліңіз"),
    ("FIL001", "unreadable", (("reason", "part /word/document.xml is not well-formed XML: x"),),
     "ru", "FIL001: файл не удалось прочитать для исправления: файл повреждён: часть его "
     "содержимого не читается"),
])
def test_what_was_not_fixed_is_said_in_words(code: str, why: str,
                                             args: tuple[tuple[str, str], ...], lang: str,
                                             expected: str) -> None:
    from validator.reports.fix_words import skipped_text

    assert skipped_text(code, why, args, "пакет/Справка.docx", lang) == expected
