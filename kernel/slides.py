"""Slides: reveal.js decks from the notebooks, readable offline.

    python kernel/slides.py [--out DIR] [NOTEBOOK ...]
        For each notebook (default: all in notebooks/) writes DIR/NAME.slides.html (default DIR
        build/slides) with reveal.js and MathJax copied beside it (DIR/reveal.js, DIR/mathjax), so
        the folder opens in a browser with no network. The executed handout (build/handouts/NAME.ipynb)
        is used when it is newer than the notebook; otherwise the notebook is executed here.
        A heading (# or ##) starts a slide and ### a sub-slide, unless the cell's own slideshow
        metadata says otherwise; a cell with slide type "notes" (or the tag "notes") becomes the
        speaker notes of its slide (press S in the deck). Charts are embedded.
        Each deck is written to a temporary file and renamed. Exits 1 naming any failure; the other
        decks are still written.
"""

import argparse
import copy
import re
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks as nbs  # noqa: E402  (execution, atomic writes, the local MathJax)

ROOT = nbs.ROOT
REVEAL_VERSION = "5.2.1"
TEMPLATES = Path(__file__).resolve().parent / "slides-template"
HEADING = re.compile(r"^\s*(#{1,6})\s")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def slide_types(nb):
    """The deck's structure: headings start slides unless a cell already says what it is."""
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        show = cell.metadata.setdefault("slideshow", {})
        if "notes" in cell.metadata.get("tags", []):
            show["slide_type"] = "notes"
        if show.get("slide_type"):
            continue
        m = HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if i == 0 or (m and len(m.group(1)) <= 2):
            show["slide_type"] = "slide"
        elif m and len(m.group(1)) == 3:
            show["slide_type"] = "subslide"
        else:
            show["slide_type"] = "-"
    return nb


def install_reveal(out):
    """reveal.js's dist/ and notes plugin into out/reveal.js (fetched once with npm into build/)."""
    cache_root = ROOT / "build" / "reveal.js"
    cache = cache_root / REVEAL_VERSION
    if not (cache / "dist" / "reveal.js").is_file():
        import subprocess
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed (needed once to fetch reveal.js)")
        cache_root.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=".staging-", dir=cache_root))
        try:
            r = subprocess.run([npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--pack-destination", str(staged)],
                               capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                raise RuntimeError(f"npm pack reveal.js failed: {r.stderr.strip()[-300:]}")
            tgz = staged / f"reveal.js-{REVEAL_VERSION}.tgz"
            with tarfile.open(tgz) as tar:
                for m in tar.getmembers():
                    name = m.name.removeprefix("package/")
                    wanted = name.startswith(("dist/", "plugin/notes/")) or name == "LICENSE"
                    if wanted and m.isfile() and not name.endswith(".map"):
                        dest = staged / "tree" / name
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        dest.write_bytes(tar.extractfile(m).read())
            if not (cache / "dist" / "reveal.js").is_file():  # another build may have finished first
                shutil.rmtree(cache, ignore_errors=True)
                (staged / "tree").rename(cache)  # whole or not at all
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    target = out / "reveal.js"
    if target.is_dir() and nbs.tree_digest(cache) == nbs.tree_digest(target):
        return
    # Staged beside it, then swapped in; a build running at the same time may win the swap, which
    # is as good (the same files).
    staged = Path(tempfile.mkdtemp(prefix=".reveal.js-", dir=out))
    old = Path(tempfile.mkdtemp(prefix=".reveal.js-old-", dir=out))
    try:
        shutil.copytree(cache, staged, dirs_exist_ok=True)
        try:
            if target.is_dir():
                target.rename(old / "reveal.js")
            staged.rename(target)
        except OSError:
            if not (target.is_dir() and nbs.tree_digest(cache) == nbs.tree_digest(target)):
                raise
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def executed(path):
    """(executed notebook, failure or None): the handout's copy when it is newer, else a fresh run."""
    handout = ROOT / "build" / "handouts" / f"{path.stem}.ipynb"
    if handout.is_file() and handout.stat().st_mtime >= path.stat().st_mtime:
        return nbs.nbformat.read(handout, as_version=4), None
    nb, _, failure, _ = nbs.execute(path)
    return nb, failure


def render_slides(nb, mathjax_block):
    from nbconvert import SlidesExporter
    exporter = SlidesExporter(template_name="adalab-slides", extra_template_basedirs=[str(TEMPLATES)],
                              embed_images=True, reveal_url_prefix="reveal.js", reveal_theme="white")
    body, _ = exporter.from_notebook_node(slide_types(nb), resources={"adalab_mathjax": mathjax_block})
    # Links between notebooks lead to the neighbouring decks.
    return nbs.NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.slides.html"', body)


def slides(args):
    out = Path(args.out).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-")
        probe.close()
    except OSError as exc:
        log(f"slides: cannot write into {out} ({exc.strerror})")
        return 1
    try:
        paths = nbs.notebook_paths(args.notebooks)
    except SystemExit as exc:
        log(str(exc).replace("handouts:", "slides:"))
        return 1
    try:
        install_reveal(out)
    except Exception as exc:
        log(f"slides: no local reveal.js ({exc}); no slides written")
        return 1
    local_math = nbs.install_mathjax(out)
    block = nbs.MATHJAX_LOCAL if local_math else ""
    failures = 0
    for i, path in enumerate(paths, 1):
        t0 = time.monotonic()
        nb, failure = executed(path)
        if failure:
            failures += 1
            log(f"slides: [{i}/{len(paths)}] {path.name} FAILED: {failure} (its previous deck, if any, is kept)")
            continue
        html = render_slides(nb, block)
        target = out / f"{path.stem}.slides.html"
        nbs.write_atomically(target, html)
        count = html.count("<section")
        log(f"slides: [{i}/{len(paths)}] {target.name}: {count} sections in {time.monotonic() - t0:.1f} s")
    return 1 if failures else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(ROOT / "build" / "slides"))
    p.add_argument("notebooks", nargs="*")
    args = p.parse_args(argv)
    nbs.install_stop_handlers()
    try:
        return slides(args)
    except KeyboardInterrupt:
        log("slides: interrupted (finished decks are whole)")
        return 130


if __name__ == "__main__":
    sys.exit(main())
