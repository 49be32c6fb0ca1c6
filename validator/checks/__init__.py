"""The rule catalogue: every rule the toolkit knows, listed explicitly.

Adding a rule: write ``validator/checks/<slug>.py`` with a ``@rule`` check, list it here, give
it messages in ``validator/messages/<CODE>.toml`` (kk, ru, en) and a section in each profile
under ``rules/``. Meta-tests enforce all of that.
"""

from __future__ import annotations

from types import MappingProxyType

from validator.checks.archive_limit import archive_limit
from validator.checks.autofit import autofit_will_shrink
from validator.checks.base import Hit, Param, Params, Rule, rule
from validator.checks.font_size import min_font_size
from validator.checks.late_submission import late_submission
from validator.checks.presentation_size import presentation_file_size
from validator.checks.report_duration import report_duration
from validator.checks.required_material import missing_required_material
from validator.checks.restricted_marking import restricted_marking
from validator.checks.slide_aspect import slide_aspect_ratio
from validator.checks.unreadable import unreadable_file
from validator.checks.unresolved_revisions import unresolved_revisions
from validator.checks.unsupported import unsupported_format

ALL_RULES: tuple[Rule, ...] = (
    unreadable_file,
    unsupported_format,
    archive_limit,
    slide_aspect_ratio,
    presentation_file_size,
    report_duration,
    unresolved_revisions,
    restricted_marking,
    missing_required_material,
    late_submission,
    min_font_size,
    autofit_will_shrink,
)

RULES_BY_CODE = MappingProxyType({r.code: r for r in ALL_RULES})

__all__ = ["ALL_RULES", "RULES_BY_CODE", "Hit", "Param", "Params", "Rule", "rule"]
