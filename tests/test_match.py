"""The matcher: the score finds evidence, explicit fact checks decide the verdict."""
import pytest

from verify.numbers import quantities
from verify.match.polarity import predicates
from verify.match import match_claim
from verify.model import SourceDoc, Verdict

BOJ = SourceDoc(
    "https://example.jp/boj", published="2025-01-24T12:00:00+09:00",
    paragraphs=(
        "日本銀行は24日の金融政策決定会合で、政策金利を0.25%から0.5%に引き上げることを決めた。",
        "利上げは昨年7月以来で、植田和男総裁は記者会見で「賃金と物価の好循環が強まっている」と述べた。",
        "決定は賛成8、反対1の賛成多数だった。円相場は1ドル=155円台で推移した。",
        "日銀は物価見通しも上方修正した。",
    ),
)


def verdict(claim, doc=BOJ):
    return match_claim(claim, doc)


def test_faithful_paraphrase_is_supported():
    m = verdict("日銀は政策金利を0.5%へ引き上げると決定した。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_alias_of_an_organisation_counts_as_the_same_entity():
    m = verdict("日本銀行は政策金利を0.5%に引き上げた。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_changed_number_is_contradicted_with_both_values_in_the_reason():
    m = verdict("日銀は政策金利を0.75%に引き上げることを決めた。")
    assert m.verdict is Verdict.CONTRADICTED
    assert "0.75%" in m.reason and "source" in m.reason


def test_changed_vote_count_is_contradicted():
    assert verdict("決定は賛成7、反対2の賛成多数だった。").verdict is not Verdict.SUPPORTED


def test_antonym_is_contradicted():
    m = verdict("日銀は政策金利を0.5%に引き下げることを決めた。")
    assert m.verdict is Verdict.CONTRADICTED
    assert "引き下げ" in m.reason


def test_flipped_negation_is_contradicted():
    doc = SourceDoc("u", paragraphs=("政府は新たな経済対策を発表しなかった。",))
    m = verdict("政府は新たな経済対策を発表した。", doc)
    assert m.verdict is Verdict.CONTRADICTED
    assert "polarity" in m.reason


def test_negation_kept_by_a_synonym_is_supported():
    doc = SourceDoc("u", paragraphs=("条約には相互防衛の条項は盛り込まれなかった。",))
    assert verdict("条約に相互防衛条項は含まれていない。", doc).verdict is Verdict.SUPPORTED


def test_altered_quote_is_flagged():
    m = verdict("植田総裁は「賃金と物価の好循環が弱まっている」と述べた。")
    assert m.verdict is not Verdict.SUPPORTED
    assert "quote" in m.reason or "antonym" in m.reason


def test_exact_quote_is_supported():
    m = verdict("植田総裁は「賃金と物価の好循環が強まっている」と語った。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_swapped_person_is_flagged():
    m = verdict("黒田東彦総裁は記者会見で賃金と物価の好循環が強まっていると述べた。")
    assert m.verdict is not Verdict.SUPPORTED
    assert "黒田" in m.reason


def test_unsupported_emphasis_is_partial():
    m = verdict("日銀は過去最高の0.5%に政策金利を引き上げた。")
    assert m.verdict is Verdict.PARTIAL
    assert "過去最高" in m.reason


def test_unrelated_claim_is_not_found():
    m = verdict("新型ロケットの打ち上げは天候不良のため延期された。")
    assert m.verdict is Verdict.NOT_FOUND


def test_relative_year_resolved_against_publication_date():
    assert verdict("利上げは2024年7月以来となる。").verdict is Verdict.SUPPORTED
    assert verdict("利上げは2023年7月以来となる。").verdict is not Verdict.SUPPORTED


def test_evidence_spans_point_into_the_source_text():
    m = verdict("円相場は1ドル=155円台で推移した。")
    text = BOJ.text
    assert m.spans and all(0 <= a < b <= len(text) for a, b in m.spans)
    assert "155円" in "".join(text[a:b] for a, b in m.spans)


def test_paywalled_teaser_without_evidence_is_unverifiable_not_not_found():
    doc = SourceDoc("u", status="paywalled", truncated=True,
                    paragraphs=("政府は24日、新たな経済対策の骨子をまとめた。",))
    m = verdict("経済対策には低所得世帯への3万円の給付が盛り込まれた。", doc)
    assert m.verdict is Verdict.UNVERIFIABLE
    assert "paywalled" in m.reason


@pytest.mark.parametrize("text, expected", [
    ("1万人以上の兵士", [(10000, "人")]),
    ("期間を20年とする", [(20, "年")]),
    ("2000年に結んだ", [(2000, "年(year)")]),
    ("0.25%から0.5%へ", [(0.25, "%"), (0.5, "%")]),
    ("3~5日", [(3, "日"), (5, "日")]),
])
def test_quantities_with_units(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("具体的な言及は含まれていない", {"含む": True}),
    ("条項は盛り込まれなかった", {"含む": True}),
    ("批准書を交換した", {"交換": False}),
    ("発表せず", {"発表": True}),
    ("未発表の計画", {"発表": True}),
    ("罰則は設けなかった", {"罰則": True}),
    ("可能性はない", {"可能性": True}),
    ("可能性がある", {"可能性": False}),
    ("認定は見送られた", {"認定": True}),
    ("運転を見合わせた", {"運転": True}),
    ("運転を再開した", {"運転": False}),
])
def test_predicate_polarity(text, expected):
    assert expected.items() <= predicates(text).items()


@pytest.mark.parametrize("claim, source", [
    ("悪質な事業者には罰則が科されることになった。", "悪質な事業者は事業者名を公表されることになったが、罰則は設けなかった。"),
    ("予防的な通行止めを行う可能性はないと発表した。", "予防的な通行止めを行う可能性があると発表した。"),
    ("大屋根リングのギネス世界記録への認定は見送られた。", "大屋根リングは世界最大の木造建築物としてギネス世界記録に認定されている。"),
    ("JR根室線は始発から運転を再開した。", "JR根室線は始発から運転を見合わせた。"),
])
def test_negation_through_nouns_and_undoing_verbs(claim, source):
    m = verdict(claim, SourceDoc("u", paragraphs=(source,)))
    assert m.verdict is Verdict.CONTRADICTED and "polarity" in m.reason


def test_date_parts_implied_by_the_dateline_are_found():
    doc = SourceDoc("u", published="2025-01-17T13:40:00+00:00",
                    paragraphs=("［モスクワ　１７日　ロイター］ - ロシアとイランは１７日、条約に署名した。",))
    assert verdict("ロシアとイランは2025年1月17日に条約に署名した。", doc).verdict is Verdict.SUPPORTED
    assert verdict("ロシアとイランは2025年3月17日に条約に署名した。", doc).verdict is not Verdict.SUPPORTED


EARNINGS = SourceDoc("u", published="2025-05-08T15:30:00+09:00", paragraphs=(
    "トヨタ自動車が8日発表した2025年3月期の連結決算は、営業利益が前期比10.4%減の4兆7955億円だった。",
    "減益は5年ぶり。売上高は6.5%増の48兆367億円で、過去最高を更新した。",
    "佐藤恒治社長は記者会見で「関税の影響は大きいが、足元の販売は堅調だ」と述べた。",
))
WORLD_SERIES = SourceDoc("u", published="2024-11-01T12:00:00+09:00", paragraphs=(
    "ワールドシリーズ第5戦が30日に行われ、ドジャースがヤンキースを7-6で破り、4年ぶり8度目の優勝を果たした。",
    "大谷翔平選手は「1番・指名打者」で先発出場し、4打数無安打だった。",
    "シリーズ最優秀選手(MVP)にはフレディ・フリーマン内野手が選ばれた。",
))


@pytest.mark.parametrize("claim", [
    "トヨタの2025年3月期の営業利益は約4.8兆円で、前期から1割ほど減った。",
    "売上高は48兆円を超え、過去最高となった。",
])
def test_rounded_numbers_are_the_same_number(claim):
    assert verdict(claim, EARNINGS).verdict is Verdict.SUPPORTED


def test_direction_of_a_change_is_a_fact():
    m = verdict("トヨタの営業利益は前期比10.4%増となった。", EARNINGS)
    assert m.verdict is Verdict.CONTRADICTED and "10.4%減" in m.reason


def test_exact_numbers_get_no_rounding_slack():
    assert verdict("減益は6年ぶりだった。", EARNINGS).verdict is Verdict.CONTRADICTED


def test_name_taken_from_a_neighbouring_sentence_is_a_swap():
    m = verdict("MVPには大谷翔平選手が選ばれた。", WORLD_SERIES)
    assert m.verdict is Verdict.CONTRADICTED and "フリーマン" in m.reason


def test_winner_and_loser_swapped_is_contradicted():
    m = verdict("ヤンキースがドジャースを破り優勝した。", WORLD_SERIES)
    assert m.verdict is Verdict.CONTRADICTED and "roles swapped" in m.reason


def test_faithful_sports_summary_is_supported():
    assert verdict("ドジャースがヤンキースを破り、4年ぶりにワールドシリーズを制した。", WORLD_SERIES).verdict is Verdict.SUPPORTED
    assert verdict("大谷選手は第5戦で無安打に終わった。", WORLD_SERIES).verdict is Verdict.SUPPORTED


def test_list_item_the_source_never_names_is_missing():
    doc = SourceDoc("u", paragraphs=("両国は治安機関や軍事演習、合同訓練などの分野で協力を強める。",))
    assert verdict("両国は治安、軍事演習、合同訓練などで協力を強める。", doc).verdict is Verdict.SUPPORTED
    m = verdict("両国は治安、宇宙開発、合同訓練などで協力を強める。", doc)
    assert m.verdict is Verdict.PARTIAL and "宇宙開発" in m.reason


def test_comparison_that_contradicts_its_own_numbers():
    doc = SourceDoc("u", paragraphs=("住宅地は2.1%、商業地は3.9%上昇した。",))
    m = verdict("商業地の上昇率は3.9%で、住宅地の2.1%を下回りました。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "not below" in m.reason
    assert verdict("商業地の上昇率は3.9%で、住宅地の2.1%を上回りました。", doc).verdict is Verdict.SUPPORTED


TYPHOON = SourceDoc("u", published="2025-08-06T18:00:00+09:00", paragraphs=(
    "台風5号は6日午後、宮古島付近を通過した。宮古島では最大瞬間風速45.2メートルを観測し、観測史上3番目の強さとなった。",
    "那覇空港を発着する全便が欠航した。",
))


def test_superlative_needs_a_superlative_in_the_source_not_a_term():
    assert verdict("宮古島の最大瞬間風速は観測史上最も強い記録となりました。", TYPHOON).verdict is not Verdict.SUPPORTED


def test_service_antonyms():
    assert verdict("那覇空港発着の便は通常通り運航しました。", TYPHOON).verdict is Verdict.CONTRADICTED


def test_polarity_carried_by_a_noun_with_suru():
    doc = SourceDoc("u", paragraphs=("裁判長は、被告が被害弁償を済ませ、反省していると述べた。",))
    assert verdict("被告は被害弁償をしていません。", doc).verdict is Verdict.CONTRADICTED


def test_direction_words_compared_in_the_clause_that_tells_the_statement():
    doc = SourceDoc("u", paragraphs=("2つの工場を合わせた従業員数は3400人を超える見込み。給付水準の低下が懸念される。",))
    m = verdict("2つの工場の従業員数は3400人を下回る見込みです。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "下回" in m.reason


def test_records_and_firsts_need_backing():
    doc = SourceDoc("u", paragraphs=("優勝したワンジルは2時間16分31秒の大会新記録だった。",))
    assert verdict("ワンジルは2時間16分31秒の世界新記録をマークしました。", doc).verdict is not Verdict.SUPPORTED
    assert verdict("ワンジルは2時間16分31秒の大会新記録で優勝しました。", doc).verdict is Verdict.SUPPORTED


def test_undoing_verb_against_inclusion():
    doc = SourceDoc("u", paragraphs=("当初検討していた基礎年金の給付水準を底上げする措置は、法案から削除した。",))
    m = verdict("基礎年金の給付水準を底上げする措置は法案に盛り込まれました。", doc)
    assert m.verdict is Verdict.CONTRADICTED


def test_values_swapped_between_labels():
    doc = SourceDoc("u", paragraphs=("法案は賛成112、反対130で否決された。",))
    m = verdict("法案は賛成130、反対112でした。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "賛成130" in m.reason
    assert verdict("法案は賛成112、反対130で否決されました。", doc).verdict is Verdict.SUPPORTED


def test_all_of_needs_backing_but_a_whole_count_gives_it():
    doc = SourceDoc("u", paragraphs=("道警は金融機関と連携し、声かけを強化する。道警生活安全部の担当者が話した。",))
    assert verdict("道警はすべての金融機関と連携して声かけを強化します。", doc).verdict is Verdict.PARTIAL
    assert verdict("那覇空港を発着する便はすべて欠航しました。", TYPHOON).verdict is Verdict.SUPPORTED


def test_abbreviation_of_an_organisation_name():
    doc = SourceDoc("u", paragraphs=("日本陸上競技連盟は19日、世界選手権の代表6人を発表した。",))
    assert verdict("日本陸連は19日、世界選手権の代表6人を発表しました。", doc).verdict is Verdict.SUPPORTED


def test_relative_year_in_the_source_contradicts_another_year():
    doc = SourceDoc("u", published="2025-02-25T12:00:00+09:00",
                    paragraphs=("調査は昨年10~12月にインターネットで実施し、約1200人が回答した。",))
    m = verdict("調査は2023年10~12月にインターネットで行われ、約1200人が回答しました。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "昨年" in m.reason
