"""Every threshold the matcher uses, in one place, with the reason for its value.

Scores are 0-100: the weighted share of the claim's content words (and, to a lesser extent,
its character bigrams) found in the evidence window. See docs/verdicts.md, "How verdicts are decided".
"""

# Below this the source says nothing close to the claim: `not_found`. Unrelated claims that
# share only the topic words (条約, 両国, 協力) score 15-30 on the labelled sets; the
# loosest faithful paraphrase there scores above 45.
NOT_FOUND_BELOW = 35

# A claim with every key fact found still needs this much of its wording in the evidence to
# be `supported`; between the two thresholds it is `partial` ("weak evidence").
# On the labelled sets faithful paraphrases score 59-97 (the seed's 派兵を進める vs 兵士を送った:
# 71) and a claim about a tsunami warning the page never mentions scored 52 on shared place
# words. A false `supported` costs an editor more than a second look at a `partial`, so the
# line sits above that miss rather than at the midpoint.
SUPPORTED_FROM = 55

# On a page cut by a pay wall the claim's statement may be past the wall while its names are in
# the visible lead: loose wording there is no support (heldout9: a judge's words past the wall
# scored 58 on the lead's 裁判長 and 制度; the loosest faithful claim on a cut page, 68). An
# `unverifiable` costs an editor one look; a false `supported` costs trust.
SUPPORTED_FROM_TRUNCATED = 65

# ... unless the claim is anchored: at least this many key facts found, none missing, a name and
# a number among them (or this many numbers). Then the wording may be loose (獲得/得票, 差をつける
# /上回る): each fact was checked on its own. On the labelled sets no altered claim below
# SUPPORTED_FROM is anchored at 3; at 2, two are.
ANCHORED_FACTS = 3

# Word weights for the score: names and numbers carry the claim, verbs are often paraphrased.
WEIGHT_PROPER = 2.0
WEIGHT_NUMBER = 1.5
WEIGHT_NOUN = 1.0
WEIGHT_VERB = 0.6

# Share of the score from character-bigram containment (robust to tokenizer splits).
BIGRAM_SHARE = 0.25

# Evidence windows: up to this many adjacent sentences ...
MAX_WINDOW = 3
# ... plus up to this many non-adjacent sentences when a claim joins two facts, each of which
# must add at least this share of the claim's weight (so noise sentences are not pulled in).
MAX_EXTRA_SENTENCES = 2
EXTRA_SENTENCE_MIN_GAIN = 0.12

# A 「quote」 not found verbatim but this close (rapidfuzz partial_ratio) to some source text
# is an altered quote (contradicted) rather than a missing one (partial).
QUOTE_ALTERED_FROM = 75

# A claim clause is compared name-by-name and number-by-number with the source clause that
# shares at least this share of its plain words (not names, not numbers); below it the two
# clauses are not saying the same thing and nothing is concluded from their differences.
CLAUSE_MIN_COVERAGE = 0.5
