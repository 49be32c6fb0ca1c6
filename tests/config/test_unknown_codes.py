"""Refuse what is not understood: a rule code or prefix the toolkit does not know, in any
place a config file names codes (select, ignore, per-file-ignores, waivers), is a usage error
(exit 2) naming the closest known code, never a silent "nothing selected, accept"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import build_pptx
from validator.commands.main import main
from validator.core.errors import ConfigError
from validator.settings.options import read_config

PLACES = [
    ('select = ["FIL", "SDL"]\n', "select: unknown rule code or prefix 'SDL'; did you mean SLD?"),
    ('ignore = ["LGN003"]\n', "ignore: unknown rule code or prefix 'LGN003'; did you mean LNG003?"),
    ('[per-file-ignores]\n"*.pptx" = ["SLD001", "SLD9"]\n',
     "per-file-ignores.*.pptx: unknown rule code or prefix 'SLD9'; did you mean SLD005?"),
    ('[[waivers]]\nrule = "SEC01"\nfiles = "*"\nreason = "agreed"\n',
     "waiver 1: \"rule\": unknown rule code or prefix 'SEC01'; did you mean SEC001?"),
    ('select = ["QQQ"]\n', "known families: DOC, FIL, LNG, PKG, SEC, SLD"),
]


@pytest.mark.parametrize(("body", "message"), PLACES)
def test_unknown_code_in_config_is_a_config_error(tmp_path: Path, body: str,
                                                  message: str) -> None:
    path = tmp_path / "validator.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_config(path)
    assert message in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize(("body", "message"), PLACES)
def test_unknown_code_in_a_found_config_exits_2(tmp_path: Path, body: str,
                                                message: str) -> None:
    (tmp_path / "validator.toml").write_text(body, encoding="utf-8")
    deck = tmp_path / "item" / "deck.pptx"
    deck.parent.mkdir()
    deck.write_bytes(build_pptx(9144000, 6858000))
    result = CliRunner().invoke(main, ["check", str(deck.parent)])
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


def test_known_codes_and_prefixes_pass_and_one_typo_beside_them_does_not(
        tmp_path: Path) -> None:
    path = tmp_path / "validator.toml"
    body = ('select = ["FIL", "SLD", "lng001"]\nignore = ["SLD00"]\n'
            '[per-file-ignores]\n"*.pptx" = ["SEC", "PKG002"]\n'
            '[[waivers]]\nrule = "doc"\nfiles = "*"\nreason = "agreed"\n')
    path.write_text(body.replace('"PKG002"', '"PKG002", "PGK"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="'PGK'; did you mean PKG"):
        read_config(path)
    path.write_text(body, encoding="utf-8")
    settings = read_config(path)
    assert settings is not None
    assert settings.select == ("FIL", "SLD", "LNG001") and settings.ignore == ("SLD00",)
    assert settings.per_file_ignores == (("*.pptx", ("SEC", "PKG002")),)
    assert [w.rule for w in settings.waivers] == ["DOC"]


def _deck(tmp_path: Path) -> Path:
    deck = tmp_path / "item" / "deck.pptx"
    deck.parent.mkdir()
    deck.write_bytes(build_pptx(9144000, 6858000))
    return deck


@pytest.mark.parametrize("args", [["--select", ""], ["--select", ","], ["--select", " , "]])
def test_a_selection_of_no_code_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    """An empty ``--select`` (a CI variable left unset) would otherwise select every rule
    without a word: it is a usage error (exit 2) that says what to give, in the CLI's
    language."""
    deck = _deck(tmp_path)
    result = CliRunner().invoke(main, ["check", str(deck), *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--select: no rule code given" in result.stderr
    kazakh = CliRunner().invoke(main, ["--lang", "kk", "check", str(deck), *args])
    assert kazakh.exit_code == 2
    assert "--select: ереже коды көрсетілмеген" in kazakh.stderr


def test_an_empty_select_in_a_config_file_is_a_config_error(tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    (tmp_path / "validator.toml").write_text("select = []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(deck.parent)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "validator.toml: select: no rule code given" in result.stderr
    # An empty ignore list ignores nothing: that is no guess.
    (tmp_path / "validator.toml").write_text("ignore = []\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(deck.parent)]).exit_code != 2
