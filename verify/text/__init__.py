"""Japanese text analysis shared by matching and reports: normalisation with offsets back into the
original, sentence splitting, and SudachiPy tokens (loaded on first use)."""
from .normalization import COUNTERS, Normalized, fold_dots, kanji_to_int, norm, normalize
from .sentences import split_sentences
from .tokens import STOP_LEMMAS, Token, analyze, content_lemmas, is_kanji, lemmas

__all__ = ["is_kanji", 
    "COUNTERS", "Normalized", "STOP_LEMMAS", "Token", "analyze", "content_lemmas", "fold_dots", "kanji_to_int",
    "lemmas", "norm", "normalize", "split_sentences",
]
