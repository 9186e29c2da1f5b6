"""Closed classes of Japanese grammar that structure reading needs: verbs that carry another
word's act (会見を開く), verbs of saying, light predicates, discourse adverbs, verbs that undo
their object. Each list says why it exists; none holds topic words (which words mean the same is
left to the synonym groups of SudachiDict, see docs/verdicts.md).
"""
from __future__ import annotations

import re

# Verbs that take the act they carry out with に: 利下げに踏み切る, 調査に乗り出す, 検討に入る.
INTO_VERBS = frozenset({"踏み切る", "乗り出す", "着手", "取り組む", "入る", "臨む", "至る", "こぎ着ける", "漕ぎ着ける"})


# Verbs that carry little meaning of their own: the act is their を-object (会見を開く = 会見,
# 調査を実施 = 調査, 協議を進める = 協議). Without an object they are acts themselves.
SUPPORT_VERBS = frozenset({
    "行う", "実施", "開く", "開催", "進める", "図る", "示す", "見せる", "受ける", "出す", "与える",
    "加える", "果たす", "持つ", "取る", "掲げる", "始める", "続ける", "強める", "深める", "急ぐ",
    "迎える", "得る", "目指す", "求める", "挙げる", "始まる", "続く", "起こす", "起きる",
    "獲得", "記録", "更新", "マーク", "達成",
}) | INTO_VERBS
# Nouns of stance: 〜との見方を示した, 〜との認識を示した say what someone thinks, like 述べた.
STANCE_NOUNS = frozenset({"考え", "見方", "認識", "意向", "姿勢", "方針", "見解", "考え方", "立場", "意欲",
                          "懸念", "期待", "意見", "決意", "覚悟", "自信", "不満", "遺憾", "理解"})
# Verbs of expectation and planning: what they take is a forecast or a plan, not an act
# (modality() reads their level); 予想している is a claim about the future, like 見通し.
MODAL_VERBS = frozenset({"予想", "予測", "見込む", "見通す", "想定", "推計", "試算", "検討", "計画",
                         "予定", "模索", "調整", "目指す", "決める", "決定", "決まる"})
# Verbs of saying: news copy alternates them freely (述べた, 語った, 強調した, 明らかにした), so
# any of them in the evidence accounts for any other. What was said is checked separately.
REPORTING_VERBS = frozenset({
    "述べる", "語る", "話す", "言う", "強調", "指摘", "説明", "明らか", "表明", "訴える", "言及",
    "発言", "答える", "明かす", "報告", "伝える", "コメント", "示す", "主張", "述懐", "記す", "書く",
    "発表", "公表", "回答", "応じる", "呼び掛ける", "呼びかける", "漏らす", "打ち明ける", "明言",
    "宣言", "認める", "強調", "力説", "話る", "語す", "評価", "批判", "反論", "要請", "求める",
})
# "By oneself": who did it is the fact (自ら110番通報した, where the family called).
SELF_WORDS = frozenset({"自ら", "自身", "自分"})
# Verbs of making public: what they take (導入を表明, 結果を公表) is the act to check; which of
# them the page uses does not matter. (報告 and 説明 are acts of their own: 墓前に報告した.)
ANNOUNCING_VERBS = frozenset({"発表", "公表", "表明", "明かす", "明らか", "公開", "言及"})
# Verbs of thinking that report a view when quoted (…とみている, …と考えている).
VIEW_VERBS = frozenset({"見る", "考える", "思う", "見込む"})
# Predicates too general to say what happened (する, なる, ある ...).
LIGHT_PREDICATES = frozenset({
    "為る", "有る", "居る", "成る", "言う", "出来る", "行く", "来る", "見る", "思う", "無い", "良い",
    "上", "下", "呉れる", "貰う", "遣る", "置く", "仕舞う", "見える", "分かる", "向ける", "向かう",
    "関する", "対する", "よる", "因る", "依る", "基づく", "伴う", "通じる", "通ずる", "巡る", "含める",
    "受ける", "付ける", "上る", "達する", "占める", "当たる", "於く", "於ける",
})
# Adverbs that organise discourse rather than state a fact (closed class).
DISCOURSE_ADVERBS = frozenset({
    "又", "また", "更に", "さらに", "尚", "なお", "特に", "主に", "先ず", "まず", "今後", "一方", "共に",
    "ともに", "いずれ", "其れ其れ", "それぞれ", "改めて", "同時に", "約", "凡そ", "およそ", "殆ど",
    "ほぼ", "実際", "現在", "少なくとも", "合わせて", "計", "次々", "こう", "そう", "どう", "同じく",
    "まだ", "未だ", "もう", "やはり", "矢張り", "これまで", "此れ迄", "今回", "今", "最も", "初めて",
    "既に", "すでに", "約", "概ね", "大体", "もっと", "一層", "より", "実に", "あくまで", "必ずしも", "当初", "最終的", "具体的",
    "本格的", "一時", "順次", "例えば", "仮に", "逆に", "如何に", "いかに", "単に", "全く", "決して",
    "とても", "非常", "大変", "かなり", "ちょうど", "丁度", "単独", "新た", "一層", "より", "極めて",
    "一旦", "いったん", "直接", "ついに", "遂に", "いよいよ", "ようやく", "漸く", "なかなか", "まさに", "正に",
})
# The words above that still state a fact when a claim adds them: "already", "alone", "for
# the first time", "newly" change what happened (issue: すでに, 独自に, 単独で). Compared.
FACT_ADVERBS = frozenset({"自ら", "既に", "すでに", "単独", "独自", "正式", "公式", "全面", "全面的",
                          "一斉", "完全", "大幅", "急速", "急激", "初めて", "唯一", "再び", "相次いで",
                          "本格的", "一時", "新た", "事実上", "異例", "無期限", "永久", "恒久的", "一律", "一括"})

# (followed by で or に: 全国で実施; 全体の4分の1 is a share, not a scope)
_SCOPE_RE = re.compile(r"^(?:全[\u4e00-\u9fff]{1,3}|世界中|全世界|各地|各国|国内外)$")

# Verbs that are only a compound particle after に/を/と: について, に対して, に合わせて, として.
PARTICLE_VERBS = frozenset({"就く", "対する", "於く", "合わせる", "為る", "取る", "依る", "因る", "巡る",
                            "関する", "伴う", "向ける", "通じる", "通ずる", "基づく", "比べる", "加える",
                            "除く", "含める", "受ける", "当たる", "際する", "先立つ", "応じる", "沿う",
                            "限る", "渡る", "亘る", "至る", "残る", "及ぶ", "掛ける"})

# Verbs of going that take their purpose with に: 視察に訪れた, 調査に入った, 応援に駆けつけた.
GOING_VERBS = frozenset({"訪れる", "訪ねる", "出向く", "向かう", "行く", "来る", "入る", "駆け付ける", "駆けつける",
                         "赴く", "出掛ける", "乗り込む"})

# Verbs that undo their object: 認定は見送られた, 運転を見合わせた, 計画を撤回 mean "no 認定/運転/計画".
UNDOING_VERBS = frozenset({"見送る", "見合わせる", "断念", "中止", "撤回", "取り止める", "取りやめる",
                           "削除", "除外", "撤廃", "取り下げる", "白紙",
                           "拒否", "拒む", "否定", "停止", "休止", "延期", "凍結", "打ち切る", "廃止",
                           "否決", "却下", "棄却", "退ける", "見直す", "辞退", "取り消す", "止める", "止まる"})

# Verbs whose "cannot" says a thing is needed or certain (協力が欠かせない, 影響は避けられない,
# 否めない): their negation does not deny the noun before them.
NECESSITY_VERBS = frozenset({"欠かす", "避ける", "免れる", "否む", "見逃す", "見過ごす"})

# Particles that limit a statement to what they follow (社員だけで, 東京のみ), and the words by
# which a page says the same limit (12県にとどまる, 単独で, 限定); だけでなく says the opposite.
LIMITING_PARTICLES = frozenset({"だけ", "のみ", "ばかり"})
LIMIT_WORDS = ("だけ", "のみ", "限", "とどま", "留ま", "単独", "唯一", "しか", "専ら", "ばかり", "除")
