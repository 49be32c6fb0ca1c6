"""The readers compute and send the views active rules read: the text always (a file whose
text cannot be extracted fails whatever rules are chosen), markers and figures and table
shapes only for a rule that reads them (LNG001, LNG003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.errors import UnreadableError
from validator.files.member import Member
from validator.reader.tasks import Task
from validator.run.filejob import worker_pool
from validator.settings.options import Settings
from validator.settings.profile import load_profile, resolve_profile_path


def _deck(tmp_path: Path) -> Path:
    path = tmp_path / "Презентация_рус.pptx"
    path.write_bytes(h.pptx(h.slide_xml(h.text_shape(1, "Итоги 2025 года: 1. рост 12 %"))))
    return path


@pytest.mark.parametrize(("select", "sent"), [
    (("SLD",), {"text_blocks"}),
    (("FIL", "SEC", "PKG"), {"text_blocks"}),
    (("LNG001",), {"text_blocks", "text_marks"}),
    (("LNG003",), {"text_blocks", "text_marks", "table_shapes"}),
    ((), {"text_blocks", "text_marks", "table_shapes"}),  # every rule
])
def test_the_readers_send_the_views_the_active_rules_read(
        tmp_path: Path, select: tuple[str, ...], sent: set[str]) -> None:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    deck = _deck(tmp_path)
    with worker_pool(profile, Settings(select=select), jobs=1) as pool:
        [outcome] = pool.run([Task(0, Member(deck.name, deck.name, disk=deck), "p")])
    assert outcome.report is not None
    shipped = {"text_blocks", "text_marks", "table_shapes"} & set(dict(outcome.views.items()))
    assert shipped == sent
    assert [b.text for b in outcome.views.text_blocks] == ["Итоги 2025 года: 1. рост 12 %"]


def test_text_that_cannot_be_extracted_fails_the_file_whatever_is_selected(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No selected rule reads the text, and still a deck whose text cannot be extracted is
    not passed (read in this process, where the patch holds: the readers run the same
    ``FileJob.inspect``)."""
    import validator.formats.textblocks

    def broken(*args: object) -> None:
        raise UnreadableError("the text of slide 1 cannot be extracted")

    monkeypatch.setattr(validator.formats.textblocks, "extract_text", broken)
    report = check(_deck(tmp_path), settings=Settings(select=("SLD",)), isolate=False)
    findings = [(f.code, f.evidence) for f in report.packages[0].files[0].findings
                if f.code.startswith("FIL")]
    assert findings == [("FIL001", "text_blocks: the text of slide 1 cannot be extracted")]
    assert report.packages[0].verdict.value != "accept"
