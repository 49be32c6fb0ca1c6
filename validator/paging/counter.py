"""Page counting for one run: the object that decides which method counts each file.

PDF files are counted exactly from their page tree. Word-processing files go to one
persistent LibreOffice (started on the first such file, never per file) when LibreOffice and
python3-uno are installed; WordprocessingML packages fall back to the layout estimator when
LibreOffice is missing, fails or times out. The Times New Roman font probe runs once, on the
first word-processing file.

Exact counts can start early (``count_ahead``): a file whose report says a rule will need its
count is counted in a background thread as soon as its worker is done, so LibreOffice works
while the workers read the other files; ``count_source`` with the same key takes that result.
Counts are made one at a time (one LibreOffice), each cut at the counter's timeout.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from validator.core.errors import UnreadableError
from validator.paging.counts import FontCheck, LibreOfficeMissing, PageCount, PageCountUnavailable
from validator.paging.declared import read_declared
from validator.paging.fontcheck import probe_times_new_roman
from validator.paging.metrics import FontBook
from validator.paging.pdf import count_pdf_pages

if TYPE_CHECKING:
    # the layout estimator and the LibreOffice driver are imported when a word-processing
    # file is first counted: a run without one (a deck, a PDF) never loads them
    from validator.paging.libreoffice import LibreOfficeCounter, LibreOfficeSetup

WORDML = frozenset({".docx", ".docm", ".dotx", ".dotm"})
LIBREOFFICE_ONLY = frozenset({".odt", ".rtf", ".doc"})
COUNTABLE = WORDML | LIBREOFFICE_ONLY | {".pdf"}
#: Counts started early and not yet taken, kept at most (the oldest are dropped).
MAX_AHEAD = 256


class PageCounter:
    """Owned by a run; close it (or use ``with``) to stop LibreOffice."""

    def __init__(
        self,
        *,
        use_libreoffice: bool = True,
        timeout: float = 60.0,
        recycle_after: int = 200,
        libreoffice: LibreOfficeSetup | None = None,
        fonts: FontBook | None = None,
    ) -> None:
        self._use_lo = use_libreoffice
        self._timeout = timeout
        self._recycle_after = recycle_after
        self._setup = libreoffice
        self._setup_probed = libreoffice is not None
        self._fonts = fonts or FontBook()
        self._font_check: FontCheck | None = None
        self._lo: LibreOfficeCounter | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._serial = 0
        self._methods: dict[str, int] = {}
        self._lock = threading.RLock()
        self._ahead: ThreadPoolExecutor | None = None
        self._early: OrderedDict[str, Future[PageCount]] = OrderedDict()

    def __enter__(self) -> PageCounter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def font_check(self) -> FontCheck:
        """Result of the Times New Roman probe (run at most once per counter)."""
        if self._font_check is None:
            self._font_check = probe_times_new_roman()
        return self._font_check

    @property
    def libreoffice_starts(self) -> int:
        return 0 if self._lo is None else self._lo.starts

    def tally(self) -> dict[str, int]:
        """Word-processing files counted so far, per method (a copy)."""
        return dict(self._methods)

    def note(self, since: dict[str, int] | None = None) -> str | None:
        """One line for the report: how word-processing files were counted, and the fonts
        (None when none were). ``since``: a ``tally()`` taken before the run, so a counter that
        serves several runs notes only the files of this one."""
        before = since or {}
        counted = {m: n - before.get(m, 0) for m, n in self._methods.items()
                   if n > before.get(m, 0)}
        if not counted or self._font_check is None:
            return None
        methods = ", ".join(f"{m} {n}" for m, n in sorted(counted.items()))
        return f"page counts of word-processing files: {methods}; {self._font_check.evidence}"

    def record(self, result: PageCount) -> None:
        """Tally a count made by another counter (a worker process's) in this run's note."""
        if result.method != "pdf":
            self._methods[result.method] = self._methods.get(result.method, 0) + 1
            _ = self.font_check  # the note names the fonts this process would use

    def count(self, path: Path, estimate: PageCount | None = None,
              may_parse: bool = True) -> PageCount:
        """Count the pages of ``path``; PageCountUnavailable when no method can.

        When LibreOffice cannot count a WordprocessingML file, ``estimate`` (the layout
        estimate a worker process made) is used; without one, the file is estimated here only
        when ``may_parse`` (the main process of an isolated run parses nothing)."""
        with self._lock:  # one LibreOffice: counts are made one at a time
            result = self._count(path, estimate, may_parse)
            if result.method != "pdf":
                self._methods[result.method] = self._methods.get(result.method, 0) + 1
        return result

    def cut_at(self, seconds: float) -> None:
        """Cut each LibreOffice count at ``seconds`` (the profile's per-file limit), from the
        next start of LibreOffice (it starts on the first count)."""
        self._timeout = seconds

    def count_ahead(self, key: str, name: str, disk: Path | None, blob: bytes | None,
                    opener: Callable[[], BinaryIO] | None = None,
                    estimate: PageCount | None = None, may_parse: bool = True) -> None:
        """Start counting a word-processing file in the background thread; ``count_source``
        with the same ``key`` (the file's content hash and extension) takes the result."""
        if (not self._use_lo or Path(name).suffix.lower() not in WORDML | LIBREOFFICE_ONLY
                or key in self._early):
            return
        if self._ahead is None:
            self._ahead = ThreadPoolExecutor(1, thread_name_prefix="validator-pages")
        self._early[key] = self._ahead.submit(self.count_source, name, disk, blob, opener,
                                              estimate, may_parse)
        while len(self._early) > MAX_AHEAD:
            self._early.popitem(last=False)[1].cancel()

    def _count(self, path: Path, estimate: PageCount | None = None,
               may_parse: bool = True) -> PageCount:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            return count_pdf_pages(path)
        if suffix not in WORDML | LIBREOFFICE_ONLY:
            raise PageCountUnavailable(f"pages of {suffix or 'this'} files are not counted")
        try:
            empty = path.stat().st_size == 0
        except OSError as exc:
            raise PageCountUnavailable(f"cannot read the file: {exc}") from exc
        if empty:
            # LibreOffice opens a zero-byte file as a new, empty document.
            raise PageCountUnavailable("empty file")
        lo_error = ""
        lo = self._libreoffice()
        if lo is not None:
            try:
                return self._with_declared(path, lo.count(path))
            except PageCountUnavailable as exc:
                lo_error = str(exc)
        if suffix not in WORDML:
            reason = lo_error or "LibreOffice is not installed"
            raise PageCountUnavailable(f"{suffix} needs LibreOffice to count pages: {reason}")
        if estimate is not None:
            result = estimate  # the worker's, its page claim already read there
        elif not may_parse:
            raise PageCountUnavailable("LibreOffice could not count the pages"
                                       + (f": {lo_error}" if lo_error else "")
                                       + "; the layout estimate was not made")
        else:
            from validator.paging.estimate import estimate_docx_pages

            result = estimate_docx_pages(path, self._fonts, self.font_check)
        if lo_error:
            result = replace(result, evidence=f"{result.evidence}; LibreOffice failed: {lo_error}")
        elif self._use_lo:
            result = replace(result, evidence=f"{result.evidence}; LibreOffice not available")
        return result if estimate is not None else self._with_declared(path, result)

    def count_source(self, name: str, disk: Path | None, blob: bytes | None,
                     opener: Callable[[], BinaryIO] | None = None,
                     estimate: PageCount | None = None, may_parse: bool = True,
                     key: str | None = None) -> PageCount:
        """Count a file given as a path on disk, as bytes, or as a stream ``opener`` gives (a
        member of a zip, inflated as it is copied).

        Bytes are written to a private temporary directory of this counter, named by the
        member's extension, and removed after counting; a stream is copied in fixed-size
        chunks, so the file is never held whole in this process. ``estimate`` and
        ``may_parse``: see ``count``. ``key``: a count started by ``count_ahead`` is taken.
        """
        early = self._early.pop(key, None) if key is not None else None
        if early is not None and not early.cancelled():
            return early.result()
        with self._lock:  # one temporary folder, one LibreOffice
            if disk is not None:
                return self.count(disk, estimate, may_parse)
            if blob is None and opener is None:
                raise PageCountUnavailable("no data")
            if self._tmp is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="validator-pages-")
            self._serial += 1
            target = Path(self._tmp.name) / f"member{self._serial}{Path(name).suffix.lower()}"
            try:
                if blob is not None:
                    target.write_bytes(blob)
                else:
                    assert opener is not None
                    with opener() as src, target.open("wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
            except (OSError, UnreadableError) as exc:
                target.unlink(missing_ok=True)
                raise PageCountUnavailable(f"cannot read the file: {exc}") from None
            try:
                return self.count(target, estimate, may_parse)
            finally:
                target.unlink(missing_ok=True)

    def convert_source(self, name: str, disk: Path | None, blob: bytes | None,
                       target: str) -> bytes:
        """A legacy or open document (path or bytes) converted by this counter's LibreOffice
        to the OOXML format ``target``; PageCountUnavailable without LibreOffice or when it
        fails (``LibreOfficeMissing`` when it is not installed)."""
        lo = self._libreoffice()
        if lo is None:
            raise LibreOfficeMissing("LibreOffice is not installed")
        if disk is not None:
            return lo.convert(disk, target)
        if blob is None:
            raise PageCountUnavailable("no data")
        with tempfile.TemporaryDirectory(prefix="validator-legacy-") as tmp:
            source = Path(tmp) / f"member{Path(name).suffix.lower()}"
            source.write_bytes(blob)
            return lo.convert(source, target)

    def estimate_source(self, name: str, disk: Path | None, blob: bytes | None) -> PageCount:
        """The layout estimate of a WordprocessingML file (path or bytes), never starting
        LibreOffice; PageCountUnavailable for other formats."""
        if Path(name).suffix.lower() not in WORDML:
            raise PageCountUnavailable(f"pages of {Path(name).suffix or 'this'} files are "
                                       "only counted by LibreOffice")
        source: Path | io.BytesIO
        if disk is not None:
            source = disk
        elif blob is not None:
            source = io.BytesIO(blob)
        else:
            raise PageCountUnavailable("no data")
        from validator.paging.estimate import estimate_docx_pages

        result = estimate_docx_pages(source, self._fonts, self.font_check)
        self._methods["estimate"] = self._methods.get("estimate", 0) + 1
        return self._with_declared(Path(name), result, None if disk is not None else blob)

    def _libreoffice(self) -> LibreOfficeCounter | None:
        if not self._use_lo:
            return None
        from validator.paging.libreoffice import LibreOfficeCounter, find_libreoffice

        if not self._setup_probed:
            self._setup = find_libreoffice()
            self._setup_probed = True
        if self._setup is None:
            return None
        if self._lo is None:
            self._lo = LibreOfficeCounter(self._setup, self.font_check, timeout=self._timeout,
                                          recycle_after=self._recycle_after)
        return self._lo

    @staticmethod
    def _with_declared(path: Path, result: PageCount,
                       data: bytes | None = None) -> PageCount:
        if path.suffix.lower() not in WORDML:
            return result
        declared = read_declared(path if data is None else io.BytesIO(data))
        if declared is None or declared.pages is None:
            return result
        note = f"; app.xml says {declared.pages} page(s) ({declared.application or 'unknown'})"
        return replace(result, declared_pages=declared.pages, declared_by_word=declared.by_word,
                       evidence=result.evidence + note)

    def close(self) -> None:
        if self._ahead is not None:
            self._ahead.shutdown(wait=True, cancel_futures=True)
            self._ahead = None
        self._early.clear()
        if self._lo is not None:
            self._lo.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
