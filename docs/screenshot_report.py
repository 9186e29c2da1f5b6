"""Render the HTML report of the dev set's two articles (the seed and its altered copy) and
screenshot its first screen for the docs: the worst claims first, under the per-article summary.

    .venv/bin/python docs/screenshot_report.py [OUT.png]     # default: docs/report.png

Needs Chromium (apt-get install chromium) and a Japanese font (apt-get install fonts-noto-cjk);
runs offline: the article's sources replay from the dev-set cassette.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [ROOT / "tests" / "fixtures" / "articles" / name for name in ("000_8a0206ff2ce473fd.txt", "seed_altered.txt")]
CASSETTE = ROOT / "tests" / "fixtures" / "cassettes" / "devset.yaml"
WINDOW = "1100,1500"


def main(out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from verify.cli import main as claimcheck

    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if browser is None:
        print("screenshot_report: Chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        # A path relative to the checkout, so the page shows no machine's folders.
        os.chdir(ROOT)
        code = claimcheck(["verify", *(str(a.relative_to(ROOT)) for a in ARTICLES), "--cassette", str(CASSETTE),
                           "--html", str(html), "-q"])
        if code != 0:
            return code
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}", f"--window-size={WINDOW}",
                        f"--screenshot={out.resolve()}", html.as_uri()],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "report.png"))
