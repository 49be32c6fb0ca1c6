"""Rule codes the user names (``--select``, ``ignore``, waivers): known codes and prefixes pass,
anything else is a usage error that names the closest known code or family."""

from __future__ import annotations

from collections.abc import Sequence

from validator.core.errors import Said, WordedError


def known_codes() -> tuple[str, ...]:
    """Every rule code the toolkit knows, sorted."""
    from validator.checks import RULES_BY_CODE

    return tuple(sorted(RULES_BY_CODE))


def check_code(code: str, where: str | Said) -> str:
    """``code`` when it is a known rule code or a prefix of one; otherwise a usage error that
    names the closest known code or family (``SDL`` -> did you mean SLD?)."""
    known = known_codes()
    if code and any(k.startswith(code) for k in known):
        return code
    import difflib

    families = sorted({k[:3] for k in known})
    pool = list(known) if len(code) > 3 else [*families, *known]
    close = difflib.get_close_matches(code, pool, n=1, cutoff=0.5)
    if close:
        raise WordedError("usage.unknown_code.close", where=where, code=code, close=close[0])
    raise WordedError("usage.unknown_code.families", where=where, code=code,
                      families=", ".join(families))


def check_codes(codes: Sequence[str], where: str | Said) -> tuple[str, ...]:
    """Every code of ``codes`` checked by ``check_code``."""
    return tuple(check_code(c, where) for c in codes)


def check_selection(codes: Sequence[str], where: str | Said) -> tuple[str, ...]:
    """A selection (``--select``, a config's ``select``): at least one code, each checked by
    ``check_code``. An empty one (``--select ''``, ``select = []``) is a usage error: no
    selection means every rule, and an empty value (a CI variable left unset) must not
    silently mean that, nor "no rule"."""
    if not codes:
        raise WordedError("usage.no_codes", where=where)
    return check_codes(codes, where)
