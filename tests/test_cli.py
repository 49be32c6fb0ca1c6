"""The command line: exit codes, formats, languages, catalogue commands."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, build_docx, build_pptx
from validator.commands.main import main
from validator.core.version import __version__

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def bad_deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx(9144000, 6858000))
    return path


@pytest.fixture()
def good_doc(tmp_path: Path) -> Path:
    path = tmp_path / "Справка.docx"
    path.write_bytes(build_docx())
    return path


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.strip() == f"validator {__version__}"


def test_exit_0_on_clean_file(good_doc: Path) -> None:
    code, out, _ = invoke("check", "--isolated", str(good_doc))
    assert code == 0
    assert "accept" in out


def test_exit_1_on_error_and_text_report(bad_deck: Path) -> None:
    code, out, _ = invoke("check", "--isolated", str(bad_deck))
    assert code == 1
    assert "SLD001 error" in out and "return for correction" in out and "clause 15.3" in out


def test_exit_zero_flag(bad_deck: Path) -> None:
    assert invoke("check", "--isolated", "--exit-zero", str(bad_deck))[0] == 0


def test_ignore_makes_it_pass(bad_deck: Path) -> None:
    assert invoke("check", "--isolated", "--ignore", "SLD001", str(bad_deck))[0] == 0
    assert invoke("check", "--isolated", "--select", "FIL", str(bad_deck))[0] == 0


def _unread_file(tmp_path: Path, kind: str) -> tuple[Path, str, str]:
    """A file that cannot be read, its code and the state it must have."""
    from tests.security import hostile as h

    if kind == "not-a-zip":
        path, data, code, state = "x.pptx", b"not a zip at all", "FIL001", "unreadable"
    elif kind == "password":
        data = h.cfb({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"})
        path, code, state = "x.docx", "SEC003", "non-compliant"
    else:
        data = h.zip_bytes({"[Content_Types].xml": h.content_types({}), "../a.xml": b"<a/>"})
        path, code, state = "x.pptx", "FIL003", "unreadable"  # over a limit: not read
    (tmp_path / path).write_bytes(data)
    return tmp_path / path, code, state


@pytest.mark.parametrize("kind", ["not-a-zip", "password", "hostile-name"])
@pytest.mark.parametrize("options", [
    (),
    ("--fail-level", "error"),
    ("--select", "SLD"),
    ("--select", "SLD001", "--fail-level", "error"),
    ("--ignore", "FIL"),
    ("--ignore", "FIL001,FIL003,SEC"),
])
def test_unread_file_fails_the_run_whatever_the_options(tmp_path: Path, kind: str,
                                                        options: tuple[str, ...]) -> None:
    """A file that was not read: no choice of rules or failing level makes it compliant or
    the run pass (as ruff's syntax errors); the report says why."""
    path, code_expected, state = _unread_file(tmp_path, kind)
    code, out, _ = invoke("check", "--isolated", "--format", "json", *options, str(path))
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    (package,) = data["packages"]
    assert package["verdict"] == "return-for-correction"
    (file,) = package["files"]
    assert file["state"] == state
    assert [f["code"] for f in file["findings"]] == [code_expected]
    keys = [n["key"] for n in data.get("notices", [])]
    assert keys == (["run.not_read"] if options else [])


def test_exit_zero_on_an_unread_file_says_so_in_every_language(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04broken")
    for lang, words in (("en", "--exit-zero"), ("ru", "не прочитано файлов: 1"),
                        ("kk", "оқылмаған файлдар саны: 1")):
        code, out, _ = invoke("check", "--isolated", "--select", "SLD", "--exit-zero",
                              "--lang", lang, str(path))
        assert code == 0
        assert "unreadable" in out or "не читается" in out or "оқылмайды" in out
        assert words in out


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--select", "SDL", "did you mean SLD?"),
    ("--select", "SLD,LGN", "'LGN'; did you mean LNG?"),
    ("--ignore", "SLD0021", "did you mean SLD002?"),
    ("--ignore", "XYZ", "known families: DOC, FIL, LNG, PKG, SEC, SLD"),
])
def test_unknown_rule_code_on_the_command_line_is_a_usage_error(
        bad_deck: Path, option: str, value: str, hint: str) -> None:
    code, out, err = invoke("check", "--isolated", option, value, str(bad_deck))
    assert code == 2 and out == ""
    assert f"{option}: unknown rule code or prefix" in err and hint in err
    assert "Traceback" not in err


def test_exit_2_on_usage_and_config_errors(tmp_path: Path, bad_deck: Path) -> None:
    code, _, err = invoke("check", "--isolated", "--profile", "nowhere-2030", str(bad_deck))
    assert code == 2 and "unknown profile 'nowhere-2030'" in err
    assert invoke("check", str(tmp_path / "missing"))[0] == 2
    # the checking side's config, above the folder that holds the deck (a config beside the
    # deck would be its package's, which is never read)
    (tmp_path / "item").mkdir()
    deck = bad_deck.rename(tmp_path / "item" / bad_deck.name)
    (tmp_path / "validator.toml").write_text("bogus = 1\n", encoding="utf-8")
    code, _, err = invoke("check", str(deck))
    assert code == 2 and 'unknown key "bogus"' in err and "Traceback" not in err
    assert invoke("check", "--isolated", "--format", "yaml", str(deck))[0] == 2


def test_json_report_contract(bad_deck: Path, good_doc: Path) -> None:
    code, out, _ = invoke("check", "--isolated", "--format", "json", str(bad_deck),
                          str(good_doc))
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == 1 and data["tool"]["version"] == __version__
    assert data["profile"]["id"] == "oskemen-2025"
    deck = data["packages"][0]["files"][0]
    assert deck["slides"] == 1 and deck["format"] == "pptx" and deck["state"] == "non-compliant"
    finding = deck["findings"][0]
    assert finding["code"] == "SLD001" and finding["clause"] == "15.3"
    assert finding["severity"] == "error" and finding["status"] == "violation"
    assert finding["measured"] == 1.3333 and finding["unit"] == "ratio"
    assert data["summary"]["by_rule"] == {"SLD001": 1}
    assert data["summary"]["by_verdict"]["return-for-correction"] == 1
    assert data["summary"]["by_verdict"]["accept"] == 1


@pytest.mark.parametrize(("lang", "words"), [("kk", ["пысықтауға қайтару", "15.3-тармақ"]),
                                             ("ru", ["вернуть на доработку", "пункт 15.3"])])
def test_languages(bad_deck: Path, lang: str, words: list[str]) -> None:
    code, out, _ = invoke("check", "--isolated", "--lang", lang, str(bad_deck))
    assert code == 1
    for w in words:
        assert w in out


def test_output_file(tmp_path: Path, bad_deck: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = invoke("check", "--isolated", "-o", str(target), str(bad_deck))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_rules_explain_profiles() -> None:
    code, out, _ = invoke("rules")
    assert code == 0 and "SLD001  slide-aspect-ratio" in out and "15.3" in out
    code, out, _ = invoke("rules", "--format", "json")
    assert {r["code"] for r in json.loads(out)} >= {"FIL001", "FIL002", "SLD001", "SLD003"}
    code, out, _ = invoke("explain", "sld003", "--lang", "ru")
    assert code == 0 and "Файл презентации слишком большой" in out and "1048576" in out
    code, _, err = invoke("explain", "XYZ999")
    assert code == 2 and "unknown rule 'XYZ999'" in err
    code, out, _ = invoke("profiles")
    assert code == 0 and out.startswith("oskemen-2025\t")


def test_the_readme_example_is_what_the_command_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's example report is the real output. Its meeting is past and no submission
    date is given, so only the line saying when the check ran depends on the day of the run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "`validator check samples/non-compliant-item`"
    block = readme[readme.index(marker):]
    block = block[block.index("```\n") + 4:]
    shown = block[:block.index("```")].splitlines()
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the project root
    code, out, _ = invoke("check", "--no-cache", "samples/non-compliant-item")
    assert code == 1

    def stable(lines: list[str]) -> list[str]:
        return [line for line in lines if not line.startswith("Checked at ")]

    assert stable(out.splitlines()) == stable(shown)
    assert out.splitlines()[-1].startswith("Checked at ")


def test_an_unread_file_from_the_cache_still_fails_the_run(tmp_path: Path) -> None:
    """``not_read`` survives the cache: the second run reads nothing, still exits 1 and still
    says why (a password-protected file is "not read" by that mark alone, not by its code)."""
    from tests.security import hostile as h

    path = tmp_path / "item" / "x.docx"
    path.parent.mkdir()
    path.write_bytes(h.cfb({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"}))
    cache = tmp_path / "cache"
    runs = []
    for _ in range(2):
        result = CliRunner().invoke(main, [
            "check", "--isolated", "--select", "SLD", "--cache-dir", str(cache),
            "--format", "json", str(path.parent)], env={"VALIDATOR_NO_CACHE": ""})
        runs.append((result.exit_code, json.loads(result.stdout)))
    assert any(cache.rglob("*"))  # the second run came from the cache
    for code, data in runs:
        assert code == 1
        (file,) = data["packages"][0]["files"]
        assert [f["code"] for f in file["findings"]] == ["SEC003"]
        assert [n["key"] for n in data["notices"]] == ["run.not_read"]
