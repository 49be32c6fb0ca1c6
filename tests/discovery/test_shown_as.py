"""A caller may name the PATH itself (``shown_as``): what is found is named below that name,
the files are still found and read through the PATH, and the folders above it on disk (which
the name hides) give no meeting date. The command line names nothing: its paths are as spelt
(tests/discovery/test_layouts.py)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_docx, only, run
from validator.api import Checker
from validator.discovery.packages import Discovery, find_packages
from validator.run.engine import discovery_rules
from validator.run.filecheck import read_limits
from validator.settings.options import Settings
from validator.settings.profile import Profile

KAZAKH = ("Қалалық жолдарды жөндеу жоспары бекітілсін. Жұмыс маусымда басталып, қыркүйекте "
          "аяқталады, қала тұрғындары жөндеу кестесімен алдын ала таныстырылады.")


@functools.lru_cache(maxsize=1)
def _docx() -> bytes:
    return build_docx(["Анықтама мәтіні"])


def _find(path: Path, profile: Profile, shown_as: str | None,
          exclude: tuple[str, ...] = ()) -> Discovery:
    rules = discovery_rules(profile, Settings(exclude=exclude))
    return find_packages(path, read_limits(profile).archive, rules, shown_as)


def _members(found: Discovery) -> list[tuple[str, list[str]]]:
    return [(p.path, sorted(m.path for m in p.members)) for p in found.packages]


def test_a_folder_named_empty_names_its_files_alone(tmp_path: Path, profile: Profile) -> None:
    # a job folder below a folder named like a date: the date is the server's, not the item's
    job = tmp_path / "2026-01-20" / "job-1234" / "package"
    (job / "annex").mkdir(parents=True)
    (job / "Справка.docx").write_bytes(_docx())
    (job / "annex" / "Қосымша.docx").write_bytes(_docx())
    found = _find(job, profile, "")
    assert _members(found) == [("", ["annex/Қосымша.docx", "Справка.docx"])]
    assert found.packages[0].meeting is None
    # read through the folder itself, never through the name
    assert sorted(m.disk for m in found.packages[0].members) == [
        job / "annex" / "Қосымша.docx", job / "Справка.docx"]
    # as spelt (the command line): the path, and the date its folders carry
    spelt = _find(job, profile, None)
    assert _members(spelt) == [(job.as_posix(), [f"{job.as_posix()}/annex/Қосымша.docx",
                                                 f"{job.as_posix()}/Справка.docx"])]
    assert spelt.packages[0].meeting == (dt.date(2026, 1, 20),
                                         (tmp_path / "2026-01-20").as_posix())


def test_a_zip_and_a_container_below_their_names(tmp_path: Path, profile: Profile) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("Дороги/Справка.docx", _docx())
        z.writestr("Дороги/inner.zip", b"PK")
    (tmp_path / "upload.zip").write_bytes(buf.getvalue())
    found = _find(tmp_path / "upload.zip", profile, "пакет.zip")
    assert _members(found) == [("пакет.zip/Дороги", ["пакет.zip/Дороги/Справка.docx"])]
    assert [r.path for r in found.packages[0].refusals] == ["пакет.zip/Дороги/inner.zip"]
    # a container named "": its items and what belongs to none, by their own names
    box = tmp_path / "box"
    (box / "01").mkdir(parents=True)
    (box / "01" / "Справка.docx").write_bytes(_docx())
    (box / "drafts" / "02").mkdir(parents=True)
    (box / "drafts" / "02" / "Справка.docx").write_bytes(_docx())
    (box / "ссылка").symlink_to(box / "01")
    found = _find(box, profile, "")
    assert _members(found) == [("01", ["01/Справка.docx"]),
                               ("drafts/02", ["drafts/02/Справка.docx"])]
    assert [(r.path, r.message) for r in found.strays] == [("ссылка", "not_regular_outside")]
    # exclusions still see paths relative to the PATH
    assert _members(_find(box, profile, "", ("drafts",))) == [("01", ["01/Справка.docx"])]


def test_messages_name_files_by_the_given_names(tmp_path: Path) -> None:
    folder = tmp_path / "job" / "package"
    folder.mkdir(parents=True)
    (folder / "Анықтама_қаз.docx").write_bytes(build_docx([KAZAKH]))
    (folder / "manifest.toml").write_text("meeting_date = 2030-03-12\n", encoding="utf-8")
    report = run(folder, shown_as="", isolate=False)
    (package,) = report.packages
    assert package.path == ""
    assert sorted(f.path for f in package.files) == ["manifest.toml", "Анықтама_қаз.docx"]
    # the manifest at the package's top level was found under its name: its date applies
    assert dict(package.extra)["dates"]["meeting"] == "2030-03-12"
    (lng001,) = only(report, "LNG001")
    for lang in ("kk", "ru", "en"):
        assert "(Анықтама_қаз.docx)" in lng001.message(lang), lng001.message(lang)
        assert str(tmp_path) not in lng001.message(lang)
    # loose files, each by its own name; one name per path
    note = tmp_path / "job" / "n.txt"
    note.write_text("Записка", encoding="utf-8")
    with Checker(isolate=False) as checker:
        loose = checker.check([note], shown_as=["записка.txt"])
        assert [fr.path for p in loose.packages for fr in p.files] == ["записка.txt"]
        with pytest.raises(ValueError, match="shown_as names 2 path"):
            checker.check([note], shown_as=["a.txt", "b.txt"])
