"""What a claim says happened, checked element by element (issue 10's eight classes).

Every page and claim here is written for these tests; none comes from a labelled set.
"""
from verify.match import match, match_claim, prepare_claim, prepare_source
from verify.model import SourceDoc, Verdict

GOVERNOR = SourceDoc("https://example.jp/g", published="2025-06-05T18:00:00+09:00", paragraphs=(
    "山川県の田中一郎知事は5日、記者会見を開き、豪雨被害を受けた農家への支援策を発表した。",
    "支援策は総額12億円で、県は被害を受けた約800戸に見舞金を支給する。",
    "田中知事は「一日も早く営農を再開できるよう支えたい」と述べた。",
    "一方、県農協の佐藤次郎組合長は「資材の高騰が続いており、支援はまだ足りない」と話した。",
    "県は、被害の大きい北部の3市町に職員を派遣することも検討している。",
    "負傷者は12人に上り、避難者は300人を超えた。",
    "県議会は同日、臨時会を開き、議長に鈴木三郎氏、副議長に高橋四郎氏を選んだ。",
))


def check(claim: str, doc: SourceDoc = GOVERNOR, written: str = ""):
    return match(prepare_claim(claim, written), prepare_source(doc))


def test_paraphrase_of_every_element_stays_supported():
    m = check("田中知事は5日に会見し、被害を受けた農家を支援する策を発表しました。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_an_act_the_page_never_reports_is_named():
    m = check("山川県の田中一郎知事は5日、被災地を視察しました。")
    assert m.verdict is not Verdict.SUPPORTED
    assert "視察" in m.reason


def test_a_modifier_that_changes_the_fact_needs_backing():
    m = check("県は被害を受けた約800戸に、すでに見舞金を支給しました。")
    assert m.verdict is not Verdict.SUPPORTED
    assert "すでに" in m.reason


def test_a_hedge_removed_is_a_modality_conflict():
    m = check("県は、北部の3市町に職員を派遣することを決めました。")
    assert m.verdict is not Verdict.SUPPORTED
    assert "modality" in m.reason and "検討" in m.reason


def test_a_hedge_kept_in_other_words_is_supported():
    m = check("県は北部の3市町への職員派遣を検討しています。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_a_decision_turned_into_a_plan_under_consideration_is_a_conflict():
    doc = SourceDoc("u", paragraphs=("市は来年4月から新制度を導入することを決めた。",))
    m = match_claim("市は来年4月からの新制度の導入を検討しています。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "modality" in m.reason


def test_an_invented_cause_between_facts_stated_apart():
    doc = SourceDoc("u", paragraphs=("川の水位が上がり、氾濫危険水位を超えた。", "市は午後、市内の小学校に避難所を開設した。"))
    m = match_claim("川の水位が氾濫危険水位を超えたため、市は小学校に避難所を開設しました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "cause" in m.reason
    linked = SourceDoc("u", paragraphs=("川の水位が氾濫危険水位を超えたため、市は午後、市内の小学校に避難所を開設した。",))
    assert match_claim("川の水位が氾濫危険水位を超えたため、市は小学校に避難所を開設しました。", linked).verdict \
        is Verdict.SUPPORTED


def test_a_quote_given_to_another_person_on_the_page():
    m = check("県農協の佐藤次郎組合長は「一日も早く営農を再開できるよう支えたい」と述べました。")
    assert m.verdict is Verdict.CONTRADICTED
    assert "speaker" in m.reason and "田中" in m.reason


def test_a_quote_given_to_its_speaker_is_supported():
    m = check("田中知事は「一日も早く営農を再開できるよう支えたい」と語りました。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_negation_through_another_verb():
    doc = SourceDoc("u", paragraphs=("市は、市民の反対を受けて、駅前の再開発計画を撤回した。",))
    assert match_claim("市は駅前の再開発計画を撤回しませんでした。", doc).verdict is Verdict.CONTRADICTED
    assert match_claim("市は駅前の再開発計画を維持しました。", doc).verdict is not Verdict.SUPPORTED


def test_a_bound_moved_to_the_other_number():
    m = check("負傷者は12人を超え、避難者は300人に上りました。")
    assert m.verdict is not Verdict.SUPPORTED


def test_granularity_of_bands_and_shares():
    doc = SourceDoc("u", paragraphs=("円相場は一時1ドル=113円台まで下落した。回答者の4分の1が賛成した。",))
    assert match_claim("円相場は一時1ドル=110円台まで下落しました。", doc).verdict is not Verdict.SUPPORTED
    assert match_claim("円相場は一時1ドル=113円台まで下落しました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("回答者の約2割が賛成しました。", doc).verdict is not Verdict.SUPPORTED


def test_an_entity_in_another_role():
    m = check("県議会の臨時会で、高橋四郎氏が議長に選ばれました。")
    assert m.verdict is Verdict.CONTRADICTED and "副議長" in m.reason


def test_relative_days_are_read_against_the_blocks_date():
    doc = SourceDoc("u", published="2025-06-05T18:00:00+09:00",
                    paragraphs=("山川県の田中一郎知事は5日、記者会見を開き、支援策を発表した。",))
    assert check("田中知事は昨日、記者会見を開き、支援策を発表しました。", doc, "2025-06-06").verdict \
        is Verdict.SUPPORTED
    m = check("田中知事は一昨日、記者会見を開き、支援策を発表しました。", doc, "2025-06-06")
    assert m.verdict is not Verdict.SUPPORTED and "一昨日" in m.reason


def test_numbers_derived_from_two_on_the_page():
    doc = SourceDoc("u", paragraphs=("不信任決議案は賛成18、反対4の賛成多数で可決された。調査には1731施設のうち642施設が回答した。",))
    assert match_claim("不信任決議案は賛成が反対を14票上回り、可決されました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("調査には1731施設のうち642施設が回答し、回答率は約37%でした。", doc).verdict \
        is Verdict.SUPPORTED
    assert match_claim("調査には1731施設のうち642施設が回答し、回答率は約45%でした。", doc).verdict \
        is not Verdict.SUPPORTED
    assert match_claim("不信任決議案は賛成が反対を16票上回り、可決されました。", doc).verdict is not Verdict.SUPPORTED


def test_era_fiscal_year_is_the_western_one():
    doc = SourceDoc("u", paragraphs=("国は2026年度から新しい補助制度を始める。",))
    assert match_claim("国は令和8年度から新しい補助制度を始めます。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("国は令和9年度から新しい補助制度を始めます。", doc).verdict is not Verdict.SUPPORTED


def test_a_view_given_to_another_person_without_quotes():
    m = check("県農協の佐藤次郎組合長は、一日も早く営農を再開できるよう支えたいとの考えを示しました。")
    assert m.verdict is not Verdict.SUPPORTED and "speaker" in m.reason
    m = check("田中知事は、一日も早く営農を再開できるよう支えたいとの考えを示しました。")
    assert m.verdict is Verdict.SUPPORTED, m.reason


def test_an_act_named_by_its_purpose_or_as_a_bare_noun():
    assert "視察" in check("田中知事は5日、被災地の視察に訪れました。").reason
    assert check("田中知事は5日、支援策を発表。").verdict is Verdict.SUPPORTED


def test_a_word_slipped_into_a_compound_name():
    doc = SourceDoc("u", paragraphs=("沖縄本島地方には8月、延べ12日にわたって熱中症警戒アラートが発表された。",))
    m = match_claim("沖縄本島地方には8月、延べ12日にわたって熱中症特別警戒アラートが出されました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "特別" in m.reason
    assert match_claim("沖縄本島地方には8月、延べ12日にわたって熱中症警戒アラートが出されました。", doc).verdict \
        is Verdict.SUPPORTED


def test_what_was_announced_is_the_act_not_the_verb_of_announcing():
    doc = SourceDoc("u", paragraphs=("市は来年度から新しい補助制度を導入する方針を明らかにした。",))
    assert match_claim("市は来年度から新しい補助制度を導入する方針を発表しました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("市は来年度から新しい補助制度の導入を公表しました。", doc).verdict is Verdict.SUPPORTED
    m = match_claim("市は来年度から新しい補助制度の廃止を発表しました。", doc)
    assert m.verdict is not Verdict.SUPPORTED


def test_numbers_owned_by_their_label_and_measured_by_their_noun():
    doc = SourceDoc("u", paragraphs=("平均正答率は国語が67.0%、算数が58.2%だった。日本は金3、銀2、銅1の計6個のメダルを獲得した。",
                                     "水野は昨季34試合に出場した。今季は19試合で9得点。"))
    assert match_claim("平均正答率は算数が67.0%、国語が58.2%でした。", doc).verdict is Verdict.CONTRADICTED
    assert match_claim("日本は金2、銀3、銅1の計6個のメダルを獲得しました。", doc).verdict is Verdict.CONTRADICTED
    assert match_claim("日本は金3、銀2、銅1の計6個のメダルを獲得しました。", doc).verdict is Verdict.SUPPORTED


def test_a_level_is_not_the_change_beside_it():
    doc = SourceDoc("u", paragraphs=("今夏の山岳遭難は28件で、前年より7件減った。",))
    assert match_claim("今夏の山岳遭難は7件でした。", doc).verdict is Verdict.CONTRADICTED
    assert match_claim("今夏の山岳遭難は28件で、前年より7件減りました。", doc).verdict is Verdict.SUPPORTED


def test_a_computed_number_needs_its_cue():
    doc = SourceDoc("u", paragraphs=("都道府県別では東京都が68人、北海道が51人、大阪府が39人だった。患者の約4割は海外で感染した。",))
    assert match_claim("患者の4割以上が海外で感染しました。", doc).verdict is not Verdict.SUPPORTED
    assert match_claim("東京都は北海道を17人上回りました。", doc).verdict is Verdict.SUPPORTED


def test_a_paywalled_page_that_gives_other_names_figures_is_no_contradiction():
    doc = SourceDoc("u", truncated=True, status="paywalled",
                    paragraphs=("最低賃金の引き上げ額が最も大きかったのは東京都で、66円だった。",))
    m = match_claim("引き上げ額が最も大きかったのは岩手県で、84円でした。", doc)
    assert m.verdict is Verdict.UNVERIFIABLE


def test_a_view_is_a_hedge_the_plain_page_backs_but_keeps_its_holder():
    doc = SourceDoc("u", paragraphs=(
        "市によると、選挙にかかる費用は5000万円近くになる。",
        "県医師会の松本太郎会長は「病床はまだ足りている」と話す。",
        "同会の村井花子副会長は「感染の拡大は連休明けまで続く」とみている。",
    ))
    assert match_claim("市は、選挙にかかる費用を5000万円近くと見込んでいます。", doc).verdict is Verdict.SUPPORTED
    m = match_claim("県医師会の松本太郎会長は、感染の拡大は連休明けまで続くとみています。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "speaker" in m.reason


def test_shares_said_with_a_shade():
    doc = SourceDoc("u", paragraphs=("回答した企業の4割強が賃上げを予定していると答えた。",))
    assert match_claim("回答した企業の42%が賃上げを予定していると答えました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("回答した企業の38%が賃上げを予定していると答えました。", doc).verdict is not Verdict.SUPPORTED
    # an approximate figure overlapping the shade is the same reading of it; an exact one past it is not
    assert match_claim("回答した企業のおよそ46%が賃上げを予定していると答えました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("回答した企業の48%が賃上げを予定していると答えました。", doc).verdict is not Verdict.SUPPORTED


def test_a_gap_across_zero_is_the_sum_of_loss_and_profit():
    doc = SourceDoc("u", paragraphs=("同社の最終損益は2345億円の赤字で、前年の1120億円の黒字から転落した。",))
    m = match_claim("同社の最終損益は2345億円の赤字で、前年を3465億円下回りました。", doc)
    assert m.verdict is Verdict.SUPPORTED, m.reason
    assert match_claim("同社の最終損益は2345億円の赤字で、前年を3000億円下回りました。", doc).verdict \
        is not Verdict.SUPPORTED


def test_a_gap_to_a_number_told_elsewhere_on_the_page():
    doc = SourceDoc("u", paragraphs=(
        "祭りには騎馬武者約380騎が出場し、観客約4万人が声援を送った。",
        "震災前の2010年には約450騎が出場しており、騎馬の数は減少傾向にある。",
    ))
    assert match_claim("出場した騎馬は、2010年より約70騎少なくなっています。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("出場した騎馬は、2010年より約120騎少なくなっています。", doc).verdict is not Verdict.SUPPORTED
    # without its cue the same gap backs nothing
    assert match_claim("2010年には約70騎が出場しました。", doc).verdict is not Verdict.SUPPORTED


def test_a_yearly_amount_said_monthly():
    doc = SourceDoc("u", paragraphs=("大学は、博士課程の学生全員に年240万円相当の生活費を支給する計画を示した。",))
    assert match_claim("大学は、博士課程の学生全員に月20万円相当の生活費を支給する計画です。", doc).verdict \
        is Verdict.SUPPORTED
    assert match_claim("大学は、博士課程の学生全員に月24万円相当の生活費を支給する計画です。", doc).verdict \
        is not Verdict.SUPPORTED
    assert match_claim("大学は、博士課程の学生全員に20万円相当の生活費を支給する計画です。", doc).verdict \
        is not Verdict.SUPPORTED


def test_numbers_traded_between_two_subjects_of_one_sentence():
    doc = SourceDoc("u", paragraphs=("新料金は、東西線が現在の230円から210円に、南北線が250円から240円に下がる。",))
    m = match_claim("新料金は、東西線が240円、南北線が210円に下がります。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "南北線 240円" in m.reason, m.reason
    assert match_claim("新料金は、東西線が210円、南北線が240円に下がります。", doc).verdict is Verdict.SUPPORTED


def test_the_modality_of_an_act_told_apart_from_the_names_around_it():
    # the claim's names come from the first sentence, its act from the third: the act's own
    # phrase finds the sentence whose modality counts
    doc = SourceDoc("u", paragraphs=(
        "北浜市は12日、業務を委託している南海データサービスが、市民の個人情報を誤って送信したと発表した。",
        "送信先はファイルを開かずに削除したという。",
        "市は再発防止策の提出を求めるとともに、来年度の契約を更新しない方向で検討している。",
    ))
    m = match_claim("北浜市は、南海データサービスとの来年度の契約を更新しないことを決めました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "modality" in m.reason, m.reason
    assert match_claim("北浜市は、南海データサービスとの来年度の契約を更新しない方向で検討しています。", doc).verdict \
        is Verdict.SUPPORTED


def test_a_limit_the_page_never_puts():
    doc = SourceDoc("u", paragraphs=(
        "工場では現在、協力会社を含めて約300人が働いている。",
        "条例で規制しているのは、北部の5市にとどまる。",
    ))
    m = match_claim("工場では現在、本社の社員だけで約300人が働いています。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "社員だけ" in m.reason, m.reason
    assert match_claim("条例で規制しているのは、北部の5市だけです。", doc).verdict is Verdict.SUPPORTED
    m = match_claim("工場では現在、協力会社の社員だけでなく本社の社員も含めて約300人が働いています。", doc)
    assert "だけ" not in m.reason, m.reason  # だけでなく (not only) widens, it does not limit


def test_a_superlative_moved_to_a_wider_field():
    doc = SourceDoc("u", paragraphs=("北浜市は前年度比11.2%増と、県内の主要10市の中で伸び率が最も大きかった。",
                                     "市町村別では南町が68件で最も多かった。"))
    m = match_claim("北浜市の件数は前年度より11.2%増え、伸び率は全国の自治体で最も大きくなりました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "主要10市" in m.reason, m.reason
    assert match_claim("北浜市の件数は前年度より11.2%増え、伸び率は主要10市で最も大きくなりました。", doc).verdict \
        is Verdict.SUPPORTED
    # a number before で is the value ranked, not the field
    assert match_claim("市町村別では南町の68件が最も多くなりました。", doc).verdict is Verdict.SUPPORTED


def test_a_reason_of_the_summarys_own_among_the_pages_words():
    doc = SourceDoc("u", paragraphs=(
        "捜査本部は、銅の国際価格が高止まりし、盗んだケーブルが高値で売れることが背景にあるとみて調べている。",
    ))
    m = match_claim("捜査本部は、円安で銅の国際価格が高止まりし、盗んだケーブルが高値で売れることが背景にあるとみて調べています。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "円安" in m.reason, m.reason
    # the page's own reason, with a day word and a verbal noun of the summary's, stays supported
    m = match_claim("捜査本部は昨日、銅の国際価格の高止まりで、盗んだケーブルが高値で売れることが背景にあるとみて調べています。", doc)
    assert "cause" not in m.reason, m.reason


def test_an_act_denied_where_the_page_gives_its_size():
    doc = SourceDoc("u", paragraphs=("通学定期券は家計への影響を考慮し、値上げ率を平均5.2%に抑える。",
                                     "補助率は、最大で費用の2分の1とする。"))
    m = match_claim("通学定期券は、家計への影響を考えて値上げが見送られました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "値上げ率" in m.reason, m.reason
    assert match_claim("通学定期券の値上げ率は、家計への影響を考慮して平均5.2%に抑えられます。", doc).verdict \
        is Verdict.SUPPORTED
    m = match_claim("費用は、一律でその2分の1が補助されます。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "一律" in m.reason, m.reason


def test_a_cause_given_after_the_effect_in_a_cleft_sentence():
    doc = SourceDoc("u", paragraphs=("県内の集荷量は昨年、約1割減った。", "猛暑で収穫量が落ち込んだ地域もあった。",
                                     "大雪像は今年2基にとどまった。制作に協力する部隊の人手不足が理由だ。"))
    m = match_claim("県内の集荷量が昨年約1割減ったのは、猛暑で収穫量が落ち込んだためです。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "cause" in m.reason, m.reason
    m = match_claim("大雪像が今年2基にとどまったのは、雪不足のためです。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "cause" in m.reason, m.reason
    assert match_claim("大雪像が今年2基にとどまったのは、部隊の人手不足のためです。", doc).verdict is Verdict.SUPPORTED


def test_a_background_act_told_in_a_sentence_the_evidence_left_out():
    doc = SourceDoc("u", paragraphs=(
        "宮崎県は14日、宮崎市など5つの市と町に災害救助法を適用することを決めました。適用は13日にさかのぼります。",
        "県内では住宅の床上浸水が312棟確認されています。けが人は11人で、このうち2人が重傷です。",
        "気象庁によりますと、台風15号は13日午後8時ごろ、宮崎県日南市付近に上陸しました。",
        "捜査本部は、業者の男性を書類送検する方針です。",
    ))
    m = match_claim("宮崎県は、宮崎市など5市町に災害救助法を適用すると決め、適用は台風が上陸した13日にさかのぼります。", doc)
    assert m.verdict is Verdict.SUPPORTED, m.reason
    # the claim's own statement, or a plan, must be in the evidence itself
    m = match_claim("宮崎県は、宮崎市など5市町に災害救助法を適用すると決め、13日に視察しました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "視察" in m.reason, m.reason


def test_a_number_over_another_span_of_time_or_one_end_of_a_range():
    doc = SourceDoc("u", paragraphs=(
        "社長は「3年間で約300億円の統合効果を目指す」と述べた。",
        "現役世代の保険料負担は1人当たり年約1100~5000円軽くなると試算している。",
        "値上げによる増収は年間約1700万円を見込む。",
    ))
    m = match_claim("社長は、年間約300億円の統合効果を目指すと述べました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "3年間" in m.reason, m.reason
    assert match_claim("社長は、3年間で約300億円の統合効果を目指すと述べました。", doc).verdict is Verdict.SUPPORTED
    m = match_claim("現役世代の保険料負担は、1人当たり年約5000円軽くなると試算されています。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "range" in m.reason, m.reason
    assert match_claim("現役世代の保険料負担は、1人当たり年最大約5000円軽くなると試算されています。", doc).verdict \
        is Verdict.SUPPORTED
    # 月平均にすると asks for the yearly figure divided by twelve; あまり rounds down like 約
    fares = SourceDoc("u", paragraphs=("北浜鉄道は18日、10月1日から運賃を平均12%値上げすると発表した。値上げによる増収は年間約1700万円を見込む。",))
    assert match_claim("北浜鉄道の値上げによる増収は、月平均にすると140万円あまりの見込みです。", fares).verdict \
        is Verdict.SUPPORTED
    assert match_claim("北浜鉄道の値上げによる増収は、月平均にすると170万円あまりの見込みです。", fares).verdict \
        is not Verdict.SUPPORTED


def test_a_superlative_field_keeps_every_word():
    doc = SourceDoc("u", paragraphs=("同区間の輸送密度は12人で、JR西日本の在来線で最も少なかった。",))
    m = match_claim("同区間の輸送密度は12人で、全国のJR在来線で最も少ない水準でした。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "西日本" in m.reason, m.reason
    assert match_claim("同区間の輸送密度は12人で、JR西日本の在来線で最も少ない水準でした。", doc).verdict is Verdict.SUPPORTED


def test_loose_wording_on_a_cut_page_is_no_support():
    lead = ("月80時間分の残業代を基本給に含める「固定残業代」の制度は無効だとして、運送会社の元運転手の男性が未払い残業代"
            "などを求めた訴訟で、東京地裁(中島美穂裁判長)は19日、制度を無効と判断し、会社に約870万円の支払いを命じた。",
            "判決によると、男性は2019年4月から2023年3月まで勤務した。")
    claim = "中島美穂裁判長は、長時間の残業を前提とする制度は公序良俗に反すると述べました。"
    # the same loose wording is support on a whole page, but not on one cut by a pay wall
    assert match_claim(claim, SourceDoc("u", paragraphs=lead)).verdict is Verdict.SUPPORTED
    m = match_claim(claim, SourceDoc("u", truncated=True, status="paywalled", paragraphs=lead))
    assert m.verdict is Verdict.UNVERIFIABLE and m.reason.startswith("paywalled"), m.reason
    close = "中島美穂裁判長は、固定残業代の制度は長時間の残業を前提としており無効だと述べました。"
    assert match_claim(close, SourceDoc("u", truncated=True, status="paywalled", paragraphs=lead)).verdict \
        is Verdict.SUPPORTED


def test_a_person_seated_in_another_post():
    doc = SourceDoc("u", paragraphs=("新会社の社長には北浜屋の山田一郎社長(56)が就き、南町薬局の佐藤次郎社長(63)は会長に就任する。",))
    m = match_claim("新会社の会長には、北浜屋の山田一郎社長が就任します。", doc)
    assert m.verdict is Verdict.CONTRADICTED and "role" in m.reason and "社長" in m.reason, m.reason
    assert match_claim("新会社の社長には、北浜屋の山田一郎社長が就任します。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("南町薬局の佐藤次郎社長は、新会社の会長に就きます。", doc).verdict is Verdict.SUPPORTED


def test_an_invented_visit_told_with_a_native_verb():
    doc = SourceDoc("u", paragraphs=("井上氏は15日夜、記者団に対し「荒木氏の当選を祝福したい」と述べた。",
                                     "市長は同日、工事現場を訪れて作業員を激励した。"))
    m = match_claim("井上氏は荒木氏の事務所を訪れ、当選を祝いました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "訪れ" in m.reason, m.reason
    assert match_claim("市長は同日、工事現場に出向いて作業員を激励しました。", doc).verdict is Verdict.SUPPORTED


def test_a_gap_between_a_counted_number_and_a_bare_one():
    doc = SourceDoc("u", paragraphs=("47都道府県のうち32道府県が「増加傾向」と答えた。",
                                     "「増加傾向」と答えた道府県は前年の同時期の18から大きく増えた。"))
    assert match_claim("「増加傾向」と答えた道府県は32にのぼり、前年の同じ時期より14増えました。", doc).verdict \
        is Verdict.SUPPORTED
    assert match_claim("「増加傾向」と答えた道府県は32にのぼり、前年の同じ時期より16増えました。", doc).verdict \
        is not Verdict.SUPPORTED


FERRY = SourceDoc("https://example.jp/f", published="2026-05-12T18:00:00+09:00", paragraphs=(
    "島根県の離島航路を運航する隠岐汽船は12日、高速船の運航期間を9月末まで延長する方針を明らかにした。",
    "同社は、燃料価格がこのまま上がり続ければ、7月から運賃を10%引き上げる。",
    "運賃の値上げ率は、大人が8%、小人が12%となる見込みだ。",
    "利用者アンケートでは「便数の少なさ」が64%で最も多く、「運賃の高さ」の41%を上回った。",
    "赤字額は前年より縮まったが、本土側との差は前年より広がった。",
    "事故が起きたのは今月3日で、国に報告したのはその2日後だった。",
    "乗組員は48人で、必要な人数を6人下回っている。",
))


def test_a_plan_told_as_done_is_not_supported():
    m = check("隠岐汽船は、高速船の運航期間を9月末まで延長しました。", FERRY)
    assert m.verdict is not Verdict.SUPPORTED and "planned" in m.reason, m.reason
    assert check("隠岐汽船は、高速船の運航期間を9月末まで延長する方針です。", FERRY).verdict is Verdict.SUPPORTED


def test_a_condition_the_page_hangs_the_act_on_cannot_be_dropped():
    m = check("隠岐汽船は、7月から運賃を10%引き上げます。", FERRY)
    assert m.verdict is not Verdict.SUPPORTED and "conditional" in m.reason, m.reason
    kept = check("燃料価格が上がり続けた場合、隠岐汽船は7月から運賃を10%引き上げます。", FERRY)
    assert kept.verdict is Verdict.SUPPORTED, kept.reason


def test_a_comparison_of_two_parties_against_the_values_the_page_gives_them():
    m = check("アンケートでは「運賃の高さ」が「便数の少なさ」を上回りました。", FERRY)
    assert m.verdict is not Verdict.SUPPORTED and "64%" in m.reason, m.reason
    rates = check("運賃の値上げ率は、大人が小人を上回ります。", FERRY)
    assert rates.verdict is not Verdict.SUPPORTED and "12%" in rates.reason, rates.reason
    assert check("アンケートでは「便数の少なさ」が「運賃の高さ」を上回りました。", FERRY).verdict is Verdict.SUPPORTED


def test_a_gap_that_narrowed_is_not_one_that_widened():
    m = check("本土側との差は前年より縮まりました。", FERRY)
    assert m.verdict is not Verdict.SUPPORTED, m.reason


def test_a_day_counted_from_another_day_and_a_rounded_shortfall():
    assert check("事故が起きたのは今月3日で、国に報告されたのはその2日後でした。", FERRY, "2026/05/13").verdict \
        is Verdict.SUPPORTED
    assert check("事故が起きたのは今月3日で、国に報告されたのはその4日後でした。", FERRY, "2026/05/13").verdict \
        is not Verdict.SUPPORTED
    m = check("乗組員は48人で、必要な人数に5人あまり足りていません。", FERRY)
    assert "あまり" not in m.reason, m.reason


PORT = SourceDoc("https://example.jp/p", published="2026-09-02T18:00:00+09:00", paragraphs=(
    "港湾局は作業員に避難を指示したうえで、午前10時すぎに貨物船の消火作業を始めた。",
    "火災は正午ごろに鎮圧された。",
    "岸壁の使用は2日夕方に再開された。",
    "消防艇が到着したため。",
    "市は、漁業者の燃料費を補助する制度の新設を検討している。",
    "港湾局の森田健一局長は「原因の究明を急ぐ」と述べ、海上保安部の大野久美子部長は調査に着手した。",
    "被害額の内訳では、貨物が3億2000万円だったのに対し、岸壁は8000万円にとどまった。",
))


def test_two_acts_told_in_the_other_order():
    m = check("港湾局は消火作業を始めたあとで、作業員に避難を指示しました。", PORT)
    assert m.verdict is not Verdict.SUPPORTED and "the other order" in m.reason, m.reason
    assert check("港湾局は作業員に避難を指示してから、消火作業を始めました。", PORT).verdict is Verdict.SUPPORTED


def test_a_noun_made_an_act_with_ni_suru_and_a_whole_the_page_does_not_give():
    m = check("港湾局は、岸壁の使用を全面禁止にしました。", PORT)
    assert m.verdict is not Verdict.SUPPORTED, m.reason
    whole = check("市は、漁業者の燃料費を全額補助する制度の新設を検討しています。", PORT)
    assert whole.verdict is not Verdict.SUPPORTED and "全額" in whole.reason, whole.reason
    assert check("市は、漁業者の燃料費を補助する制度の新設を検討しています。", PORT).verdict is Verdict.SUPPORTED


def test_a_title_given_to_a_person_the_page_names_with_another():
    m = check("大野久美子局長は「原因の究明を急ぐ」と述べました。", PORT)
    assert m.verdict is not Verdict.SUPPORTED, m.reason
    assert check("森田健一局長は「原因の究明を急ぐ」と述べました。", PORT).verdict is Verdict.SUPPORTED


def test_a_number_given_to_the_party_the_page_gives_another():
    m = check("被害額の内訳では、岸壁の被害額が3億2000万円でした。", PORT)
    assert m.verdict is not Verdict.SUPPORTED and "8000万円" in m.reason, m.reason
    assert check("被害額の内訳では、貨物の被害額が3億2000万円でした。", PORT).verdict is Verdict.SUPPORTED


def test_the_part_a_share_makes_of_a_total_needs_the_claims_cue():
    doc = SourceDoc("u", paragraphs=("昨年度の来場者約52万人のうち、県外客は約3割を占めた。",))
    m = match_claim("昨年度の来場者約52万人のうち、県外客はおよそ16万人でした。", doc)
    assert m.verdict is Verdict.SUPPORTED and "computed 3割*52万人" in str(m.facts), m.reason
    assert match_claim("昨年度の来場者約52万人のうち、県外客はおよそ26万人でした。", doc).verdict is not Verdict.SUPPORTED


def test_a_number_put_in_a_town_where_the_page_gives_the_region_or_another_town():
    doc = SourceDoc("u", paragraphs=("県内の倒木被害は今月、15件に上った。", "このうち11件は飛騨地方で起きた。",
                                     "飛騨市の森林組合は「見回りを増やす」と話した。",
                                     "残る4件は下呂市で起きた。"))
    m = match_claim("県内の倒木被害15件のうち11件は、飛騨市で起きました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "飛騨市" in m.reason, m.reason
    assert match_claim("倒木被害15件のうち11件は、下呂市で起きました。", doc).verdict is not Verdict.SUPPORTED
    assert match_claim("県内の倒木被害15件のうち11件は、飛騨地方で起きました。", doc).verdict is Verdict.SUPPORTED


def test_as_far_as_possible_limits_no_word():
    doc = SourceDoc("u", paragraphs=("通学時間帯の便は極力維持する。",))
    assert match_claim("通学時間帯の便はできるだけ維持します。", doc).verdict is Verdict.SUPPORTED


def test_a_party_swapped_for_the_one_opposite_it():
    doc = SourceDoc("u", paragraphs=("新しい指針は、加害者側が謝罪に応じない場合でも、市が仲介することを定めた。",))
    m = match_claim("新しい指針は、被害者側が謝罪に応じない場合でも、市が仲介することを定めました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "加害者" in m.reason, m.reason
    assert match_claim("新しい指針は、加害者側が謝罪に応じない場合でも、市が仲介することを定めました。", doc).verdict \
        is Verdict.SUPPORTED


def test_two_parties_given_each_others_numbers():
    doc = SourceDoc("u", paragraphs=("駅伝は市役所を発着点とし、一般の部は11月3日、高校の部は2日に行われる。",))
    m = match_claim("駅伝は一般の部が11月2日、高校の部が3日に行われます。", doc)
    assert m.verdict is not Verdict.SUPPORTED, m.reason
    assert match_claim("駅伝は一般の部が11月3日、高校の部が2日に行われます。", doc).verdict is Verdict.SUPPORTED


def test_the_level_a_fall_leaves():
    doc = SourceDoc("u", paragraphs=("今年のイカの水揚げは約3200トンで、前年より38%減った。",
                                     "港別では、函館が52%減、八戸が20%減だった。"))
    assert match_claim("今年のイカの水揚げは約3200トンで、前年の6割ほどにとどまりました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("今年のイカの水揚げは約3200トンで、前年の8割ほどにとどまりました。", doc).verdict \
        is not Verdict.SUPPORTED
    assert match_claim("函館の水揚げは前年の半分以下に落ち込みました。", doc).verdict is Verdict.SUPPORTED


def test_words_that_read_alike_but_say_no_fact():
    doc = SourceDoc("u", paragraphs=("回収の対象は当初発表の12万箱から19万箱に広がった。",
                                     "入札が2回続けて不調に終わった。",
                                     "地裁は住民の申し立てを却下した。",
                                     "町長は住民への支援をより手厚くするよう求めた。"))
    assert match_claim("回収の対象は19万箱となり、最初の発表から7万箱増えました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("入札が2度続けて不調に終わりました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("地裁は住民の申し立てを退けました。", doc).verdict is Verdict.SUPPORTED
    assert match_claim("町長は住民への支援をもっと手厚くするよう求めました。", doc).verdict is Verdict.SUPPORTED


def test_a_plan_told_as_done_through_a_support_verb():
    doc = SourceDoc("u", paragraphs=("県は近く、工場に立ち入り検査を行う方針だ。",))
    m = match_claim("県は工場に立ち入り検査を行いました。", doc)
    assert m.verdict is not Verdict.SUPPORTED and "planned" in m.reason, m.reason
    assert match_claim("県は近く、工場に立ち入り検査を行う方針です。", doc).verdict is Verdict.SUPPORTED
