"""Config files: discovery upwards, select/ignore prefixes, per-file ignores, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_pdf, build_pptx
from validator.api import check
from validator.core.errors import ConfigError
from validator.core.findings import Severity
from validator.settings.options import Settings, discover_config, read_config


def _codes(path: Path) -> list[str]:
    # The one-deck items here lack their other-language version (LNG001) and the parts
    # clause 15 requires (PKG001); these tests are about configuration, so the language and
    # package families are left out of the comparison.
    return sorted(f.code for f in check(path).all_findings()
                  if not f.code.startswith(("LNG", "PKG")))


def _item(root: Path) -> Path:
    item = root / "docs" / "item"
    item.mkdir(parents=True)
    (item / "deck.pptx").write_bytes(build_pptx(9144000, 6858000, pad=11 * 1048576))
    (item / "setup.exe").write_bytes(b"MZ" + bytes(100))  # FIL002: not a material
    return item


def test_no_config_means_defaults(tmp_path: Path) -> None:
    item = _item(tmp_path)
    assert _codes(item) == ["FIL002", "SLD001", "SLD003"]


def test_validator_toml_found_upwards(tmp_path: Path) -> None:
    item = _item(tmp_path)
    (tmp_path / "validator.toml").write_text('ignore = ["SLD"]\nfail-level = "warning"\n',
                                             encoding="utf-8")
    assert _codes(item) == ["FIL002"]
    settings = discover_config([item])
    assert settings.fail_level is Severity.WARNING
    assert settings.source == str(tmp_path / "validator.toml")


def test_pyproject_tool_section_and_closest_wins(tmp_path: Path) -> None:
    item = _item(tmp_path)
    (tmp_path / "validator.toml").write_text('ignore = ["SLD"]\n', encoding="utf-8")
    (tmp_path / "docs" / "pyproject.toml").write_text(
        '[tool.validator]\nselect = ["SLD00"]\nignore = ["SLD003"]\n', encoding="utf-8")
    assert _codes(item) == ["SLD001"]


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    item = _item(tmp_path)
    (tmp_path / "docs" / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    (tmp_path / "validator.toml").write_text('select = ["FIL"]\n', encoding="utf-8")
    assert _codes(item) == ["FIL002"]


def test_config_inside_the_package_is_never_read(tmp_path: Path) -> None:
    item = _item(tmp_path)
    (item / "validator.toml").write_text('ignore = ["SLD", "FIL"]\n', encoding="utf-8")
    # Not read as config, and named as a file that is not a material (FIL002 info).
    assert _codes(item) == ["FIL002", "FIL002", "SLD001", "SLD003"]


def test_check_dot_at_a_repository_root_reads_its_config(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """The folder checked is searched first when it is not a package: ``check .`` at a
    repository root, the root given by its path, and a folder below it all read the root's
    config, as the pre-commit hook does."""
    _item(tmp_path)
    (tmp_path / "validator.toml").write_text('ignore = ["SLD"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for path in (Path("."), tmp_path, Path("docs")):
        assert discover_config([path]).source == str(tmp_path / "validator.toml"), path
        assert _codes(path) == ["FIL002"], path


@pytest.mark.parametrize("inside", ["", "kk"])
def test_a_file_checked_alone_never_reads_the_config_of_its_package(tmp_path: Path,
                                                                   inside: str) -> None:
    """A document checked on its own sits in its package (or in a language folder of it):
    the config the package carries is not read, the checking side's above it is."""
    item = _item(tmp_path)
    folder = item / inside
    folder.mkdir(exist_ok=True)
    deck = folder / "Доклад.pptx"
    deck.write_bytes(build_pptx(9144000, 6858000))
    if inside:
        for name in ("deck.pptx", "setup.exe"):
            (item / name).unlink()
        (item / "ru").mkdir()
        (item / "ru" / "Доклад.pptx").write_bytes(build_pptx(9144000, 6858000))
    (item / "validator.toml").write_text('ignore = ["SLD", "FIL"]\n', encoding="utf-8")
    assert discover_config([deck]).source is None
    assert _codes(deck) == ["SLD001"]
    (tmp_path / "validator.toml").write_text('ignore = ["SLD001"]\n', encoding="utf-8")
    assert discover_config([deck]).source == str(tmp_path / "validator.toml")
    assert _codes(deck) == []


def test_per_file_ignores(tmp_path: Path) -> None:
    item = _item(tmp_path)
    (tmp_path / "validator.toml").write_text(
        '[per-file-ignores]\n"*.pptx" = ["SLD003"]\n', encoding="utf-8")
    assert _codes(item) == ["FIL002", "SLD001"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selekt = ["SLD"]', 'unknown key "selekt"'),
        ('select = "SLD"', "expected a list"),
        ('fail-level = "fatal"', "unknown severity"),
        ("per-file-ignores = 3", "per-file-ignores must be a table"),
        ("[oops", "not valid TOML"),
    ],
)
def test_config_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "validator.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_config(path)
    assert str(path) in str(err.value) and message in str(err.value)


@pytest.mark.parametrize(
    ("select", "ignore", "code", "on"),
    [
        ((), (), "SLD001", True),
        (("SLD",), (), "FIL001", False),
        (("SLD",), ("SLD001",), "SLD001", False),
        (("SLD001",), ("SLD",), "SLD001", True),  # the longer prefix wins
        ((), ("FIL00",), "FIL003", False),
    ],
)
def test_select_ignore_prefixes(select: tuple[str, ...], ignore: tuple[str, ...], code: str,
                                on: bool) -> None:
    assert Settings(select=select, ignore=ignore).enabled(code) is on


def test_profile_named_in_config_relative_to_it(tmp_path: Path) -> None:
    from validator.settings.profile import resolve_profile_path

    text = resolve_profile_path("oskemen-2025").read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(text.replace("tolerance = 0.005", "tolerance = 0.5"),
                                        encoding="utf-8")
    (tmp_path / "validator.toml").write_text('profile = "mine.toml"\n', encoding="utf-8")
    (tmp_path / "item").mkdir()
    (tmp_path / "item" / "deck.pdf").write_bytes(build_pdf([(720, 540)]))
    assert _codes(tmp_path / "item" / "deck.pdf") == []
