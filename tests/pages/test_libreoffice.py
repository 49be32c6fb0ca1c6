"""The persistent LibreOffice counter: one process, recycling, time limit, crash recovery."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pages.build import build, prose_doc
from validator.paging.counts import FontCheck, PageCountUnavailable
from validator.paging.libreoffice import LibreOfficeCounter, LibreOfficeSetup
from validator.paging.lo_process import (
    accept_path,
    bridge_pipe,
    kill_group,
    live_members,
    pipe_path,
    profile_url,
    run_once,
)


def rendered_pages(setup: LibreOfficeSetup, path: Path, tmp: Path) -> int:
    """Reference: LibreOffice's own command-line PDF export, counted from the PDF."""
    out = tmp / "ref"
    subprocess.run(
        [setup.soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/prof",
         "--convert-to", "pdf", "--outdir", str(out), str(path)],
        capture_output=True, timeout=300, check=True,
    )
    return len(PdfReader(str(out / (path.stem + ".pdf"))).pages)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["big_table", "sections_landscape", "kazakh_15"])
def test_count_matches_pdf_rendering(tmp_path: Path, libreoffice_setup: LibreOfficeSetup,
                                     lo_counter: LibreOfficeCounter, name: str) -> None:
    path = build(name, tmp_path)
    result = lo_counter.count(path)
    assert result.method == "libreoffice"
    assert result.pages == rendered_pages(libreoffice_setup, path, tmp_path)
    assert result.last_page_fill is not None and 0.0 <= result.last_page_fill <= 1.0
    assert "Liberation Serif" in result.evidence


def test_one_process_for_many_documents_and_recycling(
        tmp_path: Path, libreoffice_setup: LibreOfficeSetup, metric_fonts: FontCheck) -> None:
    docs = [prose_doc(tmp_path, f"d{n}", 3 + 6 * n) for n in range(5)]
    with LibreOfficeCounter(libreoffice_setup, metric_fonts, recycle_after=2) as counter:
        assert counter.starts == 0  # nothing started before a document needs it
        pages = [counter.count(p).pages for p in docs]
        assert counter.starts == 3  # 5 documents, a fresh process every 2
        workdir = counter._workdir
        assert workdir is not None and Path(workdir).is_dir()
    assert not Path(workdir).exists()
    with LibreOfficeCounter(libreoffice_setup, metric_fonts) as counter:
        assert [counter.count(p).pages for p in docs] == pages
        assert counter.starts == 1
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 3


def test_time_limit_kills_and_next_document_gets_a_new_process(
        tmp_path: Path, libreoffice_setup: LibreOfficeSetup, metric_fonts: FontCheck) -> None:
    path = prose_doc(tmp_path, "slow", 40)
    with LibreOfficeCounter(libreoffice_setup, metric_fonts, timeout=0.001) as counter:
        with pytest.raises(PageCountUnavailable, match="no answer within"):
            counter.count(path)
        assert counter.starts == 1
        assert counter._workdir is None  # the killed process's directory is gone
        counter._timeout = 60.0
        assert counter.count(path).pages >= 5
        assert counter.starts == 2


def test_input_file_is_not_modified(tmp_path: Path, lo_counter: LibreOfficeCounter) -> None:
    path = build("header_footer", tmp_path)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    lo_counter.count(path)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["header_footer.docx"]


@pytest.mark.corpus
@pytest.mark.slow
def test_file_that_crashes_uno_load_is_still_counted(
        corpus: Path, libreoffice_setup: LibreOfficeSetup, metric_fonts: FontCheck) -> None:
    """LibreOffice 7.4 crashes loading this commented file over UNO; the counter recovers
    with a one-off PDF export and the next file gets a fresh process."""
    with LibreOfficeCounter(libreoffice_setup, metric_fonts) as counter:
        crashed = counter.count(corpus / "office" / "comment.docx")
        assert crashed.pages == 1
        assert "UNO load crashed" in crashed.evidence or "LibreOffice layout" in crashed.evidence
        assert counter.count(corpus / "office" / "52449.docx").pages == 1


def test_unopenable_file_is_unavailable(tmp_path: Path, lo_counter: LibreOfficeCounter) -> None:
    bogus = tmp_path / "garbage.docx"
    bogus.write_bytes(b"PK\x03\x04 this is not really a zip package")
    with pytest.raises(PageCountUnavailable, match="could not open"):
        lo_counter.count(bogus)


def test_profile_blocks_links_and_network(tmp_path: Path) -> None:
    from lxml import etree

    from validator.paging.lo_bridge import write_profile

    write_profile(str(tmp_path / "profile"))
    root = etree.parse(str(tmp_path / "profile" / "user" / "registrymodifications.xcu"))
    oor = "{http://openoffice.org/2001/registry}"
    values = {p.get(f"{oor}name"): p.findtext("value") for p in root.iter("prop")}
    assert values["BlockUntrustedRefererLinks"] == "true"
    assert values["ooInetProxyType"] == "1" and values["ooInetHTTPSProxyPort"] == "9"
    assert values["UseLocking"] == "false"


def _running_with(profile: str) -> list[int]:
    """Processes whose command line names ``profile`` (a soffice started with it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if profile.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_killed_libreoffice_leaves_no_process_and_no_socket(
        tmp_path: Path, libreoffice_setup: LibreOfficeSetup, metric_fonts: FontCheck) -> None:
    """A LibreOffice killed (as for a time limit) leaves neither soffice.bin nor its
    sockets in /tmp (its single-instance pipe's and its UNO pipe's, at the names computed from
    the profile and the bridge's folder)."""
    path = prose_doc(tmp_path, "short", 2)
    with LibreOfficeCounter(libreoffice_setup, metric_fonts) as counter:
        assert counter.count(path).pages >= 1
        assert counter._workdir is not None
        profile = str(Path(counter._workdir) / "profile")
        sockets = [Path(pipe_path(profile_url(profile))),
                   Path(accept_path(bridge_pipe(counter._workdir)))]
        assert all(s.is_socket() for s in sockets)  # LibreOffice names them as computed
        assert _running_with(profile)
        counter._kill()
        assert [s for s in sockets if s.exists()] == []
        assert _running_with(profile) == []


def test_one_off_run_past_its_time_is_killed_with_its_socket(
        tmp_path: Path, libreoffice_setup: LibreOfficeSetup) -> None:
    """``run_once`` past its time limit kills soffice.bin too (not only the shell wrapper
    that ``subprocess.run`` would kill) and removes the socket it had made."""
    profile = str(tmp_path / "profile")
    socket = Path(pipe_path(profile_url(profile)))
    # soffice without a file to convert keeps running until it is killed
    finished = run_once(libreoffice_setup.soffice, profile, [], timeout=8.0)
    assert finished is False
    assert _running_with(profile) == []
    assert not socket.exists()


def test_kill_group_returns_once_every_member_has_exited() -> None:
    """``kill_group`` kills the leader and its children (here a shell and two sleeps in the
    shell's session) and returns only when none of them is still running, not merely when
    the leader has been reaped."""
    proc = subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60 & wait"],
                            start_new_session=True)
    deadline = time.monotonic() + 10
    while len(live_members(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    members = live_members(proc.pid)
    assert proc.pid in members and len(members) == 3
    kill_group(proc)
    assert proc.returncode == -9
    assert live_members(proc.pid) == []
