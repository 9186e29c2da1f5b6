"""What the start of a command costs, piece by piece: the numbers behind the startup proposals.

    python -m benchmarks.proto_startup [--repeat 15]

Each line is the median wall time of a fresh interpreter doing one thing, minus `python -c pass`.
- package_version(): `metadata.packages_distributions()` (reads every installed distribution's
  file list) against asking `metadata.version("claimcheck")` first, which it finds directly.
- vcrpy: `import vcr` on top of `import requests` (verify.fetch needs requests anyway; it
  imports vcr only through verify.fetch.cassette, for `is_active()` and one exception class).
- bs4 (soupsieve compiles its CSS grammar on import), requests_cache (opened by Fetcher even
  for a local article file), and the whole of verify.cli.commands.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

SNIPPETS = {
    "python -c pass (floor)": "pass",
    "metadata.packages_distributions()": "from importlib import metadata; metadata.packages_distributions()",
    "metadata.version('claimcheck')": "from importlib import metadata; metadata.version('claimcheck')",
    "import requests": "import requests",
    "import requests, vcr": "import requests, vcr",
    "import bs4": "import bs4",
    "import requests_cache": "import requests_cache",
    "import verify.cli.commands": "import verify.cli.commands",
    "verify.fetch.Settings()": "from verify.fetch import Settings; Settings()",
}


def _once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.proto_startup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    samples: dict[str, list[float]] = {name: [] for name in SNIPPETS}
    for code in SNIPPETS.values():
        _once(code)  # warm .pyc files and the page cache
    for _ in range(args.repeat):
        for name, code in SNIPPETS.items():
            samples[name].append(_once(code))
    floor = statistics.median(samples["python -c pass (floor)"])
    for name, values in samples.items():
        med = statistics.median(values)
        extra = "" if name.startswith("python") else f"   (+{(med - floor) * 1000:.0f} ms over the floor)"
        print(f"{name:38} {med * 1000:7.1f} ms{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
