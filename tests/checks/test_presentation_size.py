"""SLD003 presentation-file-size: the limit and its unit come from the profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_pptx, only, run
from validator.settings.profile import load_profile, resolve_profile_path

MIB = 1048576


@pytest.mark.parametrize(
    ("pad", "fires"),
    [
        pytest.param(0, False, id="small"),
        pytest.param(int(9.5 * MIB), False, id="9.5MiB"),
        pytest.param(int(10.2 * MIB), True, id="10.2MiB"),
    ],
)
def test_binary_megabytes(tmp_path: Path, pad: int, fires: bool) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx(pad=pad))
    hits = only(run(path), "SLD003")
    assert bool(hits) is fires
    if fires:
        size = path.stat().st_size
        assert hits[0].measured == round(size / MIB, 2)
        assert hits[0].threshold == 10 and hits[0].unit == "MB"
        assert str(size) in hits[0].evidence and "10485760" in hits[0].evidence  # bytes: JSON
        assert f"{size / MIB:.2f}".rstrip("0").replace(".", ",") in hits[0].message("ru")
        assert "байт" not in hits[0].message("ru") and "МБ" in hits[0].message("ru")


def test_decimal_megabytes_profile(tmp_path: Path) -> None:
    text = resolve_profile_path("oskemen-2025").read_text(encoding="utf-8")
    text = text.replace("bytes_per_unit = 1048576", "bytes_per_unit = 1000000")
    custom = tmp_path / "decimal.toml"
    custom.write_text(text, encoding="utf-8")
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx(pad=int(10.1 * 1000000)))
    assert path.stat().st_size < 10 * MIB  # passes the binary limit...
    hits = only(run(path, profile=load_profile(custom)), "SLD003")
    assert len(hits) == 1  # ...but not the decimal one
    assert hits[0].threshold == 10


def test_documents_are_not_size_checked(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    from tests.conftest import add_part, build_docx

    path.write_bytes(add_part(build_docx(), "word/media/x.bin", bytes(11 * MIB)))
    assert only(run(path), "SLD003") == []
