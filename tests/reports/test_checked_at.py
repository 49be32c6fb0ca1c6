"""Every report states when its check ran (Kazakhstan time), the toolkit's version and the
profile's id and version; ``SOURCE_DATE_EPOCH`` fixes the time."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from tests.reports.sample import sample_report
from validator.core.clock import check_time
from validator.core.errors import ConfigError
from validator.reports import html, junit, markdown, sarif, text
from validator.reports import json as json_report

KZ = dt.timezone(dt.timedelta(hours=5))
#: 2026-03-02 04:00:05 UTC = 09:00:05 in Kazakhstan.
MOMENT = dt.datetime(2026, 3, 2, 4, 0, 5, tzinfo=dt.UTC)
LINES = {
    "en": "Checked at 2026-03-02 09:00:05 (Kazakhstan time); validator 0.1.0; "
          "profile oskemen-2025 (2025-12-09)",
    "ru": "Время проверки: 2026-03-02 09:00:05 (время Казахстана); validator 0.1.0; "
          "профиль oskemen-2025 (2025-12-09)",
    "kk": "Тексеру уақыты: 2026-03-02 09:00:05 (Қазақстан уақыты); validator 0.1.0; "
          "профиль oskemen-2025 (2025-12-09)",
}


def test_source_date_epoch_fixes_the_time_in_kazakhstan() -> None:
    assert check_time({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, 5, tzinfo=KZ)
    moment = check_time({"SOURCE_DATE_EPOCH": "1772424005"})
    assert moment.isoformat() == "2026-03-02T09:00:05+05:00"


def test_without_source_date_epoch_it_is_now_in_kazakhstan() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    moment = check_time({})
    assert moment.utcoffset() == dt.timedelta(hours=5) and moment.microsecond == 0
    assert before <= moment <= dt.datetime.now(dt.UTC)


@pytest.mark.parametrize("value", ["yesterday", "1.5", "9" * 30])
def test_a_malformed_source_date_epoch_is_a_configuration_error(value: str) -> None:
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        check_time({"SOURCE_DATE_EPOCH": value})


def test_the_command_line_refuses_a_malformed_source_date_epoch(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tests.conftest import ROOT
    from validator.commands.main import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = CliRunner().invoke(main, ["check", "--no-cache",
                                       str(ROOT / "samples" / "compliant-item")])
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.output


def test_a_malformed_source_date_epoch_starts_no_process() -> None:
    """Refused before the reader processes' server starts: that server keeps the environment
    it started with, and every later check of the same process would inherit the bad value."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import os, sys\n"
        "from click.testing import CliRunner\n"
        "from tests.gate.procs import children\n"
        "from validator.commands.main import main\n"
        "r = CliRunner().invoke(main, ['check', '--no-cache', sys.argv[1]])\n"
        "print(r.exit_code, len(children(os.getpid())))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "samples" / "compliant-item")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "soon", "PYTHONPATH": str(ROOT)})
    assert done.stdout.split() == ["2", "0"], done.stderr


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_text_markdown_and_html_state_it_in_each_language(lang: str) -> None:
    report = replace(sample_report(), checked_at=MOMENT)
    assert text.render(report, lang).splitlines()[-1] == LINES[lang]
    assert markdown.render(report, lang).splitlines()[-1] == LINES[lang]
    page = html.render(report, lang)
    assert f'<time datetime="2026-03-02T09:00:05+05:00">{LINES[lang]}</time>' in page


def test_json_sarif_and_junit_carry_it_in_their_own_fields() -> None:
    report = replace(sample_report(), checked_at=MOMENT)
    assert json.loads(json_report.render(report, "kk"))["checked_at"] == \
        "2026-03-02T09:00:05+05:00"
    log = json.loads(sarif.render(report, "en"))
    assert log["runs"][0]["invocations"][0]["startTimeUtc"] == "2026-03-02T04:00:05Z"
    suites = ET.fromstring(junit.render(report, "en")).findall("testsuite")
    assert len(suites) == 2
    assert {s.get("timestamp") for s in suites} == {"2026-03-02T04:00:05"}


def test_a_report_not_made_by_a_check_run_says_so_without_a_time() -> None:
    report = sample_report()
    assert report.checked_at is None
    assert text.render(report, "en").splitlines()[-1] == \
        "validator 0.1.0; profile oskemen-2025 (2025-12-09)"
    assert json.loads(json_report.render(report, "en"))["checked_at"] is None
    assert "startTimeUtc" not in sarif.render(report, "en")
    assert "timestamp" not in junit.render(report, "en")
    assert "<time" not in html.render(report, "en")
