"""The main process reads no file content beyond fixed budgets: zips are opened as files and
streamed, their members inflated by the workers, the page claim of docProps/app.xml read
within small limits; its peak memory stays under 300 MB whatever the input. A package's files
share a reading time budget, after which the files not read are FIL001 and the report is
written.

Each memory case runs ``validator check`` in a fresh interpreter that reports its own peak
resident memory (VmHWM) when the run ends (``bench/bench_parent.py``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from bench.bench_parent import measure
from tests.conftest import run as check
from tests.security import hostile as h
from tests.security import parentmem as pm
from validator.discovery.packages import find_packages
from validator.discovery.rules import DiscoveryRules
from validator.formats.archive import ArchiveLimits
from validator.settings.profile import load_profile, resolve_profile_path

#: The goal for the main process's peak resident memory, MiB.
PARENT_GOAL_MIB = 300


def _files(report: dict[str, object]) -> dict[str, list[str]]:
    packages = report["packages"]
    assert isinstance(packages, list)
    return {f["path"].rsplit("/", 1)[-1]: [x["code"] for x in f["findings"]]
            for p in packages for f in p["files"]}


def test_a_sparse_zip_in_a_meeting_folder_is_not_read_whole(tmp_path: Path) -> None:
    meeting = pm.sparse_zip(tmp_path, 500 * pm.MIB)
    m = measure(meeting, tree=False)
    assert m.parent_mib < PARENT_GOAL_MIB, m
    assert _files(m.report) == {"Анықтама.docx": []}  # the item at its end was checked


def test_an_item_zip_that_inflates_to_300_mib_stays_out_of_the_parent(tmp_path: Path) -> None:
    meeting = pm.item_zips(tmp_path, zips=1, members=2, member_mib=150)
    m = measure(meeting, tree=False)
    assert m.parent_mib < PARENT_GOAL_MIB, m
    found = _files(m.report)
    assert sorted(found) == ["Анықтама.docx", "Қосымша_1.docx", "Қосымша_2.docx"]
    assert not any(c in ("FIL001", "FIL003") for codes in found.values() for c in codes)


def test_app_xml_of_millions_of_elements_is_not_parsed_in_the_parent(tmp_path: Path) -> None:
    item = pm.app_xml_docx(tmp_path, 4_000_000)
    m = measure(item, tree=False)
    assert m.parent_mib < PARENT_GOAL_MIB, m
    assert list(_files(m.report)) == ["Анықтама.docx"]


def _limits() -> tuple[ArchiveLimits, DiscoveryRules]:
    from validator.run.engine import discovery_rules
    from validator.run.filecheck import read_limits
    from validator.settings.options import Settings

    profile = load_profile(resolve_profile_path("oskemen-2025"))
    return read_limits(profile).archive, discovery_rules(profile, Settings())


def test_zip_members_name_the_zip_on_disk_and_carry_their_hash(tmp_path: Path) -> None:
    import hashlib

    doc = h.docx()
    inner = h.zip_bytes({"Анықтама.docx": doc})
    outer = tmp_path / "meeting.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("item.zip", inner)
    limits, rules = _limits()
    (package,) = find_packages(outer, limits, rules).packages
    (member,) = package.members
    assert member.blob is None
    assert (member.archive, member.chain) == (outer.absolute(), ("item.zip", "Анықтама.docx"))
    assert (member.declared, member.digest) == (len(doc), hashlib.sha256(doc).hexdigest())
    with member.open() as fh:  # inflated by whoever opens it, through both zips
        assert fh.read() == doc


def _profile(tmp_path: Path, **params: object) -> Path:
    text = resolve_profile_path("oskemen-2025").read_text(encoding="utf-8")
    for key, value in params.items():
        text, n = re.subn(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text)
        assert n == 1, key
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_package_past_its_time_budget_gets_fil001_and_a_report(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    (item / "Анықтама.docx").write_bytes(pm.big_docx(20 * pm.MIB))
    (item / "Қосымша_1.docx").write_bytes(h.docx())
    (item / "Қосымша_2.docx").write_bytes(h.docx())
    profile = _profile(tmp_path, package_time_budget_seconds=0.001)
    report = check(item, profile=profile, jobs=1)
    files = {f.path.rsplit("/", 1)[-1]: f.findings for p in report.packages for f in p.files}
    assert sorted(files) == ["Анықтама.docx", "Қосымша_1.docx", "Қосымша_2.docx"]
    for findings in files.values():
        (fil001,) = [f for f in findings if f.code == "FIL001"]
        assert fil001.evidence == ("the package's reading time budget (0.001 s) ran out "
                                   "before this file was read")
        assert fil001.threshold == 0.001
        assert "время на чтение пакета (0,001 с) истекло" in fil001.message("ru")
        assert "уақыт (0,001 с) бұл файлға кезек келгенше бітті" in fil001.message("kk")


def test_the_parent_uses_the_worker_estimate_and_never_estimates_itself(
        tmp_path: Path) -> None:
    """Without LibreOffice, a sealed document's page count is the worker's estimate; with
    none, it is unavailable (needs review), never a layout estimate parsed here."""
    import pytest

    from validator.files.member import Member
    from validator.files.views import DocumentViews
    from validator.paging import PageCountUnavailable
    from validator.paging.counts import PageCount
    from validator.reader.sealed import SealedDocument
    from validator.run.filecheck import read_limits

    path = tmp_path / "Анықтама.docx"
    path.write_bytes(h.docx())
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    from validator.paging import PageCounter

    with PageCounter(use_libreoffice=False) as counter:
        estimate = counter.estimate_source(path.name, path, None)
        assert isinstance(estimate, PageCount)
        member = Member(path.name, path.name, disk=path)
        sealed = SealedDocument(member, limits, counter,
                                views=DocumentViews(quick_page_count=estimate))
        assert sealed.page_count is estimate
        bare = SealedDocument(member, limits, counter)
        with pytest.raises(PageCountUnavailable, match="the layout estimate was not made"):
            bare.page_count  # noqa: B018


def test_a_count_started_ahead_runs_in_the_background_and_is_taken_once(
        tmp_path: Path) -> None:
    """LibreOffice counts a reference while the caller goes on (the workers read); the
    count is then taken without counting again."""
    import threading
    import time

    import pytest

    from validator.paging import PageCounter
    from validator.paging.libreoffice import find_libreoffice

    if find_libreoffice() is None:
        pytest.skip("needs LibreOffice")
    path = tmp_path / "Анықтама.docx"
    path.write_bytes(h.docx())
    with PageCounter() as counter:
        counter.count_ahead("k.docx", path.name, path, None)
        assert any(t.name.startswith("validator-pages") for t in threading.enumerate())
        deadline = time.monotonic() + 60
        while counter.tally().get("libreoffice", 0) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert counter.tally() == {"libreoffice": 1}
        result = counter.count_source(path.name, path, None, key="k.docx")
        assert (result.method, result.pages) == ("libreoffice", 1)
        assert counter.tally() == {"libreoffice": 1}  # taken, not counted again


def test_a_libreoffice_count_is_cut_at_the_per_file_limit(tmp_path: Path) -> None:
    """The reader gives the run's counter the profile's per-file limit: a count past it is
    stopped and the estimate stands, saying why."""
    import pytest

    from validator.paging import PageCounter
    from validator.paging.libreoffice import find_libreoffice
    from validator.reader.readers import IsolatedReader
    from validator.run.filejob import FileJob, worker_pool
    from validator.settings.options import Settings

    if find_libreoffice() is None:
        pytest.skip("needs LibreOffice")
    path = tmp_path / "Анықтама.docx"
    path.write_bytes(h.docx())
    profile = load_profile(_profile(tmp_path, worker_timeout_seconds=0.001))
    with PageCounter() as counter:
        settings = Settings()
        IsolatedReader(FileJob.of(profile, settings), worker_pool(profile, settings, 1),
                       own_pool=True, page_counter=counter).close()
        result = counter.count(path)
    assert result.method == "estimate"
    assert "LibreOffice failed: LibreOffice gave no answer within 0.001 s" in result.evidence
