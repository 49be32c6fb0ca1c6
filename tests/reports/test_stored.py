"""The stored form of a report: read back, it renders exactly as the fresh report in every
format and language, and it carries every field of the report model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, ROOT, _schema_validator
from tests.reports.sample import _finding, sample_report
from validator.core.coverage import ClauseCoverage
from validator.core.findings import (
    Box,
    FileReport,
    Finding,
    Location,
    Notice,
    PackageReport,
    ProfileInfo,
    Report,
    Root,
    RuleInfo,
    Severity,
    Status,
)
from validator.reports import REPORTERS, renderer
from validator.reports.json import dump, render
from validator.reports.load import StoredReportError, load
from validator.settings.options import Settings

LANGS = ("kk", "ru", "en")
KZ = dt.timezone(dt.timedelta(hours=5))
#: A few corpus files of each kind: slide findings with boxes and drawings, documents, PDFs,
#: workbooks, and files that cannot be read.
CORPUS_FILES = ("office/2411-Performance_Up.pptx", "office/60810.pptx", "office/52288.docx",
                "office/45544.xlsx", "office/52117.doc",
                "pdf/004-pdflatex-4-pages_pdflatex-4-pages.pdf",
                "pdf/005-libreoffice-writer-password_libreoffice-writer-password.pdf",
                "pdf/017-unreadable-meta-data_unreadablemetadata.pdf")


def full_report() -> Report:
    """The hand-made sample, with every field of every model class set somewhere."""
    base = sample_report()
    deck = base.packages[0].files[0]
    odd = _finding("SLD002", "min-font-size", deck.path,
                   Location(slide=2, page=1, shape="Table 3", shape_id=3, paragraph=4,
                            cell="B2", sheet="Лист1", part="ppt/slides/slide2.xml",
                            box=Box(1, 2, 3, 4, 5, 6)),
                   measured="10.5", threshold=20, unit="pt", status=Status.NEEDS_REVIEW,
                   severity=Severity.WARNING)
    second = Location(slide=5, shape="Footer 4", shape_id=4, part="ppt/slides/slide5.xml")
    rooted = replace(
        _finding("SLD002", "min-font-size", deck.path, Location(slide=3, shape="Footer 4",
                                                                shape_id=4)),
        locations=(Location(slide=3, shape="Footer 4", shape_id=4), second),
        root=Root("ppt/slideMasters/slideMaster1.xml", "p:txStyles/p:otherStyle/a:lvl1pPr"))
    deck = replace(deck, findings=(*deck.findings, rooted, odd), role_reason="file type: .pptx",
                   script="cyrillic", pages=7, pages_method="estimate")
    pkg = replace(base.packages[0], files=(deck, *base.packages[0].files[1:]))
    stray = _finding("FIL001", "unreadable-file", "meetings/link", Location(), clause=None,
                     package="", text="not a regular file")
    stray = replace(stray, not_read=True)
    return replace(
        base, packages=(pkg, *base.packages[1:]),
        notes=("pages: estimate 2",),
        notices=(Notice("waiver.expired", (("rule", "SLD002"), ("target", "a.pptx"),
                                           ("expires", "2026-01-01"),
                                           ("reason", "agreed"))),),
        checked_at=dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=KZ),
        findings=(stray,),
        rules=(*base.rules[:1],
               replace(base.rules[1], params=(("min_size_pt", 20.0), ("tolerance_pt", 0.01))),
               replace(base.rules[2], params=(("max_size", 10), ("unit", "MB"),
                                             ("bytes_per_unit", 1048576),
                                             ("roles", ["presentation"]),
                                             ("rates", {"kk": 280.0})))),
        coverage=(ClauseCoverage("15.3", "partly", ("SLD001", "SLD002"),
                                 (("kk", "ішінара"), ("ru", "частично"), ("en", "partly"))),
                  ClauseCoverage("13", "not-applicable", (),
                                 (("kk", "кворум"), ("ru", "кворум"), ("en", "quorum")))),
    )


def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def _seen(value: Any, out: dict[type, set[str]]) -> None:
    """For every model object under ``value``: the fields it sets to other than the default."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        defaults = _defaults(cls)
        names = out.setdefault(cls, set())
        for f in dataclasses.fields(cls):
            item = getattr(value, f.name)
            if f.name not in defaults or item != defaults[f.name]:
                names.add(f.name)
            _seen(item, out)
    elif isinstance(value, tuple | list):
        for item in value:
            _seen(item, out)


def test_the_full_sample_sets_every_field_of_the_model() -> None:
    """So that the round trip below proves every field is stored: a field added to the model
    fails here until the sample (and the stored form) carry it."""
    seen: dict[type, set[str]] = {}
    _seen(full_report(), seen)
    for cls in (Report, PackageReport, FileReport, Finding, Location, Box, ProfileInfo,
                RuleInfo, Notice, Root, ClauseCoverage):
        missing = {f.name for f in dataclasses.fields(cls)} - seen.get(cls, set())
        assert not missing, f"{cls.__name__}: the sample leaves {sorted(missing)} unset"


def test_stored_form_reads_back_into_the_same_report() -> None:
    report = full_report()
    back = load(dump(report))
    assert back == report
    assert back.checked_at == report.checked_at
    assert back.packages[0].files[0].findings[-1].location.box == Box(1, 2, 3, 4, 5, 6)
    assert back.findings[0].package == "" and back.findings[0].message("ru") == \
        "ru: not a regular file"


def _assert_renders_the_same(report: Report) -> None:
    back = load(dump(report))
    for fmt in REPORTERS:
        render_fmt = renderer(fmt)
        for lang in LANGS:
            assert render_fmt(back, lang) == render_fmt(report, lang), (fmt, lang)


def test_sample_report_renders_the_same_from_storage() -> None:
    _assert_renders_the_same(full_report())


@pytest.fixture(scope="module")
def sample_runs() -> list[Report]:
    from tests.conftest import SOURCE_DATE_EPOCH, run

    with pytest.MonkeyPatch.context() as patch:  # module scope: before the autouse fixture
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return [run(ROOT / "samples" / name, isolate=False)
                for name in ("compliant-item", "non-compliant-item")]


def test_samples_render_the_same_from_storage(sample_runs: list[Report]) -> None:
    compliant, bad = sample_runs
    assert compliant.packages[0].files and bad.all_findings()
    assert {f.code for f in bad.all_findings()} >= {"SLD001", "SLD002", "FIL001", "PKG001"}
    for report in sample_runs:
        _assert_renders_the_same(report)


def test_corpus_files_render_the_same_from_storage(tmp_path: Path) -> None:
    from tests.conftest import run

    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not present")
    item = tmp_path / "item"
    item.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(CORPUS / name, item / Path(name).name)
    report = run(item, isolate=False)
    codes = {f.code for f in report.all_findings()}
    assert {"SLD001", "FIL001"} <= codes
    assert any(dict(f.extra).get("slide_shapes") for f in report.packages[0].files)
    _assert_renders_the_same(report)


def test_stored_form_follows_the_schema_and_extends_the_json_report() -> None:
    report = full_report()
    stored = json.loads(dump(report))
    _schema_validator().validate(stored)  # type: ignore[attr-defined]
    plain = json.loads(render(report, "en"))
    for key, value in plain.items():
        if key != "profile" and key != "packages" and key != "findings" and key != "notices":
            assert stored[key] == value, key
    finding = stored["packages"][0]["files"][0]["findings"][0]
    assert finding["messages"] == {"kk": "kk: text of 14 pt is smaller than 20 pt",
                                   "ru": "ru: text of 14 pt is smaller than 20 pt",
                                   "en": "en: text of 14 pt is smaller than 20 pt"}
    assert finding["package"] == "item1"
    assert stored["profile"]["titles"]["kk"] == "Өскемен регламенті"
    assert stored["clauses"]["15.3"]["ru"].startswith("с размером шрифта")
    sld002 = next(r for r in stored["rules"] if r["code"] == "SLD002")
    assert sld002["severity"] == "error" and sld002["clause"] == "15.3"
    assert set(sld002["title"]) == set(LANGS) and all(sld002["title"].values())
    assert set(stored["notices"][0]["messages"]) == set(LANGS)
    assert stored["checked_at"] == "2026-03-02T09:00:05+05:00"


def test_a_plain_json_report_is_not_a_stored_one() -> None:
    with pytest.raises(StoredReportError, match="plain JSON report"):
        load(render(full_report(), "en"))


def test_a_newer_schema_version_is_refused() -> None:
    data = json.loads(dump(full_report()))
    data["schema_version"] = 2
    with pytest.raises(StoredReportError, match="schema_version 2"):
        load(data)


@pytest.mark.parametrize("damage", [
    lambda d: d["packages"][0]["files"][0].pop("sha256"),
    lambda d: d["packages"][0]["files"][0]["findings"][0].update(severity="fatal"),
    lambda d: d["packages"][0]["files"][0]["findings"][0]["location"].update(row=3),
    lambda d: d["packages"][0]["files"][0].update(size="123"),
    lambda d: d.update(checked_at="2026-03-02T09:00:05"),
    lambda d: d["packages"].append(["not", "an", "object"]),
])
def test_damaged_stored_reports_raise_one_error(damage: Any) -> None:
    data = json.loads(dump(full_report()))
    damage(data)
    with pytest.raises(StoredReportError):
        load(json.dumps(data))


def test_broken_json_is_a_stored_report_error() -> None:
    with pytest.raises(StoredReportError):
        load('{"schema_version": 1, ')


def test_every_check_states_when_it_ran(sample_runs: list[Report]) -> None:
    # tests/conftest.py fixes SOURCE_DATE_EPOCH at 2026-03-02 09:00 in Kazakhstan
    assert sample_runs[0].checked_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=KZ)
    assert json.loads(render(sample_runs[0], "en"))["checked_at"] == "2026-03-02T09:00:00+05:00"


def test_checker_states_when_each_check_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.api import Checker

    with Checker(settings=Settings(), isolate=False) as checker:
        first = checker.check(ROOT / "samples" / "compliant-item")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772510400")  # a day later
        second = checker.check(ROOT / "samples" / "compliant-item")
    assert first.checked_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=KZ)
    assert second.checked_at == dt.datetime(2026, 3, 3, 9, 0, tzinfo=KZ)
