"""One run, several report files; --statistics; the progress bar only on a terminal."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.commands.main import main
from validator.commands.progress import FEW, TerminalProgress
from validator.reports import format_for

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PDFS = CORPUS / "pdf"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    if not PDFS.is_dir():
        pytest.skip("the shared corpus is not present")
    return PDFS


@pytest.mark.parametrize("name, fmt", [
    ("r.html", "html"), ("r.HTM", "html"), ("out.sarif", "sarif"), ("out.sarif.json", "sarif"),
    ("junit.xml", "junit"), ("r.junit.xml", "junit"), ("pr.md", "markdown"),
    ("r.json", "json"), ("r.txt", "text"), ("r.pdf", None), ("noext", None),
    ("gl-code-quality-report.json", "gitlab"), ("r.codequality.json", "gitlab"),
    ("annotations.github", "github"),
])
def test_format_from_extension(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt


def test_one_run_writes_every_format(folder: Path, tmp_path: Path) -> None:
    outs = [tmp_path / n for n in ("r.html", "r.sarif", "r.xml", "r.md", "r.json", "r.txt")]
    args = ["check", str(folder), "--no-cache", "--lang", "ru"]
    for o in outs:
        args += ["--output", str(o)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output  # two unreadable PDFs in the corpus
    assert res.output == ""
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    codes = sorted(f["code"] for p in data["packages"] for fr in p["files"]
                   for f in fr["findings"])
    fil001 = sorted(f["status"] for p in data["packages"] for fr in p["files"]
                    for f in fr["findings"] if f["code"] == "FIL001")
    # the damaged PDF, and five whose pages are pictures without a text layer (not read)
    assert fil001 == ["needs-review"] * 5 + ["violation"]
    assert codes.count("SEC003") == 1  # the password-protected one
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    sarif_codes = sorted(r["ruleId"] for r in sarif["runs"][0]["results"])
    assert sarif_codes == sorted(codes + [f["code"] for p in data["packages"]
                                          for f in p["findings"]])
    junit = ET.parse(tmp_path / "r.xml").getroot()
    # unread files (the damaged one and the five scans); the encrypted one is a failure (SEC003)
    assert junit.get("errors") == "6"
    assert "<!DOCTYPE html>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "вернуть на доработку" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "вернуть на доработку" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_unknown_extension_is_a_usage_error(folder: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["check", str(folder), "--no-cache", "-o",
                                    str(tmp_path / "r.pdf")])
    assert res.exit_code == 2
    assert "cannot tell the format" in res.output
    assert not (tmp_path / "r.pdf").exists()


def test_statistics(folder: Path) -> None:
    res = CliRunner().invoke(main, ["check", str(folder), "--no-cache", "--statistics",
                                    "--lang", "kk"])
    assert res.exit_code == 1
    tail = res.output[res.output.index("Ережелер бойынша тексеру нәтижелері:"):].splitlines()[1:]
    rows = [line.split()[:2] for line in tail if line.startswith("  ")]
    assert ["6", "FIL001"] in rows and ["1", "SEC003"] in rows
    counts = [int(n) for n, _ in rows]
    assert counts == sorted(counts, reverse=True)  # most frequent first


def test_statistics_are_an_object_in_the_json_report(folder: Path) -> None:
    import jsonschema

    res = CliRunner().invoke(
        main, ["check", str(folder), "--no-cache", "--statistics", "--format", "json"])
    data = json.loads(res.stdout)  # stdout stays valid JSON, with the numbers inside
    assert "Findings per rule:" not in res.stderr
    rows = {r["code"]: r for r in data["statistics"]["rules"]}
    assert rows["FIL001"]["count"] == 6 and rows["SEC003"]["count"] == 1  # see test_statistics
    assert rows["FIL001"]["waived"] == 0 and rows["FIL001"]["title"]
    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_more_than_a_few_files() -> None:
    with TerminalProgress("en", io.StringIO()) as p:
        p.add(50)
        assert not p.shown
    with TerminalProgress("en", _Tty()) as p:
        p.add(FEW)
        assert not p.shown
        p.add(1)
        assert p.shown
        for i in range(FEW + 1):
            p.advance(f"f{i}.pptx")
        assert p.done == p.total == FEW + 1
    assert not p.shown


def test_progress_bar_is_drawn_on_a_terminal(folder: Path) -> None:
    from validator.api import check

    stream = _Tty()
    with TerminalProgress("kk", stream, force=True) as p:
        check(folder, progress=p)
        assert p.total == p.done == len(list(folder.glob("*.pdf")))
    assert "Тексеру" in stream.getvalue()


def test_cli_cache_dir_is_used_and_no_cache_writes_nothing(folder: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.delenv("VALIDATOR_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    res = CliRunner().invoke(main, ["check", str(folder), "--cache-dir", str(cache),
                                    "--format", "json"])
    assert res.exit_code == 1
    from validator.storage.cache import FORMAT

    entries = list((cache / f"v{FORMAT}").glob("*/*.json"))
    assert len(entries) == len(list(folder.glob("*.pdf"))) + 1
    again = CliRunner().invoke(main, ["check", str(folder), "--cache-dir", str(cache),
                                      "--format", "json"])
    assert again.stdout == res.stdout
    other = tmp_path / "other"
    CliRunner().invoke(main, ["check", str(folder), "--cache-dir", str(other), "--no-cache"])
    assert not other.exists()
