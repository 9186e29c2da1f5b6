"""The JSON report matches its documented schema (docs/claims.schema.json), in both forms."""
import io
import json
from pathlib import Path

import pytest

from verify.cli import Environment, main

jsonschema = pytest.importorskip("jsonschema")

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
SCHEMA = json.loads((HERE.parent / "docs" / "claims.schema.json").read_text(encoding="utf-8"))


def run(*argv):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    return main([str(a) for a in argv], env)


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_report_with_disappeared_claims_validates(tmp_path):
    old, new = tmp_path / "old.csv", tmp_path / "new.json"
    old.write_text("article,claim_id,claim,claim_key,editor_verdict\n"
                   "seed_altered.txt,b9-c9,もう無い主張,,wrong\n", encoding="utf-8")
    assert run("verify", ARTICLES, "--cassette", CASSETTE, "--previous", old, "--json", new) == 0
    doc = json.loads(new.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert len(doc["claims"]) == 18 and doc["disappeared"][0]["claim"] == "もう無い主張"
    assert any(f["status"] == "conflicting" for c in doc["claims"] for f in c["facts"])


def test_each_line_of_nl_output_is_a_claim(tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("verify", ARTICLES, "--cassette", CASSETTE, "--json", out, "--nl") == 0
    claim_schema = {**SCHEMA["$defs"]["claim"], "$defs": SCHEMA["$defs"]}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 18
    for line in lines:
        jsonschema.validate(json.loads(line), claim_schema)


def test_schema_lists_every_fact_kind_the_matcher_emits():
    from verify.model import FACT_KINDS

    kinds = SCHEMA["$defs"]["fact"]["properties"]["kind"]["enum"]
    assert sorted(kinds) == sorted(FACT_KINDS)
