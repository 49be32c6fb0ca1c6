"""DOC003 unresolved-revisions: tracked changes and comments counted in built drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import check
from validator.core.findings import Severity

from .docbuild import build_docx, write

LINES = ["Проект", "ПОСТАНОВЛЕНИЕ", "акимата города", "пункт 1", "пункт 2", "пункт 3"]


@pytest.mark.parametrize(
    ("ins", "dels", "comments", "part"),
    [
        (1, 0, 0, "word/document.xml"),
        (0, 2, 0, "word/document.xml"),
        (0, 0, 1, "word/comments.xml"),
        (2, 1, 3, "word/document.xml"),
    ],
)
def test_revisions_found(tmp_path: Path, ins: int, dels: int, comments: int,
                         part: str) -> None:
    path = write(tmp_path, "Проект постановления.docx",
                 build_docx(LINES, insertions=ins, deletions=dels, comments=comments))
    (f,) = [f for f in check(path).all_findings() if f.code == "DOC003"]
    assert f.measured == ins + dels + comments
    assert f.severity is Severity.WARNING
    assert f.evidence == f"{ins} insertion(s), {dels} deletion(s), {comments} comment(s)"
    assert f.location.part == part


def test_clean_draft(tmp_path: Path) -> None:
    path = write(tmp_path, "Проект постановления.docx", build_docx(LINES))
    assert [f for f in check(path).all_findings() if f.code == "DOC003"] == []


def test_roles_outside_the_profile_list_are_not_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.docx", build_docx(["заметки"], insertions=1))
    assert [f for f in check(path).all_findings() if f.code == "DOC003"] == []


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "office"


@pytest.mark.corpus
def test_comments_in_a_real_presentation() -> None:
    # Apache POI's 45545_Comment.pptx carries two comments on its slides.
    path = CORPUS / "45545_Comment.pptx"
    if not path.exists():
        pytest.skip("corpus missing")
    (f,) = [f for f in check(path).all_findings() if f.code == "DOC003"]
    assert f.evidence == "0 insertion(s), 0 deletion(s), 2 comment(s)"
    assert f.location.part is not None and f.location.part.startswith("ppt/comments/")
