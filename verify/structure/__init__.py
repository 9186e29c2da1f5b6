"""What a sentence says happened, read off SudachiPy's parts of speech: its acts and their
modifiers, how sure it is, which facts it links as cause and effect, and who said it.

    acts(text) -> [Act]            predicates, with the act a support verb carries (会見を開く: 会見)
    modifiers(text) -> [Modifier]  正式に, 独自に, すでに, 全国で; limits(text): 社員だけ, 東京のみ
    modality(text, end) -> (level, marker)   検討している, 方針, 可能性, 決定した
    done(text, end), condition_before(text, start)   延長した (told as done); 雨が降らなければ、
    causes(text) -> [Cause]        〜のため, 〜を受けて, 〜により
    quote_spans / speaker / topic / personal / same_speaker   who said a quote or holds a view

Pure text analysis, no source in sight; verify/match compares it with the evidence. Word lists
here are closed grammatical classes only (words.py); why Sudachi and not a dependency parser is
in docs/verdicts.md.
"""
from .actions import Act, Modifier, acts, limits, modifiers
from .connectives import CAUSE_WORDS, CAUSAL_CONNECTIVES, Cause, causes
from .certainty import (ASSERTED, CERTAINTY, CONSIDERED, DECIDED, PLANNED, POSSIBLE, REPORTED, REQUESTED,
                       condition_before, done, modality)
from .negation import SAHEN_VERBS, negated_after, negations_after
from .speakers import personal, quote_spans, same_speaker, speaker, topic
from .words import GOING_VERBS, LIGHT_PREDICATES, NECESSITY_VERBS, REPORTING_VERBS, SUPPORT_VERBS, UNDOING_VERBS, VIEW_VERBS, LIMIT_WORDS

__all__ = ["ASSERTED", "Act", "CAUSAL_CONNECTIVES", "CAUSE_WORDS", "CERTAINTY", "CONSIDERED", "Cause", "DECIDED", "GOING_VERBS",
           "LIGHT_PREDICATES", "Modifier", "NECESSITY_VERBS", "PLANNED", "POSSIBLE", "REPORTED", "REPORTING_VERBS", "REQUESTED",
           "SAHEN_VERBS", "SUPPORT_VERBS", "UNDOING_VERBS", "VIEW_VERBS", "LIMIT_WORDS", "acts", "causes", "condition_before", "done", "limits", "modality", "modifiers", "negated_after", "negations_after", "personal", "quote_spans",
           "same_speaker", "speaker", "topic"]
