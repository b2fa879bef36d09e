"""Runs the adalab notebooks through the real Java kernel (IJava) with nbclient.

    python kernel/notebooks.py handouts [--out DIR] [NOTEBOOK ...]
        Executes each notebook headlessly into DIR (default build/handouts; never over the
        sources) and renders a self-contained HTML handout next to it. Progress goes to stderr.
        Exits 1 naming the notebook and cell of any failure; the other notebooks still get
        their handouts.

    python kernel/notebooks.py test
        The notebook tests: kernel start-up and error handling, chart rendering, kernel faults
        (interrupted run and sweep, OOM, compile error), ND4J loaded only when used, a live plot
        leaving one updated display, handout builds stopped by SIGINT/SIGTERM and re-run, and
        every notebook in notebooks/ executing, and the handouts' interactive figures in Chromium
        offline (--only GROUP picks groups). Ends with a line
        "N passed, N failed".

    python kernel/notebooks.py archive --out FILE.jsa
        Runs the installed kernel once headlessly with -XX:ArchiveClassesAtExit and, if the JVM
        accepts the result, moves it to FILE.jsa: the class-data-sharing archive kernel.json
        names (kernel/install calls this). The file only ever appears whole and checked.

Run it with the project's virtual environment (./adalab handouts, ./adalab test do).
Environment: ADALAB_KERNEL (kernelspec name, default adalab-java), ADALAB_CELL_TIMEOUT
(seconds per cell, default 600).
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from contextlib import asynccontextmanager
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

ROOT = Path(__file__).resolve().parent.parent
# Jupyter's runtime and config files stay in the environment, not in ~/.jupyter or ~/.local/share.
for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data")):
    os.environ.setdefault(var, str(Path(sys.prefix) / "var" / "jupyter" / sub))
NOTEBOOKS = ROOT / "notebooks"
KERNEL = os.environ.get("ADALAB_KERNEL", "adalab-java")
CELL_TIMEOUT = int(os.environ.get("ADALAB_CELL_TIMEOUT", "600"))  # seconds per cell: sweeps in later notebooks can be long
STARTUP_TIMEOUT = 120
UMASK = os.umask(0)
os.umask(UMASK)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# Set by SIGINT / SIGTERM: the current notebook stops, nothing more is written, the kernel shuts down.
STOPPING = threading.Event()


def _terminate(signum, frame):
    STOPPING.set()
    raise KeyboardInterrupt(f"signal {signum}")


def install_stop_handlers():
    signal.signal(signal.SIGINT, _terminate)
    signal.signal(signal.SIGTERM, _terminate)


class Client(NotebookClient):
    """NotebookClient that remembers where a cell failed and counts in-place display updates."""

    def __init__(self, nb, **kw):
        super().__init__(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT,
                         startup_timeout=STARTUP_TIMEOUT, **kw)
        self.failed_cell = None
        self.current_cell = None
        self.display_updates = 0
        self.on_cell_error = self._remember_error

    def _remember_error(self, cell, cell_index, execute_reply):
        if self.failed_cell is None:
            self.failed_cell = cell_index

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        if STOPPING.is_set():
            raise KeyboardInterrupt("stopped by a signal")
        self.current_cell = cell_index  # names the cell when a timeout or a dead kernel cuts it short
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    @asynccontextmanager
    async def async_setup_kernel(self, **kwargs):
        """nbclient's version handles SIGINT/SIGTERM by shutting the kernel down under the running
        cell and then fails on a second clean-up; here a signal interrupts the cell, marks the
        build as stopping, and leaves the shut-down to the normal exit path (a kernel deaf to the
        interrupt for 10 s, or a second signal, kills it)."""
        cleanup = kwargs.pop("cleanup_kc", self.owns_km)
        if self.km is None:
            self.km = self.create_kernel_manager()
        loop = asyncio.get_event_loop()
        try:
            loop.add_signal_handler(signal.SIGINT, self._on_stop_signal)
            loop.add_signal_handler(signal.SIGTERM, self._on_stop_signal)
        except (RuntimeError, NotImplementedError):
            pass
        try:
            if not self.km.has_kernel:
                await self.async_start_new_kernel(**kwargs)
            if self.kc is None:
                await self.async_start_new_kernel_client()
            yield
        finally:
            try:
                if cleanup and self.km is not None:
                    await self._async_cleanup_kernel()
            finally:
                for sig in (signal.SIGINT, signal.SIGTERM):
                    try:
                        loop.remove_signal_handler(sig)
                    except (RuntimeError, NotImplementedError):
                        pass
                install_stop_handlers()  # remove_signal_handler put the defaults back

    def _on_stop_signal(self):
        again = STOPPING.is_set()
        STOPPING.set()
        self._stop_task = asyncio.ensure_future(self._stop_kernel(kill_now=again))

    async def _stop_kernel(self, kill_now):
        km = self.km
        if km is None:
            return
        if not kill_now:
            try:
                await ensure_async(km.interrupt_kernel())
            except Exception:  # not started yet, or already gone
                pass
            for _ in range(100):  # 10 s for the cell to notice the interrupt
                await asyncio.sleep(0.1)
                if self.km is None or not km.has_kernel:
                    return
        try:
            await ensure_async(km.kill_kernel())
        except Exception:  # already gone, or shutting down on the normal path
            pass

    def kill_kernel_process(self):
        """Last resort when an interrupt lands outside nbclient's handling (e.g. during start-up)."""
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        if proc is not None and proc.poll() is None:
            proc.kill()

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") == "update_display_data":
            self.display_updates += 1
        return super().process_message(msg, cell, cell_index)


def first_line(cell):
    for line in cell.source.splitlines():
        if line.strip():
            return line.strip()[:70]
    return ""


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def error_of(cell):
    """The error a cell shows. IJava names every runtime exception EvalException and puts the
    real one ("java.lang.IllegalArgumentException: ...") on the traceback's first line."""
    for out in cell.get("outputs", []):
        if out.output_type == "error" and out.ename == "CompilationException":
            # jshell's diagnostics: "|   code" lines, then the compiler's message.
            lines = [ANSI.sub("", l).strip() for l in out.get("traceback", [])]
            code = [l.lstrip("|").strip() for l in lines if l.startswith("|")]
            msg = [l for l in lines if l and not l.startswith("|")]
            where = f" at `{code[0][:80]}`" if code else ""
            return f"does not compile: {'; '.join(msg)[:300] or out.evalue}{where}"
        if out.output_type == "error":
            for line in out.get("traceback", []):
                line = ANSI.sub("", line).strip()
                if line and not set(line) <= set("-"):
                    return line[:300]
            return f"{out.ename}: {out.evalue}".strip().rstrip(":")
    return None


def failure_text(path, nb, client, exc):
    """'00-tour.ipynb, cell 5 (`var x = ...`): Exception: message' — cells numbered from 1."""
    idx = client.failed_cell if client.failed_cell is not None else client.current_cell
    where = f"cell {idx + 1} (`{first_line(nb.cells[idx])}`)" if idx is not None else "kernel"
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if idx is not None and code_cells and idx == code_cells[0]:
        where += " [the first cell also runs kernel/startup.jshell]"
    if isinstance(exc, CellExecutionError):
        what = error_of(nb.cells[idx]) if idx is not None else None
        what = what or f"{exc.ename}: {exc.evalue}"
    else:
        what = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return f"{path.name}, {where}: {what}"


def execute(path, workdir=None):
    """Executes a notebook; returns (notebook, client, failure text or None, seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = Client(nb, resources={"metadata": {"path": str(workdir or path.parent)}})
    t0 = time.monotonic()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as exc:
        failure = failure_text(path, nb, client, exc)
    except BaseException:
        client.kill_kernel_process()
        raise
    if STOPPING.is_set():
        client.kill_kernel_process()
        raise KeyboardInterrupt("stopped by a signal")
    coalesce_streams(nb)
    return nb, client, failure, time.monotonic() - t0


def coalesce_streams(nb):
    """IJava sends a printf as several stream messages; merge neighbours so a line stays one line."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        cell.outputs = merged


def write_atomically(target, text):
    """Writes next to the target and renames, so an interrupted build leaves no half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes 0600; a handout is for sharing
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def render_html(nb, local_mathjax=False):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    if local_mathjax:
        body = use_local_mathjax(body)
    body = drop_cdn_scripts(body)
    # Links between notebooks (the index's links to cells) lead to the neighbouring handouts.
    return NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)


# Handouts are read offline (printed, mailed, on a USB stick): their math is typeset by a MathJax
# copied next to them, not fetched from a CDN. MathJax 3's SVG build is one self-contained file.
MATHJAX_VERSION = "3.2.2"
MATHJAX_FILE = "tex-svg.js"
MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MATHJAX_LOCAL = """<!-- MathJax, a local copy (mathjax/%s, MathJax %s) -->
<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
        processEscapes: true, processEnvironments: true, tags: 'ams'},
  svg: {fontCache: 'global'}
};
</script>
<script src="mathjax/%s"></script>""" % (MATHJAX_FILE, MATHJAX_VERSION, MATHJAX_FILE)


def use_local_mathjax(body):
    """Replaces nbconvert's CDN MathJax 2 block with the local MathJax 3 (left alone if absent)."""
    return MATHJAX_BLOCK.sub(lambda m: MATHJAX_LOCAL, body, count=1)


def install_mathjax(out):
    """Puts mathjax/tex-svg.js into the handout folder (fetched once with npm into build/); False if it can't."""
    target = out / "mathjax" / MATHJAX_FILE
    cached = ROOT / "build" / "mathjax" / MATHJAX_VERSION / MATHJAX_FILE
    try:
        if not cached.is_file():
            import shutil
            import subprocess
            import tarfile
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm is not installed")
            with tempfile.TemporaryDirectory() as tmp:
                r = subprocess.run([npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--pack-destination", tmp],
                                   capture_output=True, text=True, timeout=300)
                if r.returncode != 0:
                    raise RuntimeError(f"npm pack failed: {r.stderr.strip()[-300:]}")
                with tarfile.open(Path(tmp) / f"mathjax-{MATHJAX_VERSION}.tgz") as tar:
                    data = tar.extractfile(f"package/es5/{MATHJAX_FILE}").read()
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(cached, data.decode("utf-8"))
        if not target.is_file() or target.read_bytes() != cached.read_bytes():
            write_atomically(target, cached.read_text(encoding="utf-8"))
        return True
    except Exception as exc:  # the handouts still build, with math from the CDN
        log(f"handouts: no local MathJax ({type(exc).__name__}: {exc}); math will load from the CDN when read online")
        return False


# nbconvert's lab template loads require.js from a CDN (for widgets, which no notebook here uses) and
# imports mermaid from a CDN when a page has a mermaid diagram (none has): a handout must request
# nothing outside its folder, so both go.
REQUIRE_JS = re.compile(r'<script src="https://cdnjs\.cloudflare\.com/ajax/libs/require\.js/[^"]*"></script>')
MERMAID_JS = re.compile(r'<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com/ajax/libs/mermaid.*?</script>', re.S)


def drop_cdn_scripts(body):
    """Removes the template's CDN script loads (require.js; the mermaid loader)."""
    return MERMAID_JS.sub("", REQUIRE_JS.sub("", body, count=1), count=1)


NOTEBOOK_LINK = re.compile(r'href="([0-9]{2}-[A-Za-z0-9-]+|index)\.ipynb(#cell-id=[A-Za-z0-9_-]+)?"')


def notebook_paths(args):
    paths = [Path(p).resolve() for p in args] if args else sorted(NOTEBOOKS.glob("*.ipynb"))
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"handouts: no such notebook: {', '.join(map(str, missing))}")
    return paths


# ---------------------------------------------------------------------------------- handouts

def handouts(args):
    out = Path(args.out).resolve()
    if out == NOTEBOOKS.resolve():
        raise SystemExit("handouts: refusing to write over the notebook sources")
    paths = notebook_paths(args.notebooks)
    if not paths:
        log("handouts: no notebooks found")
        return 1
    t_all = time.monotonic()
    failures = []
    local_mathjax = install_mathjax(out)
    for i, path in enumerate(paths, 1):
        log(f"handouts: [{i}/{len(paths)}] {path.name} ...")
        nb, _, failure, secs = execute(path)
        stem = path.stem
        if failure:
            failures.append(failure)
            # Keep the executed copy (errors visible) for diagnosis; drop a stale handout.
            write_atomically(out / f"{stem}.failed.ipynb", nbformat.writes(nb))
            (out / f"{stem}.html").unlink(missing_ok=True)
            (out / f"{stem}.ipynb").unlink(missing_ok=True)
            log(f"handouts: [{i}/{len(paths)}] {path.name} FAILED after {secs:.1f} s: {failure}")
            continue
        (out / f"{stem}.failed.ipynb").unlink(missing_ok=True)
        write_atomically(out / f"{stem}.ipynb", nbformat.writes(nb))
        write_atomically(out / f"{stem}.html", render_html(nb, local_mathjax))
        log(f"handouts: [{i}/{len(paths)}] {path.name} ok in {secs:.1f} s -> {out / (stem + '.html')}")
    total = time.monotonic() - t_all
    log(f"handouts: {len(paths) - len(failures)} of {len(paths)} built in {total:.1f} s into {out}")
    for f in failures:
        log(f"handouts: failed: {f}")
    return 1 if failures else 0


# ---------------------------------------------------------------------------------- CDS archive

# What a typical first minute in a notebook loads: the start-up script, a run, a chart, an error
# and a compile error (their formatting code). Never ND4J: notebooks that skip it must not pay for it.
ARCHIVE_CELLS = (
    "1 + 1",
    "var t = Run.of(new Adam().lr(0.01), new Rosenbrock()).from(-1.2, 1).steps(500)"
    ".record(Recording.every(10)).go();\nt.stepsTaken()",
    "Plots.paths(new Rosenbrock(), t)",
    "Plots.loss(t)",
    "throw new IllegalStateException(\"training the archive\");",
    "int broken = \"not an int\";",
    "String.format(\"%.3f\", Math.PI)",
)


def java_accepts_archive(java, jar, archive, flags=()):
    """The JVM maps the archive with -Xshare:on, or says why not. A truncated archive crashes the
    JVM (SIGBUS), so no archive is put in place before this check passes."""
    r = subprocess.run([java, *flags, "-Xshare:on", f"-XX:SharedArchiveFile={archive}", "-cp", jar, "-version"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    return r.returncode == 0, r.stdout.strip().splitlines()[-1:] if r.returncode else []


def archive(args):
    from jupyter_client.kernelspec import KernelSpecManager
    from traitlets.config import Config
    out = Path(args.out).resolve()
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    java = spec.argv[0]
    jar = spec.argv[spec.argv.index("-jar") + 1]
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="adalab-cds-") as tmp:
        dump = Path(tmp) / "kernel.jsa"
        argv = [a for a in spec.argv if not a.startswith(("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit="))]
        argv.insert(1, f"-XX:ArchiveClassesAtExit={dump}")
        name = "adalab-cds-training"
        kdir = Path(tmp) / "kernels" / name
        kdir.mkdir(parents=True)
        (kdir / "kernel.json").write_text(json.dumps({
            "argv": argv, "display_name": "adalab CDS training", "language": "java",
            "interrupt_mode": spec.interrupt_mode, "env": spec.env}), encoding="utf-8")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [tmp, os.environ.get("JUPYTER_PATH")]))
        config = Config()
        config.KernelManager.shutdown_wait_time = 60.0  # the JVM writes the archive as it exits
        nb = scratch(*ARCHIVE_CELLS)
        client = Client(nb, allow_errors=True, config=config)
        client.kernel_name = name
        run_cells(client, nb)
        if plain_text(nb.cells[0]) != "2":
            log(f"archive: the training kernel did not answer 1 + 1 ({nb.cells[0].outputs}); no archive")
            return 1
        if not dump.is_file():
            log("archive: the kernel exited without writing an archive (does this JVM support "
                "-XX:ArchiveClassesAtExit?); the kernel runs without one")
            return 1
        gc = [a for a in argv if a.startswith("-XX:+Use") and a.endswith("GC")]
        ok, why = java_accepts_archive(java, jar, dump, gc)
        if not ok:
            log(f"archive: the JVM rejects the new archive ({' '.join(why)}); the kernel runs without one")
            return 1
        # Same directory, then rename: the archive appears whole or not at all.
        fd, staged = tempfile.mkstemp(prefix="." + out.name + ".", dir=out.parent)
        os.close(fd)
        try:
            shutil.copyfile(dump, staged)
            os.chmod(staged, 0o644 & ~UMASK)
            os.replace(staged, out)
        except BaseException:
            Path(staged).unlink(missing_ok=True)
            raise
    log(f"archive: {out} ({out.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - t0:.0f} s")
    return 0


# ---------------------------------------------------------------------------------- tests

def scratch(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java (adalab)", "language": "java"}
    return nb


def outputs_of(cell, output_type=None):
    return [o for o in cell.outputs if output_type is None or o.output_type == output_type]


def plain_text(cell):
    for o in cell.outputs:
        if o.output_type == "execute_result":
            return o.data.get("text/plain", "")
    return None


def png_outputs(cell):
    return [o for o in cell.outputs if o.output_type in ("execute_result", "display_data")
            and "image/png" in o.get("data", {})]


class Tests:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.measured = []

    def check(self, name, fn):
        t0 = time.monotonic()
        try:
            fn()
        except AssertionError as e:
            self.failed += 1
            print(f"FAIL {name}: {e}", flush=True)
            return
        except Exception:
            self.failed += 1
            print(f"FAIL {name}: unexpected error\n{traceback.format_exc()}", flush=True)
            return
        self.passed += 1
        print(f"PASS {name} ({time.monotonic() - t0:.1f} s)", flush=True)

    def measure(self, what, value):
        self.measured.append((what, value))
        print(f"MEASURE {what}: {value}", flush=True)

    def summary(self):
        """Prints the measurements and the "N passed, N failed" line CI reads; the exit status."""
        if self.measured:
            print("measured:", flush=True)
            for what, value in self.measured:
                print(f"  {what}: {value}", flush=True)
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed or not self.passed else 0


def run_cells(client, nb):
    """Executes a scratch notebook cell by cell in one kernel, timing each; errors stay in outputs."""
    times = []
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            t0 = time.monotonic()
            client.execute_cell(cell, i)
            times.append(time.monotonic() - t0)
    return times


def test_kernel(t):
    """One kernel: start-up to first result, chart rendering, error then recovery."""
    nb = scratch(
        "1 + 1",
        # The start-up script's imports: the first cell needs no set-up.
        "new Adam().getClass().getSimpleName()",
        "var chart = new org.knowm.xchart.XYChartBuilder().width(600).height(400).title(\"t\").build();\n"
        "chart.addSeries(\"y\", new double[]{1, 2, 3}, new double[]{1, 4, 9});\n"
        "chart",
        "var chart2 = new org.knowm.xchart.XYChartBuilder().width(600).height(400).title(\"t2\").build();\n"
        "chart2.addSeries(\"y\", new double[]{1, 2, 3}, new double[]{3, 1, 2});\n"
        "chart2",
        "display(chart, \"image/svg+xml\"); 0",
        "throw new IllegalStateException(\"boom from the test\");",
        "20 + 22",
        "adalab.plot.DisplaySink.current().toString()",
        # In-kernel render cost, without the cell's compile and messaging: median of 5 after a warm-up.
        "long[] ms(java.util.function.Supplier<Object> f) {\n"
        "    long[] t = new long[6];\n"
        "    for (int i = 0; i < 6; i++) { long t0 = System.nanoTime(); f.get(); t[i] = System.nanoTime() - t0; }\n"
        "    long[] w = Arrays.copyOfRange(t, 1, 6); Arrays.sort(w); return w;\n"
        "}\n"
        "var rosen = Plots.paths(new Rosenbrock());\n"
        "String.format(\"%.1f %.1f\", ms(() -> Plots.toPng(chart2))[2] / 1e6,"
        " ms(() -> Plots.toPng(rosen.chart()))[2] / 1e6)",
    )
    client = Client(nb, allow_errors=True)
    t0 = time.monotonic()
    with client.setup_kernel():
        started = time.monotonic()
        times = []
        for i, cell in enumerate(nb.cells):
            c0 = time.monotonic()
            client.execute_cell(cell, i)
            times.append(time.monotonic() - c0)
            if i == 0:
                t.measure("kernel start to first cell result", f"{time.monotonic() - t0:.2f} s "
                          f"(kernel up {started - t0:.2f} s, first cell incl. start-up script {times[0]:.2f} s)")
    t.measure("render a chart (first, incl. XChart class loading)", f"{times[2]:.2f} s")
    t.measure("render a chart (second)", f"{times[3] * 1000:.0f} ms")
    c = nb.cells

    def first_cell():
        assert plain_text(c[0]) == "2", f"1 + 1 gave {plain_text(c[0])!r}, outputs {c[0].outputs}"

    def startup_imports():
        assert plain_text(c[1]) == "Adam", f"new Adam() without imports gave {c[1].outputs}"

    def chart_png():
        pngs = png_outputs(c[2])
        assert len(pngs) == 1, f"expected one image/png output, got {c[2].outputs}"
        import base64
        raw = base64.b64decode(pngs[0].data["image/png"])
        assert raw[:8] == b"\x89PNG\r\n\x1a\n", "image/png output is not a PNG"
        w, h = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
        assert (w, h) == (600, 400), f"PNG is {w}x{h}, the chart is 600x400"

    def chart_svg():
        svgs = [o for o in c[4].outputs if "image/svg+xml" in o.get("data", {})]
        assert svgs and "<svg" in svgs[0].data["image/svg+xml"], f"no SVG: {c[4].outputs}"

    def error_then_next():
        errs = outputs_of(c[5], "error")
        assert len(errs) == 1, f"the throwing cell shows {c[5].outputs}"
        shown = errs[0].ename + " " + errs[0].evalue + " " + "\n".join(errs[0].traceback)
        assert "IllegalStateException" in shown and "boom from the test" in shown, shown
        assert plain_text(c[6]) == "42", f"the cell after the error gave {c[6].outputs}"

    def sink_installed():
        assert plain_text(c[7]) == "DisplaySink(IJava)", f"display sink: {c[7].outputs}"

    r = (plain_text(c[8]) or "").split()
    if len(r) == 2:
        t.measure("render a chart to PNG in the kernel (median)",
                  f"{r[0]} ms for a 3-point line chart, {r[1]} ms for Rosenbrock level sets")
    else:
        t.measure("render a chart to PNG in the kernel", f"failed: {c[8].outputs}")
    t.check("kernel answers the first cell", first_cell)
    t.check("start-up script imports the library", startup_imports)
    t.check("an XChart chart renders as image/png", chart_png)
    t.check("an XChart chart renders as SVG on request", chart_svg)
    t.check("a throwing cell shows the error and the kernel answers the next cell", error_then_next)
    t.check("the IJava display sink is installed", sink_installed)


def test_faults(t):
    """Kernel faults leave the kernel answering: an interrupted long run (its partial trajectory
    kept), a cell that allocates more than the heap, a compile error."""
    nb = scratch(
        "Trajectory[] kept = new Trajectory[1];",
        # ~40 ns a step: 2e9 steps would take over a minute; the kernel is interrupted after a few seconds.
        "kept[0] = Run.of(new Adam().lr(0.01), new Rosenbrock()).from(-1.2, 1).steps(2_000_000_000L)"
        ".record(Recording.every(1_000_000)).go();\n\"done\"",
        "for (int i = 0; i < 1000 && kept[0] == null; i++) Thread.sleep(10);\n"  # see the sweep's note below
        "kept[0].interrupted() + \" \" + kept[0].stepsTaken()",
        "long[] huge = new long[Integer.MAX_VALUE - 8];",
        "\"alive after OOM\"",
        "int broken = \"not an int\";",
        "\"alive after compile error\"",
        "Sweep.Result[] swept = new Sweep.Result[1];",
        # 2000 cells of a million RMSProp steps (the general path, ~70 ms each on 2 cores): about two
        # minutes here; the kernel is interrupted after a few seconds, with dozens of cells done.
        "double[] lrs = new double[2000];\n"
        "for (int i = 0; i < lrs.length; i++) lrs[i] = 1e-4 * (1 + i);\n"
        "swept[0] = Sweep.of(\"rmsprop\").over(\"lr\", lrs).on(new Rosenbrock()).from(-1.2, 1)"
        ".steps(1_000_000).progressBar().run();\n\"done\"",
        # IJava answers an interrupt by cancelling the cell's future at once; the cell's own thread then
        # returns from the sweep (workers stopped within a step) and assigns swept[0] a moment later.
        "for (int i = 0; i < 1000 && swept[0] == null; i++) Thread.sleep(10);\n"
        "swept[0].interrupted() + \" \" + swept[0].cells().size() + \" \" + swept[0].total()",
        "\"alive after the sweep\"",
    )
    interrupt_after = {1: 5, 8: 5}  # cell index: seconds before the kernel's interrupt
    client = Client(nb, allow_errors=True)
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if i in interrupt_after:
                client.timeout, client.interrupt_on_timeout = interrupt_after[i], True
            c0 = time.monotonic()
            try:
                client.execute_cell(cell, i)
            finally:
                client.timeout, client.interrupt_on_timeout = CELL_TIMEOUT, False
            if i in interrupt_after:
                t.measure(f"interrupt: cell {i + 1} answered", f"{time.monotonic() - c0 - interrupt_after[i]:.2f} s "
                          "after the interrupt was due")
    c = nb.cells

    def interrupted_run_kept():
        text = plain_text(c[2]) or ""
        parts = text.strip('"').split()
        assert len(parts) == 2 and parts[0] == "true", f"after the interrupt: {c[2].outputs} (run cell: {c[1].outputs})"
        assert int(parts[1]) > 0, f"the interrupted run kept no steps: {text}"

    def oom_then_next():
        errs = outputs_of(c[3], "error")
        assert errs and "OutOfMemoryError" in (errs[0].ename + errs[0].evalue + "".join(errs[0].traceback)), \
            f"the huge allocation shows {c[3].outputs}"
        assert plain_text(c[4]) == "alive after OOM", f"after the OOM: {c[4].outputs}"

    def compile_error_then_next():
        assert outputs_of(c[5], "error"), f"the compile error shows {c[5].outputs}"
        assert plain_text(c[6]) == "alive after compile error", f"after the compile error: {c[6].outputs}"

    t.check("an interrupted long run keeps its partial trajectory and the kernel answers", interrupted_run_kept)
    t.check("a cell that allocates too much fails alone; the kernel answers the next cell", oom_then_next)
    def interrupted_sweep_kept():
        text = (plain_text(c[9]) or "").strip('"')
        parts = text.split()
        assert len(parts) == 3, f"after the interrupt: {c[9].outputs} (sweep cell: {c[8].outputs})"
        interrupted, done, total = parts[0], int(parts[1]), int(parts[2])
        assert interrupted == "true", f"the sweep does not say it was interrupted: {text}"
        assert 0 < done < total, f"the interrupted sweep kept {done} of {total} cells, want a partial result"
        assert plain_text(c[10]) == "alive after the sweep", f"after the sweep: {c[10].outputs}"

    t.check("a compile error fails alone; the kernel answers the next cell", compile_error_then_next)
    t.check("an interrupted sweep returns its finished cells and the kernel answers", interrupted_sweep_kept)


LIVE_PLOT_CELL = os.environ.get("ADALAB_LIVE_PLOT_CELL", "")


def test_live_plot(t):
    """A live plot drives one displayed chart: one output at the end, updated in place."""
    src = LIVE_PLOT_CELL or (ROOT / "kernel" / "live_plot_test.jshell").read_text(encoding="utf-8")
    nb = scratch(src, "1")
    client = Client(nb, allow_errors=True)
    t0 = time.monotonic()
    times = run_cells(client, nb)
    cell = nb.cells[0]

    def one_display():
        errs = outputs_of(cell, "error")
        assert not errs, f"live plot cell failed: {errs[0].ename}: {errs[0].evalue}"
        pngs = png_outputs(cell)
        assert len(pngs) == 1, (f"expected exactly one image output, got {len(pngs)} "
                                f"({[o.output_type for o in cell.outputs]})")
        assert client.display_updates >= 2, f"only {client.display_updates} update_display_data messages"
        frames = plain_text(cell)
        assert frames is not None and int(frames) == 1 + client.display_updates, (
            f"the plot sent {frames} frames, the notebook got 1 display + {client.display_updates} updates")

    t.check("a live plot leaves exactly one updated display", one_display)
    if client.display_updates:
        t.measure("live plot updates per second",
                  f"{client.display_updates / times[0]:.1f} ({client.display_updates} updates in {times[0]:.2f} s)")


def test_notebooks(t):
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))

    def some():
        assert paths, f"no notebooks in {NOTEBOOKS}"
    t.check("notebooks/ has notebooks", some)
    for path in paths:
        holder = {}

        def run(path=path, holder=holder):
            nb, _, failure, secs = execute(path)
            holder["nb"], holder["secs"] = nb, secs
            assert failure is None, failure
        t.check(f"{path.name} executes", run)
        if "secs" in holder:
            t.measure(f"execute {path.name}", f"{holder['secs']:.1f} s")
        if "nb" in holder:
            def one_stream_per_print(nb=holder["nb"]):
                for i, cell in enumerate(nb.cells):
                    outs = cell.get("outputs", []) if cell.cell_type == "code" else []
                    for a, b in zip(outs, outs[1:]):
                        assert not (a.output_type == b.output_type == "stream" and a.name == b.name), \
                            f"cell {i}: neighbouring {a.name} outputs were not merged: {a.text!r}, {b.text!r}"
            t.check(f"{path.name}: printed lines stay whole (streams merged)", one_stream_per_print)
        if path.name == "index.ipynb" and "nb" in holder:
            def links_lead_to_handouts(nb=holder["nb"]):
                html = render_html(nb)
                assert ".html#cell-id=" in html, "the index's links to cells were not rewritten"
                assert ".ipynb#cell-id=" not in html, "a link still leads to a notebook source"
            t.check("index handout: its links lead to the other handouts' cells", links_lead_to_handouts)
        if path.name.startswith("00-") and "nb" in holder:
            nb = holder["nb"]

            def has_png(nb=nb):
                n = sum(len(png_outputs(c)) for c in nb.cells if c.cell_type == "code")
                assert n > 0, "the tour produced no image/png output"
            t.check(f"{path.name} produces image/png output", has_png)


def kernel_pid_and_java(client):
    return client.km.provisioner.pid, client.km.kernel_spec.argv[0]


def nd4j_footprint(pid, java):
    """ND4J classes loaded in the kernel JVM (jcmd VM.class_hierarchy) and ND4J/OpenBLAS native
    libraries mapped into it (/proc/PID/maps)."""
    jcmd = Path(java).with_name("jcmd")
    r = subprocess.run([str(jcmd), str(pid), "VM.class_hierarchy"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=120)
    assert r.returncode == 0 and "java.lang.Object" in r.stdout, f"jcmd {pid} VM.class_hierarchy failed: {r.stdout[-300:]}"
    classes = sorted(set(re.findall(r"\b(org\.nd4j\.[\w.$]+)", r.stdout)))
    libs = set()
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 6 and re.search(r"nd4j|openblas", Path(parts[5]).name, re.I):
                libs.add(Path(parts[5]).name)
    return classes, sorted(libs)


def test_nd4j_lazy(t):
    """A notebook that never touches ND4J never loads it; one that does, does (the check can fail)."""
    nb = scratch(
        "var r = Run.of(new Adam().lr(0.01), new Rosenbrock()).from(-1.2, 1).steps(2000).record(Recording.every(10)).go();\n"
        "r.stepsTaken()",
        "Plots.toPng(Plots.paths(new Rosenbrock(), r).chart()).length > 0",
        "Sweep.of(\"adam\").over(\"lr\", 1e-3, 1e-2).on(new Rosenbrock()).from(-1.2, 1).steps(100).run().cells().size()",
        "org.nd4j.linalg.factory.Nd4j.create(new double[]{1, 2}).sumNumber().doubleValue()",
    )
    client = Client(nb, allow_errors=True)
    with client.setup_kernel():
        pid, java = kernel_pid_and_java(client)
        for i, cell in enumerate(nb.cells[:3]):
            client.execute_cell(cell, i)
        before = nd4j_footprint(pid, java)
        client.execute_cell(nb.cells[3], 3)
        after = nd4j_footprint(pid, java)
    c = nb.cells

    def not_loaded():
        errs = [o for cell in c[:3] for o in outputs_of(cell, "error")]
        assert not errs, f"the library cells failed: {errs[0].ename}: {errs[0].evalue}"
        assert plain_text(c[0]) == "2000" and plain_text(c[1]) == "true" and plain_text(c[2]) == "2", \
            f"library cells gave {[plain_text(x) for x in c[:3]]}"
        classes, libs = before
        assert not classes and not libs, (f"a run, a chart and a sweep loaded ND4J: {len(classes)} classes "
                                          f"(e.g. {classes[:3]}), native {libs}")

    def loaded_when_used():
        assert plain_text(c[3]) == "3.0", f"Nd4j.create(1, 2).sum: {c[3].outputs}"
        classes, libs = after
        assert classes and libs, f"after using ND4J the check sees {len(classes)} classes and native {libs}"

    t.check("a notebook that never touches ND4J does not load it (classes, native libraries)", not_loaded)
    t.check("the ND4J check sees ND4J once a cell uses it", loaded_when_used)


# ------------------------------------------------------------------ interrupted handout builds

def tree_digest(root, skip_hidden=False):
    """{relative path: sha256} of every file under root."""
    import hashlib
    out = {}
    for p in sorted(Path(root).rglob("*")):
        if p.is_file() and not (skip_hidden and p.name.startswith(".")):
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def handout_problems(out, names):
    """Every handout for names is whole: the executed notebook parses and has outputs, the HTML
    ends its document; no temporary or failed files are left."""
    problems = []
    for f in Path(out).iterdir():
        if f.name.startswith(".") or f.name.endswith(".failed.ipynb"):
            problems.append(f"left behind: {f.name}")
    for stem in names:
        ipynb, html = Path(out) / f"{stem}.ipynb", Path(out) / f"{stem}.html"
        if not ipynb.is_file() or not html.is_file():
            problems.append(f"{stem}: missing {ipynb.name if not ipynb.is_file() else html.name}")
            continue
        try:
            nb = nbformat.read(ipynb, as_version=4)
            if not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
                problems.append(f"{ipynb.name} has no outputs")
        except Exception as e:  # a half-written notebook does not parse
            problems.append(f"{ipynb.name} does not parse: {e}")
        if not html.read_text(encoding="utf-8", errors="replace").rstrip().endswith("</html>"):
            problems.append(f"{html.name} is cut short")
    return problems


def kernels_left(runtime_dir):
    """Processes still holding a connection file in runtime_dir: kernels the build left running."""
    left = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(runtime_dir) in cmd:
                left.append(int(d.name))
    return left


def test_handouts_interrupted(t):
    """`handouts` stopped by SIGINT or SIGTERM mid-build leaves every handout whole (the old one or
    the new one), no temporary files and no kernel running; a re-run is idempotent; notebooks/ is
    never written."""
    tour = NOTEBOOKS / "00-tour.ipynb"
    with tempfile.TemporaryDirectory(prefix="adalab-handouts-test-") as tmp:
        tmp = Path(tmp)
        src, out, runtime = tmp / "src", tmp / "out", tmp / "runtime"
        src.mkdir()
        quick = nbformat.v4.new_notebook()
        quick.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java (adalab)", "language": "java"}
        quick.cells = [nbformat.v4.new_markdown_cell("# a short handout"),
                       nbformat.v4.new_code_cell("Plots.paths(new Rosenbrock())"),
                       # Long enough for the interrupt to land while it runs.
                       nbformat.v4.new_code_cell("Thread.sleep(Integer.getInteger(\"adalab.test.sleep\", 0)); 42")]
        nbformat.write(quick, src / "zz-quick.ipynb")
        paths = ([str(tour)] if tour.is_file() else []) + [str(src / "zz-quick.ipynb")]
        stems = [Path(p).stem for p in paths]
        sources_before = tree_digest(NOTEBOOKS)
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime))

        def build(stop=None, after_line=None, sleep_ms=0):
            """Runs a build; with stop, sends that signal once stderr shows after_line."""
            nbformat.write(quick_with_sleep(quick, sleep_ms), src / "zz-quick.ipynb")
            cmd = [sys.executable, str(Path(__file__).resolve()), "handouts", "--out", str(out), *paths]
            p = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
            lines = []
            for line in p.stderr:
                lines.append(line.rstrip())
                if stop and after_line in line:
                    time.sleep(2)  # into the notebook's execution
                    p.send_signal(stop)
                    stop = None
            rc = p.wait(timeout=300)
            deadline = time.monotonic() + 15
            while kernels_left(runtime) and time.monotonic() < deadline:
                time.sleep(0.5)
            left = kernels_left(runtime)
            for pid in left:  # never leave a stray JVM behind, even when the test fails
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            return rc, lines, left

        rc, lines, left = build()
        first = tree_digest(out)

        def first_build():
            assert rc == 0, f"the first build failed ({rc}): {lines[-3:]}"
            assert not handout_problems(out, stems), handout_problems(out, stems)
            assert not left, f"kernels left running: {left}"

        t.check("handouts: a build writes whole handouts for every notebook", first_build)

        def math_offline():
            html = (out / "00-tour.html").read_text(encoding="utf-8") if (out / "00-tour.html").is_file() \
                else (out / "zz-quick.html").read_text(encoding="utf-8")
            assert 'src="mathjax/tex-svg.js"' in html, "the handout does not load the local MathJax"
            assert "cdnjs.cloudflare.com/ajax/libs/mathjax" not in html, "the handout still loads MathJax from a CDN"
            js = out / "mathjax" / "tex-svg.js"
            assert js.is_file() and js.stat().st_size > 1_000_000, f"no MathJax copy next to the handouts: {js}"
        t.check("handouts: math is typeset by a MathJax copied next to them (readable offline)", math_offline)

        for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")):
            rc, lines, left = build(stop=sig, after_line=f"[{len(paths)}/{len(paths)}]", sleep_ms=60_000)
            now = tree_digest(out)

            def interrupted(rc=rc, lines=lines, left=left, now=now, name=name):
                assert rc != 0, f"a build stopped by {name} exited 0: {lines[-3:]}"
                assert any("interrupted" in l for l in lines), f"no 'interrupted' message after {name}: {lines[-3:]}"
                problems = handout_problems(out, stems)
                assert not problems, f"after {name}: {problems}"
                # The notebook being executed when the signal came keeps its previous handout, byte for byte.
                for f in ("zz-quick.ipynb", "zz-quick.html"):
                    assert now.get(f) == first.get(f), f"after {name}, {f} is not the previous good handout"
                assert set(now) == set(first), f"after {name} the files are {sorted(now)}, were {sorted(first)}"
                assert not left, f"kernels still running after {name}: {left}"

            t.check(f"handouts: a build stopped by {name} mid-notebook leaves the good handouts and no kernel",
                    interrupted)

        rc, lines, left = build()
        again = tree_digest(out)

        def rerun():
            assert rc == 0, f"the re-run failed ({rc}): {lines[-3:]}"
            assert set(again) == set(first), f"the re-run left {sorted(again)}, the first build {sorted(first)}"
            assert not handout_problems(out, stems), handout_problems(out, stems)
            assert not left, f"kernels left running: {left}"

        t.check("handouts: re-running the build gives the same handouts, nothing more", rerun)

        def sources_untouched():
            # Only what this build could have touched: the notebook it read, and no outputs
            # written next to the sources (other notebooks may be edited meanwhile).
            now = tree_digest(NOTEBOOKS)
            changed = [f for f in (Path(p).name for p in paths if Path(p).parent == NOTEBOOKS)
                       if now.get(f) != sources_before.get(f)]
            assert not changed, f"the build changed {changed} in notebooks/"
            new = [f for f in set(now) - set(sources_before)
                   if f.endswith((".html", ".failed.ipynb")) or f.startswith(".")]
            assert not new, f"the build wrote {new} into notebooks/"

        t.check("handouts: notebooks/ checksums are the same before and after the builds", sources_untouched)


def quick_with_sleep(nb, sleep_ms):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells[2].source = f"Thread.sleep({int(sleep_ms)}); 42"
    return nb


BROWSER = ROOT / "kernel" / "browser"


def fail(message):
    raise AssertionError(message)
FIGURE_CALLS = re.compile(r"\b(Replay|Slider)\.of\w*\(")


def test_browser(t):
    """The notebooks with interactive figures, built into handouts and opened in Chromium from disk with
    every request outside their folder refused (kernel/browser/figures_test.mjs): each figure's sliders
    change its pixels, play animates it, no request leaves the folder, no script error; and the executed
    notebook carries the default frame as image/png next to the figure's HTML."""
    node = shutil.which("node")
    chromium = os.environ.get("ADALAB_CHROMIUM", "/usr/bin/chromium")
    if node is None or not Path(chromium).is_file() or not (BROWSER / "node_modules" / "playwright-core").is_dir():
        t.check("browser: node, chromium and playwright-core are installed (./adalab test sets them up)",
                lambda: fail(f"node {node}, chromium {chromium} present: {Path(chromium).is_file()}, "
                             f"playwright-core: {(BROWSER / 'node_modules' / 'playwright-core').is_dir()}"))
        return
    with_figures = [p for p in sorted(NOTEBOOKS.glob("*.ipynb"))
                    if any(FIGURE_CALLS.search("".join(c.get("source", ""))) for c in nbformat.read(p, as_version=4).cells)]
    pages = with_figures + [NOTEBOOKS / "index.ipynb"]
    with tempfile.TemporaryDirectory(prefix="adalab-browser-test-") as tmp:
        out = Path(tmp) / "handouts"
        r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "handouts", "--out", str(out), *map(str, pages)],
                           capture_output=True, text=True, timeout=1800)

        def built():
            assert r.returncode == 0, f"the handouts build failed ({r.returncode}): {r.stderr.strip()[-600:]}"
            assert with_figures, "no notebook makes an interactive figure"
        t.check(f"browser: {len(pages)} handouts built ({len(with_figures)} with interactive figures)", built)
        if r.returncode != 0:
            return

        def fallback():
            for p in with_figures:
                nb = nbformat.read(out / p.name, as_version=4)
                n = 0
                for cell in nb.cells:
                    for o in cell.get("outputs", []):
                        html = o.get("data", {}).get("text/html", "")
                        if "adalab-figure" in html:
                            n += 1
                            assert "image/png" in o["data"], f"{p.name} cell {cell.get('id')}: a figure without its PNG"
                assert n > 0, f"{p.name}: no figure output"
        t.check("browser: every figure output carries its default frame as image/png", fallback)

        run = subprocess.run([node, str(BROWSER / "figures_test.mjs"), str(out), *(p.stem + ".html" for p in pages)],
                             capture_output=True, text=True, timeout=600, cwd=BROWSER)
        try:
            report = json.loads(run.stdout)
        except ValueError:
            report = {"pages": [], "failures": [f"no report: {run.stderr.strip()[-600:]}"]}
        for page in report["pages"]:
            mine = [f for f in report["failures"] if f.startswith(page["page"] + ":")]

            def ok(page=page, mine=mine):
                assert not mine, "; ".join(mine)
                if page["page"] != "index.html":
                    assert page["figures"], "no interactive figure on the page"
            figs = page["figures"]
            t.check(f"browser: {page['page']} offline, {len(figs)} figure(s) respond to sliders and play, no script error", ok)
            for f in figs:
                play = f"{f['playFrames']} frames in 1.4 s of play" if f.get("play") else "no play control"
                t.measure(f"{page['page']} figure {f['index']}", f"{f['sizeKB']} KB, redraw {f['drawMs']['median']:.1f} ms "
                          f"(max {f['drawMs']['max']:.1f}), {f['sliders']} slider(s), {play}")
        rest = [f for f in report["failures"] if not any(f.startswith(p["page"] + ":") for p in report["pages"])]
        if rest:
            t.check("browser: the test ran", lambda: fail("; ".join(rest)))


TEST_GROUPS = ["kernel", "faults", "nd4j", "live", "handouts", "notebooks", "browser"]


def test(args):
    t = Tests()
    wanted = set(args.only or TEST_GROUPS)
    for group, fn in (("kernel", test_kernel), ("faults", test_faults), ("nd4j", test_nd4j_lazy),
                      ("live", test_live_plot), ("handouts", test_handouts_interrupted),
                      ("notebooks", test_notebooks), ("browser", test_browser)):
        if group in wanted:
            fn(t)
    return t.summary()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("handouts", help="execute notebooks and render HTML handouts")
    h.add_argument("--out", default=str(ROOT / "build" / "handouts"))
    h.add_argument("notebooks", nargs="*")
    s = sub.add_parser("test", help="the notebook tests")
    s.add_argument("--only", action="append", choices=TEST_GROUPS)
    a = sub.add_parser("archive", help="build the kernel's class-data-sharing archive")
    a.add_argument("--out", required=True)
    args = p.parse_args(argv)
    # SIGTERM ends a build like Ctrl-C: kernels shut down, temporary files removed, handouts intact.
    install_stop_handlers()
    try:
        return {"handouts": handouts, "test": test, "archive": archive}[args.cmd](args)
    except KeyboardInterrupt:
        log(f"{args.cmd}: interrupted")
        return 130
    except NoSuchKernel:
        log(f"{args.cmd}: the Jupyter kernel '{KERNEL}' is not installed here (./adalab {args.cmd} installs it)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
