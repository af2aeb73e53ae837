#!/usr/bin/env python3
"""Scaling benchmark: sitrep end to end on 1k, 10k and 100k articles.

The GVA articles (../shared/corpora/gva/articles.jsonl) are replicated as
often as needed; each copy k has its report date shifted by k * 364 days
(whole weeks, so weekdays in the text still resolve as in the original) and
its own document id and a marker line, so that no copy is a duplicate of
another. Each size is run once with `--threads 1`; the table gives wall
time, articles per second and peak memory (max RSS, from /usr/bin/time).

usage: python3 scripts/scale.py [SIZES...]     (default: 1000 10000 100000)
Needs a release build: cargo build --release -p sitrep
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "..", "shared", "corpora", "gva", "articles.jsonl")
SITREP = os.path.join(ROOT, "target", "release", "sitrep")


def shifted(record, k):
    r = dict(record)
    if k:
        try:
            d = datetime.date.fromisoformat(r.get("dct", ""))
            r["dct"] = (d + datetime.timedelta(days=364 * k)).isoformat()
        except ValueError:
            pass
        r["doc_id"] = f"{r.get('doc_id', '')}-copy{k}"
        r["content"] = f"{r.get('content', '')}\n\n(Copy {k} of the benchmark.)"
    return r


def write_set(records, n, path):
    with open(path, "w") as out:
        for i in range(n):
            k, j = divmod(i, len(records))
            out.write(json.dumps(shifted(records[j], k)) + "\n")


def run(path):
    cmd = ["/usr/bin/time", "-v", SITREP, "run", path, "--format", "jsonl", "--threads", "1", "-q"]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    summary = next((line for line in p.stderr.splitlines() if line.startswith("sitrep:")), "")
    return seconds, rss_kb, summary


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    if not os.path.exists(SITREP):
        sys.exit("build first: cargo build --release -p sitrep")
    records = [json.loads(line) for line in open(SOURCE) if line.strip()]
    print("| articles | wall time | articles/s | peak memory (max RSS) |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"gva-{n}.jsonl")
            write_set(records, n, path)
            seconds, rss_kb, summary = run(path)
            print(f"| {n:,} | {seconds:.2f} s | {n / seconds:,.0f} | {rss_kb / 1024:,.0f} MB |", flush=True)
            print(f"<!-- {summary} -->", file=sys.stderr)
            os.remove(path)


if __name__ == "__main__":
    main()
