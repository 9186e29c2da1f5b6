"""Build (or check) the vcrpy cassette of a labelled set from its sources.yaml.

    python tests/labelled/build.py tests/labelled cassettes/labelled.yaml
    python tests/labelled/build.py tests/heldout  cassettes/heldout.yaml
    python tests/labelled/build.py --check tests/labelled cassettes/labelled.yaml

Building is deterministic (same sources.yaml -> same bytes). --check replays the cassette through
vcrpy + requests and verifies that every URL answers as intended (status, headers, decodable
body holding the article text; pay wall, DataDome, 404 and soft-404 pages as specified), and that
labels.csv matches the ✅ lines of the articles.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render  # noqa: E402

LABELS = {"supported", "not_supported", "unverifiable"}
KINDS = {
    "supported": {"faithful"},
    "not_supported": {"number", "date", "entity", "negation", "antonym", "quote", "unrelated",
                      "wrong_citation", "exaggeration",
                      # the classes of issue 10: what a claim says happened, not only its names
                      "act", "modifier", "modality", "cause", "attribution", "binding",
                      "granularity", "role"},
    "unverifiable": {"dead_source", "blocked", "soft_404", "paywalled"},
}
CITE = re.compile(r"出典/画像元: (https?://[\x21-\x7e]+?)(?=[^\x21-\x7e]|$)")


def load_sources(set_dir: Path) -> list[dict]:
    return yaml.safe_load((set_dir / "sources.yaml").read_text(encoding="utf-8"))


def build(set_dir: Path, cassette: Path) -> int:
    from vcr.request import Request
    from vcr.serialize import serialize
    from vcr.serializers import yamlserializer

    requests_, responses = [], []
    for src in load_sources(set_dir):
        resp = render.render(src)
        requests_.append(Request("GET", src["url"], None, {"Accept": "*/*"}))
        headers = {k: [v] for k, v in resp.headers.items()}
        headers["Date"] = [render.DATE_HEADER]
        responses.append({
            "status": {"code": resp.status, "message": resp.message},
            "headers": headers,
            "body": {"string": resp.body},  # vcrpy writes UTF-8 as text, anything else as !!binary
        })
    text = serialize({"requests": requests_, "responses": responses}, yamlserializer)
    cassette.parent.mkdir(parents=True, exist_ok=True)
    cassette.write_text(text, encoding="utf-8")
    print(f"{cassette}: {len(requests_)} interactions")
    return 0


# ---------------------------------------------------------------- checking

def declared_charset(resp) -> str:
    ctype = resp.headers.get("Content-Type", "")
    m = re.search(r"charset=([\w-]+)", ctype, re.I)
    if m:
        return m.group(1)
    m = re.search(rb'<meta[^>]+charset=["\']?([\w-]+)', resp.content[:2048], re.I)
    return m.group(1).decode() if m else "utf-8"


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def check_page(src: dict, resp) -> list[str]:
    errors = []
    status = src.get("status", "ok")
    want = {"ok": 200, "blocked": 401, "not_found": 404, "soft_404": 200}[status]
    if resp.status_code != want:
        errors.append(f"status {resp.status_code}, expected {want}")
    if status == "blocked":
        if resp.headers.get("x-datadome") != "protected" or "captcha-delivery.com" not in resp.text:
            errors.append("not a DataDome page")
        return errors
    charset = declared_charset(resp)
    try:
        text = resp.content.decode(charset)
    except (UnicodeDecodeError, LookupError) as exc:
        return errors + [f"cannot decode as {charset}: {exc}"]
    if status == "not_found":
        return errors
    if status == "soft_404":
        if "見つかりません" not in text:
            errors.append("soft 404 page lacks 見つかりません")
        return errors
    expected_charset = render.CHARSET_LABEL[src.get("charset", "utf-8")].lower()
    if charset.lower() != expected_charset:
        errors.append(f"declared charset {charset}, expected {expected_charset}")
    if src["site"] == "reuters" and "charset" in (resp.headers.get("Content-Type", "") + text[:2000]).lower():
        errors.append("reuters page must not declare a charset")
    visible = re.sub(r'<span class="text__sr-only">.*?</span>', "", text)  # Reuters "opens new tab"
    flat = norm(render.html.unescape(re.sub(r"<[^>]+>", "", visible)))
    shown = render.body_paragraphs(src)
    for para in shown:
        if norm(render.plain_text(para)) not in flat:
            errors.append(f"paragraph missing from page: {para[:30]}...")
    for para in src["paragraphs"][len(shown):]:
        if norm(render.plain_text(para))[:25] in flat:
            errors.append(f"paragraph past the pay wall is served: {para[:30]}...")
    if src.get("paywall") and ("この記事は有料記事です。" not in text or "is-mustpay" not in text):
        errors.append("pay wall markers missing")
    return errors


def check_cassette(set_dir: Path, cassette: Path) -> list[str]:
    import requests
    import vcr

    errors = []
    replay = vcr.VCR(record_mode="none")
    with replay.use_cassette(str(cassette)) as cass:
        for src in load_sources(set_dir):
            resp = requests.get(src["url"], timeout=10, allow_redirects=False)
            errors += [f"{src['url']}: {e}" for e in check_page(src, resp)]
        if not cass.all_played:
            errors.append("some interactions were never played")
    return errors


def check_labels(set_dir: Path) -> tuple[list[str], Counter]:
    errors, counts = [], Counter()
    urls = {s["url"] for s in load_sources(set_dir)}
    with open(set_dir / "labels.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["article", "claim", "label", "kind"]:
            errors.append(f"labels.csv columns {reader.fieldnames}")
        rows = list(reader)
    labelled = Counter((r["article"], r["claim"]) for r in rows)
    for r in rows:
        counts[(r["label"], r["kind"])] += 1
        if r["kind"] not in KINDS.get(r["label"], ()):
            errors.append(f"bad label/kind {r['label']}/{r['kind']}: {r['claim'][:20]}")
    on_page, cited = Counter(), set()
    for path in sorted((set_dir / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("✅ "):
                on_page[(path.name, line[2:])] += 1
        cited |= set(CITE.findall(text))
    if on_page != labelled:
        errors.append(f"labels.csv and ✅ lines differ: {sorted((on_page ^ labelled).elements())[:3]}")
    if cited != urls:
        errors.append(f"cited URLs vs sources.yaml differ: {sorted(cited ^ urls)}")
    return errors, counts


def check(set_dir: Path, cassette: Path) -> int:
    errors = check_cassette(set_dir, cassette)
    label_errors, counts = check_labels(set_dir)
    errors += label_errors
    for e in errors:
        print("ERROR", e)
    total = sum(counts.values())
    print(f"{set_dir}: {total} claims, {len(load_sources(set_dir))} sources, {len(errors)} errors")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set_dir", type=Path, help="tests/labelled or tests/heldout")
    ap.add_argument("cassette", type=Path, help="cassette to write (or check)")
    ap.add_argument("--check", action="store_true", help="replay the cassette and verify it")
    args = ap.parse_args(argv)
    if args.check:
        return check(args.set_dir, args.cassette)
    return build(args.set_dir, args.cassette)


if __name__ == "__main__":
    sys.exit(main())
