"""What stopped a file's reading is said in words: a reader stopped by its time or memory
limit, or one that died, and an archive entry refused because another has its name or because
it is encrypted. The reader's own reason stays in the evidence."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.findings import Finding
from validator.plain.causes import cause_of
from validator.settings.profile import resolve_profile_path

ROOT = Path(__file__).resolve().parents[2]
SLOW = ROOT.parent / "shared" / "corpus" / "office" / "bug65649.docx"
SAMPLE = ROOT / "samples" / "compliant-item"


def _profile(tmp_path: Path, key: str, value: str) -> Path:
    text = resolve_profile_path("oskemen-2025").read_text(encoding="utf-8")
    text, n = re.subn(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text)
    assert n == 1, key
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _only(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [(f.code, f.evidence) for f in findings]
    return found[0]


@pytest.mark.parametrize(("reason", "cause"), [
    ("reading took longer than 60 s (the reader was stopped)", "timeout"),
    ("the reader ran out of memory (limit 1536 MiB)", "memory"),
    ("the reader process died (SIGSEGV)", "crashed"),
    ("the reader process died (exit code 3)", "crashed"),
])
def test_a_stopped_readers_reason_has_its_cause(reason: str, cause: str) -> None:
    assert cause_of(reason) == cause


@pytest.mark.skipif(not SLOW.exists(), reason="needs ../shared/corpus")
def test_a_reader_stopped_by_its_time_limit_says_so(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "worker_timeout_seconds", "0.2")
    found = _only(list(check([SLOW], profile=profile, jobs=1).all_findings()), "FIL001")
    assert found.evidence == "reading took longer than 0.2 s (the reader was stopped)"
    assert "took longer than the time limit, so its reading was stopped" in found.message("en")
    assert "чтение файла заняло больше отведённого времени" in found.message("ru")
    assert "файлды оқу бөлінген уақыттан ұзаққа созылып, тоқтатылды" in found.message("kk")


def test_a_reader_out_of_memory_says_so(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "worker_memory_mb", "1")
    deck = tmp_path / "ok.pptx"
    deck.write_bytes(h.pptx())
    found = _only(list(check([deck], profile=profile, jobs=1).all_findings()), "FIL001")
    assert found.evidence == "the reader ran out of memory (limit 1 MiB)"
    assert "needed more memory than the limit" in found.message("en")
    assert "потребовалось больше памяти, чем разрешено" in found.message("ru")
    assert "көп жад қажет болып, оқу тоқтатылды" in found.message("kk")


def test_a_duplicate_entry_name_is_not_called_a_name_pointing_outside(tmp_path: Path) -> None:
    archive = tmp_path / "item.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(SAMPLE.iterdir()):
            z.write(path, path.name)
        z.writestr("СПРАВКА_рус.docx", b"another file of the same name, letter case aside")
    found = _only(list(check(archive).all_findings()), "FIL003")
    assert found.file.endswith("item.zip/СПРАВКА_рус.docx")
    assert found.message("en").endswith(
        "another entry of the same name (letter case aside), so this one is not read: "
        "rename one of them")
    assert "в архиве есть другой элемент с таким же именем" in found.message("ru")
    assert "архивте дәл осындай атаулы басқа элемент бар" in found.message("kk")
    assert "outside" not in found.message("en")


@pytest.mark.skipif(shutil.which("zip") is None, reason="the zip program is installed by .ci/run")
def test_an_encrypted_archive_says_so_and_names_its_entries_legibly(tmp_path: Path) -> None:
    archive = tmp_path / "item.zip"
    names = sorted(p.name for p in SAMPLE.iterdir())
    subprocess.run(["zip", "-q", "-P", "secret", "-j", str(archive), *names], cwd=SAMPLE,
                   check=True)
    found = _only(list(check(archive).all_findings()), "FIL003")
    assert "protected by a password, so they cannot be checked" in found.message("en")
    assert "элементы архива защищены паролем" in found.message("ru")
    assert "архив элементтері құпиясөзбен қорғалған" in found.message("kk")
    assert found.message("ru").endswith("заархивируйте файлы заново без пароля")
    # the items of a package not read may be its missing parts: a person looks
    missing = [f for f in check(archive).all_findings() if f.code == "PKG001"]
    assert missing and all(f.status.value == "needs-review" for f in missing)
    assert any(name in found.evidence for name in names), found.evidence
