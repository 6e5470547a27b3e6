"""The article extractor: text in, dataclasses out (no ORM, no network, no Django).

>>> from deals.extraction import extract
>>> extract("Trump Lifts 25% Tariff on Indian Goods").deals[0].stage
'lifted'
"""

from .extractor import extract
from .files import parse_article_file
from .gazetteer import Gazetteer, load_taxonomy
from .inputs import check_input, html_to_text, ingested_text, looks_like_html
from .stages import STAGE_SLUGS
from .types import (
    FIGURE_WHATS,
    ArticleFile,
    CommodityEntry,
    CommodityMention,
    DealMention,
    Extraction,
    Figure,
    PartyEntry,
    PartyMention,
    document_text,
)

__all__ = [
    "FIGURE_WHATS",
    "STAGE_SLUGS",
    "ArticleFile",
    "CommodityEntry",
    "CommodityMention",
    "DealMention",
    "Extraction",
    "Figure",
    "Gazetteer",
    "PartyEntry",
    "PartyMention",
    "check_input",
    "document_text",
    "extract",
    "html_to_text",
    "ingested_text",
    "load_taxonomy",
    "looks_like_html",
    "parse_article_file",
]
