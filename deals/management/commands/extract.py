"""Print what the parser reads in article files, one JSON object per line."""

import json

from django.core.management.base import BaseCommand

from deals import services
from deals.extraction import check_input
from deals.management.articlefiles import article_paths, read_article_file


class Command(BaseCommand):
    help = (
        "Run the parser on article files (or folders of *.txt files) with the gazetteer the "
        "database extends, and print one JSON object per file. Nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args, paths, **options):
        for path in article_paths(paths):
            article = read_article_file(path)
            problem = check_input(article.title, services.readable_text(article.body))
            if problem:
                line = {"source": str(path), "relevant": False, "title": article.title}
                self.stdout.write(json.dumps({**line, "deals": [], "reason": problem}))
                continue
            extraction = services.extract_article(
                title=article.title, body=article.body, published=article.published
            )
            found = extraction.to_dict()
            line = {
                "source": str(path),
                "relevant": found["relevant"],
                "title": found["title"],
                "deals": found["deals"],
            }
            if found.get("reason"):
                line["reason"] = found["reason"]
            self.stdout.write(json.dumps(line, ensure_ascii=False))
