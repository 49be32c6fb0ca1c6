"""`validator fix` decodes text in a wrong encoding as it was written.

A reference whose text was imported in the wrong code page (``Ñïðàâêà``) is a FIL002 error; the
person who sends it needs the text back, not a list of what is wrong with it. The fixer decodes
each paragraph with the mistake found for it, run by run, so formatting is kept, and the copy
passes the check its original failed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from tests.checks.test_garbled_text import _garble, wrong
from tests.conftest import run
from validator.commands.main import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _fix(source: Path, out: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["fix", str(source), "--output", str(out),
                                       "--format", "json", "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, object] = json.loads(result.output)
    return report


def test_a_reference_in_a_wrong_encoding_is_decoded_and_then_accepted(tmp_path: Path) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    original = [p.text for p in docx.Document(str(item / "Справка_рус.docx")).paragraphs]
    _garble(item / "Справка_рус.docx")
    garbled = (item / "Справка_рус.docx").read_bytes()
    report = _fix(item, tmp_path / "out")
    [fixes] = [f["fixes"] for f in report["fixes"]  # type: ignore[attr-defined]
               if f["source"].endswith("Справка_рус.docx")]
    assert [(fix["code"], fix["safe"], len(fix["place"]["places"])) for fix in fixes] == [
        ("FIL002", True, 5)]
    copy = tmp_path / "out" / "item" / "Справка_рус.docx"
    assert [p.text for p in docx.Document(str(copy)).paragraphs] == original
    assert (item / "Справка_рус.docx").read_bytes() == garbled  # the input is never modified
    assert run(tmp_path / "out" / "item").all_findings() == ()


def test_a_few_paragraphs_in_a_wrong_encoding_are_decoded_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "in" / "Справка_рус.docx"
    path.parent.mkdir()
    document = docx.Document()
    right = "Отдел образования сообщает о ходе ремонта школ города в 2026 году."
    for _ in range(4):
        document.add_paragraph(right)
    paragraph = document.add_paragraph()
    paragraph.add_run(wrong("Ответственный "))
    paragraph.add_run(wrong("исполнитель")).bold = True
    document.save(str(path))
    report = _fix(path.parent, tmp_path / "out")
    [fixes] = [f["fixes"] for f in report["fixes"]]  # type: ignore[attr-defined]
    assert [(fix["code"], fix["place"]["places"]) for fix in fixes] == [
        ("LNG004", [{"paragraph": 5}])]
    copy = docx.Document(str(tmp_path / "out" / "in" / "Справка_рус.docx"))
    assert [p.text for p in copy.paragraphs] == [right] * 4 + ["Ответственный исполнитель"]
    assert [r.bold for r in copy.paragraphs[4].runs] == [None, True]  # formatting kept
