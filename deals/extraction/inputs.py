"""Checks on raw input, and HTML to plain text."""

from __future__ import annotations

import html
import re

import nh3

from .text import words

MAX_BYTES = 1_000_000

_ENGLISH = words(
    "the of and to in a is that for on with as by at from it its was are be has have this will "
    "after over into amid about than but not new says said"
)
# Frequent function words of other languages that are not also English words.
_FOREIGN = words(
    "der die das und nicht mit für ist ein eine den dem auf sich des zu von "
    "le la les et des du une est pour dans sur avec qui par pas au aux "
    "el los las del por para con una que se lo como más según "
    "il della di che non per gli alla sono "
    "os da em não uma com são pelo pela "
    "het een van niet zijn voor ook "
    "dan yang dengan untuk dari tidak ini itu akan pada "
    "och att är för inte"
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ODD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_LETTER = re.compile(r"[^\W\d_]")
# Bidirectional controls (embeddings, overrides, isolates and marks) reorder what follows them
# on screen: a headline can be shown backwards, or a quote made to say what it does not. NUL,
# which PostgreSQL text cannot hold, becomes the replacement character, read as binary below.
_BIDI_CONTROLS = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_INGESTED = str.maketrans({**dict.fromkeys(map(chr, _BIDI_CONTROLS)), "\x00": "\ufffd"})
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")


def ingested_text(text: str) -> str:
    """Text as the tracker keeps it from an article: without bidirectional controls or NUL."""
    return text.translate(_INGESTED)


def check_input(title: str, body: str) -> str | None:
    """A human-readable reason why this input cannot be parsed, or None when it is fine."""
    text = f"{title or ''}\n{body or ''}"
    if not text.strip():
        return "The article is empty: it has no title and no text."
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        return f"The article is too large to parse: {size:,} bytes (the limit is {MAX_BYTES:,})."
    if "\x00" in text:
        return "The file looks binary (it contains NUL bytes), not text."
    sample = text[:3000]
    visible = len(sample) - sample.count(" ") - sample.count("\n")
    odd = len(_ODD.findall(sample))
    if visible and odd / visible > 0.1:
        return "The file looks binary (mostly non-printable characters), not text."
    if not _LETTER.search(sample):
        return "The article has no words to read."
    if visible and not sample.isascii() and len(_NON_LATIN_LETTER.findall(sample)) / visible > 0.3:
        return "The article does not look like English (most letters are not Latin script)."
    words = [w.lower() for w in _WORD.findall(sample, 0, 1500)]
    english = sum(1 for w in words if w in _ENGLISH)
    foreign = sum(1 for w in words if w in _FOREIGN)
    if len(words) >= 30:
        if foreign > 2 * english and foreign / len(words) > 0.08:
            return (
                "The article does not look like English (its common words are another language's)."
            )
    elif foreign >= 2 and english == 0:
        return "The headline does not look like English (its common words are another language's)."
    return None


_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|div|p|br|span|a|h[1-6]|article|section|table|ul|ol|li|em|strong"
    r"|b|i|img|meta|script|style|title)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|title"
    r"|figcaption|pre)\b[^>]*>",
    re.IGNORECASE,
)
_DROP = re.compile(
    r"<(script|style|noscript|nav|aside|footer|form|iframe|svg)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup rather than being plain text."""
    sample = text[:5000]
    if re.search(r"<!doctype html|<html\b", sample, re.IGNORECASE):
        return True
    return len(_HTML_TAG.findall(sample)) >= 2


def html_to_text(text: str) -> str:
    """Plain text from HTML: scripts and navigation dropped, one paragraph per line."""
    text = _DROP.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    cleaned = html.unescape(nh3.clean(text, tags=set()))
    lines = (" ".join(line.split()) for line in cleaned.splitlines())
    return "\n".join(line for line in lines if line)
