"""PDF handouts: Chromium, headless, prints each finished HTML handout once MathJax has typeset it.

    python kernel/pdf.py [--out DIR] [NOTEBOOK ...]
        For each notebook (default: all in notebooks/) whose handout DIR/NAME.html exists (default
        DIR build/handouts; ./adalab handouts --pdf builds the HTML first), writes DIR/NAME.pdf: A4,
        the notebook's title at the top and "page / pages" at the foot of every page, figures and
        code cells kept whole across page breaks where they fit, links to other handouts leading to
        their PDFs, headings as the PDF's outline. Each PDF is written to a temporary file and
        renamed: an interrupted or failed print leaves the previous PDF, never half of one.
        Without NOTEBOOK arguments, and when every PDF printed, also DIR/course.pdf: all of them
        in reading order, the index first (poppler's pdfunite).
        Exits 1 when Chromium is missing (one line says what to install) or a print failed.

Chromium is driven over its DevTools protocol on a pipe (--remote-debugging-pipe): no browser
automation package is needed, only Debian's chromium.
"""

import argparse
import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio",
         "--remote-debugging-pipe"]
INSTALL_HINT = "install Chromium for PDF handouts (Debian/Ubuntu: apt-get install chromium)"
PRINT_TIMEOUT = float(os.environ.get("ADALAB_PDF_TIMEOUT", "120"))  # seconds per handout

# Print rules added to the page before printing (the HTML handout itself is unchanged).
PRINT_CSS = """
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jp-Cell-inputWrapper, .jp-OutputArea-child, .jp-RenderedImage, .jp-RenderedSVG,
  img, svg, pre, table, mjx-container[display="true"] { break-inside: avoid; }
  h1, h2, h3, h4, h5 { break-after: avoid; }
  /* A code cell stays with the start of its output (a chart moves with the code that drew it). */
  .jp-CodeCell > .jp-Cell-inputWrapper { break-after: avoid; }
  /* Paper does not scroll: long code lines wrap instead of being cut at the margin. */
  .jp-InputArea-editor pre, .jp-OutputArea-output pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  img { max-width: 100% !important; height: auto !important; }
  .jp-InternalAnchorLink { display: none !important; }
  .jp-Notebook { padding: 0 !important; }
}
"""

# Resolves once MathJax has typeset the page (or at once when the page has no MathJax) and every
# image has loaded; returns what the page holds, for the log and the checks.
PREPARE_JS = r"""
(async (css, pdfs) => {
  const until = Date.now() + 60000;
  const hasMathJax = !!document.querySelector('script[src*="mathjax"]');
  while (hasMathJax && !(window.MathJax && MathJax.startup && MathJax.startup.promise) && Date.now() < until)
    await new Promise(r => setTimeout(r, 50));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await Promise.all([...document.images].map(i => i.complete ? null
                     : new Promise(r => { i.onload = i.onerror = r; })));
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  let links = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    const m = a.getAttribute('href').match(/^([0-9]{2}-[A-Za-z0-9-]+|index)\.html(#.*)?$/);
    if (m && pdfs.includes(m[1])) { a.setAttribute('href', m[1] + '.pdf'); links++; }
  }
  const h1 = document.querySelector('h1');
  if (h1) document.title = h1.textContent.replace(/\u00b6/g, '').trim();
  return {title: document.title, math: document.querySelectorAll('mjx-container').length,
          mathErrors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
          images: [...document.images].filter(i => i.naturalWidth > 0).length,
          brokenImages: [...document.images].filter(i => i.naturalWidth === 0).length,
          links: links, mathJax: hasMathJax};
})
"""

HEADER = ('<div style="font: 8px sans-serif; color: #555; width: 100%; text-align: center;">'
          '<span class="title"></span></div>')
FOOTER = ('<div style="font: 8px sans-serif; color: #555; width: 100%; text-align: center;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def find_chromium():
    """Debian's binary (not its /usr/bin wrapper script), else chromium or chrome on the PATH."""
    explicit = os.environ.get("ADALAB_CHROMIUM")
    if explicit is not None:
        return explicit if explicit and Path(explicit).is_file() else None
    for c in ("/usr/lib/chromium/chromium",):
        if os.access(c, os.X_OK):
            return c
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium, spoken to over the DevTools protocol on fds 3 (in) and 4 (out):
    JSON messages separated by NUL bytes."""

    def __init__(self, exe, profile, extra_flags=()):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
        self.proc = subprocess.Popen([exe, *FLAGS, *extra_flags, f"--user-data-dir={profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=fds, pass_fds=(3, 4),
                                     start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self._next = 0
        self._buf = b""
        self._events = []

    def call(self, method, params=None, session=None, timeout=60):
        self._next += 1
        msg = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._receive(timeout)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_event(self, method, session, timeout):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self._events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self._events.pop(i)
            self._events.append(self._receive(max(0.1, deadline - time.monotonic()), deadline))

    def _receive(self, timeout, deadline=None):
        deadline = deadline or time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium exited")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def close(self):
        try:
            if self.proc.poll() is None:
                self.call("Browser.close", timeout=10)
                self.proc.wait(timeout=10)
        except Exception:
            pass
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            for fd in (self._to_child, self._from_child):
                try:
                    os.close(fd)
                except OSError:
                    pass


def print_page(browser, html, pdfs):
    """(PDF bytes, what the page held) for one HTML file."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        browser.call("Page.enable", session=session)
        browser.call("Page.navigate", {"url": html.as_uri()}, session=session)
        browser.wait_event("Page.loadEventFired", session, PRINT_TIMEOUT)
        info = browser.call("Runtime.evaluate", {
            "expression": f"({PREPARE_JS})({json.dumps(PRINT_CSS)}, {json.dumps(sorted(pdfs))})",
            "awaitPromise": True, "returnByValue": True}, session=session, timeout=PRINT_TIMEOUT)
        if "exceptionDetails" in info:
            raise RuntimeError(f"preparing the page failed: {info['exceptionDetails'].get('text')}")
        page = info["result"]["value"]
        pdf = browser.call("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69,  # A4, in inches
            "marginTop": 0.6, "marginBottom": 0.6, "marginLeft": 0.5, "marginRight": 0.5,
            "printBackground": True, "displayHeaderFooter": True,
            "headerTemplate": HEADER, "footerTemplate": FOOTER,
            "generateDocumentOutline": True}, session=session, timeout=PRINT_TIMEOUT)
        return base64.b64decode(pdf["data"]), page
    finally:
        try:
            browser.call("Target.closeTarget", {"targetId": target}, timeout=10)
        except Exception:
            pass


def write_atomically(target, data):
    """Next to the target, then renamed: the PDF appears whole or not at all."""
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


COURSE = "course.pdf"


def reading_order(stems):
    """The index first, then the notebooks by number."""
    return sorted(stems, key=lambda s: (s != "index", s))


def combine(out, stems, name=COURSE):
    """One PDF of the given handouts in reading order (poppler's pdfunite), written whole or not at
    all; returns its path, or None with one line when pdfunite is missing or fails."""
    unite = shutil.which("pdfunite")
    if unite is None:
        log(f"pdf: no {name}: pdfunite is missing (Debian/Ubuntu: apt-get install poppler-utils)")
        return None
    target = out / name
    fd, tmp = tempfile.mkstemp(prefix="." + name + ".", suffix=".pdf", dir=out)
    os.close(fd)
    try:
        r = subprocess.run([unite, *(str(out / f"{s}.pdf") for s in reading_order(stems)), tmp],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0 or not Path(tmp).read_bytes()[:5] == b"%PDF-":
            log(f"pdf: no {name}: pdfunite failed ({r.stderr.strip()[-200:]})")
            return None
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
        return target
    finally:
        Path(tmp).unlink(missing_ok=True)


def pdf_handouts(out, notebooks, quiet_missing=False):
    sources = [Path(p).resolve() for p in notebooks] if notebooks else sorted(NOTEBOOKS.glob("*.ipynb"))
    failures = 0
    todo = []
    for src in sources:
        html = out / f"{src.stem}.html"
        if not src.is_file():
            if not quiet_missing:
                log(f"pdf: no such notebook: {src}")
                failures += 1
        elif not html.is_file():
            # As for the HTML: no handout left in place that its notebook no longer builds.
            stale = out / f"{src.stem}.pdf"
            gone = " (its old PDF removed)" if stale.is_file() else ""
            stale.unlink(missing_ok=True)
            log(f"pdf: {src.stem}: no HTML handout to print{gone}")
            failures += 1
        else:
            todo.append(html)
    if not todo:
        return 1 if failures or not sources else 0
    exe = find_chromium()
    if exe is None:
        log(f"pdf: no PDF handouts: {INSTALL_HINT}; the HTML handouts are built")
        return 1
    # Links lead to a PDF that this build writes or that is already there.
    pdfs = {h.stem for h in todo} | {p.stem for p in out.glob("*.pdf")}
    t_all = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="adalab-chromium-") as profile:
        browser = Browser(exe, profile)
        try:
            for i, html in enumerate(todo, 1):
                t0 = time.monotonic()
                try:
                    data, page = print_page(browser, html, pdfs)
                    problems = []
                    if page["mathJax"] and page["mathErrors"]:
                        problems.append(f"{page['mathErrors']} math errors")
                    if page["brokenImages"]:
                        problems.append(f"{page['brokenImages']} images did not load")
                    if not data.startswith(b"%PDF-"):
                        problems.append("Chromium returned no PDF")
                    if problems:
                        raise RuntimeError(", ".join(problems))
                    target = out / f"{html.stem}.pdf"
                    write_atomically(target, data)
                    log(f"pdf: [{i}/{len(todo)}] {target.name}: {len(data) / 1e6:.1f} MB, {page['math']} formulas, "
                        f"{page['images']} images in {time.monotonic() - t0:.1f} s")
                except (RuntimeError, TimeoutError, KeyError) as exc:
                    failures += 1
                    log(f"pdf: [{i}/{len(todo)}] {html.stem} FAILED: {exc} (the previous PDF, if any, is kept)")
                    if browser.proc.poll() is not None:  # a crashed browser: a fresh one for the rest
                        browser.close()
                        browser = Browser(exe, profile)
        finally:
            browser.close()
    log(f"pdf: {len(todo) - failures if failures <= len(todo) else 0} of {len(todo)} PDFs in "
        f"{time.monotonic() - t_all:.1f} s into {out}")
    if not notebooks and not failures:  # the whole course: also one PDF of it, the index first
        course = combine(out, [h.stem for h in todo])
        if course is None:
            return 1
        log(f"pdf: {course.name}: the {len(todo)} handouts in reading order, {course.stat().st_size / 1e6:.1f} MB")
    return 1 if failures else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(ROOT / "build" / "handouts"))
    p.add_argument("--quiet-missing", action="store_true", help=argparse.SUPPRESS)  # handouts named them already
    p.add_argument("notebooks", nargs="*")
    args = p.parse_args(argv)
    out = Path(args.out).resolve()
    if not out.is_dir():
        log(f"pdf: no handout folder {out} (build the handouts first)")
        return 1
    if not os.access(out, os.W_OK):
        log(f"pdf: cannot write into {out}")
        return 1
    signal.signal(signal.SIGTERM, lambda s, f: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        return pdf_handouts(out, args.notebooks, args.quiet_missing)
    except KeyboardInterrupt:
        log("pdf: interrupted (finished PDFs are whole; the one being printed keeps its previous version)")
        return 130


if __name__ == "__main__":
    sys.exit(main())
