"""Article files: optional ``Title:``/``URL:``/``Date:`` header lines, a blank line, the body.

Rules:

- Header lines are recognised at the top of the file in any case (``title:``, ``URL:``); they end at
  the first blank line (or the first line that is not a header). ``Date:`` takes an ISO date (a
  full ISO timestamp is cut to its date); "unknown", empty or unreadable dates give ``None``.
- Without a ``Title:`` header, the title is the first line when it reads like a headline (at most
  200 characters and not ending in a full stop); otherwise the title is the first sentence of the
  text and the body is the rest, so no words are lost or repeated.
- A file of one line is a headline: title = that line, body = "".
- HTML bodies are turned into plain text first.
"""

from __future__ import annotations

import datetime
import re

from .inputs import html_to_text, looks_like_html
from .types import ArticleFile

_HEADER = re.compile(r"^(title|url|date)\s*:\s*(.*)$", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^(.{20,300}?[.!?])[\"')\]]*\s+(?=[A-Z\"'])", re.DOTALL)


def _date(value: str) -> datetime.date | None:
    value = value.strip()
    if not value or value.lower() == "unknown":
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_article_file(text: str) -> ArticleFile:
    """Split an article file into title, URL, publication date and body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        match = _HEADER.match(lines[i].strip())
        if not match:
            break
        headers[match.group(1).lower()] = match.group(2).strip()
        i += 1
    if headers:
        while i < len(lines) and not lines[i].strip():
            i += 1
        rest = "\n".join(lines[i:])
    else:
        rest = text
    if looks_like_html(rest):
        rest = html_to_text(rest)
    rest = rest.strip()
    title = headers.get("title", "").strip()
    if not title:
        title, rest = _split_title(rest)
    return ArticleFile(
        title=title, url=headers.get("url", ""), published=_date(headers.get("date", "")), body=rest
    )


def _split_title(text: str) -> tuple[str, str]:
    if "\n" not in text:
        first_sentence = _FIRST_SENTENCE.match(text)
        if first_sentence and len(text) > 300:
            return first_sentence.group(1).strip(), text[first_sentence.end() :].strip()
        return text, ""
    first, rest = text.split("\n", 1)
    first = first.strip()
    if len(first) <= 200 and not first.endswith("."):
        return first, rest.strip()
    first_sentence = _FIRST_SENTENCE.match(text)
    if first_sentence:
        return first_sentence.group(1).strip(), text[first_sentence.end() :].strip()
    return first, rest.strip()
