"""Reports are never lost: every path is checked before the first fetch; each report is written
beside its target, synced and renamed over it, so Ctrl-C, SIGTERM or a full disk leave the earlier
report intact; one report that cannot be written does not stop the others (issue #11)."""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from run_helpers import run_cli

import verify.report
import verify.report.csv_json
import verify.report.files
import verify.report.html_page
import verify.report.xlsx_workbook
from verify.cli import ExitStatus

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
EARLIER = "the earlier report\n"
FORMATS = ("csv", "json", "html", "xlsx")


def _earlier_reports(folder: Path) -> dict[str, Path]:
    paths = {fmt: folder / f"report.{fmt}" for fmt in FORMATS}
    for path in paths.values():
        path.write_text(EARLIER, encoding="utf-8")
    return paths


def _report_args(paths: dict[str, Path]) -> list[str]:
    return [arg for fmt, path in paths.items() for arg in (f"--{fmt}", str(path))]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_run_replaces_every_report_and_leaves_no_temporary_file(tmp_path):
    paths = _earlier_reports(tmp_path)
    os.chmod(paths["csv"], 0o640)
    run = run_cli("verify", SEED, "--cassette", CASSETTE, *_report_args(paths))
    assert run.code == ExitStatus.OK, run.stderr
    assert all(p.read_bytes() != EARLIER.encode() for p in paths.values())
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["claims"]
    assert (paths["csv"].stat().st_mode & 0o777) == 0o640  # the report keeps its permissions
    assert _leftovers(tmp_path) == []


def test_a_report_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text(EARLIER, encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    assert run_cli("verify", SEED, "--cassette", CASSETTE, "--csv", tmp_path / "link.csv").code == ExitStatus.OK
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8-sig").startswith("article,")


@pytest.mark.parametrize("bad", ["missing-folder/r.csv", "a-folder"])
def test_an_unwritable_report_path_fails_at_once_before_any_fetch(tmp_path, local_server, bad):
    (tmp_path / "a-folder").mkdir()
    url = local_server.route("/p", "<html><body><article><p>ロシアとイランは条約に署名した。</p></article></body></html>")
    article = tmp_path / "a.txt"
    article.write_text(f"題\n公開日:2025/01/17\n✅ ロシアとイランは条約に署名した。\nさらに読む ⇒X出典/画像元: {url}続く。\n",
                       encoding="utf-8")
    json_report = tmp_path / "ok.json"
    run = run_cli("verify", article, "--json", json_report, "--csv", tmp_path / bad, "--allow-private",
                  "--no-cache", "--delay", "0")
    assert run.code == ExitStatus.ERROR
    assert run.stderr.strip().splitlines() == [f"claimcheck: error: {tmp_path / bad}: cannot write "
                                               f"({'is a directory' if bad == 'a-folder' else 'No such file or directory'})"]
    assert local_server.requests == [] and not json_report.exists()


# Where each report's bytes are written (verify/report/stream.py): CSV and JSON as each article's
# results arrive, HTML and XLSX from the spill file at the end.
_WRITING = {"csv": (verify.report.csv_json.CsvWriter, "add"), "json": (verify.report.csv_json.JsonWriter, "add"),
            "html": (verify.report.html_page, "write_page"), "xlsx": (verify.report.xlsx_workbook, "write_xlsx")}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_a_report_is_written_leaves_the_earlier_report_intact(tmp_path, monkeypatch, fmt, signum):
    paths = _earlier_reports(tmp_path)
    owner, name = _WRITING[fmt]
    real = getattr(owner, name)

    def write_then_signal(*args, **kwargs):
        real(*args, **kwargs)  # part of the report is in its temporary file ...
        os.kill(os.getpid(), signum)  # ... when the signal comes, through the real handler

    monkeypatch.setattr(owner, name, write_then_signal)
    run = run_cli("verify", SEED, "--cassette", CASSETTE, *_report_args(paths))
    assert run.code == (ExitStatus.INTERRUPTED if signum == signal.SIGINT else ExitStatus.TERMINATED)
    assert run.code in (130, 143) and "Traceback" not in run.stderr
    assert paths[fmt].read_text(encoding="utf-8") == EARLIER
    assert _leftovers(tmp_path) == []
    for later in FORMATS[FORMATS.index(fmt) + 1:]:  # not yet reached: untouched as well
        assert paths[later].read_text(encoding="utf-8") == EARLIER


def test_a_full_disk_keeps_the_earlier_report_and_writes_the_others(tmp_path, monkeypatch):
    paths = _earlier_reports(tmp_path)
    real_fsync = os.fsync

    def fsync(fd):
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp") and ".report.json." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(verify.report.files.os, "fsync", fsync)
    run = run_cli("verify", SEED, "--cassette", CASSETTE, *_report_args(paths))
    assert run.code == ExitStatus.ERROR
    assert run.stderr.strip().splitlines() == [
        f"claimcheck: error: {paths['json']}: cannot write (No space left on device); an earlier file there is unchanged"]
    assert paths["json"].read_text(encoding="utf-8") == EARLIER
    assert all(paths[f].read_bytes() != EARLIER.encode() for f in ("csv", "html", "xlsx"))
    assert _leftovers(tmp_path) == []


def test_a_report_to_dev_full_fails_in_one_line():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    run = run_cli("verify", SEED, "--cassette", CASSETTE, "--json", "/dev/full")
    assert run.code == ExitStatus.ERROR and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        "claimcheck: error: /dev/full: cannot write (No space left on device); an earlier file there is unchanged"]


def test_a_writer_that_crashes_costs_only_its_own_report(tmp_path, monkeypatch):
    paths = _earlier_reports(tmp_path)

    def broken(*args, **kwargs):
        raise TypeError("a bug in the HTML writer")
    monkeypatch.setattr(verify.report.html_page, "write_page", broken)
    run = run_cli("verify", SEED, "--cassette", CASSETTE, *_report_args(paths))
    assert run.code == ExitStatus.INTERNAL_ERROR
    assert f"{paths['html']}: not written: internal error: TypeError: a bug in the HTML writer" in run.stderr
    assert paths["html"].read_text(encoding="utf-8") == EARLIER
    assert all(paths[f].read_bytes() != EARLIER.encode() for f in ("csv", "json", "xlsx"))


_FILL_AND_RUN = textwrap.dedent("""\
    set -e
    mount -t tmpfs -o size=256k tmpfs "$DISK"
    printf 'the earlier report\\n' > "$DISK/report.csv"
    head -c 10M /dev/zero > "$DISK/filler" 2>/dev/null || true
    set +e
    "$PYTHON" -m verify verify "$SEED" --cassette "$CASSETTE" --csv "$DISK/report.csv" 2>"$OUT/stderr"
    echo $? > "$OUT/code"
    cp "$DISK/report.csv" "$OUT/report.csv"
    ls -a "$DISK" > "$OUT/listing"
""")


def test_a_real_full_disk_leaves_the_earlier_report_intact(tmp_path):
    """On a tiny tmpfs, filled up, in a private mount namespace (skipped where that is not allowed)."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("cannot make a private mount namespace here (unshare -rm)")
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = dict(os.environ, DISK=str(disk), OUT=str(out), PYTHON=sys.executable, SEED=str(SEED),
               CASSETTE=str(CASSETTE), PYTHONPATH=str(HERE.parent))
    done = subprocess.run(["unshare", "-rm", "sh", "-c", _FILL_AND_RUN], env=env, capture_output=True, timeout=300)
    if done.returncode or not (out / "code").exists():
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()[:200]}")
    stderr = (out / "stderr").read_text(encoding="utf-8")
    assert int((out / "code").read_text()) == ExitStatus.ERROR
    assert "No space left on device" in stderr and "Traceback" not in stderr
    assert (out / "report.csv").read_text(encoding="utf-8") == EARLIER
    assert not any(name.endswith(".tmp") for name in (out / "listing").read_text().split())


def test_reports_are_written_even_when_the_terminal_is_gone(tmp_path):
    import io

    from verify.cli import Environment, main

    class HungUpTerminal(io.StringIO):  # a dropped SSH session: writes fail with EIO
        def write(self, text):
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    report = tmp_path / "r.json"
    env = Environment(stdin=io.StringIO(), stdout=HungUpTerminal(), stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True)
    with pytest.raises(OSError):
        main(["verify", str(SEED), "--cassette", str(CASSETTE), "--json", str(report)], env)
    assert len(json.loads(report.read_text(encoding="utf-8"))["claims"]) == 9


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    # `claimcheck … --json - | head -c 100`: the pipe closes under the report; that is what the
    # reader wanted, so no error line and no traceback, and exit 0
    labelled = HERE / "labelled" / "articles"  # 123 claims: far more than a pipe's 64 KB buffer
    proc = subprocess.Popen([sys.executable, "-m", "verify", "verify", str(labelled), "--cassette",
                             str(HERE.parent / "cassettes" / "labelled.yaml"), "-q", "--json", "-", "--nl", "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.read(100)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, stderr
    assert first.startswith(b'{"article"') and stderr == ""
