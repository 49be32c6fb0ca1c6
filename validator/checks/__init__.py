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
from validator.checks.colour import colour_slides
from validator.checks.embedded_objects import embedded_objects
from validator.checks.encrypted import encrypted
from validator.checks.external_content import external_content
from validator.checks.font_size import min_font_size
from validator.checks.language_mismatch import language_mismatch
from validator.checks.late_submission import late_submission
from validator.checks.macros import macros
from validator.checks.missing_language import missing_language_version
from validator.checks.mixed_script import mixed_script_word
from validator.checks.page_limit import reference_page_limit
from validator.checks.pair_parity import pair_parity
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
    min_font_size,
    colour_slides,
    autofit_will_shrink,
    missing_language_version,
    language_mismatch,
    pair_parity,
    mixed_script_word,
    reference_page_limit,
    macros,
    encrypted,
    external_content,
    embedded_objects,
    report_duration,
    unresolved_revisions,
    restricted_marking,
    missing_required_material,
    late_submission,
)

RULES_BY_CODE = MappingProxyType({r.code: r for r in ALL_RULES})

__all__ = ["ALL_RULES", "RULES_BY_CODE", "Hit", "Param", "Params", "Rule", "rule"]
