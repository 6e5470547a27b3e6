"""Article files on disk, for the commands that read them (extract, ingest, loaddemo)."""

from collections.abc import Iterable
from pathlib import Path

from django.core.management.base import CommandError

from deals.extraction import ArticleFile, parse_article_file


def article_paths(paths: Iterable[str]) -> list[Path]:
    """The files named, with each folder standing for the *.txt files in it, in name order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(child for child in path.glob("*.txt") if child.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"No such file or folder: {name}")
    return found


def read_article_file(path: Path) -> ArticleFile:
    """The article in a file: headers (Title:, URL:, Date:) and body.

    Bytes that are not UTF-8 are kept as replacement characters, so the parser, not the
    command, judges the text (a binary file then fails with its reason).
    """
    return parse_article_file(path.read_bytes().decode("utf-8", errors="replace"))
