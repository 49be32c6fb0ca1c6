"""UNO bridge to one headless LibreOffice, run by the system Python (``/usr/bin/python3``).

The project's virtual environment cannot import ``uno`` (Debian's python3-uno belongs to the
system interpreter), so the toolkit starts this file as a separate process. It starts one
``soffice --headless`` listening on a private local socket (a UNO "pipe"), then serves
requests, one JSON object per line on stdin, answering one JSON object per line on stdout:

    {"op": "count", "path": "/abs/file.docx"}
        -> {"ok": true, "pages": 6, "fill": 0.12, "body_mm": 247.0}
        -> {"ok": false, "error": "..."}
        -> {"ok": false, "error": "...", "fatal": true}  (LibreOffice crashed; the bridge exits)
    {"op": "convert", "path": "/abs/file.ppt", "out": "/abs/dir/file.pptx"}
        -> {"ok": true}  (the file saved as the OOXML format ``out``'s extension names)
    {"op": "quit"}  (or end of input): close LibreOffice and exit.

Each input is copied into the bridge's private directory and opened hidden, read-only, with
macros never executed and links never updated, so the original file is never touched. The
page count is asked from the layout (the controller's PageCount), which forces a full layout;
the document statistics are not used because they keep whatever the file claimed.

This module must stay importable by a plain Python 3 without the project installed: it uses
only the standard library and ``uno``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

HUNDREDTH_MM_PER_PT = 35.278
# The import filter is fixed by the extension, so that a damaged file fails to load instead
# of being opened as plain text.
FILTERS = {
    ".docx": "MS Word 2007 XML",
    ".docm": "MS Word 2007 XML VBA",
    ".dotx": "MS Word 2007 XML Template",
    ".dotm": "MS Word 2007 XML Template",
    ".doc": "MS Word 97",
    ".dot": "MS Word 97 Vorlage",
    ".rtf": "Rich Text Format",
    ".odt": "writer8",
    ".ppt": "MS PowerPoint 97",
    ".pps": "MS PowerPoint 97 AutoPlay",
    ".pot": "MS PowerPoint 97 Vorlage",
    ".pptx": "Impress MS PowerPoint 2007 XML",
    ".odp": "impress8",
    ".xls": "MS Excel 97",
    ".xlt": "MS Excel 97 Vorlage/Template",
    ".ods": "calc8",
    ".xlsx": "Calc MS Excel 2007 XML",
}
#: Older binary formats under the same extension, tried in turn when the first filter cannot
#: open a file (Word 6/95 documents, Excel 5/95 workbooks); each refuses what it cannot read.
ALTERNATE_FILTERS = {
    ".doc": ("MS Word 95", "MS WinWord 6.0"),
    ".dot": ("MS Word 95 Vorlage",),
    ".xls": ("MS Excel 95", "MS Excel 5.0/95"),
    ".xlt": ("MS Excel 95 Vorlage/Template", "MS Excel 5.0/95 Vorlage/Template"),
}
#: Export filters of the conversion to OOXML, by the extension asked for.
EXPORT_FILTERS = {
    ".docx": "MS Word 2007 XML",
    ".docm": "MS Word 2007 XML VBA",
    ".pptx": "Impress MS PowerPoint 2007 XML",
    ".pptm": "Impress MS PowerPoint 2007 XML VBA",
    ".xlsx": "Calc MS Excel 2007 XML",
    ".xlsm": "Calc MS Excel 2007 VBA XML",
}


# Profile settings for every soffice the toolkit starts: links in documents are blocked and
# any HTTP(S) access goes to a closed local port (nothing is fetched from the network),
# macros stay at the highest security level, and no lock files are written.
PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""
PROFILE_SETTINGS = (
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
)


def write_profile(profile_dir: str) -> None:
    """Create a LibreOffice user profile holding the restrictive settings above."""
    user = os.path.join(profile_dir, "user")
    os.makedirs(user, exist_ok=True)
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>"
        for path, name, value in PROFILE_SETTINGS
    )
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
        fh.write(PROFILE_XCU.format(items=items))


def _props(**kwargs: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    out = []
    for name, value in kwargs.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


class Bridge:
    """One soffice process and the UNO connection to it."""

    def __init__(self, soffice: str, start_timeout: float, workdir: str | None = None,
                 pipe: str | None = None) -> None:
        import uno  # type: ignore[import-not-found]

        # The caller may own the directory (and remove it even if this process is killed).
        self.owns_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="validator-lo-")
        # the caller names the pipe when it may have to remove its socket after a kill
        pipe = pipe or "validator_" + os.path.basename(self.workdir).replace("-", "_")
        write_profile(os.path.join(self.workdir, "profile"))
        profile = "file://" + os.path.join(self.workdir, "profile")
        self.proc = subprocess.Popen(
            [
                soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault",
                "--nologo", "--nofirststartwizard", "--norestore", "--nolockcheck",
                "-env:UserInstallation=" + profile,
                "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.proc.kill()
                    self.proc.wait()
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.1)
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        self.counter = 0

    def _load(self, local_copy: str, ext: str, alternates: bool = False) -> Any:
        """Open a copy hidden and read-only: macros never run (MacroExecutionMode 0,
        NEVER_EXECUTE), links never updated, no repair of a broken package. With
        ``alternates``, the older formats of the extension are tried after the first."""
        import uno

        filters: tuple[str | None, ...] = (FILTERS.get(ext),)
        if alternates:
            filters += ALTERNATE_FILTERS.get(ext, ())
        doc = None
        for name in filters:
            options: dict[str, Any] = {"Hidden": True, "ReadOnly": True,
                                       "MacroExecutionMode": 0, "UpdateDocMode": 0,
                                       "RepairPackage": False, "Silent": True}
            if name is not None:
                options["FilterName"] = name
            try:
                doc = self.desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(local_copy), "_blank", 0, _props(**options))
            except Exception as exc:
                if name == filters[-1] or "disposed" in str(exc).lower():
                    raise
                doc = None
            if doc is not None:
                return doc
        return doc

    def convert(self, path: str, out: str) -> dict[str, Any]:
        """Save a legacy or open document as the OOXML format ``out`` names."""
        import uno

        self.counter += 1
        ext = os.path.splitext(path)[1].lower()
        target = os.path.splitext(out)[1].lower()
        if target not in EXPORT_FILTERS:
            return {"ok": False, "error": f"no conversion to {target}"}
        local_copy = os.path.join(self.workdir, f"in{self.counter}{ext}")
        shutil.copyfile(path, local_copy)
        doc = None
        try:
            doc = self._load(local_copy, ext, alternates=True)
            if doc is None:
                return {"ok": False, "error": "LibreOffice could not open the file"}
            doc.storeToURL(uno.systemPathToFileUrl(out),
                           _props(FilterName=EXPORT_FILTERS[target], Overwrite=True))
            return {"ok": True}
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    doc.dispose()
            os.unlink(local_copy)

    def count(self, path: str) -> dict[str, Any]:
        self.counter += 1
        ext = os.path.splitext(path)[1].lower()
        local_copy = os.path.join(self.workdir, f"in{self.counter}{ext}")
        shutil.copyfile(path, local_copy)
        doc = None
        try:
            doc = self._load(local_copy, ext)
            if doc is None:
                return {"ok": False, "error": "LibreOffice could not open the file"}
            controller = doc.getCurrentController()
            pages = int(controller.getPropertyValue("PageCount"))
            fill, body = self._last_page_fill(doc, controller)
            return {"ok": True, "pages": pages, "fill": fill, "body_mm": body}
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    doc.dispose()
            os.unlink(local_copy)

    @staticmethod
    def _last_page_fill(doc: Any, controller: Any) -> tuple[float | None, float | None]:
        """Share of the last page's body height used by text (None when unknown)."""
        try:
            cursor = controller.getViewCursor()
            cursor.jumpToLastPage()
            cursor.jumpToStartOfPage()
            top = cursor.getPosition().Y
            style_name = cursor.PageStyleName
            cursor.gotoEnd(False)
            end = cursor.getPosition().Y
            line = float(cursor.CharHeight) * 1.15 * HUNDREDTH_MM_PER_PT
            style = doc.getStyleFamilies().getByName("PageStyles").getByName(style_name)
            body = float(style.Height - style.TopMargin - style.BottomMargin)
            if style.HeaderIsOn:
                body -= float(style.HeaderHeight)
            if style.FooterIsOn:
                body -= float(style.FooterHeight)
            if body <= 0:
                return None, None
            fill = (end - top + line) / body
            return max(0.0, min(1.0, fill)), body / 100.0
        except Exception:
            return None, None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def main() -> int:
    soffice = sys.argv[1] if len(sys.argv) > 1 else "soffice"
    start_timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    workdir = sys.argv[3] if len(sys.argv) > 3 else None
    pipe = sys.argv[4] if len(sys.argv) > 4 else None
    out = sys.stdout
    try:
        bridge = Bridge(soffice, start_timeout, workdir, pipe)
    except Exception as exc:
        out.write(json.dumps({"ok": False, "error": f"start: {exc}"}) + "\n")
        out.flush()
        return 1
    out.write(json.dumps({"ok": True, "ready": True}) + "\n")
    out.flush()
    try:
        for line in sys.stdin:
            try:
                request = json.loads(line)
            except ValueError:
                reply: dict[str, Any] = {"ok": False, "error": "bad request"}
            else:
                if request.get("op") == "quit":
                    break
                try:
                    if request.get("op") == "convert":
                        reply = bridge.convert(str(request["path"]), str(request["out"]))
                    else:
                        reply = bridge.count(str(request["path"]))
                except Exception as exc:
                    reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
                    # A crashed soffice disposes the bridge: say so and exit, so the caller
                    # starts a fresh process for the next document.
                    if bridge.proc.poll() is not None or "disposed" in str(exc).lower():
                        reply["fatal"] = True
            out.write(json.dumps(reply) + "\n")
            out.flush()
            if reply.get("fatal"):
                break
    finally:
        bridge.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
