#!/usr/bin/env python3
"""Article extraction side by side: trafilatura and sitrep on the same pages.

Installs trafilatura 2.3.1 from PyPI into a throwaway virtual environment
(target/bench-venv), runs it on every page of the extraction set with one
thread, timing the extraction only (pages read and decompressed first; the
median of three passes), and
scores it as `sitrep eval extraction` does. Then runs `sitrep eval
extraction` (built with `cargo build --release`) on the same folder and
prints both F1 scores, both pages/s and the ratio.

    python3 scripts/extraction-bench.py ../shared/corpora/extraction
"""

import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "bench-venv"
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_score(gold, ours):
    g, o = shingles(gold), shingles(ours)
    tp = sum(min(c, o[k]) for k, c in g.items())
    fp = sum(max(0, c - g[k]) for k, c in o.items())
    fn = sum(max(0, c - o[k]) for k, c in g.items())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0, 0, 0)


def f1(gold, texts):
    precision, recall = [], []
    for key, body in gold.items():
        if key not in texts:
            continue
        tp, fp, fn = page_score(body, texts[key])
        if tp + fp > 0:
            precision.append(tp / (tp + fp))
        if tp + fn > 0:
            recall.append(tp / (tp + fn))
    p, r = sum(precision) / len(precision), sum(recall) / len(recall)
    return 2 * p * r / (p + r)


def ensure_venv():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "trafilatura==2.3.1", "lxml_html_clean"], check=True
        )
    return python


def run_trafilatura(folder):
    """In the virtual environment: extract every page, print texts and seconds."""
    import trafilatura  # noqa: PLC0415 (only inside the venv)

    pages = {p.name[: -len(".html.gz")]: gzip.open(p).read() for p in sorted((folder / "html").glob("*.html.gz"))}
    # The median of three passes, as sitrep's evaluation takes the median of five.
    passes = []
    for _ in range(3):
        texts, elapsed = {}, 0.0
        for key, html in pages.items():
            started = time.perf_counter()
            texts[key] = trafilatura.extract(html) or ""
            elapsed += time.perf_counter() - started
        passes.append(elapsed)
    json.dump({"texts": texts, "seconds": sorted(passes)[1]}, sys.stdout)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--inside":
        run_trafilatura(Path(sys.argv[2]))
        return
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/extraction").resolve()
    gold = {k: v.get("articleBody", "") for k, v in json.load(open(folder / "ground-truth.json")).items()}
    python = ensure_venv()
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(
        [str(python), __file__, "--inside", str(folder)], check=True, capture_output=True, text=True, env=env
    )
    theirs = json.loads(out.stdout)
    pages = len(theirs["texts"])
    their_rate = pages / theirs["seconds"]
    their_f1 = f1(gold, theirs["texts"])
    binary = ROOT / "target" / "release" / "sitrep"
    ours = json.loads(
        subprocess.run(
            [str(binary), "eval", "extraction", str(folder), "--format", "json"], check=True, capture_output=True, text=True
        ).stdout
    )["metrics"]
    print(f"pages: {pages}")
    print(f"trafilatura 2.3.1: F1 {their_f1:.4f}, {their_rate:.1f} pages/s")
    print(f"sitrep:            F1 {ours['f1']:.4f}, {ours['pages_per_second']:.1f} pages/s")
    print(f"speed ratio:       {ours['pages_per_second'] / their_rate:.1f}x")


if __name__ == "__main__":
    main()
