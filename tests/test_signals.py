"""SIGTERM is treated like Ctrl-C: a one-line message, exit 143 (130 for Ctrl-C), no traceback,
and the earlier report left as it was (issue #11). Run as a real process, signalled from outside."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"


@pytest.mark.parametrize("signum, code, message", [
    (signal.SIGTERM, 143, "claimcheck: error: terminated (SIGTERM)"),
    (signal.SIGINT, 130, "claimcheck: error: interrupted"),
])
def test_a_signal_mid_run_exits_with_its_code_and_one_line(tmp_path, signum, code, message):
    # The run reads its list of inputs from a FIFO: opening our end waits until claimcheck has
    # opened its own, so the signal arrives mid-run, never before the handler is installed.
    fifo = tmp_path / "inputs"
    os.mkfifo(fifo)
    report = tmp_path / "report.csv"
    report.write_text("the earlier report\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "verify", "verify", "--from", str(fifo), "--cassette", str(CASSETTE),
         "--csv", str(report)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(HERE.parent)))
    try:
        with open(fifo, "w", encoding="utf-8"):
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == code
    assert stderr.strip().splitlines() == [message]
    assert report.read_text(encoding="utf-8") == "the earlier report\n"
