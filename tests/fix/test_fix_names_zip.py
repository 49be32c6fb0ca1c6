"""`validator fix` never mixes or overwrites copies (two inputs of one name, a renamed copy
whose name a sibling has), repairs a package sent as one .zip into a .zip, reaches what it can
in one run, and says what needs a person and how to fix what remains."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.api import check
from validator.commands.main import main
from validator.fix.renames import taken
from validator.fix.run import FixRun, fix_paths
from validator.reports.fixes import person_codes, render_text
from validator.settings.profile import load_profile, resolve_profile_path

PROFILE = load_profile(resolve_profile_path("oskemen-2025"))
NON_COMPLIANT = Path("samples/non-compliant-item")
SECURITY = Path("samples/security-and-layout-item")
CORPUS_DECK = Path("../shared/corpus/office/aascu.org_hbcu_leadershipsummit_cooper_.pptx")


def _run(paths: list[Path], out: Path | None, *, unsafe: bool = False, convert=None,  # type: ignore[no-untyped-def]
         shown_as: list[str] | None = None) -> FixRun:
    return fix_paths(paths, out, PROFILE,
                     lambda items, shown: check(items, profile=PROFILE, isolate=False,
                                                shown_as=shown),
                     unsafe=unsafe, convert=convert, shown_as=shown_as)


def _codes(run: FixRun) -> dict[str, set[str]]:
    assert run.report is not None
    return {fr.path: {f.code for f in fr.findings} for p in run.report.packages
            for fr in p.files}


# -- 1. two inputs of the same name -------------------------------------------------------------

@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "validator: error: {a} and {b} have the same name: the corrected copies of both "
           "would go to {t}; run validator fix on each with an --output of its own, or rename "
           "one of them"),
    ("ru", "validator: ошибка: у {a} и {b} одинаковое имя: исправленные копии обоих попали бы "
           "в {t}; запустите validator fix для каждого с отдельной папкой --output или "
           "переименуйте один из них"),
    ("kk", "validator: қате: {a} мен {b} атаулары бірдей: екеуінің түзетілген көшірмелері де "
           "{t} ішіне түсер еді; validator fix командасын әрқайсысы үшін жеке --output "
           "қалтасымен іске қосыңыз немесе бірінің атауын өзгертіңіз")])
def test_two_inputs_of_one_name_are_refused_before_anything_is_written(
        tmp_path: Path, lang: str, expected: str) -> None:
    a, b, out = tmp_path / "a" / "item", tmp_path / "b" / "item", tmp_path / "coll"
    shutil.copytree(NON_COMPLIANT, a)
    shutil.copytree("samples/compliant-item", b)
    result = CliRunner().invoke(main, ["fix", str(a), str(b), "--output", str(out),
                                       "--lang", lang, "--no-isolation"])
    assert result.exit_code == 2
    assert expected.format(a=a, b=b, t=out / "item") in result.output
    assert not out.exists()


# -- 2. a renamed copy whose name another file has -----------------------------------------------

def test_taken_names_are_compared_as_windows_does() -> None:
    assert taken([("a.pptm", "a.pptx"), ("A.PPTX", "A.PPTX")]) == {0}
    assert taken([("a.pptm", "a.pptx"), ("a.ppt", "a.pptx"), ("b.pptm", "b.pptx")]) == {0, 1}
    assert taken([("x/a.doc", "x/a.docx"), ("a.docx", "a.docx")]) == set()


NAME_TAKEN = {
    "en": "not fixed {code}: the corrected copy would be named {name}, a name another file of "
          "the package has; the file is copied as it was: rename or remove one of the two and "
          "run again",
    "ru": "не исправлено {code}: исправленная копия получила бы имя {name}, которое уже носит "
          "другой файл пакета; файл скопирован как есть: переименуйте или удалите один из двух "
          "файлов и запустите снова",
    "kk": "түзетілмеді {code}: түзетілген көшірме {name} деп аталар еді, бірақ бұл атау "
          "пакеттің басқа файлында бар; файл өзгеріссіз көшірілді: екі файлдың бірінің атауын "
          "өзгертіңіз немесе оны алып тастаңыз да, қайта іске қосыңыз"}


def test_a_pptm_beside_its_pptx_keeps_its_name_and_is_not_fixed(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    shutil.copyfile(SECURITY / "Презентация_макрос_рус.pptm", item / "Презентация_рус.pptm")
    shutil.copyfile(SECURITY / "Презентация_рус.pptx", item / "Презентация_рус.pptx")
    out = tmp_path / "out"
    run = _run([item], out, unsafe=True)
    copies = out / "item"
    assert sorted(p.name for p in copies.iterdir()) == ["Презентация_рус.pptm",
                                                        "Презентация_рус.pptx"]
    assert (copies / "Презентация_рус.pptm").read_bytes() == \
        (item / "Презентация_рус.pptm").read_bytes()
    macro = next(f for f in run.fixes if f.source.endswith(".pptm"))
    assert macro.target == str(copies / "Презентация_рус.pptm")
    assert macro.records == ()
    assert macro.skipped == (("SEC002", "name_taken", (("name", "Презентация_рус.pptx"),)),)
    plain = next(f for f in run.fixes if f.source.endswith("Презентация_рус.pptx"))
    assert [r.code for r in plain.records] == ["SLD005"]  # the sibling fixed, not replaced
    assert "SEC002" in _codes(run)[str(copies / "Презентация_рус.pptm")]
    for lang, line in NAME_TAKEN.items():
        assert "  " + line.format(code="SEC002", name="Презентация_рус.pptx") in \
            render_text(run, lang).splitlines()


def test_a_converted_doc_beside_its_docx_keeps_its_name(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    (item / "Справка_рус.doc").write_bytes(b"legacy bytes")
    shutil.copyfile("samples/compliant-item/Справка_рус.docx", item / "Справка_рус.docx")
    other = Path("samples/compliant-item/Анықтама_қаз.docx").read_bytes()
    calls: list[str] = []

    def convert(path: Path) -> tuple[bytes, str]:
        calls.append(path.name)
        return other, "docx"

    out = tmp_path / "out"
    run = _run([item], out, convert=convert)
    assert calls == ["Справка_рус.doc"]
    assert (out / "item" / "Справка_рус.docx").read_bytes() == \
        (item / "Справка_рус.docx").read_bytes()
    assert (out / "item" / "Справка_рус.doc").read_bytes() == b"legacy bytes"
    [legacy] = [f for f in run.fixes if f.source.endswith(".doc")]
    assert (legacy.records, legacy.skipped) == (
        (), (("FIL002", "name_taken", (("name", "Справка_рус.docx"),)),))
    assert "  " + NAME_TAKEN["ru"].format(code="FIL002", name="Справка_рус.docx") in \
        render_text(run, "ru").splitlines()


# -- 3. a package sent as one .zip ----------------------------------------------------------------

def _zip(folder: Path, to: Path) -> Path:
    with zipfile.ZipFile(to, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, p.name)
    return to


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_a_zip_is_fixed_into_a_zip_of_the_same_name_and_layout(tmp_path: Path) -> None:
    source = _zip(NON_COMPLIANT, tmp_path / "nc.zip")
    out = tmp_path / "out"
    run = _run([source], out)
    fixed = out / "nc.zip"
    before, after = _members(source), _members(fixed)
    assert list(after) == list(before)
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {"Презентация_рус.pptx", "Таныстырылым_қаз.pptx", "Қаулы_жобасы_қаз.docx"}
    assert len(after["Презентация_рус.pptx"]) < 10 * 2**20 < len(before["Презентация_рус.pptx"])
    deck = next(f for f in run.fixes if f.source == f"{source}/Таныстырылым_қаз.pptx")
    assert deck.target == f"{fixed}/Таныстырылым_қаз.pptx"
    assert [(r.code, r.where, r.before, r.after) for r in deck.records] == [
        ("SLD002", "slide[2]/shape[TextBox 4]", "14 pt", "20 pt")]
    assert sum(len(f.records) for f in run.fixes) == 4
    codes = _codes(run)
    assert "SLD002" not in codes[f"{fixed}/Таныстырылым_қаз.pptx"]
    assert "SLD003" not in codes[f"{fixed}/Презентация_рус.pptx"]
    assert "LNG004" not in codes[f"{fixed}/Қаулы_жобасы_қаз.docx"]
    text = render_text(run, "ru")
    assert f"{source}/Таныстырылым_қаз.pptx -> {fixed}/Таныстырылым_қаз.pptx" in text
    assert "Изменений: 4, файлов: 3;" in text


def test_a_zip_in_the_folder_the_intake_gate_fixes_is_fixed(tmp_path: Path) -> None:
    """The gate names the package folder "" and its files by their names."""
    package = tmp_path / "package"
    package.mkdir()
    _zip(NON_COMPLIANT, package / "Пакет.zip")
    out = tmp_path / "corrected"
    run = _run([package], out, shown_as=[""])
    assert sum(len(f.records) for f in run.fixes) == 4
    assert {f.target for f in run.fixes if f.records} == {
        "Пакет.zip/Презентация_рус.pptx", "Пакет.zip/Таныстырылым_қаз.pptx",
        "Пакет.zip/Қаулы_жобасы_қаз.docx"}
    assert _members(out / "package" / "Пакет.zip")["Таныстырылым_қаз.pptx"] != \
        _members(package / "Пакет.zip")["Таныстырылым_қаз.pptx"]
    assert "SLD002" not in _codes(run)["Пакет.zip/Таныстырылым_қаз.pptx"]


# -- 4. one run reaches what it can ------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_DECK.exists(), reason="shared corpus not present")
def test_a_raised_size_that_overflows_a_shrinking_box_is_fixed_in_the_same_run(
        tmp_path: Path) -> None:
    item = tmp_path / "in"
    item.mkdir()
    shutil.copyfile(CORPUS_DECK, item / CORPUS_DECK.name)
    run = _run([item], tmp_path / "one", unsafe=True)
    [deck] = run.fixes
    raised = [r for r in deck.records if r.code == "SLD002"
              and r.where == "slide[11]/shape[Content Placeholder 6]"]
    assert [(r.before, r.after) for r in raised] == [("18 pt", "20 pt")]
    shrink = [r for r in deck.records if r.code == "SLD005"]
    assert [r.where for r in shrink] == ["slide[11]/shape[Content Placeholder 6]"]
    assert "SLD005" not in _codes(run)[deck.target]
    again = _run([tmp_path / "one" / "in"], tmp_path / "two", unsafe=True)
    assert [r for f in again.fixes for r in f.records] == []
    # --diff says what the whole run does, its later passes included, and writes nothing
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    diff = _run([item], None, unsafe=True)
    assert diff.report is None
    [said] = diff.fixes
    assert said.target == CORPUS_DECK.name
    assert said.records == deck.records
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# -- 5 and 6. what needs a person, and how to fix what remains ------------------------------------

@pytest.fixture(scope="module")
def security_run(tmp_path_factory: pytest.TempPathFactory) -> FixRun:
    return _run([SECURITY], tmp_path_factory.mktemp("sec") / "out", unsafe=True)


def test_the_person_line_names_every_code_left(security_run: FixRun) -> None:
    left = {c for codes in _codes(security_run).values() for c in codes}
    assert {"SLD004", "FIL002", "FIL003"} <= left
    assert person_codes(security_run) == sorted(
        left | {f.code for p in security_run.report.packages for f in p.findings})  # type: ignore[union-attr]
    assert render_text(security_run, "ru").splitlines()[-1] == (
        "Это исправляет человек (программа не может): " + ", ".join(person_codes(security_run)))
    assert render_text(security_run, "kk").splitlines()[-1].startswith(
        "Мұны адам түзетеді (бағдарлама түзете алмайды): DOC001, FIL002, FIL003, ")


def test_codes_an_option_would_fix_are_not_a_persons(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    shutil.copyfile(NON_COMPLIANT / "Таныстырылым_қаз.pptx", item / "Таныстырылым_қаз.pptx")
    run = _run([item], tmp_path / "out")
    assert "SLD001" in _codes(run)[str(tmp_path / "out" / "item" / "Таныстырылым_қаз.pptx")]
    assert "SLD001" not in person_codes(run)
    assert "LNG001" in person_codes(run)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "      how to fix SLD004: Make the slides colour: a colour design, coloured charts or "
           "pictures."),
    ("ru", "      как исправить SLD004: Сделайте слайды цветными: цветное оформление, цветные "
           "диаграммы или рисунки."),
    ("kk", "      SLD004 қалай түзетіледі: Слайдтарды түрлі-түсті етіңіз: түрлі-түсті безендіру, "
           "түрлі-түсті диаграммалар немесе суреттер.")])
def test_what_remains_says_how_to_fix_it_once_per_code(security_run: FixRun, lang: str,
                                                       line: str) -> None:
    lines = render_text(security_run, lang).splitlines()
    deck = lines.index(next(x for x in lines if x.endswith("/Презентация_рус.pptx")))
    block = lines[deck + 1:next(i for i in range(deck + 1, len(lines))
                                if not lines[i].startswith(" "))]
    assert block.count(line) == 1
    assert block.index(line) > max(i for i, x in enumerate(block) if "SLD004" in x
                                   and x != line)
