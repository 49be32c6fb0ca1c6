"""Profiles load once and fail loudly: the error names the file, the rule and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.checks import ALL_RULES
from validator.core.errors import ConfigError
from validator.core.findings import Severity
from validator.settings.profile import load_profile, resolve_profile_path, shipped_profiles

SHIPPED = resolve_profile_path("oskemen-2025")


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_profiles_load_and_cover_every_rule() -> None:
    paths = shipped_profiles()
    assert [p.stem for p in paths] == ["oskemen-2025"]
    profile = load_profile(paths[0])
    assert profile.id == "oskemen-2025" and profile.decree == "No. 3904"
    assert set(profile.title) == {"kk", "ru", "en"}
    assert {r.code for r in ALL_RULES} == set(profile.rules)
    assert profile.rules["SLD001"].params["tolerance"] == 0.005
    assert profile.rules["SLD003"].params["bytes_per_unit"] == 1048576
    assert profile.rules["SLD001"].severity is Severity.ERROR


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("tolerance = 0.005", "tolerance = 0.005\ntolerence = 1", 'rule SLD001: '
                     'unknown option "tolerence"', id="unknown-key"),
        pytest.param("tolerance = 0.005", 'tolerance = "small"', 'rule SLD001: option '
                     '"tolerance": expected float', id="wrong-type"),
        pytest.param("max_size = 10", "", 'rule SLD003: missing parameter "max_size"',
                     id="missing-param"),
        pytest.param('[rules.SLD001]', '[rules.SLD999]', 'unknown rule "SLD999"',
                     id="unknown-rule"),
        pytest.param('clause = "15.3"\nseverity = "error"\nratio_width',
                     'clause = "99"\nseverity = "error"\nratio_width',
                     'clause "99" is not quoted', id="unquoted-clause"),
        pytest.param('clause = "15.3"\nseverity = "error"\nratio_width',
                     'clause = "15.3"\nseverity = "fatal"\nratio_width',
                     "unknown severity 'fatal'", id="bad-severity"),
        pytest.param('id = "oskemen-2025"', 'id = ""', '"id" must be a non-empty string',
                     id="empty-id"),
        pytest.param('en = "Regulation of the Oskemen city akimat"', "",
                     "exactly kk, ru and en", id="missing-title-language"),
    ],
)
def test_profile_errors_are_precise(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = _variant(tmp_path, old, new)
    with pytest.raises(ConfigError) as err:
        load_profile(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[profile\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_profile(path)


def test_unknown_profile_name_lists_shipped() -> None:
    with pytest.raises(ConfigError, match="oskemen-2025"):
        resolve_profile_path("almaty-2030")


def test_rules_not_listed_are_off(tmp_path: Path) -> None:
    from tests.conftest import build_pptx, run

    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("[rules.SLD001]")
    end = text.index("[rules.SLD003]")
    path = tmp_path / "no-sld001.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx(9144000, 6858000))
    assert [f.code for f in run(deck, profile=load_profile(path)).all_findings()] == []
    assert [f.code for f in run(deck).all_findings()] == ["SLD001"]
