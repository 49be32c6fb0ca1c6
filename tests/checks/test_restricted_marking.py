"""SEC001 restricted-marking: where stamps are, with the marking named; mentions stay quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from validator.api import check
from validator.model import Severity

from .docbuild import build_docx, write

BODY = ["СПРАВКА", "о ходе исполнения программы"]


@pytest.mark.parametrize(
    ("kwargs", "marking", "place", "part"),
    [
        ({"header": "Для служебного пользования"}, "Для служебного пользования", "header",
         "word/header1.xml"),
        ({"footer": "ДСП экз. № 2"}, "ДСП", "footer", "word/footer1.xml"),
        ({"lines": ["Қызмет бабында пайдалану үшін", *BODY]}, "Қызмет бабында пайдалану үшін",
         "first-lines", None),
        ({"lines": ["СЕКРЕТНО", *BODY]}, "Секретно", "first-lines", None),
        ({"lines": ["Совершенно секретно", *BODY]}, "Совершенно секретно", "first-lines", None),
        ({"lines": ["Құпия", *BODY]}, "Құпия", "first-lines", None),
        ({"watermark": "ДСП"}, "ДСП", "watermark", "word/header1.xml"),
        ({"keywords": "справка; ДСП"}, "ДСП", "property:keywords", "docProps/core.xml"),
        ({"title": "Для служебного пользования"}, "Для служебного пользования",
         "property:title", "docProps/core.xml"),
        ({"lines": ["ДCП", *BODY]}, "ДСП", "first-lines", None),  # Latin C
    ],
)
def test_markings_found(tmp_path: Path, kwargs: dict[str, Any], marking: str, place: str,
                        part: str | None) -> None:
    lines = kwargs.pop("lines", BODY)
    path = write(tmp_path, "Справка.docx", build_docx(lines, **kwargs))
    found = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert len(found) == 1, found
    f = found[0]
    assert f.measured == marking
    assert f.severity is Severity.ERROR
    assert f.clause == "15, electronic"
    assert f.evidence.startswith(f"{place}:")
    assert f.location.part == part
    assert f"«{marking}»" in f.message("kk") and f"«{marking}»" in f.message("ru")


@pytest.mark.parametrize(
    "lines",
    [
        ["СПРАВКА", "В соответствии с Законом Республики Казахстан «О государственных секретах» "
                    "документы направляются на бумаге."],
        ["АНЫҚТАМА", "«Мемлекеттік құпиялар туралы» Қазақстан Республикасының Заңына сәйкес"],
        ["СПРАВКА", "Документы с грифом «Для служебного пользования» в пакет не включаются."],
        ["СПРАВКА", "Закуп плит ДСП"],
        # a stamp deep in the body (line 13) is outside the first lines searched
        ["СПРАВКА", *[f"строка {i}" for i in range(11)], "ДСП"],
    ],
)
def test_no_false_alarm(tmp_path: Path, lines: list[str]) -> None:
    path = write(tmp_path, "Справка.docx", build_docx(lines))
    assert [f for f in check(path).all_findings() if f.code == "SEC001"] == []
