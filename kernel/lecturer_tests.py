"""Tests for what lecturers use: a quiet JupyterLab that opens on the tour, the library from Maven
(%maven in another kernel), the Binder configuration, PDF handouts and slides.

    python kernel/lecturer_tests.py [--only GROUP ...]

Groups: lab, maven, pdf, slides, binder (binder is slow: a fresh clone, venv and build; it runs
only when named or with ADALAB_TEST_BINDER=1). Ends with "N passed, N failed" like notebooks.py.
Run with the project's virtual environment (./adalab test does).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks as nbs  # noqa: E402  (the kernel runner and its test helpers)

ROOT = nbs.ROOT
ADALAB = ROOT / "adalab"
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra):
    """The caller's environment without Jupyter's path variables (./adalab sets its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JUPYTERLAB"))}
    env.update(extra)
    return env


class Lab:
    """`./adalab lab --no-browser` in its own process group, with the URL it prints."""

    def __init__(self, state):
        self.port = free_port()
        self.log = Path(state).parent / f"lab-{self.port}.log"
        self.proc = subprocess.Popen([str(ADALAB), "lab", "--no-browser", f"--port={self.port}"],
                                     env=clean_env(ADALAB_JUPYTER_STATE=str(state)),
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "w"),
                                     start_new_session=True)
        self.url = None
        deadline = time.monotonic() + 180
        pattern = re.compile(rf"http://127\.0\.0\.1:{self.port}/\S*\?token=[0-9a-f]+")
        while time.monotonic() < deadline and self.proc.poll() is None:
            m = pattern.search(self.log.read_text(errors="replace"))
            if m:
                self.url = m.group(0)
                break
            time.sleep(0.3)
        if self.url is None:
            self.stop()
            raise AssertionError(f"./adalab lab printed no URL: {self.log.read_text(errors='replace')[-600:]}")
        self.token = self.url.rsplit("token=", 1)[1]

    def get(self, path, follow=True):
        """(status, Location header or None, body) of a GET with the token."""
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                     headers={"Authorization": f"token {self.token}"})
        opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=30) as r:
                return r.status, r.headers.get("Location"), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location"), e.read().decode("utf-8", "replace")

    def put(self, path, data):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method="PUT",
                                     data=json.dumps(data).encode(),
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# ---------------------------------------------------------------------------------- lab

def test_lab(t):
    """First start: the lab opens on the tour and the news prompt's setting is off (served by the
    settings API, as the front end reads it). A later start, with a workspace saved, opens as saved."""
    with tempfile.TemporaryDirectory(prefix="adalab-lab-test-") as tmp:
        state = Path(tmp) / "jupyter"
        lab = Lab(state)
        try:
            status, location, _ = lab.get("/", follow=False)
            s_status, _, body = lab.get(f"/lab/api/settings/{NOTIFICATION}")
            tree_status, _, page = lab.get("/lab/tree/00-tour.ipynb")
            seen = first_start_in_browser(lab)
            # What a browser would save on leaving: a workspace in the state directory.
            lab.put("/lab/api/workspaces/default",
                    {"data": {}, "metadata": {"id": "default"}})
        finally:
            lab.stop()

        def opens_on_tour():
            assert "/lab/tree/00-tour.ipynb?" in lab.url, f"the first start prints {lab.url}"
            assert status == 302 and location and location.startswith("/lab/tree/00-tour.ipynb"), \
                f"GET / on the first start: {status} -> {location}"
            assert tree_status == 200 and "jupyter-config-data" in page, f"/lab/tree/00-tour.ipynb: {tree_status}"
        t.check("lab: the first start opens on the tour (00-tour.ipynb)", opens_on_tour)

        def news_off():
            assert s_status == 200, f"settings API: {s_status} {body[:200]}"
            served = json.loads(body)
            props = served["schema"]["properties"]
            # The front end's value: the user's setting if any, else the (overridden) schema default.
            fetch = served["settings"].get("fetchNews", props["fetchNews"]["default"])
            assert fetch == "false", f"fetchNews is {fetch!r} (schema default {props['fetchNews']['default']!r}); " \
                                     "\"none\" would show the news prompt"
            updates = served["settings"].get("checkForUpdates", props["checkForUpdates"]["default"])
            assert updates is False, f"checkForUpdates is {updates!r}"
        t.check("lab: the settings API serves fetchNews \"false\" (no news prompt) and no update check", news_off)

        def seen_in_browser():
            assert "error" not in seen, seen.get("error")
            assert any("00-tour.ipynb" in tab for tab in seen["tabs"]), f"the lab shows tabs {seen['tabs']}, title {seen.get('title')!r}: {seen.get('text')!r}"
            assert seen["kernel"] and "Java" in seen["kernel"], f"the tour's kernel: {seen['kernel']!r}"
            assert not seen["news"], "the page shows the Jupyter news prompt"
        t.check("lab: in Chromium the first start shows the tour with the Java kernel and no news prompt",
                seen_in_browser)
        t.measure("lab: first start in Chromium until the tour's tab shows", f"{seen.get('secs', 0):.1f} s")

        saved = list((state / "lab" / "workspaces").glob("*.jupyterlab-workspace"))
        lab2 = Lab(state)
        try:
            status2, location2, _ = lab2.get("/", follow=False)
        finally:
            lab2.stop()

        def later_start():
            assert saved, "the workspace PUT wrote no file into the state directory"
            assert status2 == 302 and location2 and location2.split("?")[0] == "/lab", \
                f"with a saved workspace GET / goes to {location2}, want /lab (the saved layout)"
        t.check("lab: a later start (workspace saved) restores the layout instead of reopening the tour", later_start)


LAB_JS = r"""
(async () => {
  const t0 = Date.now(), until = t0 + 120000;
  const tabs = () => [...document.querySelectorAll('.lm-TabBar-tabLabel')].map(e => e.textContent);
  const kernel = () => { const k = document.querySelector('.jp-NotebookPanel .jp-KernelName, .jp-Toolbar-kernelName');
                         return k ? k.textContent.trim() : ''; };
  while (!(tabs().some(t => t.includes('00-tour.ipynb')) && kernel()) && Date.now() < until)
    await new Promise(r => setTimeout(r, 200));
  const secs = (Date.now() - t0) / 1000;
  // The news prompt is a toast that comes a few seconds after the lab has started.
  await new Promise(r => setTimeout(r, 8000));
  return {tabs: tabs(), kernel: kernel(), secs: secs, title: document.title, text: document.body.innerText.slice(0, 300),
          news: document.body.innerText.includes('official Jupyter news')};
})()
"""


def first_start_in_browser(lab):
    import pdf
    if not pdf.find_chromium():
        return {"error": "no Chromium to open the lab in (apt-get install chromium)"}
    return in_browser(lab.url, LAB_JS, timeout=180)


# ---------------------------------------------------------------------------------- maven

def bare_kernel(tmp, user_home):
    """The installed kernelspec without the library: empty class path, no start-up script, no
    start-up archive, and user.home moved so %maven's Ivy cache starts empty."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(nbs.KERNEL)
    env = dict(spec.env, IJAVA_CLASSPATH="", IJAVA_STARTUP_SCRIPTS_PATH="")
    argv = [a for a in spec.argv if not a.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile="))]
    argv.insert(1, f"-Duser.home={user_home}")
    kdir = Path(tmp) / "kernels" / "adalab-bare-java"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Java (no adalab)",
                                                  "language": "java", "interrupt_mode": "message", "env": env}))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(tmp), os.environ.get("JUPYTER_PATH")]))
    return "adalab-bare-java"


def pom_coordinates():
    text = (ROOT / "pom.xml").read_text(encoding="utf-8")
    head = text.split("<dependencies>", 1)[0]
    get = lambda tag: re.search(rf"<{tag}>([^<]+)</{tag}>", head.split("</parent>")[-1]).group(1).strip()
    return get("groupId"), get("artifactId"), get("version")


def local_repository():
    """Maven's local repository: ~/.m2/settings.xml's localRepository, else ~/.m2/repository."""
    settings = Path.home() / ".m2" / "settings.xml"
    if settings.is_file():
        m = re.search(r"<localRepository>\s*([^<]+?)\s*</localRepository>", settings.read_text(encoding="utf-8"))
        if m:
            return Path(m.group(1).replace("${user.home}", str(Path.home())))
    return Path.home() / ".m2" / "repository"


def test_maven(t):
    """`mvn install` puts the jar with its sources and Javadoc into the local repository, and a
    Java kernel without the library on its class path gets it with %maven GROUP:ARTIFACT:VERSION."""
    group, artifact, version = pom_coordinates()
    with tempfile.TemporaryDirectory(prefix="adalab-maven-test-") as tmp:
        tmp = Path(tmp)
        t0 = time.monotonic()
        r = subprocess.run(["mvn", "-q", "-B", "-Dmaven.test.skip=true", f"-DbuildDir={tmp / 'target'}", "install"],
                           cwd=ROOT, capture_output=True, text=True, timeout=900)
        install_secs = time.monotonic() - t0
        repo = local_repository()
        where = repo / group.replace(".", "/") / artifact / version
        jars = {k: where / f"{artifact}-{version}{k}.jar" for k in ("", "-sources", "-javadoc")}

        def installed():
            assert r.returncode == 0, f"mvn install failed: {(r.stdout + r.stderr)[-800:]}"
            for kind, jar in jars.items():
                assert jar.is_file(), f"no {jar.name} in {where}"
            built = tmp / "target" / f"{artifact}-{version}.jar"
            assert sha(jars[""]) == sha(built), f"{jars[''].name} in the local repository is not this build's jar"
            names = {k: set(subprocess.run(["unzip", "-Z1", str(j)], capture_output=True, text=True).stdout.split())
                     for k, j in jars.items()}
            assert "adalab/optim/Adam.class" in names[""], "the jar has no adalab/optim/Adam.class"
            assert "adalab/optim/Adam.java" in names["-sources"], "the sources jar has no adalab/optim/Adam.java"
            assert "adalab/optim/Adam.html" in names["-javadoc"], "the Javadoc jar has no adalab/optim/Adam.html"
        t.check(f"maven: mvn install puts {artifact}-{version}.jar, -sources.jar and -javadoc.jar in the local repository",
                installed)
        t.measure("mvn install (jar, sources, Javadoc; tests skipped)", f"{install_secs:.1f} s")
        if r.returncode != 0:
            return

        home = tmp / "home"
        (home / ".m2").mkdir(parents=True)
        # The moved user.home still leads to the real local repository (what mvn install wrote).
        (home / ".m2" / "repository").symlink_to(repo)
        coords = f"{group}:{artifact}:{version}"
        nb = nbs.scratch(
            "String where(String name) { try { Class.forName(name); return \"present\"; }"
            " catch (ClassNotFoundException e) { return \"absent\"; } }\nwhere(\"adalab.optim.Adam\")",
            f"%maven {coords}",
            "var run = adalab.run.Run.of(new adalab.optim.Adam().lr(0.01), new adalab.objectives.Rosenbrock())"
            ".from(-1.2, 1).steps(100).go();\nrun.stepsTaken()",
            "where(\"org.knowm.xchart.XYChart\") + \" \" + "
            "adalab.optim.Adam.class.getProtectionDomain().getCodeSource().getLocation().getPath()",
        )
        client = nbs.Client(nb, allow_errors=True)
        client.kernel_name = bare_kernel(tmp, home)
        times = nbs.run_cells(client, nb)
        c = nb.cells

        def absent_then_resolved():
            assert nbs.plain_text(c[0]) == "absent", f"before %maven the kernel has adalab: {c[0].outputs}"
            errs = nbs.outputs_of(c[1], "error")
            assert not errs, f"%maven {coords} failed: {nbs.error_of(c[1])}"
            assert nbs.plain_text(c[2]) == "100", f"new adalab.optim.Adam() after %maven: {nbs.error_of(c[2]) or c[2].outputs}"
            parts = (nbs.plain_text(c[3]) or "").strip('"').split()
            assert len(parts) == 2 and parts[0] == "present", f"XChart (a dependency) after %maven: {c[3].outputs}"
            loaded = Path(parts[1])
            assert loaded.is_file() and str(loaded).startswith(str(home)), \
                f"adalab was loaded from {loaded}, not from %maven's fresh cache under {home}"
            assert sha(loaded) == sha(jars[""]), f"{loaded} differs from the installed {jars[''].name}"
        t.check(f"maven: a Java kernel without the library runs new adalab.optim.Adam() after %maven {coords}",
                absent_then_resolved)
        t.measure(f"%maven {coords} (fresh Ivy cache, from the local repository)", f"{times[1]:.1f} s")


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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


def in_browser(page, js, timeout=60):
    """Evaluates js (a promise) in page (a file, or a URL) opened by headless Chromium, where no
    host name resolves: the page works offline or not at all (127.0.0.1 still answers)."""
    import pdf
    url = page if isinstance(page, str) else Path(page).as_uri()
    with tempfile.TemporaryDirectory(prefix="adalab-chromium-test-") as profile:
        b = pdf.Browser(pdf.find_chromium(), profile, ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                                                       "--window-size=1280,900"])
        try:
            target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            b.call("Page.enable", session=session)
            b.call("Page.navigate", {"url": url}, session=session)
            b.wait_event("Page.loadEventFired", session, timeout)
            r = b.call("Runtime.evaluate", {"expression": js, "awaitPromise": True, "returnByValue": True},
                       session=session, timeout=timeout)
            if "exceptionDetails" in r:
                raise AssertionError(f"in the page: {r['exceptionDetails'].get('exception', {}).get('description')}")
            return r["result"]["value"]
        finally:
            b.close()


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

        r2 = subprocess.run([str(ADALAB), "slides", "--out", str(out), str(src / "no-such.ipynb")],
                            env=clean_env(), capture_output=True, text=True, timeout=300)

        def unknown():
            lines = [l for l in r2.stderr.splitlines() if l.strip()]
            assert r2.returncode == 1 and len(lines) == 1 and "no such notebook" in lines[0], \
                f"an unknown notebook: exit {r2.returncode}, {lines}"
            assert deck.is_file(), "the other decks were removed"
        t.check("slides: an unknown notebook gets one line and exit 1, other decks kept", unknown)


# ---------------------------------------------------------------------------------- binder

TOUR_RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="adalab-java", timeout=600, startup_timeout=180,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
pngs = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
           if "image/png" in o.get("data", {}))
errors = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error")
print(f"cells={len(nb.cells)} pngs={pngs} errors={errors}")
"""


def requirement_pins(path):
    return sorted(l.strip() for l in Path(path).read_text(encoding="utf-8").splitlines()
                  if l.strip() and not l.lstrip().startswith("#"))


def test_binder(t):
    """binder/ as repo2docker uses it, without Docker: a fresh clone of HEAD, a fresh HOME, a fresh
    venv with binder/requirements.txt, binder/postBuild run in the clone, then the tour through the
    kernel it installed, with nbclient. Maven's downloads are shared with this machine's local
    repository (a settings.xml in the fresh HOME) so the rehearsal does not fetch 470 MB again, and
    pip keeps this machine's index settings."""
    def same_pins():
        assert requirement_pins(ROOT / "binder" / "requirements.txt") == requirement_pins(ROOT / "requirements.txt"), \
            "binder/requirements.txt and requirements.txt pin different packages"
    t.check("binder: binder/requirements.txt pins the same packages as requirements.txt", same_pins)

    with tempfile.TemporaryDirectory(prefix="adalab-binder-test-") as tmp:
        tmp = Path(tmp)
        repo, home, env_dir = tmp / "repo", tmp / "home", tmp / "env"
        (home / ".m2").mkdir(parents=True)
        (home / ".m2" / "settings.xml").write_text(
            f"<settings><localRepository>{local_repository()}</localRepository></settings>\n", encoding="utf-8")
        # This machine's package index settings (a user pip.conf, e.g. a local mirror) come along.
        for rel in (".config/pip/pip.conf", ".pip/pip.conf"):
            if (Path.home() / rel).is_file():
                (home / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path.home() / rel, home / rel)
        env = clean_env(HOME=str(home), PATH=f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
        for k in ("VIRTUAL_ENV", "ADALAB_VENV", "ADALAB_TARGET", "ADALAB_JUPYTER_STATE", "PYTHONPATH", "JAVA_TOOL_OPTIONS"):
            env.pop(k, None)
        steps, log = {}, []

        def step(name, cmd, cwd=tmp, timeout=1800):
            t0 = time.monotonic()
            r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
            steps[name] = time.monotonic() - t0
            log.append(f"$ {' '.join(map(str, cmd))}  ({r.returncode}, {steps[name]:.0f} s)\n{(r.stdout + r.stderr)[-1500:]}")
            if r.returncode != 0:
                raise AssertionError(f"{name} failed ({r.returncode}):\n" + log[-1])
            return r.stdout

        out = {}

        def rehearse():
            step("clone", ["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(repo)])
            step("venv", ["python3", "-m", "venv", str(env_dir)])
            step("pip", [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--retries", "1", "--timeout", "60",
                         "-r", str(repo / "binder" / "requirements.txt")])
            step("postBuild", [str(repo / "binder" / "postBuild")], cwd=repo)
            out["tour"] = step("tour", [str(env_dir / "bin" / "python"), "-c", TOUR_RUNNER,
                                        str(repo / "notebooks" / "00-tour.ipynb"), str(repo / "notebooks")])
        t.check("binder: postBuild in a fresh clone, HOME and venv installs a working kernel", rehearse)

        def kernel_in_prefix():
            spec = env_dir / "share" / "jupyter" / "kernels" / "adalab-java" / "kernel.json"
            assert spec.is_file(), f"no kernelspec in the environment's prefix ({spec})"
            assert str(repo / "target" / "classes") in spec.read_text(), "the kernelspec does not use the clone's build"
            stray = [p for p in (home / ".local" / "share" / "jupyter" / "kernels", home / ".jupyter") if p.exists()]
            assert not stray, f"postBuild wrote into the fresh HOME: {stray}"
            assert (env_dir / "share/jupyter/lab/settings/overrides.d/adalab.json").is_file(), "no lab settings overrides"
        if out:
            t.check("binder: the kernelspec and lab settings are in the environment's own prefix, nothing in HOME",
                    kernel_in_prefix)

        def tour_runs():
            fields = dict(f.split("=") for f in out["tour"].split())
            assert fields["errors"] == "0", f"the tour shows {fields['errors']} errors"
            assert int(fields["pngs"]) > 0, "the tour produced no chart"
        if out:
            t.check("binder: the tour runs through the installed kernel with nbclient (charts, no errors)", tour_runs)
        for name, secs in steps.items():
            t.measure(f"binder rehearsal: {name}", f"{secs:.0f} s")


# ---------------------------------------------------------------------------------- main

GROUPS = {"lab": test_lab, "maven": test_maven, "pdf": test_pdf, "slides": test_slides, "binder": test_binder}
SLOW = {"binder"}  # ADALAB_TEST_BINDER=1 or --only binder


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", action="append", choices=sorted(GROUPS))
    args = p.parse_args(argv)
    wanted = args.only or [g for g in GROUPS if g not in SLOW or os.environ.get("ADALAB_TEST_BINDER")]
    t = nbs.Tests()
    for group in wanted:
        GROUPS[group](t)
    if t.measured:
        print("measured:", flush=True)
        for what, value in t.measured:
            print(f"  {what}: {value}", flush=True)
    print(f"{t.passed} passed, {t.failed} failed", flush=True)
    return 1 if t.failed or not t.passed else 0


if __name__ == "__main__":
    sys.exit(main())
