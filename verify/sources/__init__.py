"""The sources stage: a cited URL becomes a SourceDoc -- the article text of the page, or why there is none.

One extractor per site (mainichi.py, reuters.py; generic.py for every other site), bot walls and
soft 404s told apart (walls.py), shared HTML helpers (markup.py). `SourceLoader` fetches each
cited URL once per run through verify.fetch, extracts it, and reads the web-archive copy of a
dead or walled page.
"""
from .dispatch import SITES, ExtractorUnavailable, check_extractors, extract, extractor_for
from .loader import SOURCE_MEMORY, SourceLoader

__all__ = ["SITES", "SOURCE_MEMORY", "ExtractorUnavailable", "SourceLoader", "check_extractors", "extract",
           "extractor_for"]
