"""Lecturer checks: the lab's first start (quiet, on the tour) and the library from Maven (%maven)."""

import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from check_helpers import NOTIFICATION, ROOT, Lab, in_browser, local_repository, nbs, sha

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
