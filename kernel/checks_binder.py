"""Lecturer checks: binder/ run as repo2docker runs it, without Docker."""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from check_helpers import ROOT, clean_env, local_repository

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
