"""The file-report cache: same results, no re-reading, invalidated by what changes findings."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from validator.api import check
from validator.core.errors import ConfigError
from validator.files.document import Document
from validator.reports.json import file_dict, render
from validator.reports.load import file_from_dict
from validator.settings.options import Settings
from validator.storage.cache import FORMAT, FileCache

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DECK = CORPUS / "office" / "2411-Performance_Up.pptx"  # SLD001
BROKEN = CORPUS / "pdf" / "017-unreadable-meta-data_unreadablemetadata.pdf"  # FIL001


@pytest.fixture
def item(tmp_path: Path) -> Path:
    if not DECK.is_file():
        pytest.skip("the shared corpus is not present")
    folder = tmp_path / "in" / "item"
    folder.mkdir(parents=True)
    shutil.copy(DECK, folder / "deck.pptx")
    shutil.copy(BROKEN, folder / "broken.pdf")
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def _count_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    original = Document.head.func  # type: ignore[attr-defined]

    def head(self: Document) -> bytes:
        opened.append(self.path)
        return original(self)  # type: ignore[no-any-return]

    monkeypatch.setattr(Document, "head", property(head))
    return opened


def test_second_run_reads_nothing_and_reports_the_same(item: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "cache"
    before = _snapshot(item.parent)
    first = render(check(item, isolate=False, cache=cache_dir), "en")
    opened = _count_opens(monkeypatch)
    second = render(check(item, isolate=False, cache=cache_dir), "en")
    assert second == first
    assert opened == [], "a cached file was opened again"
    assert _snapshot(item.parent) == before, "the checked folder was modified"
    assert (cache_dir / "CACHEDIR.TAG").is_file()
    assert '"SLD001"' in first and '"FIL001"' in first


def test_changed_content_profile_or_settings_miss(item: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "cache"
    check(item, isolate=False, cache=cache_dir)
    opened = _count_opens(monkeypatch)
    check(item, isolate=False, cache=cache_dir, settings=Settings(ignore=("FIL",)))
    assert {Path(p).name for p in opened} == {"deck.pptx", "broken.pdf"}
    opened.clear()
    deck = item / "deck.pptx"
    data = deck.read_bytes()
    deck.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, new content
    os.utime(deck, ns=(deck.stat().st_atime_ns, deck.stat().st_mtime_ns))
    check(item, isolate=False, cache=cache_dir, settings=Settings(ignore=("FIL",)))
    assert any(p.endswith("deck.pptx") for p in opened)


def test_cache_inside_the_checked_folder_is_refused(item: Path) -> None:
    with pytest.raises(ConfigError, match="inside the checked folder"):
        check(item.parent, cache=item / "cache")
    assert not (item / "cache").exists()


def test_round_trip_keeps_geometry_and_extra(item: Path) -> None:
    from tests.reports.sample import sample_report

    deck = sample_report().packages[0].files[0]
    back = file_from_dict(file_dict(deck, "en", stored=True))
    assert back == deck
    assert back.findings == deck.findings
    assert back.findings[0].location.box == deck.findings[0].location.box
    assert dict(back.extra)["slide_shapes"] == dict(deck.extra)["slide_shapes"]
    assert back.language_shares == deck.language_shares


def test_transient_failures_are_not_kept(tmp_path: Path) -> None:
    from tests.reports.sample import sample_report

    broken = sample_report().packages[0].files[3]
    timed_out = replace(broken, findings=(replace(broken.findings[0],
                                                  evidence="worker time limit of 60 s"),))
    cache = FileCache(tmp_path, "salt")
    cache.put("a" * 64, timed_out)
    cache.put("b" * 64, broken)
    assert cache.get("a" * 64) is None
    assert cache.get("b" * 64) == broken


def test_unwritable_cache_does_not_fail_the_check(item: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    rep = check(item, isolate=False, cache=blocker / "cache")
    assert {"SLD001", "FIL001"} <= {f.code for f in rep.all_findings()}


def test_unchanged_package_comes_back_whole_until_the_date_changes(
        item: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from validator.checks.base import RunContext
    from validator.run import filecheck, packagecheck

    calls: list[str] = []
    original = packagecheck._check_package

    def counting(pkg: object, *args: object) -> object:
        calls.append(pkg.path)  # type: ignore[attr-defined]
        return original(pkg, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(packagecheck, "_check_package", counting)
    cache_dir = tmp_path / "cache"
    day1 = RunContext(today=dt.date(2026, 3, 2))
    first = render(check(item, isolate=False, cache=cache_dir, context=day1), "en")
    assert len(calls) == 1
    assert render(check(item, isolate=False, cache=cache_dir, context=day1), "en") == first
    assert len(calls) == 1, "package rules ran again on an unchanged package"
    file_rules: list[str] = []
    original_rules = filecheck._run_file_rules

    def counting_rules(doc: Document, *args: object) -> object:
        file_rules.append(doc.path)
        return original_rules(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(filecheck, "_run_file_rules", counting_rules)
    check(item, isolate=False, cache=cache_dir, context=RunContext(today=dt.date(2026, 3, 3)))
    assert len(calls) == 2, "a new date must re-run the package rules"
    assert file_rules == [], "the file reports still come from the cache"


def test_entries_unused_for_a_month_are_pruned_once_a_day(item: Path, tmp_path: Path) -> None:
    import time

    from validator.storage.cache import DAY, MAX_AGE_DAYS

    cache_dir = tmp_path / "cache"
    check(item, isolate=False, cache=cache_dir)
    entries = sorted((cache_dir / f"v{FORMAT}").glob("*/*.json"))
    assert len(entries) == 3  # two files and the package
    old = time.time() - (MAX_AGE_DAYS + 1) * DAY
    os.utime(entries[0], (old, old))
    cache = FileCache(cache_dir / f"v{FORMAT}", "salt")
    assert cache.prune(now=time.time() + 2 * DAY) == 1  # the run above pruned today already
    assert not entries[0].exists() and entries[1].exists()
    assert cache.prune(now=time.time() + 2 * DAY) == 0  # not twice a day


def test_package_rules_on_another_day_reuse_the_cached_text(
        item: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from validator.checks.base import RunContext
    from validator.formats import textblocks as text_module

    cache_dir = tmp_path / "cache"
    check(item, isolate=False, cache=cache_dir, context=RunContext(today=dt.date(2026, 3, 2)))
    calls: list[str] = []
    original = text_module.extract_text

    def counting(doc: Document) -> object:
        calls.append(doc.path)
        return original(doc)

    monkeypatch.setattr(text_module, "extract_text", counting)
    day2 = RunContext(today=dt.date(2026, 3, 3))
    cached = render(check(item, isolate=False, cache=cache_dir, context=day2), "en")
    assert not any(p.endswith("deck.pptx") for p in calls), "the deck's text was extracted again"
    fresh = render(check(item, context=day2), "en")
    assert cached == fresh


def test_one_list_of_views_is_shipped_by_workers_and_cached(tmp_path: Path) -> None:
    """The views a worker ships are exactly the views the cache keeps, and each survives a
    round trip through a cache entry."""
    from validator.checks.base import SHIPPED_VIEWS
    from validator.core.findings import Location
    from validator.files.views import DocumentViews
    from validator.formats.textblocks import TableShape, TextBlock
    from validator.language.parity import TextMarks
    from validator.storage import cache as cache_module

    assert cache_module.CACHED_VIEWS is SHIPPED_VIEWS
    views = DocumentViews(
        text_blocks=(TextBlock("Анықтама", Location(page=1, paragraph=2), "paragraph",
                               False),),
        text_marks=TextMarks(("1.", "2."), ("3 520",)),
        table_shapes=(TableShape(3, 4, Location(slide=2, shape="Table 5", shape_id=5)),),
    )
    assert {name for name, _ in views.items()} == set(SHIPPED_VIEWS)
    from tests.reports.sample import sample_report

    clean = sample_report().packages[0].files[1]
    store = FileCache(tmp_path, "salt")
    store.put("c" * 64, clean, views)
    found = store.get_with_views("c" * 64)
    assert found is not None and found == (clean, views)
