"""The real CLI, run in-process with fake streams: exit codes, reports, the demo."""
import csv
import io
import json
from pathlib import Path

import pytest

from verify.cli import Environment, ExitStatus, main

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles"
SEED = ARTICLES / "000_8a0206ff2ce473fd.txt"
ALTERED = ARTICLES / "seed_altered.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
LABELS = ARTICLES / "devset_labels.csv"
MAINICHI = "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"
REUTERS = "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"


def run(*argv, stdin=""):
    env = Environment(stdin=io.StringIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_seed_verify_writes_six_claim_rows_with_exact_urls(tmp_path):
    out = tmp_path / "out.csv"
    code, stdout, stderr = run("verify", SEED, "--cassette", CASSETTE, "--csv", out)
    assert code == ExitStatus.OK, stderr
    rows = [r for r in read_csv(out) if r["block"] != "points"]
    assert len(rows) == 6
    assert {r["source_url"] for r in rows} == {MAINICHI, REUTERS}
    assert all(r["verdict"] == "supported" for r in rows), [(r["claim_id"], r["reason"]) for r in rows]
    assert "9 claims: " in stdout  # the summary counts the 6 claims and the 3 uncited points


def test_devset_labels_all_right_through_the_cli(tmp_path):
    out = tmp_path / "out.csv"
    code, _, stderr = run("verify", SEED, ALTERED, "--cassette", CASSETTE, "--csv", out)
    assert code == ExitStatus.OK, stderr
    got = {(Path(r["article"]).name, r["claim"]): r["verdict"] for r in read_csv(out)}
    with open(LABELS, encoding="utf-8") as f:
        labels = list(csv.DictReader(f))
    wrong = [(l["claim"], got[(l["article"], l["claim"])]) for l in labels
             if (got[(l["article"], l["claim"])] == "supported") != (l["label"] == "supported")]
    assert wrong == []


def test_csv_columns_in_documented_order_and_bom(tmp_path):
    out = tmp_path / "out.csv"
    run("verify", SEED, "--cassette", CASSETTE, "--csv", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].split(b"\r\n", 1)[0].decode()
    assert header.startswith("article,block,claim_id,claim,source_url,source_status,verdict,score,evidence,reason")


def test_json_report_has_schema_version_facts_and_offsets(tmp_path):
    out = tmp_path / "out.json"
    run("verify", ALTERED, "--cassette", CASSETTE, "--json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1
    claim = next(c for c in doc["claims"] if "30年間" in c["claim"])
    assert claim["verdict"] == "contradicted"
    assert any(f["status"] == "conflicting" and f["text"] == "30年間" for f in claim["facts"])
    assert claim["evidence_spans"] and claim["evidence_spans"][0]["end"] > claim["evidence_spans"][0]["start"]


def test_url_missing_from_cassette_is_unverifiable_and_every_claim_reported(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("題\n公開日:2025/01/01\n✅ 何かが起きた。\n✅ もう一つ。\n"
                       "さらに読む ⇒どこか出典/画像元: https://example.org/missing次の文。\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, _ = run("verify", article, "--cassette", CASSETTE, "--csv", out)
    rows = read_csv(out)
    assert code == ExitStatus.OK
    assert [(r["source_status"], r["verdict"]) for r in rows] == [("not_in_cassette", "unverifiable")] * 2
    assert all(r["reason"] for r in rows)


def test_stdin_article(tmp_path):
    code, stdout, _ = run("verify", "-", "--cassette", CASSETTE, stdin=SEED.read_text(encoding="utf-8"))
    assert code == ExitStatus.OK and "9 claims" in stdout


@pytest.mark.parametrize("argv, message", [
    (["verify", "nope.txt", "--cassette", str(CASSETTE)], "nope.txt: no such file"),
    (["verify", str(SEED), "--cassette", "missing.yaml"], "missing.yaml"),
    (["verify"], "the following arguments are required"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line_error(argv, message):
    code, _, stderr = run(*argv)
    assert code == ExitStatus.ERROR
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


def test_one_unreadable_article_does_not_stop_the_others(tmp_path):
    out = tmp_path / "out.csv"
    code, _, stderr = run("verify", tmp_path / "nope.txt", SEED, "--cassette", CASSETTE, "--csv", out)
    assert code == ExitStatus.ERROR and "nope.txt" in stderr
    assert len(read_csv(out)) == 9


def test_demo_runs_offline_on_the_bundled_example():
    code, stdout, stderr = run("demo")
    assert code == ExitStatus.OK, stderr
    assert "b2-c3" in stdout and "9 claims" in stdout


def test_extract_json_lists_blocks_and_claims():
    code, stdout, _ = run("extract", SEED, "--json")
    data = json.loads(stdout)
    assert code == 0 and [len(b["claims"]) for b in data[0]["blocks"]] == [3, 3]


def test_help_and_version_exit_zero():
    assert run("--help")[0] == 0
    code, stdout, _ = run("--version")
    assert code == 0 and stdout.startswith("claimcheck ")
