"""The pure pipeline: every claim gets a verdict and a reason, whatever its source did."""
from claims import parse_text
from verify.model import SourceDoc, Verdict
from verify.pipeline import verify_article

A = "https://a.example.jp/news/1"
B = "https://b.example.jp/news/2"
ARTICLE = f"""題名
💡 日銀は政策金利を0.5%に引き上げた。
💡 火星に基地が完成した。
公開日:2025/01/24

✅ 日銀は政策金利を0.5%に引き上げることを決めた。
✅ トヨタの営業利益は5年ぶりの減益となった。
さらに読む ⇒A出典/画像元: {A}続く文。
公開日:2025/05/08

✅ 売上高は過去最高を更新した。
さらに読む ⇒B出典/画像元: {B}続く文。
公開日:2025/05/09

✅ 出典のない主張。
"""
DOCS = {
    A: SourceDoc(A, published="2025-01-24T12:00:00+09:00",
                 paragraphs=("日本銀行は24日、政策金利を0.25%から0.5%に引き上げることを決めた。",)),
    B: SourceDoc(B, published="2025-05-08T15:00:00+09:00",
                 paragraphs=("トヨタ自動車の営業利益は前期比10.4%減で、減益は5年ぶり。", "売上高は過去最高を更新した。")),
}


def run(docs):
    return {r.claim_id: r for r in verify_article(parse_text(ARTICLE, "t.txt"), docs.__getitem__)}


def test_every_claim_and_point_has_a_verdict_and_reason():
    results = run(DOCS)
    assert list(results) == ["b1-c1", "b1-c2", "b2-c1", "b3-c1", "p1", "p2"]
    assert all(r.reason for r in results.values())


def test_wrong_citation_names_the_block_whose_source_has_it():
    r = run(DOCS)["b1-c2"]
    assert r.verdict is not Verdict.SUPPORTED
    assert "found in b2's source" in r.reason and B in r.reason


def test_points_are_checked_against_all_sources():
    results = run(DOCS)
    assert results["p1"].verdict is Verdict.SUPPORTED and results["p1"].source_url == A
    assert results["p2"].verdict is Verdict.NOT_FOUND
    assert results["p1"].block == "points"


def test_claim_without_citation_is_checked_against_the_article_sources():
    r = run(DOCS)["b3-c1"]
    assert "block cites no source" in r.reason


def test_unreadable_source_makes_its_claims_unverifiable_never_false():
    docs = dict(DOCS)
    docs[A] = SourceDoc(A, status="blocked", reason="blocked: DataDome bot wall (HTTP 401)")
    results = run(docs)
    for cid in ("b1-c1", "b1-c2"):
        assert results[cid].verdict is Verdict.UNVERIFIABLE
        assert results[cid].source_status == "blocked" and "DataDome" in results[cid].reason


def test_each_source_is_fetched_once_per_article():
    calls = []

    def get(url):
        calls.append(url)
        return DOCS[url]
    verify_article(parse_text(ARTICLE, "t.txt"), get)
    assert sorted(calls) == sorted([A, B])
