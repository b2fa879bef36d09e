"""Lecturer checks: PDF handouts and slides, opened and read as a lecturer would."""

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_helpers import ADALAB, NOTEBOOKS_DIR, ROOT, clean_env, in_browser, nbs

# ---------------------------------------------------------------------------------- pdf

LONG_CELLS = "ABC"  # three code cells of 30 lines after a long text: without the print rules one straddles a page


def print_check_notebook():
    """A small notebook for the PDF checks: a title, three formulas, a chart, a link to the tour,
    then a page of text and three tall code cells."""
    md = nbs.nbformat.v4.new_markdown_cell
    code = nbs.nbformat.v4.new_code_cell
    nb = nbs.scratch()
    text = " ".join(["A sentence of filler that takes up room on the page so the code cells below start low."] * 4)
    nb.cells = [md("# Printing check\n\nInline $\\frac{a}{b}$ and $\\beta_1$, displayed:\n\n"
                   "$$\\sum_{i=1}^{n} x_i^2$$\n\nBack to [the tour](00-tour.ipynb)."),
                code("Plots.paths(new Rosenbrock())"),
                md("\n\n".join([text] * 7))]
    for tag in LONG_CELLS:
        nb.cells.append(code("int n = 0;\n" + "".join(f"n += 1; // {tag}{i:02d}\n" for i in range(1, 31)) + "n"))
    return nb


def pdf_pages(pdf):
    r = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m.group(1)) if m else 0


def page_texts(pdf):
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True).stdout for i in range(1, pdf_pages(pdf) + 1)]


def pdf_images(pdf):
    r = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    return [l for l in r.stdout.splitlines()[2:] if l.strip()]


def test_pdf(t):
    """./adalab handouts --pdf: a PDF beside each HTML handout with its text, typeset math, images,
    the title and page numbers on every page, tall code cells kept whole, links to the other PDFs;
    without Chromium one line and the HTML still built; a failed print keeps the previous PDF."""
    tools = [x for x in ("pdfinfo", "pdftotext", "pdfimages") if not shutil.which(x)]
    if tools or not __import__("pdf").find_chromium():
        def missing():
            raise AssertionError(f"cannot test PDFs: missing {', '.join(tools) or 'chromium'} "
                                 "(apt-get install chromium poppler-utils; ./adalab test installs them as root)")
        t.check("pdf: Chromium and poppler-utils are installed", missing)
        return
    with tempfile.TemporaryDirectory(prefix="adalab-pdf-test-") as tmp:
        tmp = Path(tmp)
        out, src = tmp / "out", tmp / "src"
        src.mkdir()
        nbs.nbformat.write(print_check_notebook(), src / "zz-print.ipynb")
        tour = NOTEBOOKS_DIR / "00-tour.ipynb"
        t0 = time.monotonic()
        r = subprocess.run([str(ADALAB), "handouts", "--pdf", "--out", str(out), str(tour), str(src / "zz-print.ipynb")],
                           env=clean_env(), capture_output=True, text=True, timeout=900)
        secs = time.monotonic() - t0
        lines = r.stderr.splitlines()
        pdf, tour_pdf = out / "zz-print.pdf", out / "00-tour.pdf"

        def built():
            assert r.returncode == 0, f"handouts --pdf exited {r.returncode}: {lines[-4:]}"
            for f in (pdf, tour_pdf):
                assert f.is_file() and f.read_bytes()[:5] == b"%PDF-", f"no {f.name}"
                assert (out / f"{f.stem}.html").is_file(), f"no {f.stem}.html beside {f.name}"
            left = [f.name for f in out.iterdir() if f.name.startswith(".")]
            assert not left, f"temporary files left: {left}"
        t.check("pdf: handouts --pdf writes NAME.pdf beside NAME.html, nothing else", built)
        if r.returncode != 0:
            return
        pages = page_texts(pdf)
        tour_pages = page_texts(tour_pdf)
        t.measure("handouts --pdf, the tour and a check notebook (execute, HTML, PDF)", f"{secs:.1f} s")
        t.measure("tour PDF", f"{len(tour_pages)} pages, {tour_pdf.stat().st_size / 1e3:.0f} kB, "
                              f"{len(pdf_images(tour_pdf))} images")

        def text_and_title():
            whole = "".join(tour_pages)
            for phrase in ("A tour of adalab", "Rosenbrock", "Out[1]"):
                assert phrase in whole, f"the tour PDF's text lacks {phrase!r}"
            for doc, title in ((pages, "Printing check"), (tour_pages, "A tour of adalab")):
                n = len(doc)
                for i, page in enumerate(doc, 1):
                    lines_ = [l.strip() for l in page.splitlines() if l.strip()]
                    assert lines_ and lines_[0] == title, f"page {i} of {title!r} starts {lines_[:1]}"
                    assert lines_[-1].replace(" ", "") == f"{i}/{n}", f"page {i} of {title!r} ends {lines_[-1:]}"
        t.check("pdf: text present; the title heads and 'page / pages' foots every page", text_and_title)

        def outline():
            assert b"/Outlines" in tour_pdf.read_bytes(), "the tour PDF has no outline (bookmarks)"
        t.check("pdf: the headings are the PDF's outline (bookmarks)", outline)

        def math_typeset():
            whole = "".join(pages)
            for tex in ("\\frac", "\\beta", "\\sum", "$$", "$"):
                assert tex not in whole, f"raw TeX {tex!r} in the PDF's text: MathJax did not typeset it"
            logged = [l for l in lines if "zz-print.pdf:" in l]
            assert logged and " 3 formulas" in logged[0], f"want 3 typeset formulas: {logged}"
        t.check("pdf: the math is typeset (3 formulas by MathJax, no TeX source left)", math_typeset)

        def images_there():
            executed = nbs.nbformat.read(out / "zz-print.ipynb", as_version=4)
            want = sum(len(nbs.png_outputs(c)) for c in executed.cells if c.cell_type == "code")
            got = pdf_images(pdf)
            assert want == 1 and len(got) == want, f"{len(got)} images in the PDF, {want} charts in the notebook"
            width, height = int(got[0].split()[3]), int(got[0].split()[4])
            assert (width, height) == (720, 480), f"the chart is embedded at {width}x{height}, not its own 720x480"
        t.check("pdf: each chart is in the PDF at its full resolution", images_there)

        def cells_whole():
            for tag in LONG_CELLS:
                first = [i for i, p in enumerate(pages) if f"{tag}01" in p]
                last = [i for i, p in enumerate(pages) if f"{tag}30" in p]
                assert first and last and first == last, f"code cell {tag} runs from page {first} to page {last}"
            assert len(pages) >= 3, f"only {len(pages)} pages: the check did not reach a page break"
        t.check("pdf: tall code cells are not split across pages", cells_whole)

        def link_to_pdf():
            raw = pdf.read_bytes()
            assert re.search(rb"/URI\s*\(file://[^)]*/00-tour\.pdf\)", raw), "no link to 00-tour.pdf in the PDF"
            assert not re.search(rb"/URI\s*\([^)]*\.ipynb", raw), "a link still leads to a notebook source"
        t.check("pdf: a link to another notebook leads to its PDF", link_to_pdf)

        def course_in_order():
            import pdf as pdfmod
            course = pdfmod.combine(out, ["zz-print", "00-tour"], name="course-test.pdf")
            assert course is not None and course.is_file(), "no combined PDF"
            combined = page_texts(course)
            assert len(combined) == len(tour_pages) + len(pages), \
                f"the combined PDF has {len(combined)} pages, the two handouts {len(tour_pages)} + {len(pages)}"
            assert combined[0] == tour_pages[0] and combined[len(tour_pages)] == pages[0], \
                "the combined PDF is not in reading order (00-tour before zz-print)"
            course.unlink()
        t.check("pdf: the combined course PDF has every page, in reading order", course_in_order)

        # A print that fails (an image that does not load) keeps the previous PDF byte for byte.
        before = pdf.read_bytes()
        html = out / "zz-print.html"
        good_html = html.read_text(encoding="utf-8")
        html.write_text(good_html.replace("</body>", '<img src="missing.png"></body>'), encoding="utf-8")
        r2 = subprocess.run([sys.executable, str(ROOT / "kernel" / "pdf.py"), "--out", str(out), str(src / "zz-print.ipynb")],
                            capture_output=True, text=True, timeout=300)
        html.write_text(good_html, encoding="utf-8")

        def failed_print_keeps_old():
            assert r2.returncode == 1, f"a failed print exited {r2.returncode}: {r2.stderr[-300:]}"
            assert "FAILED" in r2.stderr and "images did not load" in r2.stderr, r2.stderr[-300:]
            assert pdf.read_bytes() == before, "the previous PDF was changed by a failed print"
            assert not [f for f in out.iterdir() if f.name.startswith(".")], "temporary files left"
        t.check("pdf: a failed print exits 1 and keeps the previous PDF", failed_print_keeps_old)

        # Without Chromium: the HTML handout still built, one line saying what to install, exit 1.
        (out / "zz-print.html").unlink()
        r3 = subprocess.run([str(ADALAB), "handouts", "--pdf", "--out", str(out), str(src / "zz-print.ipynb")],
                            env=clean_env(ADALAB_CHROMIUM=""), capture_output=True, text=True, timeout=600)

        def no_chromium():
            said = [l for l in r3.stderr.splitlines() if "chromium" in l.lower()]
            assert r3.returncode == 1, f"without Chromium handouts --pdf exited {r3.returncode}"
            assert len(said) == 1 and "apt-get install chromium" in said[0], f"want one line naming chromium: {said}"
            assert (out / "zz-print.html").is_file(), "without Chromium the HTML handout was not built"
            assert pdf.read_bytes() == before, "without Chromium the previous PDF was touched"
        t.check("pdf: without Chromium one line says what to install; the HTML is still built", no_chromium)


# ---------------------------------------------------------------------------------- slides

def deck_check_notebook():
    """Headings, a chart, math, speaker notes, a skipped cell, a fragment and a link, for the deck checks."""
    md = nbs.nbformat.v4.new_markdown_cell
    nb = nbs.scratch()
    nb.cells = [md("# Deck check\n\nSee [the tour](00-tour.ipynb)."),
                nbs.nbformat.v4.new_code_cell("Plots.paths(new Rosenbrock())"),
                md("## Second section\n\n$\\alpha_t$ only falls."),
                md("Say this aloud: the rate only falls."),
                md("### A sub-slide"),
                md("## Not a new slide"),
                md("Hidden text"),
                md("## Third")]
    nb.cells[3].metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells[5].metadata["slideshow"] = {"slide_type": "fragment"}
    nb.cells[6].metadata["slideshow"] = {"slide_type": "skip"}
    return nb


DECK_JS = r"""
(async () => {
  const until = Date.now() + 30000;
  while (!(window.Reveal && Reveal.isReady && Reveal.isReady()) && Date.now() < until)
    await new Promise(r => setTimeout(r, 50));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const h = Reveal.getHorizontalSlides();
  return {ready: Reveal.isReady(), total: Reveal.getTotalSlides(), horizontal: h.length,
          vertical: h.map(s => s.querySelectorAll(':scope > section').length),
          notes: h.map(s => [...s.querySelectorAll('aside.notes')].map(a => a.textContent.trim()).join(' ')),
          fragments: [...document.querySelectorAll('.fragment')].map(f => f.textContent.replace(/\u00b6/g, '').trim()),
          math: document.querySelectorAll('mjx-container').length,
          images: [...document.images].filter(i => i.naturalWidth > 0).length,
          text: document.body.textContent};
})()
"""


def test_slides(t):
    """./adalab slides: a reveal.js deck per notebook that works offline: headings start slides,
    ### sub-slides, slideshow metadata wins, notes cells become speaker notes, math and charts render."""
    import pdf
    if not pdf.find_chromium():
        t.check("slides: Chromium is installed (to open the decks)",
                lambda: (_ for _ in ()).throw(AssertionError("apt-get install chromium")))
        return
    with tempfile.TemporaryDirectory(prefix="adalab-slides-test-") as tmp:
        tmp = Path(tmp)
        out, src = tmp / "out", tmp / "src"
        src.mkdir()
        nbs.nbformat.write(deck_check_notebook(), src / "zz-deck.ipynb")
        t0 = time.monotonic()
        r = subprocess.run([str(ADALAB), "slides", "--out", str(out), str(NOTEBOOKS_DIR / "00-tour.ipynb"),
                            str(src / "zz-deck.ipynb")], env=clean_env(), capture_output=True, text=True, timeout=900)
        secs = time.monotonic() - t0
        deck = out / "zz-deck.slides.html"

        def written():
            assert r.returncode == 0, f"slides exited {r.returncode}: {r.stderr[-500:]}"
            for f in (deck, out / "00-tour.slides.html", out / "reveal.js" / "dist" / "reveal.js",
                      out / "reveal.js" / "plugin" / "notes" / "notes.js", out / "mathjax" / "tex-svg.js"):
                assert f.is_file(), f"no {f.relative_to(out)}"
            html = deck.read_text(encoding="utf-8")
            remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', html)
            assert not remote, f"the deck loads {remote}"
            assert 'href="00-tour.slides.html"' in html, "the link to the tour does not lead to its deck"
            assert not [f.name for f in out.iterdir() if f.name.startswith(".")], "temporary files left"
        t.check("slides: NAME.slides.html with reveal.js and MathJax beside it, nothing loaded from the network",
                written)
        t.measure("slides for the tour and a check notebook", f"{secs:.1f} s")
        if r.returncode != 0:
            return
        got = in_browser(deck, DECK_JS)
        tour = in_browser(out / "00-tour.slides.html", DECK_JS)

        def structure():
            assert got["ready"], "reveal.js did not start offline"
            # By hand from deck_check_notebook: slide 1 (title + chart), slide 2 with a sub-slide, slide 3.
            assert got["horizontal"] == 3 and got["total"] == 4, \
                f"{got['horizontal']} slides, {got['total']} in all; want 3 and 4 (slide 2 has a sub-slide)"
            assert got["vertical"][1] == 2, f"slide 2 has {got['vertical'][1]} vertical slides, want 2"
            assert "Not a new slide" in got["fragments"], f"the fragment cell: {got['fragments']}"
            assert "Hidden text" not in got["text"], "a skipped cell is in the deck"
        t.check("slides: headings start slides, ### a sub-slide; fragment and skip metadata are kept", structure)

        def notes():
            assert "Say this aloud" in got["notes"][1] and "Say this aloud" not in got["text"].replace(got["notes"][1], ""), \
                f"speaker notes: {got['notes']}"
        t.check("slides: a notes cell becomes its slide's speaker notes, not slide text", notes)

        def renders():
            assert got["math"] == 1, f"{got['math']} typeset formulas, want 1"
            assert got["images"] == 1, f"{got['images']} charts shown, want 1"
            assert tour["ready"] and tour["horizontal"] >= 4 and tour["images"] >= 3 and tour["math"] >= 5, \
                f"the tour's deck: {dict((k, tour[k]) for k in ('ready', 'horizontal', 'images', 'math'))}"
        t.check("slides: math and charts render offline (check deck and the tour)", renders)
        t.measure("tour deck", f"{tour['horizontal']} slides ({tour['total']} with sub-slides), "
                               f"{tour['images']} charts, {tour['math']} formulas")

        # Two builds at once into the same folder (a fresh one: reveal.js copied by both).
        both = tmp / "both"
        cmd = [sys.executable, str(ROOT / "kernel" / "slides.py"), "--out", str(both), str(src / "zz-deck.ipynb")]
        procs = [subprocess.Popen(cmd, env=clean_env(), stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]

        def two_at_once():
            for rc, err in results:
                assert rc == 0, f"a build running beside another exited {rc}: {err[-300:]}"
            assert (both / "zz-deck.slides.html").read_text(encoding="utf-8").rstrip().endswith("</html>"), \
                "the deck is cut short"
            assert nbs.tree_digest(both / "reveal.js") == nbs.tree_digest(out / "reveal.js"), "reveal.js differs"
            assert not [f.name for f in both.iterdir() if f.name.startswith(".")], "temporary files left"
        t.check("slides: two builds at once into one folder both succeed and leave whole files", two_at_once)

        r2 = subprocess.run([str(ADALAB), "slides", "--out", str(out), str(src / "no-such.ipynb")],
                            env=clean_env(), capture_output=True, text=True, timeout=300)

        def unknown():
            lines = [l for l in r2.stderr.splitlines() if l.strip()]
            assert r2.returncode == 1 and len(lines) == 1 and "no such notebook" in lines[0], \
                f"an unknown notebook: exit {r2.returncode}, {lines}"
            assert deck.is_file(), "the other decks were removed"
        t.check("slides: an unknown notebook gets one line and exit 1, other decks kept", unknown)
