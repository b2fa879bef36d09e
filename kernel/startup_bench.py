"""Kernel start-up benchmark, run by `./adalab bench` after the Java benchmarks.

    python kernel/startup_bench.py [--runs N]

Starts the installed kernel N times (default 7) through nbclient, the way `handouts` and JupyterLab
do, and times the first cell (`1 + 1`, which also runs IJava's and our start-up scripts) from the
moment the kernel process is launched. Each run is paired with one of the same kernel without its
start-up file (the AOT cache on JDK 25+, -XX:AOTCache dropped; the AppCDS archive on older JVMs,
-XX:SharedArchiveFile dropped), alternating, so both see the same machine load.
Prints table rows and ends with one line `summary: key=value ...` (kernel_first_result_no_cds_s is
the kernel without its start-up file, whichever kind it has).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks as nbs  # noqa: E402  (the runner: Client, scratch, the Jupyter paths)


def cpu_seconds(pid):
    """User + system CPU time of the kernel process so far (all its threads)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_start(kernel_name):
    """(seconds to the kernel's first answer, to the first cell's result, kernel CPU seconds then)."""
    nb = nbs.scratch("1 + 1")
    client = nbs.Client(nb, allow_errors=True)
    client.kernel_name = kernel_name
    t0 = time.monotonic()
    with client.setup_kernel():
        up = time.monotonic() - t0
        client.execute_cell(nb.cells[0], 0)
        first = time.monotonic() - t0
        cpu = cpu_seconds(client.km.provisioner.pid) if sys.platform.startswith("linux") else float("nan")
    if nbs.plain_text(nb.cells[0]) != "2":
        raise SystemExit(f"startup_bench: the kernel answered 1 + 1 with {nb.cells[0].outputs}")
    return up, first, cpu


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args(argv)
    if args.runs < 1:
        raise SystemExit(f"startup_bench: --runs must be at least 1, got {args.runs}")
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(nbs.KERNEL)
    flags = ("-XX:SharedArchiveFile=", "-XX:AOTCache=")
    flag = next((a for a in spec.argv if a.startswith(flags)), None)
    archive = flag.split("=", 1)[1] if flag else None
    has_archive = archive is not None and Path(archive).is_file()
    kind = "AOT cache" if flag and flag.startswith("-XX:AOTCache=") else "AppCDS archive"
    java = Path(spec.argv[0]).resolve().parent.parent.name
    variants = {f"with {kind}" if has_archive else "as installed (no start-up file)": nbs.KERNEL}
    with tempfile.TemporaryDirectory(prefix="adalab-startup-bench-") as tmp:
        if has_archive:
            name = "adalab-java-no-cds"
            kdir = Path(tmp) / "kernels" / name
            kdir.mkdir(parents=True)
            (kdir / "kernel.json").write_text(json.dumps({
                "argv": [a for a in spec.argv if not a.startswith(flags)],
                "display_name": "adalab without CDS", "language": "java",
                "interrupt_mode": spec.interrupt_mode, "env": spec.env}), encoding="utf-8")
            os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [tmp, os.environ.get("JUPYTER_PATH")]))
            variants[f"without {kind}"] = name
        one_start(nbs.KERNEL)  # warms the OS file cache; not counted
        results = {v: [] for v in variants}
        for _ in range(args.runs):
            for label, name in variants.items():
                results[label].append(one_start(name))

    print(f"kernel start-up ({args.runs} starts each, medians; from launching the kernel process; JVM {java})")
    print(f"  {'variant':36s} {'first result':>12s} {'kernel up':>10s} {'kernel CPU':>11s}   all first results")
    med = {}
    for label, rs in results.items():
        up, first, cpu = (statistics.median(r[i] for r in rs) for i in range(3))
        med[label] = first
        runs = " ".join(f"{r[1]:.2f}" for r in sorted(rs, key=lambda r: r[1]))
        print(f"  {label:36s} {first:10.2f} s {up:8.2f} s {cpu:9.2f} s   {runs}")
    main_label = next(iter(variants))
    pairs = [f"kernel_first_result_s={med[main_label]:.2f}"]
    if f"without {kind}" in med:
        pairs.append(f"kernel_first_result_no_cds_s={med[f'without {kind}']:.2f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  (load average while measuring: {load:.1f} on {os.cpu_count()} CPUs)")
    print("summary: " + " ".join(pairs), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("startup_bench: interrupted", file=sys.stderr)
        sys.exit(130)
