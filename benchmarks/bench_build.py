"""Speed of the build, measured side by side in one run (never in a test).

    python benchmarks/bench_build.py [--root DIR] [--repeat N]

Prints the median wall time of each step over N runs and the ratios that matter: how the
pipeline's time splits between assembly and the writers, and what --jobs 2 buys on this machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from modellaw.assemble import Edition, assemble, plan  # noqa: E402
from modellaw.build import load_inputs  # noqa: E402
from modellaw.i18n import translator  # noqa: E402
from modellaw.writers import docx, markdown  # noqa: E402


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=ROOT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    library, jurisdictions = load_inputs(args.root)
    model = next(j for j in jurisdictions if j.is_model)
    edition = Edition(library, model, "en", translator(args.root, "en"))
    law_plan = plan(library, model, "law")
    law, _ = assemble(edition, "law", law_plan)
    sections = sum(len(p.sections) for p in law.parts)
    words = len(markdown.write(law).split())
    rows = [
        ("load library + jurisdictions", median_time(lambda: load_inputs(args.root), args.repeat)),
        ("plan (select, number) the law", median_time(lambda: plan(library, model, "law"), args.repeat)),
        ("assemble the law (model/en)", median_time(lambda: assemble(edition, "law", law_plan), args.repeat)),
        ("write Markdown", median_time(lambda: markdown.write(law), args.repeat)),
        ("write DOCX", median_time(lambda: docx.write(law), args.repeat)),
    ]

    def cli_build(jobs: int) -> None:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, "-m", "modellaw", "--root", args.root, "build", "-q", "--jobs", str(jobs),
                            "--out", out], check=True, cwd=ROOT)

    full = max(1, args.repeat // 2)
    one = median_time(lambda: cli_build(1), full)
    two = median_time(lambda: cli_build(2), full)
    rows += [("full build, --jobs 1 (process)", one), ("full build, --jobs 2 (process)", two)]
    print(f"model law: {sections} sections, {words} words; {len(jurisdictions)} jurisdictions; median of {args.repeat}")
    print(f"{'step':40} {'seconds':>9}")
    for name, seconds in rows:
        print(f"{name:40} {seconds:9.3f}")
    print(f"ratio DOCX / Markdown writer:      {rows[4][1] / rows[3][1]:.1f}x")
    print(f"ratio assemble / DOCX writer:      {rows[2][1] / rows[4][1]:.2f}x")
    print(f"ratio --jobs 1 / --jobs 2:         {one / two:.2f}x")


if __name__ == "__main__":
    main()
