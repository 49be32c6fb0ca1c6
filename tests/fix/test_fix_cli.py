"""`validator fix` as a person runs it: corrected copies of the non-compliant sample, the input
untouched, what was fixed and what remains, --diff, --unsafe-fixes, refusals, and a second run
that changes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.commands.main import main

SAMPLE = Path("samples/non-compliant-item")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _fix(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fix", *args, "--no-isolation"])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, int, dict[str, str]]:
    before = _hashes(SAMPLE)
    out = tmp_path_factory.mktemp("fixed") / "out"
    code, text = _fix(str(SAMPLE), "--output", str(out), "--format", "json")
    assert _hashes(SAMPLE) == before  # the input is never modified
    return out, json.loads(text), code, before


def _file(doc: dict, name: str) -> dict:
    return next(f for f in doc["fixes"] if f["source"].endswith(name))


def test_copies_keep_layout_and_names(fixed) -> None:  # type: ignore[no-untyped-def]
    out, _, _, before = fixed
    copies = _hashes(out / "non-compliant-item")
    assert set(copies) == set(before)
    # files with nothing to fix are copied byte for byte
    assert copies["Справка_рус.docx"] == before["Справка_рус.docx"]
    assert copies["manifest.toml"] == before["manifest.toml"]


def test_safe_fixes_are_made_and_recorded(fixed) -> None:  # type: ignore[no-untyped-def]
    _, doc, _, _ = fixed
    deck = _file(doc, "Таныстырылым_қаз.pptx")
    [size] = [r for r in deck["fixes"] if r["code"] == "SLD002"]
    assert (size["location"], size["before"], size["after"]) == (
        "slide[2]/shape[TextBox 4]", "14 pt", "20 pt")
    assert {"code": "SLD001", "reason": "unsafe", "details": {}} in deck["skipped"]
    big = _file(doc, "Презентация_рус.pptx")
    pictures = [r for r in big["fixes"] if r["kind"] == "picture"]
    assert pictures and int(pictures[0]["after"]) < int(pictures[0]["before"]) / 10
    letters = _file(doc, "Қаулы_жобасы_қаз.docx")
    [word] = [r for r in letters["fixes"] if r["code"] == "LNG004"]
    assert (word["before"], word["after"]) == ("мемлекеттiк", "мемлекеттік")


def test_recheck_of_the_copies(fixed) -> None:  # type: ignore[no-untyped-def]
    out, doc, code, _ = fixed
    files = {f["path"].rsplit("/", 1)[-1]: f for p in doc["report"]["packages"]
             for f in p["files"]}
    codes = {name: {x["code"] for x in f["findings"]} for name, f in files.items()}
    assert "SLD002" not in codes["Таныстырылым_қаз.pptx"]
    assert "SLD001" in codes["Таныстырылым_қаз.pptx"]  # unsafe: left
    assert "SLD003" not in codes["Презентация_рус.pptx"]
    assert "LNG004" not in codes["Қаулы_жобасы_қаз.docx"]
    assert "DOC003" in codes["Қаулы_жобасы_қаз.docx"]  # unsafe: left
    assert files["Таныстырылым_қаз.pptx"]["fixes"][0]["code"] == "SLD002"
    assert code == 1  # the copies still have errors a person must mend (PKG001, LNG003...)
    assert (out / "non-compliant-item" / "Презентация_рус.pptx").stat().st_size < 10 * 2**20


def test_unsafe_fixes_and_a_second_run_that_changes_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    code, text = _fix(str(SAMPLE), "--output", str(first), "--unsafe-fixes", "--format", "json")
    doc = json.loads(text)
    deck = _file(doc, "Таныстырылым_қаз.pptx")
    assert [r["kind"] for r in deck["fixes"]][:1] == ["slide_size"]
    assert next(r for r in deck["fixes"] if r["code"] == "SLD001")["after"] == "12192000 x 6858000"
    draft = _file(doc, "Қаулы_жобасы_қаз.docx")
    assert any(r["code"] == "DOC003" for r in draft["fixes"])
    files = {f["path"].rsplit("/", 1)[-1]: {x["code"] for x in f["findings"]}
             for p in doc["report"]["packages"] for f in p["files"]}
    assert not files["Таныстырылым_қаз.pptx"] & {"SLD001", "SLD002"}
    assert "DOC003" not in files["Қаулы_жобасы_қаз.docx"]
    code2, text2 = _fix(str(first / "non-compliant-item"), "--output", str(second),
                        "--unsafe-fixes", "--format", "json")
    again = json.loads(text2)
    assert [r for f in again["fixes"] for r in f["fixes"]] == []
    assert code2 == code


@pytest.fixture(scope="module")
def fix_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from validator.api import check
    from validator.fix.run import fix_paths
    from validator.settings.profile import load_profile, resolve_profile_path

    profile = load_profile(resolve_profile_path("oskemen-2025"))
    out = tmp_path_factory.mktemp("fixrun") / "out"
    return fix_paths([SAMPLE], out, profile,
                     lambda items, shown: check(items, profile=profile, isolate=False,
                                                shown_as=shown))


@pytest.mark.parametrize(("lang", "fixed_word", "left_word"), [
    ("kk", "түзетілді", "түзетілмеді"), ("ru", "исправлено", "не исправлено"),
    ("en", "fixed", "not fixed")])
def test_text_output_in_each_language(fix_run, lang: str, fixed_word: str,  # type: ignore[no-untyped-def]
                                      left_word: str) -> None:
    from validator.reports.fixes import render_text

    text = render_text(fix_run, lang)
    lines = text.splitlines()
    assert any(line.strip().startswith(f"{fixed_word} SLD002 ") for line in lines)
    assert any(line.strip().startswith(f"{left_word} SLD001") for line in lines)
    if lang != "en":
        for english in ("unsafe fix", "bytes", "removed", "remains", "error"):
            assert english not in text, english


def test_diff_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = _fix(str(SAMPLE), "--diff")
    assert code == 1 and "would fix SLD002" in text and not out.exists()
    clean = Path("samples/compliant-item")
    code, text = _fix(str(clean), "--diff")
    assert code == 0


def test_refuses_an_output_inside_the_input_or_not_empty(tmp_path: Path) -> None:
    copy = tmp_path / "item"
    shutil.copytree(SAMPLE, copy)
    code, text = _fix(str(copy), "--output", str(copy / "fixed"))
    assert code == 2 and "inside the checked path" in text
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    code, text = _fix(str(copy), "--output", str(busy))
    assert code == 2 and "not an empty folder" in text
    code, text = _fix(str(copy))
    assert code == 2 and "--output" in text
