"""Active content of an OOXML file: what makes Office run something or fetch something from
outside the file, beyond relationships marked External (those are read by SEC004 directly).

Each finding is an ``Active``: the SEC004 case (its severity is the profile's), the catalogue
message key, the part it is in (and the shape on a slide that carries it), the target (a path,
URL, command or connection, never fetched or run) and technical evidence. What is looked for,
and what is not, is listed in docs/ACTIVE_CONTENT.md. WordprocessingML: fields
(``fields.py``), altChunk imports (``chunks.py``), mail merge data sources. SpreadsheetML:
``sheets.py``. PresentationML: the slide show's actions that run a program, a macro or an OLE
verb. All formats: hyperlinks to programs (found on the relationships), Office add-ins (web
extensions).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import unquote

from lxml import etree

from validator.formats.active_places import Shape, shape_of
from validator.formats.fields import NESTED, Field, fields_in
from validator.formats.ooxml import NS, OoxmlPackage

_MAX_TARGET = 200
W = NS["w"]
A = NS["a"]
R = NS["r"]


@dataclass(frozen=True, slots=True)
class Active:
    """One piece of active content found in a file."""

    case: str
    message: str
    part: str
    target: str
    evidence: str
    what: str = ""  # the mechanism in the message: a field keyword, a function, a format
    what_key: str = ""  # or a SEC004 catalogue key naming it in each language
    shape: Shape | None = None  # the shape on a slide that carries it
    label: str = ""  # the target as people know it, when ``target`` is technical
    name: str = ""  # the name the file gives it (a data connection's), to tell apart


def shown(text: str) -> str:
    """A target as reports show it: printable, at most 200 characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text).strip()
    return clean if len(clean) <= _MAX_TARGET else clean[:_MAX_TARGET] + "..."


# -- WordprocessingML fields -----------------------------------------------------------------

#: Field keyword -> (case, message key). INCLUDE is the old name of INCLUDETEXT; IMPORT the
#: old form of INCLUDEPICTURE.
FIELD_CASES: dict[str, tuple[str, str]] = {
    "DDE": ("dde", "dde-field"),
    "DDEAUTO": ("dde", "dde-field"),
    "INCLUDEPICTURE": ("include-field", "include-field"),
    "INCLUDETEXT": ("include-field", "include-field"),
    "INCLUDE": ("include-field", "include-field"),
    "IMPORT": ("include-field", "include-field"),
    "LINK": ("link-field", "link-field"),
    "DATABASE": ("data-connection", "data-field"),
}
#: Parts that hold no fields (styles, settings, fonts, numbering, theme).
_NO_FIELDS = ("styles", "settings", "fontTable", "numbering", "theme", "webSettings",
              "people", "commentsIds", "commentsExtensible")


def field_target(field: Field) -> str:
    """What a field reaches: the file, URL, program or data source it names."""
    if field.keyword == "LINK":
        return field.args[1] if len(field.args) > 1 else " ".join(field.args)
    if field.keyword == "DATABASE":
        return field.switch("d") or field.switch("c") or " ".join(field.args)
    if field.keyword in ("DDE", "DDEAUTO"):
        return " ".join(field.args)
    return field.args[0] if field.args else ""


def _word_parts(pkg: OoxmlPackage) -> list[str]:
    out = []
    for name, ctype in sorted(pkg.content_types.items()):
        if ("wordprocessingml" in ctype or "ms-word" in ctype) and ctype.endswith("+xml") \
                and not any(f".{kind}+" in ctype for kind in _NO_FIELDS):
            out.append(name)
    return out


def word_fields(pkg: OoxmlPackage) -> Iterator[Active]:
    """Fields that run a program or load content from outside the file, in every part that
    can hold fields (body, headers, footers, notes, comments, glossary)."""
    for part in _word_parts(pkg):
        if b"instr" not in pkg.read(part):
            continue
        for field in fields_in(pkg.xml(part)):
            found = FIELD_CASES.get(field.keyword)
            if found is None:
                continue
            target = field_target(field)
            if not target and field.keyword != "DDE" and NESTED not in field.instruction:
                continue  # a field with no file name reaches nothing
            case, message = found
            kind = "simple field (w:fldSimple)" if field.simple else "field code (w:instrText)"
            shown_target = shown(target or NESTED)
            yield Active(case, message, part, shown_target,
                         f"{kind} in /{part}: {shown(field.instruction)!r} (not updated or run)",
                         what=field.keyword)


# -- WordprocessingML: mail merge --------------------------------------------------------------

def mail_merge(pkg: OoxmlPackage) -> Iterator[Active]:
    """A mail-merge main document: Word connects to its data source and runs its query when
    the document opens (after a prompt)."""
    for name, ctype in pkg.content_types.items():
        if not ctype.endswith("wordprocessingml.settings+xml"):
            continue
        root = pkg.xml(name)
        merge = root.find(f"{{{W}}}mailMerge")
        if merge is None:
            continue
        values = {child.tag.split("}")[-1]: child.get(f"{{{W}}}val", "") for child in merge}
        source = ""
        ds = merge.find(f"{{{W}}}dataSource")
        if ds is not None:
            rel = pkg.rel_target(name, ds.get(f"{{{R}}}id", ""))
            source = rel.target if rel is not None else ""
        target = source or values.get("connectString", "") or values.get("query", "")
        if not (target or values.get("query")):
            continue
        yield Active("refresh-on-open", "mail-merge", name, shown(target or "?"),
                     f"w:mailMerge in /{name}: dataType={values.get('dataType', '')!r} "
                     f"query={shown(values.get('query', ''))!r} "
                     f"connectString={shown(values.get('connectString', ''))!r} "
                     f"dataSource={shown(source)!r} (not connected)")


# -- slide show actions (PresentationML parts) ----------------------------------------------

#: Extensions of programs and scripts that a link to a local or shared file should not open.
EXECUTABLE = frozenset((
    "exe", "com", "scr", "pif", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf",
    "wsh", "hta", "msi", "msp", "cpl", "jar", "lnk", "reg", "dll", "application",
    "appref-ms", "gadget", "inf", "sct", "url", "library-ms", "settingcontent-ms"))
_ACTIONS = ("ppaction://program", "ppaction://macro", "ppaction://ole")
#: A URL scheme other than file: (web pages, mail, ...): the browser or mail program opens it.
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+:(?!\\)", re.IGNORECASE)


def executable_target(target: str) -> bool:
    """Whether a link's target is a local or shared file that is a program or script
    (``C:\\x\\run.bat``, ``\\\\host\\share\\setup.exe``, ``file:///...calc.exe``,
    a relative ``tools/run.cmd``). Web and mail addresses are left to the hyperlink note: what
    they return is decided by a server, and a browser asks before running a download."""
    text = target.strip()
    if text.lower().startswith("file:"):
        text = text[5:]
    elif _OTHER_SCHEME.match(text) and not re.match(r"^[a-z]:[\\/]", text, re.IGNORECASE):
        return False
    path = re.split(r"[?#]", text, maxsplit=1)[0].rstrip(" .")
    name = re.split(r"[\\/]", path)[-1]
    return "." in name and name.rsplit(".", 1)[-1].lower() in EXECUTABLE


def actions(pkg: OoxmlPackage) -> Iterator[Active]:
    """``a:hlinkClick``/``a:hlinkMouseOver`` actions that run a program, a macro or an OLE
    object's verb (PowerPoint's action settings). Hyperlinks whose target is a program are
    found on the relationships (``executable_target``).

    One shape that runs the same thing from several settings (the shape and its text, on click
    and on pointing) is one finding, whose evidence lists each setting: a person removes them
    together from the one shape the report names."""
    for part, ctype in sorted(pkg.content_types.items()):
        if "presentationml" not in ctype or not ctype.endswith("+xml"):
            continue  # only a slide show runs actions (slides, layouts, masters, notes)
        data = pkg.read(part)
        if b"ppaction://" not in data:
            continue
        merged: dict[tuple[object, ...], Active] = {}
        for el in pkg.xml(part).iter(f"{{{A}}}hlinkClick", f"{{{A}}}hlinkMouseOver",
                                     f"{{{A}}}hlinkHover"):
            for found in _action(pkg, part, el):
                key = (found.shape, found.what, found.target)
                first = merged.get(key)
                merged[key] = found if first is None else replace(
                    first, evidence=f"{first.evidence}; {found.evidence}")
        yield from merged.values()


def _action(pkg: OoxmlPackage, part: str, el: etree._Element) -> Iterator[Active]:
    how = "pointed at" if not el.tag.endswith("hlinkClick") else "clicked"
    action = el.get("action", "")
    rel = pkg.rel_target(part, el.get(f"{{{R}}}id", "")) if el.get(f"{{{R}}}id") else None
    target = rel.target if rel is not None else ""
    tag = el.tag.split("}")[-1]
    if action.lower().startswith(_ACTIONS):
        what = action.split("?", 1)[0].rsplit("/", 1)[-1].lower()
        shown_target = shown(target or action)
        shape = shape_of(el)
        named = f", shape {shape.name!r} (id {shape.id})" if shape is not None else ""
        yield Active("program-action", "action", part, shown_target,
                     f"a:{tag} action={action!r} in /{part}{named}, target {shown(target)!r} "
                     f"(runs when {how}; not run)", what=what, what_key=f"action-{what}",
                     shape=shape, label="" if target else _macro_name(action))


def _macro_name(action: str) -> str:
    """The macro a ``ppaction://macro?name=...`` action runs (empty for other actions)."""
    if not action.lower().startswith("ppaction://macro?"):
        return ""
    for pair in action.split("?", 1)[1].split("&"):
        key, _, value = pair.partition("=")
        if key.lower() == "name" and value:
            return shown(unquote(value))
    return ""


# -- Office add-ins --------------------------------------------------------------------------

def add_ins(pkg: OoxmlPackage) -> Iterator[Active]:
    """Web extensions (Office add-ins) the file asks Office to load when it opens."""
    for part, ctype in sorted(pkg.content_types.items()):
        if not ctype.endswith("webextension+xml"):
            continue
        root = pkg.xml(part)
        ref = next((el for el in root.iter() if el.tag.endswith("}reference")), None)
        if ref is None:
            continue
        target = f"{ref.get('store', '')} {ref.get('id', '')}".strip()
        yield Active("add-in", "add-in", part, shown(target),
                     f"web extension /{part}: reference id={ref.get('id', '')!r} "
                     f"store={ref.get('store', '')!r} storeType={ref.get('storeType', '')!r} "
                     f"version={ref.get('version', '')!r} (not loaded)",
                     what=posixpath.basename(part))
