"""Waivers from the receiving office's config: shown as waived, expired ones noted, and never
read from inside a submitted package."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.api import check
from validator.checks.base import RunContext
from validator.commands.main import main
from validator.core.errors import ConfigError
from validator.core.findings import Status, Verdict
from validator.settings.options import read_config

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
DECK = CORPUS / "office" / "2411-Performance_Up.pptx"  # 4:3 slides: SLD001
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    if not DECK.is_file():
        pytest.skip("the shared corpus is not present")
    item = tmp_path / "meeting" / "item-3"
    item.mkdir(parents=True)
    shutil.copy(DECK, item / "Таныстырылым.pptx")
    return item


def _config(folder: Path, body: str) -> Path:
    path = folder / "validator.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _sld001(report_path: Path, **kw: object) -> list[tuple[Status, str | None]]:
    rep = check(report_path, context=RunContext(today=TODAY), **kw)  # type: ignore[arg-type]
    return [(f.status, f.waiver) for f in rep.all_findings() if f.code == "SLD001"]


def test_glob_waiver_marks_finding_waived_and_accepts(package: Path) -> None:
    _config(package.parent, 'select = ["FIL", "SLD001"]\n'
            '[[waivers]]\nrule = "SLD001"\nfiles = "item-3/*.pptx"\n'
            'reason = "4:3 projector in hall B"\nexpires = 2026-02-01\n')
    rep = check(package, context=RunContext(today=TODAY))
    findings = [f for f in rep.all_findings() if f.code == "SLD001"]
    assert [(f.status, f.waiver) for f in findings] == [(Status.WAIVED,
                                                         "4:3 projector in hall B")]
    assert rep.packages[0].verdict is Verdict.ACCEPT
    assert rep.notices == ()


def test_hash_waiver(package: Path) -> None:
    digest = hashlib.sha256(DECK.read_bytes()).hexdigest()
    _config(package.parent, f'[[waivers]]\nrule = "SLD"\nsha256 = "{digest.upper()}"\n'
            'reason = "agreed"\n')
    assert _sld001(package) == [(Status.WAIVED, "agreed")]


def test_other_rule_or_file_is_not_waived(package: Path) -> None:
    _config(package.parent, '[[waivers]]\nrule = "SLD003"\nfiles = "*.pptx"\nreason = "x"\n'
            '[[waivers]]\nrule = "SLD001"\nfiles = "other/*.pptx"\nreason = "y"\n')
    assert _sld001(package) == [(Status.VIOLATION, None)]


def test_expired_waiver_is_ignored_with_a_notice(package: Path) -> None:
    _config(package.parent, '[[waivers]]\nrule = "SLD001"\nfiles = "*.pptx"\n'
            'reason = "old hall"\nexpires = 2026-01-14\n')
    rep = check(package, context=RunContext(today=TODAY))
    assert [f.status for f in rep.all_findings() if f.code == "SLD001"] == [Status.VIOLATION]
    assert [n.key for n in rep.notices] == ["waiver.expired", "run.no_meeting_date"]  # no date
    from tests.conftest import assert_valid_json

    assert_valid_json(rep)
    from validator.reports.text import render

    assert "expired on 2026-01-14 and was not applied (old hall)" in render(rep, "en")
    assert "мерзімі 2026-01-14 күні аяқталды" in render(rep, "kk")


def test_waiver_inside_the_package_is_ignored(package: Path) -> None:
    _config(package, '[[waivers]]\nrule = "SLD001"\nfiles = "*"\nreason = "self-granted"\n')
    assert _sld001(package) == [(Status.VIOLATION, None)]


def test_cli_shows_waived_and_exits_zero(package: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path, 'select = ["FIL", "SLD001"]\n'
                  '[[waivers]]\nrule = "SLD001"\nfiles = "*.pptx"\n'
                  'reason = "agreed by the apparatus"\n')
    out = tmp_path / "r.json"
    res = CliRunner().invoke(main, ["check", str(package), "--config", str(cfg),
                                    "--output", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    f = data["packages"][0]["files"][0]["findings"][0]
    assert (f["code"], f["status"], f["waiver"]) == ("SLD001", "waived",
                                                    "agreed by the apparatus")


@pytest.mark.parametrize("body, message", [
    ('[[waivers]]\nrule = "SLD001"\nfiles = "*"\n', '"reason" is required'),
    ('[[waivers]]\nrule = "SLD001"\nreason = "r"\n', 'exactly one of "files"'),
    ('[[waivers]]\nrule = "SLD001"\nsha256 = "abc"\nreason = "r"\n', "64 hexadecimal"),
    ('[[waivers]]\nrule = "SLD001"\nfiles = "*"\nreason = "r"\nexpires = "soon"\n',
     "TOML date"),
    ('[[waivers]]\nrule = "SLD001"\nfiles = "*"\nreason = "r"\nby = "me"\n', 'unknown key'),
    ('waivers = "all"\n', "array of tables"),
])
def test_bad_waivers_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        read_config(_config(tmp_path, body))


@pytest.mark.parametrize("body", [
    '[[waivers]]\nrule = "FIL"\nfiles = "*"\nreason = "we know"\n',
    '[per-file-ignores]\n"*.docx" = ["FIL001"]\n',
    'ignore = ["FIL"]\nfail-level = "error"\n',
])
def test_no_waiver_or_ignore_hides_a_file_that_was_not_read(tmp_path: Path, body: str) -> None:
    item = tmp_path / "meeting" / "item-1"
    item.mkdir(parents=True)
    (item / "Справка.docx").write_bytes(b"PK\x03\x04 cut short")
    cfg = _config(tmp_path, body)
    out = tmp_path / "r.json"
    res = CliRunner().invoke(main, ["check", str(item), "--config", str(cfg),
                                    "--output", str(out)])
    assert res.exit_code == 1, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    (f,) = [f for f in data["packages"][0]["files"][0]["findings"] if f["code"] == "FIL001"]
    assert (f["status"], f.get("waiver")) == ("violation", None)
    assert data["packages"][0]["files"][0]["state"] == "unreadable"
    keys = [n["key"] for n in data["notices"]]
    if "waivers" in body:
        assert "waiver.not_read" in keys
        (text,) = [n["message"] for n in data["notices"] if n["key"] == "waiver.not_read"]
        assert "Справка.docx" in text and "FIL001" in text
    assert "run.not_read" in keys
