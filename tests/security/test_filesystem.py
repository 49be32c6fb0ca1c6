"""The file system as data from a stranger: names that are not UTF-8, unreadable files and
folders, paths past PATH_MAX, deep nesting, links, pipes and devices, dotfiles, trailing dots.

Mode bits do not stop root, so the unreadable cases run the command line with the
capabilities that bypass them dropped (``setpriv``): as an owner without rights, the way any
unprivileged user meets such a file.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_docx, build_pptx, only, run


def _cli(*args: str, unprivileged: bool = False,
         cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "validator", "check", *args]
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if os.environ.get("CI"):
                pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
            pytest.skip("running as root without setpriv: mode bits cannot be tested")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {k: v for k, v in os.environ.items() if k != "VALIDATOR_NO_CACHE"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(command, capture_output=True, timeout=300, cwd=cwd, env=env,
                          check=False)


def _item(folder: Path, name: str = "Справка.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(build_docx(["мәтін"]))
    return folder


def _codes(data: dict[str, object]) -> list[tuple[str, str]]:
    out = [(f["code"], f["file"]) for f in data["findings"]]  # type: ignore[index]
    for p in data["packages"]:  # type: ignore[attr-defined]
        out += [(f["code"], f["file"]) for f in p["findings"]]
        out += [(f["code"], f["file"]) for r in p["files"] for f in r["findings"]]
    return out


@pytest.fixture
def unreadable_tree(tmp_path: Path) -> Path:
    meeting = tmp_path / "meeting"
    item = _item(meeting / "01")
    (item / "secret.docx").write_bytes(build_docx(["мәтін"]))
    _item(item / "locked", "Анықтама.docx")
    _item(item / "listable", "Қосымша.docx")
    _item(meeting / "02")
    os.chmod(item / "secret.docx", 0)
    os.chmod(item / "locked", 0)
    os.chmod(item / "listable", 0o444)  # r but not x: names can be listed, not opened
    os.chmod(meeting / "02", 0)
    yield meeting
    for p in (item / "locked", item / "listable", meeting / "02"):
        os.chmod(p, 0o755)


@pytest.mark.parametrize("cache", [False, True])
def test_unreadable_files_and_folders_are_fil001(unreadable_tree: Path, tmp_path: Path,
                                                 cache: bool) -> None:
    flags = ["--cache-dir", str(tmp_path / "cache")] if cache else ["--no-cache"]
    done = _cli(str(unreadable_tree), "--format", "json", *flags, unprivileged=True)
    assert done.returncode == 1, done.stderr.decode()
    data = json.loads(done.stdout)
    base = unreadable_tree.as_posix()
    found = _codes(data)
    assert ("FIL001", f"{base}/01/secret.docx") in found
    assert ("FIL001", f"{base}/01/locked") in found
    assert ("FIL001", f"{base}/01/listable/Қосымша.docx") in found
    # A folder of the meeting that cannot be read belongs to no package: a top-level finding.
    assert [(f["code"], f["file"]) for f in data["findings"]] == [("FIL001", f"{base}/02")]
    messages = {f["file"]: f["message"] for p in data["packages"] for f in p["findings"]}
    assert "permission denied" in messages[f"{base}/01/secret.docx"]
    assert [p["path"] for p in data["packages"]] == [f"{base}/01"]


def test_unreadable_messages_in_kazakh(unreadable_tree: Path) -> None:
    done = _cli(str(unreadable_tree / "01"), "--format", "json", "--lang", "kk",
                "--no-cache", unprivileged=True)
    data = json.loads(done.stdout)
    messages = [f["message"] for f in data["packages"][0]["findings"]]
    assert "файлды оқу мүмкін емес: оқуға рұқсат жоқ" in messages
    assert any(m.startswith("қалтаны оқу мүмкін емес") for m in messages)


def test_names_that_are_not_utf8_are_escaped(tmp_path: Path) -> None:
    item = _item(tmp_path / "item")
    os.close(os.open(os.fsencode(item) + b"/\xff\xfe-\\.docx", os.O_CREAT | os.O_WRONLY))
    out = tmp_path / "report.json"
    for _ in range(2):  # the cache's index of content hashes is written, then read
        done = _cli(str(item), "-o", str(out), "--cache-dir", str(tmp_path / "cache"))
        assert done.returncode == 1, done.stderr.decode()
        data = json.loads(out.read_text(encoding="utf-8"))
        paths = [f["path"] for f in data["packages"][0]["files"]]
        assert f"{item.as_posix()}/\\xff\\xfe-\\\\.docx" in paths
    text = _cli(str(item), "--no-cache")
    assert b"\\xff\\xfe-\\\\.docx" in text.stdout and text.returncode == 1


def _deep(base: Path, names: list[str], leaf: str, data: bytes) -> None:
    """Make nested folders past what one path may name (working through folder handles)."""
    fd = os.open(base, os.O_RDONLY)
    try:
        for name in names:
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        leaf_fd = os.open(leaf, os.O_CREAT | os.O_WRONLY, dir_fd=fd)
        os.write(leaf_fd, data)
        os.close(leaf_fd)
    finally:
        os.close(fd)


def test_a_path_longer_than_path_max_is_a_finding(tmp_path: Path) -> None:
    item = _item(tmp_path / "item")
    _deep(item, ["д" * 120] * 20, "Анықтама.docx", build_docx(["мәтін"]))
    report = run(item, isolate=False)
    hits = only(report, "FIL001")
    assert len(hits) == 1 and "longer than the system allows" in hits[0].message("en")
    assert hits[0].message("kk").startswith("жол жүйе рұқсат еткеннен ұзын")


def test_folders_nested_past_the_profile_bound(tmp_path: Path) -> None:
    meeting = tmp_path / "m"
    _item(meeting / "01")
    _deep(meeting, ["x"] * 40, "Справка.docx", build_docx(["мәтін"]))
    report = run(meeting, isolate=False)
    assert [p.path.rsplit("/", 1)[-1] for p in report.packages] == ["01"]
    (f,) = report.findings
    assert (f.code, f.threshold) == ("FIL003", 32)
    assert f.file.endswith("/x" * 33)


def test_manifest_nested_30000_deep_is_needs_review(tmp_path: Path) -> None:
    item = _item(tmp_path / "item")
    (item / "manifest.toml").write_bytes(b"x = " + b"[" * 30000 + b"]" * 30000 + b"\n")
    report = run(item, isolate=False)
    (f,) = only(report, "PKG002")
    assert f.status.value == "needs-review"
    assert "nested too deep" in f.evidence


def test_symlinks_are_named_never_followed(tmp_path: Path) -> None:
    outside = _item(tmp_path / "outside", "Чужой.docx")
    meeting = tmp_path / "meeting"
    item = _item(meeting / "01")
    (meeting / "02").symlink_to(outside, target_is_directory=True)
    (item / "passwd.docx").symlink_to("/etc/passwd")
    (meeting / "README.md").symlink_to(outside / "Чужой.docx")  # a text name: not reported
    done = _cli(str(meeting), "--format", "json", "--no-cache")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert "Чужой" not in done.stdout.decode()
    base = meeting.as_posix()
    assert [(f["code"], f["file"]) for f in data["findings"]] == [("FIL001", f"{base}/02")]
    assert "symbolic link" in data["findings"][0]["message"]
    (pkg,) = data["packages"]
    fil001 = [f for f in pkg["findings"] if f["code"] == "FIL001"]
    assert [f["file"] for f in fil001] == [f"{base}/01/passwd.docx"]
    assert "not a regular file inside the package" in fil001[0]["message"]
    # Every format names the finding outside the packages.
    for fmt, needle in (("text", "Outside any package"), ("html", "Outside any package"),
                        ("markdown", "Outside any package"), ("junit", "Outside any package"),
                        ("sarif", f"{base}/02")):
        out = _cli(str(meeting), "--format", fmt, "--no-cache")
        assert needle in out.stdout.decode(), fmt


def test_pipes_inside_a_package_and_as_the_path(tmp_path: Path) -> None:
    item = _item(tmp_path / "item")
    os.mkfifo(item / "pipe.docx")
    report = run(item)
    (f,) = only(report, "FIL001")
    assert f.file.endswith("/pipe.docx") and "named pipe" in f.message("en")
    assert "атаулы арна" in f.message("kk")
    fifo = tmp_path / "alone.pptx"
    os.mkfifo(fifo)
    done = _cli(str(fifo), "--format", "json", "--no-cache")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["packages"] == []
    assert [(f["code"], f["file"]) for f in data["findings"]] == [("FIL001", fifo.as_posix())]


def test_dotfiles_macosx_and_trailing_dots_are_checked(tmp_path: Path) -> None:
    buf = io.BytesIO()
    deck = build_pptx()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("Справка.docx", build_docx(["мәтін"]))
        z.writestr(".Презентация_2_рус.pptm", deck)
        z.writestr("__MACOSX/Анықтама.docm", b"not a document")
        z.writestr("x.pptm.", deck)
        z.writestr("y.docm ", build_docx(["мәтін"]))
    path = tmp_path / "item.zip"
    path.write_bytes(buf.getvalue())
    report = run(path, isolate=False)
    kinds = {f.path.removeprefix(path.as_posix() + "/"): f.kind
             for f in report.packages[0].files}
    assert kinds == {"Справка.docx": "document", ".Презентация_2_рус.pptm": "presentation",
                     "__MACOSX/Анықтама.docm": "document", "x.pptm.": "presentation",
                     "y.docm ": "document"}
    assert [f.file.rsplit("/", 1)[-1] for f in only(report, "FIL001")] == ["Анықтама.docm"]


def test_a_device_as_the_path_is_a_top_level_finding() -> None:
    done = _cli("/dev/null", "--format", "json", "--no-cache")
    assert done.returncode == 1, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["packages"] == []
    (f,) = data["findings"]
    assert (f["code"], f["file"]) == ("FIL001", "/dev/null")
    assert "a device" in f["message"]


def test_the_search_stops_at_max_entries(tmp_path: Path) -> None:
    import dataclasses

    from validator.discovery.packages import find_packages
    from validator.run.engine import discovery_rules
    from validator.run.filecheck import read_limits
    from validator.settings.options import Settings
    from validator.settings.profile import load_profile, resolve_profile_path

    profile = load_profile(resolve_profile_path("oskemen-2025"))
    for n in range(6):
        (tmp_path / "m" / f"{n:02d}").mkdir(parents=True)
        (tmp_path / "m" / f"{n:02d}" / "Справка.docx").write_bytes(b"x")
    rules = dataclasses.replace(discovery_rules(profile, Settings()), max_entries=8)
    found = find_packages(tmp_path / "m", read_limits(profile).archive, rules)
    assert len(found.packages) < 6
    (stray,) = found.strays
    assert (stray.limit, stray.threshold, stray.message) == ("max_entries", 8, "too_many")


def test_a_link_inside_a_package_is_named_in_the_reports_for_people(tmp_path: Path) -> None:
    """A package's finding about one of its members (a link) names the member: in the text
    report with its path, in the HTML report relative to the package; and says what to do."""
    from validator.reports import renderer

    item = _item(tmp_path / "item")
    (item / "Анықтама_қаз.docx").symlink_to("/etc/passwd")
    report = run(item)
    (f,) = only(report, "FIL001")
    assert f.file == f"{item.as_posix()}/Анықтама_қаз.docx"
    lines = [line for line in renderer("text")(report, "ru").splitlines() if "FIL001 " in line]
    assert lines[0].startswith(f"    FIL001 ошибка · {f.file}: не обычный файл внутри пакета")
    assert "положите вместо него в пакет сам файл или уберите его" in lines[0]
    page = renderer("html")(report, "kk")
    assert '<span class="where">· Анықтама_қаз.docx</span>' in page
    assert "оның орнына пакетке файлдың өзін салыңыз" in page
    # A finding about the package as a whole names no member.
    assert not [line for line in renderer("text")(report, "ru").splitlines()
                if "PKG001" in line and "·" in line]
