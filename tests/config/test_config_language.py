"""A config file's errors are said in the language of ``--lang``: the person who wrote
``validator.toml`` and runs ``validator check --lang ru`` reads what is wrong, and where, in
Russian (or Kazakh); English stays as it was. Exit code 2 in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from validator.commands.main import main

ITEM = ROOT / "samples" / "compliant-item"

CASES = [
    ('[[waivers]]\nrule = "SLD001"\nfiles = "*"\n',
     {"ru": "исключение № 1: поле «reason» обязательно: укажите, почему правило не применяется",
      "kk": "№ 1 ерекшелік: «reason» өрісі міндетті: ереже неге қолданылмайтынын жазыңыз",
      "en": 'waiver 1: "reason" is required: say why the rule is waived'}),
    ('[[waivers]]\nrule = "SEC01"\nfiles = "*"\nreason = "agreed"\n',
     {"ru": "исключение № 1: «rule»: неизвестный код или префикс правила «SEC01»; возможно, "
            "имелся в виду SEC001? Список правил выводит validator rules",
      "kk": "№ 1 ерекшелік: «rule»: ереженің белгісіз коды немесе префиксі: «SEC01»; SEC001 "
            "дегіңіз келді ме? Ережелер тізімін validator rules шығарады",
      "en": "waiver 1: \"rule\": unknown rule code or prefix 'SEC01'; did you mean SEC001?"}),
    ('[[waivers]]\nrule = "SLD001"\nreason = "agreed"\n',
     {"ru": "исключение № 1: укажите ровно одно из полей: «files» (шаблон путей) или «sha256»",
      "kk": "№ 1 ерекшелік: өрістердің тек біреуін көрсетіңіз: «files» (жол үлгісі) немесе "
            "«sha256»",
      "en": 'waiver 1: give exactly one of "files" (a glob) or "sha256"'}),
    ('selekt = ["SLD"]\n',
     {"ru": "неизвестный ключ «selekt» (известные ключи: exclude, fail-level, ignore, "
            "per-file-ignores, profile, select, waivers)",
      "kk": "белгісіз кілт: «selekt» (белгілі кілттер: exclude, fail-level, ignore, "
            "per-file-ignores, profile, select, waivers)",
      "en": 'unknown key "selekt" (known: exclude, fail-level, ignore, per-file-ignores, '
            "profile, select, waivers)"}),
    ('fail-level = "fatal"\n',
     {"ru": "fail-level: неизвестный уровень «fatal»; допустимые значения: error, warning, info",
      "kk": "fail-level: белгісіз деңгей «fatal»; рұқсат етілген мәндер: error, warning, info",
      "en": "fail-level: unknown severity 'fatal' (expected one of: error, warning, info)"}),
    ('select = "SLD"\n',
     {"ru": 'select: нужен список кодов или префиксов правил, например ["SLD001", "SEC"]',
      "kk": 'select: ереже кодтарының немесе префикстерінің тізімі керек, мысалы ["SLD001", '
            '"SEC"]',
      "en": "select: expected a list of rule codes or prefixes"}),
    ('select = ["SLD"]\nignore = ["SEC" "FIL"]\n',
     {"ru": "ошибка синтаксиса TOML в строке 2, столбце 17; проверьте кавычки, скобки и знаки "
            "«=»",
      "kk": "TOML синтаксис қатесі: 2-жол, 17-баған; тырнақшаларды, жақшаларды және «=» "
            "белгілерін тексеріңіз",
      "en": "not valid TOML: Unclosed array (at line 2, column 17)"}),
]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize(("body", "said"), CASES)
def test_config_errors_in_the_language(tmp_path: Path, body: str, said: dict[str, str],
                                       lang: str) -> None:
    config = tmp_path / "validator.toml"
    config.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ITEM), "--config", str(config),
                                       "--lang", lang])
    assert result.exit_code == 2 and result.stdout == ""
    prefix = {"ru": "validator: ошибка: ", "kk": "validator: қате: ",
              "en": "validator: error: "}[lang]
    assert result.stderr == f"{prefix}{config}: {said[lang]}\n"


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "файл настроек нельзя прочитать: это папка, а не файл"),
    ("kk", "баптау файлын оқу мүмкін емес: бұл файл емес, папка"),
    ("en", "cannot read: Is a directory"),
])
def test_a_config_that_cannot_be_opened_says_why_in_the_language(tmp_path: Path, lang: str,
                                                                said: str) -> None:
    from validator.core.errors import WordedError
    from validator.settings.options import read_config

    folder = tmp_path / "validator.toml"
    folder.mkdir()
    with pytest.raises(WordedError) as info:
        read_config(folder)
    assert info.value.said(lang) == f"{folder}: {said}"


def test_a_config_found_above_the_package_speaks_the_language(tmp_path: Path) -> None:
    """The config the search finds (not only ``--config``) is judged in the language too."""
    import shutil

    shutil.copytree(ITEM, tmp_path / "item")
    (tmp_path / "validator.toml").write_text('exclude = "drafts"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "item"), "--lang", "ru"])
    assert result.exit_code == 2
    assert result.stderr == (f"validator: ошибка: {tmp_path / 'validator.toml'}: exclude "
                             "должен быть списком шаблонов путей\n")


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "validator: ошибка: SOURCE_DATE_EPOCH должна быть целым числом секунд с 1970-01-01 "
           "UTC, а не «abc»"),
    ("kk", "validator: қате: SOURCE_DATE_EPOCH 1970-01-01 UTC-тен бергі секундтардың бүтін "
           "саны болуы керек, «abc» емес"),
    ("en", "validator: error: SOURCE_DATE_EPOCH must be a whole number of seconds since "
           "1970-01-01 UTC, not 'abc'"),
])
def test_a_bad_source_date_epoch_in_the_language(lang: str, said: str) -> None:
    result = CliRunner().invoke(main, ["check", str(ITEM), "--lang", lang],
                                env={"SOURCE_DATE_EPOCH": "abc"})
    assert result.exit_code == 2 and result.stderr == said + "\n"


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "папка кэша {cache} находится внутри проверяемой папки {root}, а проверяемые файлы "
           "не изменяются; укажите в --cache-dir другую папку"),
    ("kk", "{cache} кэш папкасы тексерілетін {root} папкасының ішінде, ал тексерілетін файлдар "
           "өзгертілмейді; --cache-dir параметрінде басқа папканы көрсетіңіз"),
])
def test_a_cache_inside_the_checked_folder_in_the_language(tmp_path: Path, lang: str,
                                                         said: str) -> None:
    import shutil

    root = tmp_path / "meeting"
    shutil.copytree(ITEM, root / "item")
    cache = root / "cache"
    result = CliRunner().invoke(main, ["check", str(root), "--cache-dir", str(cache),
                                       "--lang", lang], env={"VALIDATOR_NO_CACHE": None})
    assert result.exit_code == 2
    assert result.stderr.endswith(said.format(cache=cache.resolve(), root=root.resolve())
                                  + "\n")
    assert not cache.exists()  # nothing written inside the input


def test_git_that_cannot_run_is_said_in_the_language(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.commands.hook import git
    from validator.core.errors import WordedError

    monkeypatch.setenv("PATH", str(tmp_path))  # no git there
    with pytest.raises(WordedError) as info:
        git(tmp_path, "status")
    assert info.value.said("ru") == ("не удаётся запустить git: установите git или проверьте, "
                                     "что он доступен в PATH")
    assert str(info.value).startswith("cannot run git: ")
