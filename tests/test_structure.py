"""Reading what a sentence says happened (verify/structure): acts, modifiers, modality, causes,
speakers. Sentences written for these tests."""
from verify.structure import (CONSIDERED, DECIDED, PLANNED, POSSIBLE, REPORTED, REQUESTED, acts, causes, modality,
                              modifiers, quote_spans, same_speaker, speaker)


def _acts(text):
    return [(a.lemma, a.negated) for a in acts(text)]


def test_a_support_verb_hands_the_act_to_its_object():
    assert ("会見", False) in _acts("知事は5日、記者会見を開いた。")
    assert ("利下げ", False) in _acts("ECBは利下げに踏み切った。")
    assert ("獲得", False) in _acts("クラブは獲得を正式に発表した。")


def test_an_undoing_verb_denies_its_object():
    assert ("抗告", True) in _acts("検察は即時抗告を見送った。")
    assert ("計画", True) in _acts("市は計画を撤回した。")
    assert ("出場", True) in _acts("佐伯は大会への出場を辞退した。")


def test_purpose_and_bare_noun_predicates_are_acts():
    assert ("視察", False) in _acts("知事は被災地の視察に訪れた。")
    assert ("発表", False) in _acts("政府は支援策を発表。")


def test_particle_verbs_are_not_acts_unless_they_end_the_clause():
    assert not any(lemma == "対する" for lemma, _ in _acts("市に対して要望した。"))
    assert not any(lemma == "応じる" for lemma, _ in _acts("要請に応じて増便した。"))
    assert ("応じる", False) in _acts("市は要請に応じた。")


def test_modality_levels():
    text = "政府は導入を検討している。"
    assert modality(text, text.find("導入") + 2)[0] == CONSIDERED
    text = "導入する方針を決めた。"
    assert modality(text, 2) == (PLANNED, "方針")
    text = "導入を決めた。"
    assert modality(text, 2)[0] == DECIDED
    text = "噴火が起きる可能性がある。"
    assert modality(text, text.find("起きる") + 3)[0] == POSSIBLE
    text = "兵士を送ったとされる。"
    assert modality(text, text.find("送っ") + 2)[0] == REPORTED
    text = "企業に賃上げを要請した。"
    assert modality(text, text.find("賃上げ") + 3)[0] == REQUESTED


def test_modality_ends_where_the_next_act_starts():
    text = "チラシを配って注意を呼びかけている。"
    assert modality(text, text.find("配っ") + 2)[1] == ""


def test_a_condition_is_not_a_fact():
    text = "解散した場合、選挙が行われる。"
    assert modality(text, 2)[0] == POSSIBLE


def test_modifiers_that_change_the_fact_not_discourse_adverbs():
    found = [m.text for m in modifiers("市はすでに独自に全国で運用を始め、さらに約3割増やした。")]
    assert "すでに" in found and "独自に" in found and "全国で" in found
    assert not any(word in found for word in ("さらに", "約"))


def test_causal_connectives_and_their_false_friends():
    assert [c.connective for c in causes("大雨のため、運転を見合わせた。")] == ["のため"]
    assert causes("条約は軍事援助を規定する無期限のもので、批准書を交換した。") == []
    assert causes("中国は11月30日から、免除を再開する。") == []
    assert causes("打ち上げの日程によっては、開始が遅れる。") == []


def test_the_speaker_of_a_quote_before_or_after_it():
    text = "田中社長は「必ず黒字化する」と述べた。"
    (quote, start, end), = quote_spans(text)
    assert speaker(text, start, end) == "田中社長"
    text = "「必ず黒字化する」と田中社長は述べた。"
    (quote, start, end), = quote_spans(text)
    assert speaker(text, start, end) == "田中社長"
    text = "事故で亡くなった女性の長男(48)は「処分が軽すぎる」と話した。"
    (quote, start, end), = quote_spans(text)
    assert speaker(text, start, end).endswith("長男")


def test_a_title_in_brackets_is_not_a_quote():
    assert quote_spans("安堂さんの「DTOPIA」と鈴木さんの作品が受賞した。") == []


def test_same_speaker_by_name_not_by_a_shared_character():
    assert same_speaker("岸田首相", "首相")
    assert not same_speaker("林官房長官", "岸田首相")
    assert not same_speaker("道保健福祉部の石倉直樹局長", "札幌小児科医会の新井田健会長")
