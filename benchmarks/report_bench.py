"""Eval report at scale: an eval's real attempts replicated to N attempts, rendered, then opened in Chromium.

    python benchmarks/report_bench.py RESULTS_DIR [--attempts 500]

RESULTS_DIR is an earlier `assay eval --out` folder (its attempts, repos and run records are read as they are).
Prints the time to write report.html, its size, and (when /usr/bin/chromium and playwright are there) the time to
load the page and to open one drill-down.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from agent.evals.harness import read_results
from agent.evals.report import summarize, write_report

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", type=Path)
    parser.add_argument("--attempts", type=int, default=500)
    args = parser.parse_args()
    real = read_results(args.results)
    if not real:
        raise SystemExit(f"no results in {args.results}")
    lines = []
    for i in range(args.attempts):
        line = dict(real[i % len(real)])
        repeat = i // len(real) + 1
        lines.append({**line, "repeat": repeat, "key": f"{line['case']}@{line['case_version']}#{repeat}"})
    with tempfile.TemporaryDirectory(prefix="assay-report-bench-") as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        write_report(out, summarize(lines), lines)
        written = time.perf_counter() - start
        size = (out / "report.html").stat().st_size
        print(f"{len(lines)} attempts ({len(real)} real, replicated): report.html written in {written:.2f}s, "
              f"{size / 1e6:.2f} MB")
        if not os.access(CHROMIUM, os.X_OK):
            return
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            start = time.perf_counter()
            page.goto((out / "report.html").as_uri(), wait_until="load")
            loaded = time.perf_counter() - start
            opened = page.evaluate("""() => new Promise(done => {
                const all = document.querySelectorAll("details.attempt"), d = all[all.length - 1];
                const start = performance.now();
                d.addEventListener("toggle", () => done(performance.now() - start));
                d.open = true;
            })""") / 1000
            browser.close()
        print(f"page load {loaded:.2f}s · one drill-down opened in {opened * 1000:.0f} ms")


if __name__ == "__main__":
    main()
