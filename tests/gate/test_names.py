"""A gate report names the files as the body submitted them, in its paths and in the text of
its messages: never the checking job's folder (``package``), its temporary folder or the
checking process's, which mean nothing to a civil servant and put an English word on a Kazakh
or Russian page. Messages are written when the check runs, so the check itself must name the
files so (``shown_as``, ``validator.api``)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest

from tests.gate.conftest import Env
from tests.gate.packages import TEXT, as_zip, compliant_item, document
from validator.core.catalogue import LANGS
from validator.reports.json import report_dict

KK_DRAFT = "Қаулы_жобасы_қаз.docx"
RU_DRAFT = "Проект_постановления_рус.docx"


def _with_broken_ru_draft() -> dict[str, bytes]:
    """The compliant item with its Russian draft damaged: its Kazakh pair's LNG003 says the
    Russian text was not read, and names the Russian file."""
    files = compliant_item()
    files[RU_DRAFT] = b"not a Word document"
    return files


def _with_differing_ru_draft() -> dict[str, bytes]:
    """The compliant item with a year in its Russian draft that the Kazakh one lacks: the
    Kazakh draft's LNG003 names the Russian file, whose figure differs."""
    files = compliant_item()
    files[RU_DRAFT] = document(TEXT["ru"]["draft"].replace("план ремонтных работ",
                                                           "план ремонтных работ на 2027 год"))
    return files


def _submitted(env: Env, files: dict[str, bytes]) -> str:
    resp = env.submit("roads", files)
    assert resp.status_code == 202, resp.text
    sid: str = resp.json()["id"]
    done = env.checked(sid, "roads")
    assert done["check"]["state"] == "done", done["check"]
    return sid


def _lng003(report: dict[str, Any]) -> dict[str, Any]:
    found = [f for p in report["packages"] for fr in p["files"] for f in fr["findings"]
             if f["code"] == "LNG003"]
    assert len(found) == 1, found
    return found[0]


def test_messages_name_the_other_file_as_submitted(env: Env) -> None:
    files = _with_differing_ru_draft()
    sid = _submitted(env, files)
    words = {"kk": "2027", "ru": "2027", "en": "2027"}
    for lang in LANGS:
        report = env.client.get(f"/api/v1/submissions/{sid}?lang={lang}",
                                headers=env.auth("roads")).json()["report"]
        (package,) = report["packages"]
        assert package["path"] == ""  # the package itself: what the body sent
        assert sorted(fr["path"] for fr in package["files"]) == sorted(files)
        lng003 = _lng003(report)
        assert lng003["file"] == KK_DRAFT
        message = lng003["message"]
        assert words[lang] in message, message
        # the Russian file by the name it was sent under, and nothing else around it
        assert re.search(rf"(^|[\s«(]){re.escape(RU_DRAFT)}", message), message
        assert "package" not in message, message
    # every format the gate serves, and the page a person reads
    for fmt in ("json", "sarif", "junit", "html", "markdown", "text"):
        for lang in ("kk", "ru"):
            got = env.client.get(f"/api/v1/submissions/{sid}/report?format={fmt}&lang={lang}",
                                 headers=env.auth("roads"))
            assert got.status_code == 200, (fmt, got.text)
            assert RU_DRAFT in got.text.replace("\\_", "_"), fmt  # Markdown escapes _
            assert "package/" not in got.text, (fmt, lang)
    text = env.client.get(f"/api/v1/submissions/{sid}/report?format=text&lang=ru",
                          headers=env.auth("roads")).text
    assert "Пакет: вернуть на доработку" in text.splitlines()  # the package: no name of its own
    env.login("roads")
    page = env.client.get(f"/submissions/{sid}?lang=ru").text
    findings = page[page.index('id="findings"'):]
    assert f"({RU_DRAFT}, " in findings.replace("&#8203;", "")
    assert "package" not in findings


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize(("shape", "names"), [
    ("files", None),
    ("one zip", ["пакет.zip/" + n for n in sorted(_with_broken_ru_draft())]),
    ("loose files", ["записка.txt", "справка.txt"]),
])
def test_stored_reports_never_name_the_job_folder(env: Env, shape: str,
                                                  names: list[str] | None) -> None:
    files = _with_broken_ru_draft()
    if shape == "one zip":
        files = {"пакет.zip": as_zip(files)}
    elif shape == "loose files":
        files = {"записка.txt": "Записка".encode(), "справка.txt": "Справка".encode()}
    sid = _submitted(env, files)
    row = env.gate.register.submission(sid)
    assert row is not None
    stored = env.gate.intake.report(row)
    paths = [p.path for p in stored.packages] + [
        fr.path for p in stored.packages for fr in p.files] + [
        f.file for f in stored.all_findings()] + [f.package for f in stored.all_findings()]
    expected = sorted(files) if names is None else names
    assert sorted(fr.path for p in stored.packages for fr in p.files) == expected
    forbidden = [str(env.config.data), "/tmp/", "job-", "worker-"]
    for path in paths:
        assert not path.startswith("package"), path
        assert not any(bad in path for bad in forbidden), path
    for lang in LANGS:
        text = json.dumps(report_dict(stored, lang), ensure_ascii=False)
        for bad in (*forbidden, "package/"):
            assert bad not in text, (lang, bad)
    for finding in stored.all_findings():
        for lang, message in finding.messages:
            for bad in (*forbidden, "package/"):
                assert bad not in message, (lang, message)
        for text in _strings(finding.evidence):
            assert "package/" not in text and "job-" not in text, text


def test_the_corrected_copy_names_files_as_submitted(env: Env) -> None:
    from tests.gate.test_corrected import _small_print_deck

    files = compliant_item()
    deck_name = next(n for n in files if n.endswith("қаз.pptx"))
    files[deck_name] = _small_print_deck("Жолдар", "Жөндеу жоспары")
    sid = _submitted(env, files)
    got = env.client.get(f"/api/v1/submissions/{sid}/corrected?lang=ru",
                         headers=env.auth("roads"))
    assert got.status_code == 200, got.text
    with zipfile.ZipFile(io.BytesIO(got.content)) as zf:
        summary = zf.read("fixes.txt").decode()
    lines = summary.splitlines()
    # the file fixed, as sent and as corrected (same name), then what was done to it
    at = lines.index(f"{deck_name} -> {deck_name}")
    assert lines[at + 1].startswith("  исправлено SLD002"), lines[at + 1]
    for bad in ("package", str(env.config.data), "fix-", "worker-"):
        assert bad not in summary, (bad, summary)


def test_pages_strip_the_old_job_folder_only_from_old_reports() -> None:
    from validator.gate.rendering import shown_path

    old = {"path": "package", "files": [{"path": "package/Справка_рус.docx"}]}
    assert shown_path("package", old) == ""
    assert shown_path("package/Справка_рус.docx", old) == "Справка_рус.docx"
    old_zip = {"path": "package/пакет.zip", "files": [{"path": "package/пакет.zip/a.docx"}]}
    assert shown_path("package/пакет.zip/a.docx", old_zip) == "пакет.zip/a.docx"
    # a new report's paths are the names as sent, even a file sent as "package"
    loose = {"path": "package", "files": [{"path": "package"}]}
    assert shown_path("package", loose) == "package"
    new = {"path": "", "files": [{"path": "package.docx"}]}
    assert shown_path("package.docx", new) == "package.docx"
