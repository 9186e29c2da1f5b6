"""claims: read summary articles (text, saved HTML, stdin) into blocks of cited claims."""
from .model import POINTS, Article, Block, Claim, claim_key
from .parse import ArticleError, parse_text
from .read import article_from_bytes, article_from_text, article_identity, read_article
from .urls import find_urls

__all__ = [
    "POINTS", "Article", "ArticleError", "Block", "Claim", "article_from_bytes", "article_from_text",
    "article_identity", "claim_key", "find_urls", "parse_text", "read_article",
]
