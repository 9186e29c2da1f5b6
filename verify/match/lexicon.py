"""Small word lists the fact checks need: aliases, synonyms, antonyms, emphatic words.

Kept short and general (news Japanese, any topic). Each list says why it exists.
"""
from __future__ import annotations

from ..structure import NECESSITY_VERBS, UNDOING_VERBS  # noqa: F401  (closed classes of grammar, kept there)

# The same organisation or country under the names the press alternates between.
_ALIAS_GROUPS = [
    ("米国", "アメリカ", "米", "合衆国"), ("英国", "イギリス", "英"), ("中国", "中華人民共和国"),
    ("韓国", "大韓民国"), ("北朝鮮", "朝鮮民主主義人民共和国"), ("ロシア", "露"),
    ("日本銀行", "日銀"), ("国連", "国際連合"), ("欧州連合", "EU"), ("北大西洋条約機構", "NATO"),
    ("国際通貨基金", "IMF"), ("世界保健機関", "WHO"), ("東京証券取引所", "東証"),
    ("自民党", "自由民主党"), ("立憲民主党", "立民"), ("公明党", "公明"), ("ウクライナ", "宇"),
    ("連邦準備制度理事会", "FRB", "Fed"), ("欧州中央銀行", "ECB"), ("宇宙航空研究開発機構", "JAXA"),
    ("米航空宇宙局", "NASA", "航空宇宙局"), ("国際オリンピック委員会", "IOC"),
    ("日本航空", "日航", "JAL"), ("全日本空輸", "全日空", "ANA"), ("日本放送協会", "NHK"),
    ("東京電力", "東電"), ("関西電力", "関電"), ("東北電力", "東北電"), ("日本経済新聞", "日経"),
    ("経済産業省", "経産省"), ("国土交通省", "国交省"), ("厚生労働省", "厚労省"), ("文部科学省", "文科省"),
    ("農林水産省", "農水省"), ("衆議院", "衆院"), ("参議院", "参院"), ("最高裁判所", "最高裁"),
    ("東京地方裁判所", "東京地裁"), ("国際原子力機関", "IAEA"), ("世界貿易機関", "WTO"),
    ("アジア太平洋経済協力会議", "APEC"), ("東南アジア諸国連合", "ASEAN"), ("大学入試センター", "入試センター"),
]
_ALIASES: dict[str, tuple[str, ...]] = {}
for _group in _ALIAS_GROUPS:
    for _name in _group:
        # Single-character abbreviations are too ambiguous to search for (米 is also rice).
        _ALIASES[_name] = tuple(n for n in _group if len(n) > 1 or n == _name)


def aliases(entity: str) -> tuple[str, ...]:
    return _ALIASES.get(entity, (entity,))


# Proper nouns by Sudachi's dictionary that a claim may name without the source naming them
# (a Japanese paper rarely writes 日本); still compared when the source names a rival.
NOT_ENTITIES = frozenset({"ニュース", "日本", "国内", "政府"})
# News agencies name themselves in datelines (［東京 16日 ロイター］): never a rival to a claim's name.
AGENCIES = frozenset({"ロイター", "共同", "共同通信", "時事", "時事通信", "AFP", "AP", "ブルームバーグ", "新華社", "聯合"})
ERA_NAMES = frozenset({"令和", "平成", "昭和", "大正", "明治"})

# Predicates so general that their polarity says nothing (する, ある, なる ...).
WEAK_PREDICATES = frozenset({"為る", "有る", "居る", "成る", "言う", "出来る", "行く", "来る",
                             "見る", "思う", "無い", "良い", "上", "下"})

# Verbs that editors treat as the same act: polarity is compared across the group.
_PREDICATE_GROUPS = [
    ("含む", "盛り込む", "含める", "入る", "記す", "明記"),
    ("言及", "触れる"),
    ("署名", "調印", "締結"),
    ("認める", "容認", "承認"),
    ("参加", "出席", "加わる"),
    ("発表", "公表", "明らか"),
    ("実施", "行う", "実行"),
    ("決定", "決める", "決まる"),
    ("支援", "援助", "支える"),
    ("値下げ", "引き下げる", "下げる"),
    ("値上げ", "引き上げる", "上げる"),
]
_CANONICAL = {word: group[0] for group in _PREDICATE_GROUPS for word in group}


def canonical_predicate(lemma: str) -> str:
    return _CANONICAL.get(lemma, lemma)




# Opposites that turn a claim false while keeping it nearly identical to the source.
ANTONYM_PAIRS = [
    ("上昇", "下落"), ("増加", "減少"), ("可決", "否決"), ("採択", "否決"), ("勝利", "敗北"),
    ("黒字", "赤字"), ("引き上げ", "引き下げ"), ("利上げ", "利下げ"), ("値上げ", "値下げ"),
    ("賛成", "反対"), ("開始", "終了"), ("拡大", "縮小"), ("強化", "緩和"), ("上回", "下回"),
    ("最高", "最低"), ("増え", "減っ"), ("増える", "減る"), ("上がっ", "下がっ"), ("成功", "失敗"),
    ("承認", "却下"), ("許可", "禁止"), ("有罪", "無罪"), ("当選", "落選"), ("再開", "停止"),
    ("輸入", "輸出"), ("円高", "円安"), ("増益", "減益"), ("増収", "減収"), ("上方修正", "下方修正"),
    ("内側", "外側"), ("国内", "国外"), ("入国", "出国"), ("与党", "野党"), ("午前", "午後"),
    ("増税", "減税"), ("続伸", "続落"), ("反発", "反落"), ("急騰", "急落"), ("高値", "安値"),
    ("解禁", "禁止"), ("発効", "失効"), ("加盟", "脱退"), ("就任", "辞任"), ("開幕", "閉幕"),
    ("最多", "最少"), ("最大", "最小"), ("買い越し", "売り越し"), ("黒星", "白星"), ("勝っ", "負け"),
    ("上昇", "低下"), ("増加", "減った"), ("改善", "悪化"), ("好調", "不調"), ("合格", "不合格"),
    ("延長", "短縮"), ("撤退", "進出"), ("北上", "南下"), ("東進", "西進"), ("受理", "却下"),
    ("合意", "決裂"), ("維持", "変更"), ("予約", "キャンセル"), ("押し上げ", "押し下げ"),
    ("高い", "低い"), ("多い", "少ない"), ("強い", "弱い"), ("長い", "短い"), ("暑い", "寒い"),
    ("増やす", "減らす"), ("上昇", "下降"), ("黒字化", "赤字化"), ("プラス", "マイナス"), ("一時", "終日"), ("一部", "全面"), ("一部", "全線"),
    ("部分的", "全面的"), ("衆院", "参院"), ("衆議院", "参議院"), ("カラー", "モノクロ"), ("カラー", "白黒"),
    ("延ば", "短縮"), ("延び", "縮ま"), ("原告", "被告"), ("勝訴", "敗訴"), ("有効", "無効"), ("合憲", "違憲"),
    ("上告", "控訴取り下げ"), ("出発", "到着"), ("離陸", "着陸"), ("男性", "女性"), ("男優", "女優"),
    ("盛り込", "削除"), ("盛り込", "除外"), ("含ま", "削除"), ("含ま", "除外"), ("追加", "削除"),
    ("踏み切", "見送"), ("実施し", "見送"), ("遅れ", "早ま"), ("遅く", "早く"), ("遅延", "前倒し"), ("延び", "短縮"), ("長く", "短く"), ("維持", "削減"), ("維持", "減ら"), ("維持", "廃止"),
    ("据え置", "削減"), ("見合わせ", "再開"), ("中止", "再開"), ("黒字", "赤字"), ("運航", "欠航"), ("運行", "運休"), ("開催", "中止"), ("出場", "欠場"), ("出席", "欠席"),
    ("開通", "不通"), ("再開", "休止"), ("前半", "後半"), ("上半期", "下半期"), ("上期", "下期"), ("東日本", "西日本"), ("北部", "南部"), ("東部", "西部"), ("暫定", "確定"), ("上告", "棄却"), ("可能", "不可能"), ("据え置", "引き上げ"), ("据え置", "引き下げ"),
]

# Words of direction: a claim going up where its source goes down (上昇 vs 下回り) is false
# even when the two words are not a listed pair.
# Size words belong here too: a gap that 広がった is not one that 縮まった.
UP_WORDS = ("上昇", "増加", "増え", "上回", "上がっ", "上がる", "伸び", "拡大", "高まっ", "改善", "超え", "超す",
            "広が", "拡が", "膨らん", "強ま")
DOWN_WORDS = ("下落", "低下", "減少", "減っ", "下回", "下がっ", "下がる", "縮小", "落ち込", "悪化", "割り込",
              "縮ま", "狭ま", "縮ん", "しぼん", "弱ま")
DIRECTION_PAIRS = [(u, d) for u in UP_WORDS for d in DOWN_WORDS if (u, d) not in ANTONYM_PAIRS]

# Words that make a claim stronger than its source: each must be backed by the source.
EMPHASIS = ("初めて", "初の", "史上初", "過去最高", "過去最大", "過去最多", "過去最悪", "史上最高",
            "史上最大", "世界一", "日本一", "全員", "すべて", "全て", "唯一", "全会一致",
            "満場一致", "急増", "急減", "倍増", "半減", "激減", "最年少", "最年長", "最も", "史上最")
# Emphatic words that say the same thing: one in the source backs the other in the claim.
EMPHASIS_GROUPS = [("全会一致", "満場一致"), ("初めて", "初の", "史上初"), ("すべて", "全て")]
# いずれも / すべて in a summary usually restate the source's own totals: not listed.

# Relative dates: a claim's 来年 must match the source's 来年 (or the year it stands for).
RELATIVE_YEARS = {"今年": 0, "本年": 0, "昨年": -1, "去年": -1, "来年": 1, "一昨年": -2,
                  "再来年": 2, "前年": -1, "翌年": 1}
RELATIVE_MONTHS = {"今月": 0, "本月": 0, "先月": -1, "前月": -1, "来月": 1, "翌月": 1}
# Words for the same span: a claim's 年度内 is the source's 今年度中.
PERIOD_GROUPS = [("年内", "年中", "今年中", "年末まで"), ("年度内", "年度中", "今年度中", "年度末まで"),
                 ("月内", "今月中", "月末まで")]
# Day and month words are resolved against each text's date in dates.py; these name a span the
# source must name too.
RELATIVE_DATES = ("来週", "今週", "先週",
                  "年内", "年度内", "月内", "年末", "年初", "年明け", "週末", "今春", "今夏", "今秋",
                  "今冬", "来春", "来夏", "来秋", "来冬", "昨春", "昨夏", "昨秋", "昨冬", "今週末")
