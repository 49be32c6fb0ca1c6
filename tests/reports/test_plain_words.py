"""Roles and the reasons for them read in the report's language: no English role names or
"file name:" in a Kazakh or Russian text or HTML report."""

from __future__ import annotations

import pytest

from validator.api import check
from validator.reports import renderer
from validator.reports.common import role_reason_text, role_text


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return check("samples/compliant-item", isolate=False)


@pytest.mark.parametrize(("reason", "lang", "expected"), [
    ("file name: 'Анықтама'", "kk", "файл атауы: «Анықтама»"),
    ("file type: .pptx", "ru", "тип файла: .pptx"),
    ("first heading: 'СПРАВКА'", "ru", "первый заголовок: «СПРАВКА»"),
    ("line 3: 'Қаулы жобасы'", "kk", "3-жол: «Қаулы жобасы»"),
    ("document title: 'Report'", "en", "document title: «Report»"),
    ("no role named in the file name, title or first lines", "kk",
     "рөлі файл атауында да, құжат атауында да, алғашқы жолдарда да аталмаған"),
    ("package manifest", "ru", "манифест пакета: даты заседания, которые читает PKG002"),
    ("something new", "ru", "something new"),
])
def test_role_reasons_in_words(reason: str, lang: str, expected: str) -> None:
    assert role_reason_text(reason, lang) == expected


def test_the_manifest_is_named_as_what_it_is() -> None:
    """A package's manifest.toml holds the meeting's dates: its report says so, instead of
    "no role named in the file name, title or first lines"."""
    from validator.materials.roles import classify_role

    found = classify_role("item/manifest.toml")
    assert (found.role, found.reason) == ("other", "package manifest")
    assert classify_role("item/Manifest.TOML").reason == "package manifest"
    assert classify_role("item/notes.toml").reason.startswith("no role named")


def test_role_names() -> None:
    assert role_text("draft-resolution", "kk") == "қаулы жобасы"
    assert role_text("participant-list", "ru") == "список участников"
    assert role_text("unknown-role", "ru") == "unknown-role"


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_role_words(report, fmt: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = renderer(fmt)(report, lang)
    for english in ("reference", "draft-resolution", "participant-list", "file name:",
                    "file type:", "presentation ("):
        assert english not in text, english
    assert ("анықтама" if lang == "kk" else "справка") in text


# --- Every sample, in Kazakh and Russian, in every report for people: no English ----------

import html as _html  # noqa: E402
import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from pathlib import Path  # noqa: E402

from validator.core.findings import Report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_dir() and p.name != "expected")

#: A word in Latin letters standing on its own (a Latin look-alike inside a Cyrillic word, as
#: LNG004 quotes it from the file, is part of that word, not an English word).
LATIN_WORD = re.compile(r"(?<!\w)[A-Za-z]+(?:['’][A-Za-z]+)*(?!\w)")

# The allow-list: Latin words a Kazakh or Russian report may show, because they are names,
# not English prose. Everything else in Latin letters fails the test.
#: Rule codes: the identifiers a person looks up (`validator explain SLD002`, docs/RULES.md).
RULE_CODE = re.compile(r"\b[A-Z]{3}\d{3}\b")
#: The toolkit's program name and the commands and options "how to fix" tells a person to run
#: (`validator fix --unsafe-fixes`, `--extraordinary`): typed as they are, so never translated.
COMMAND = re.compile(r"\bvalidator(?: fix)?\b|(?<!\w)--[a-z][a-z-]*")
#: Programs the reader works in or installs, named as their own menus and installers name them;
#: they have no Kazakh or Russian name.
PROGRAMS = frozenset({"LibreOffice", "PowerPoint", "Word", "Excel", "SmartArt", "Tesseract"})
#: Format names: the file extensions the files carry and the formats a person is asked to save
#: in (docx, .pptm, PDF); the facts of each file start with its format.
FORMATS = frozenset({"docx", "docm", "dotx", "dotm", "pptx", "pptm", "ppsx", "ppsm", "potx",
                     "potm", "xlsx", "xlsm", "xltx", "xltm", "pdf", "ppt", "pps", "pot", "doc",
                     "dot", "xls", "xlt", "rtf", "odt", "odp", "ods", "toml", "bat", "zip",
                     "json", "JSON"})
#: Word field codes, as Word itself shows them (Alt+F9): SEC004 names the field to delete.
FIELD_CODES = frozenset({"INCLUDEPICTURE", "INCLUDETEXT", "DDE", "DDEAUTO", "HYPERLINK",
                         "LINK", "DATABASE", "IMPORT"})
#: Addresses a file fetches (SEC004): text taken from the file, shown so it can be found.
URL = re.compile(r"https?://\S+")


def _names_from_files(report: Report) -> set[str]:
    """Names taken from the checked files: paths, file names, shape and sheet names, the
    profile's id (the identifier the report states so a run can be repeated)."""
    names = {report.profile.id}
    for pkg in report.packages:
        names.add(pkg.path)
        for fr in pkg.files:
            names.update({fr.path, fr.path.rsplit("/", 1)[-1], fr.path[len(pkg.path) + 1:]})
            shapes = dict(fr.extra).get("slide_shapes")
            for items in (shapes or {}).values():
                names.update(str(s.get("name")) for s in items if s.get("name"))
    for f in report.all_findings():
        names.add(f.file)
        for place in f.places:
            names.update(n for n in (place.shape, place.sheet) if n)
            if place.part and "/embeddings/" in place.part:
                names.add(place.part.rsplit("/", 1)[-1])  # an embedded file's own name
    return {n for n in names if n}


class _Visible(HTMLParser):
    """The text a person sees or hears (titles and labels too), outside style and script."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        self.out.extend(f" {v} " for k, v in attrs if k in ("title", "aria-label", "alt") and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1
        self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.out.append(data)


def _seen(report: Report, fmt: str, lang: str) -> str:
    rendered = renderer(fmt)(report, lang)
    if fmt == "html":
        parser = _Visible()
        parser.feed(rendered)
        return "".join(parser.out)
    if fmt == "markdown":
        bare = re.sub(r"<[^>]+>", " ", rendered)
        return re.sub(r"\\(.)", r"\1", _html.unescape(bare))
    return rendered


def english_words(report: Report, fmt: str, lang: str) -> list[str]:
    """The Latin-script words a person reads in ``fmt`` that the allow-list does not cover."""
    text = _seen(report, fmt, lang)
    for name in sorted(_names_from_files(report), key=len, reverse=True):
        text = text.replace(name, " ")
    for pattern in (URL, RULE_CODE, COMMAND):
        text = pattern.sub(" ", text)
    allowed = PROGRAMS | FIELD_CODES
    return [w for w in LATIN_WORD.findall(text)
            if w not in allowed and w.lower() not in FORMATS]


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.name)
def sample_report(request: pytest.FixtureRequest) -> Report:
    return check(request.param, isolate=False)


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_samples_read_without_english(sample_report: Report, fmt: str, lang: str) -> None:
    assert english_words(sample_report, fmt, lang) == []


def test_the_allow_list_does_not_hide_english() -> None:
    """The filter itself: English prose and internals are caught, names pass."""
    report = check(SAMPLES[0], isolate=False)
    assert LATIN_WORD.findall("размер задан: run a:rPr sz") == ["run", "a", "rPr", "sz"]
    assert LATIN_WORD.findall("мемлекеттiк") == []
    assert english_words(report, "text", "ru") == []
    from dataclasses import replace

    from validator.core.findings import Finding, Severity, Status
    from validator.core.location import Location

    pkg = report.packages[0]
    leak = Finding(code="SLD002", name="min-font-size", severity=Severity.ERROR,
                   status=Status.VIOLATION, clause="15.3", package=pkg.path,
                   file=pkg.files[0].path, location=Location(slide=2, shape="TextBox 4"),
                   messages=(("ru", "размер задан: run a:rPr sz"),), evidence="run a:rPr sz")
    files = (replace(pkg.files[0], findings=(leak,)), *pkg.files[1:])
    leaked = replace(report, packages=(replace(pkg, files=files),))
    for fmt in ("text", "html", "markdown"):  # the message leaks; the folded evidence does not
        assert english_words(leaked, fmt, "ru") == ["run", "a", "rPr", "sz"], fmt


@pytest.mark.parametrize(("reason", "path", "lang", "expected"), [
    ("not a readable zip Office Open XML package: File is not a zip file", "a/Справка.docx",
     "ru", "файл повреждён или не является документом Word"),
    ("not a readable .ppt file: LibreOffice could not open the file", "Доклад.ppt", "ru",
     "файл не открывается: LibreOffice, через который проверяется этот формат, не смог его "
     "открыть"),
    ("the file is empty", "x.pptx", "kk", "файл бос"),
    ("part /word/document.xml is not well-formed XML: junk", "x.docx", "ru",
     "файл повреждён: часть его содержимого не читается"),
    ("a PDF file (.pdf) named .docx", "x.docx", "kk", "файл — PDF файлы (.pdf), бірақ оның "
     "кеңейтімі .docx: оған .pdf кеңейтімін қайтарыңыз немесе оны .docx пішімінде қайта "
     "сақтаңыз"),
    ("not a readable .doc file: a Git LFS pointer, not the file itself: the repository was "
     "checked out without its Git LFS objects", "a/Справка.doc", "ru", "файл — указатель Git "
     "LFS, а не сам документ: репозиторий получен без файлов Git LFS; загрузите их (git lfs "
     "pull) и проверьте снова"),
    ("an OLE compound file, not a .pptx package", "x.pptx", "ru",
     "файл повреждён или не является презентацией PowerPoint"),
    ("SEC001 could not finish: KeyError: 'x'", "x.docx", "ru",
     "проверка SEC001 прервалась на этом файле, поэтому он не прочитан до конца"),
])
def test_unreadable_causes_in_words(reason: str, path: str, lang: str, expected: str) -> None:
    from validator.plain.causes import cause_text

    assert cause_text(reason, path, lang) == expected


@pytest.mark.parametrize(("location", "lang", "expected"), [
    ({"slide": 2, "shape": "TextBox 4"}, "ru", "слайд 2, надпись «TextBox 4»"),
    ({"slide": 2, "shape": "TextBox 4"}, "kk", "2-слайд, «TextBox 4» жазуы"),
    ({"paragraph": 1, "part": "word/header1.xml"}, "ru",
     "верхний колонтитул документа, абзац 1"),
    ({"paragraph": 5, "part": "word/document.xml"}, "ru", "абзац 5"),
    ({"part": "ppt/presentation.xml"}, "kk", "таныстырылым параметрлері"),
    ({"slide": 3, "shape": "Footer", "part": "ppt/slideMasters/slideMaster1.xml"}, "ru",
     "слайд 3, надпись «Footer» (образец слайдов)"),
    ({"slide": 1, "shape": "Таблица 2", "cell": "R3C2"}, "ru",
     "слайд 1, надпись «Таблица 2», строка 3, столбец 2"),
    ({"part": "ppt/embeddings/Document1.docx"}, "ru", "внедрённый объект «Document1.docx»"),
])
def test_places_in_words(location: dict[str, object], lang: str, expected: str) -> None:
    from validator.core.location import Location
    from validator.plain.places import place_words

    assert place_words(Location(**location), lang) == expected  # type: ignore[arg-type]


def test_units_sizes_and_languages_in_words() -> None:
    from validator.plain.places import unit_words
    from validator.plain.quantities import language_name, quantity, size_text

    assert [quantity(n, "slides", "ru") for n in (1, 2, 5, 21)] == [
        "1 слайд", "2 слайда", "5 слайдов", "21 слайд"]
    assert quantity(3, "slides", "kk") == "3 слайд"  # no plural after a numeral
    assert quantity(12.1, "min", "ru") == "12,1 мин"
    assert quantity(1.4142, "ratio", "ru") == "1,41"  # a bare number, no internal label
    assert quantity(0.5, "ratio", "ru") == "1:2 (0,5)"  # a proportion is named as one
    assert size_text(10868440, "ru") == "10,36 МБ"
    assert size_text(34 * 1024, "kk") == "34 КБ"
    assert language_name("ru", "ru") == "русский язык"
    assert language_name("kk", "kk") == "қазақ тілі"
    assert unit_words("item[2.]", "ru") == "пункт 2."
    assert unit_words("slide[3]", "kk") == "3-слайд"
