"""Shared pieces of the lecturer checks (kernel/lecturer_tests.py): the project's paths, a clean
environment, `./adalab lab` as a test fixture, headless Chromium on a page, Maven's local repository."""

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
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



def local_repository():
    """Maven's local repository: ~/.m2/settings.xml's localRepository, else ~/.m2/repository."""
    settings = Path.home() / ".m2" / "settings.xml"
    if settings.is_file():
        m = re.search(r"<localRepository>\s*([^<]+?)\s*</localRepository>", settings.read_text(encoding="utf-8"))
        if m:
            return Path(m.group(1).replace("${user.home}", str(Path.home())))
    return Path.home() / ".m2" / "repository"


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
