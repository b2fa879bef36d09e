"""Runs the adalab notebooks through the real Java kernel (IJava) with nbclient.

    python kernel/notebooks.py handouts [--out DIR] [NOTEBOOK ...]
        Executes each notebook headlessly into DIR (default build/handouts; never over the
        sources) and renders a self-contained HTML handout next to it. Progress goes to stderr.
        Exits 1 naming the notebook and cell of any failure; the other notebooks still get
        their handouts.

    python kernel/notebooks.py test
        The notebook tests: kernel start-up and error handling, chart rendering, a live plot
        leaving one updated display, and every notebook in notebooks/ executing. Ends with a
        line "N passed, N failed".

Run it with the project's virtual environment (./adalab handouts, ./adalab test do).
Environment: ADALAB_KERNEL (kernelspec name, default adalab-java), ADALAB_CELL_TIMEOUT
(seconds per cell, default 600).
"""

import argparse
import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

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
        self.current_cell = cell_index  # names the cell when a timeout or a dead kernel cuts it short
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

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
    return nb, client, failure, time.monotonic() - t0


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


def render_html(nb):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


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
        write_atomically(out / f"{stem}.html", render_html(nb))
        log(f"handouts: [{i}/{len(paths)}] {path.name} ok in {secs:.1f} s -> {out / (stem + '.html')}")
    total = time.monotonic() - t_all
    log(f"handouts: {len(paths) - len(failures)} of {len(paths)} built in {total:.1f} s into {out}")
    for f in failures:
        log(f"handouts: failed: {f}")
    return 1 if failures else 0


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
        "kept[0].interrupted() + \" \" + kept[0].stepsTaken()",
        "long[] huge = new long[Integer.MAX_VALUE - 8];",
        "\"alive after OOM\"",
        "int broken = \"not an int\";",
        "\"alive after compile error\"",
    )
    client = Client(nb, allow_errors=True)
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if i == 1:
                client.timeout, client.interrupt_on_timeout = 5, True
            try:
                client.execute_cell(cell, i)
            finally:
                client.timeout, client.interrupt_on_timeout = CELL_TIMEOUT, False
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
    t.check("a compile error fails alone; the kernel answers the next cell", compile_error_then_next)


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
        if path.name.startswith("00-") and "nb" in holder:
            nb = holder["nb"]

            def has_png(nb=nb):
                n = sum(len(png_outputs(c)) for c in nb.cells if c.cell_type == "code")
                assert n > 0, "the tour produced no image/png output"
            t.check(f"{path.name} produces image/png output", has_png)


def test(args):
    t = Tests()
    wanted = set(args.only or ["kernel", "faults", "live", "notebooks"])
    if "kernel" in wanted:
        test_kernel(t)
    if "faults" in wanted:
        test_faults(t)
    if "live" in wanted:
        test_live_plot(t)
    if "notebooks" in wanted:
        test_notebooks(t)
    if t.measured:
        print("measured:", flush=True)
        for what, value in t.measured:
            print(f"  {what}: {value}", flush=True)
    print(f"{t.passed} passed, {t.failed} failed", flush=True)
    return 1 if t.failed or not t.passed else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("handouts", help="execute notebooks and render HTML handouts")
    h.add_argument("--out", default=str(ROOT / "build" / "handouts"))
    h.add_argument("notebooks", nargs="*")
    s = sub.add_parser("test", help="the notebook tests")
    s.add_argument("--only", action="append", choices=["kernel", "faults", "live", "notebooks"])
    args = p.parse_args(argv)
    try:
        return handouts(args) if args.cmd == "handouts" else test(args)
    except KeyboardInterrupt:
        log(f"{args.cmd}: interrupted")
        return 130
    except NoSuchKernel:
        log(f"{args.cmd}: the Jupyter kernel '{KERNEL}' is not installed here (./adalab {args.cmd} installs it)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
