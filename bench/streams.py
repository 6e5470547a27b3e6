"""The stream benchmark: a folder of real news fed oldest first through the whole tracker.

    .venv/bin/python bench/streams.py [FOLDER ...] [--database sqlite|postgres] [--misses]
                                      [--arcs ARC,ARC,...]

Each folder (by default bench/realnews/dev, then bench/realnews/test, each in a run of its own)
starts on a fresh database: a SQLite file, var/bench-streams-<folder>.sqlite3, or with
``--database postgres`` the PostgreSQL database of BENCH_DATABASE_URL (emptied first), with a
private Redis and one real ``celery -A tracker worker``. Its stories go in oldest first, each
through ``manage.py ingest`` with its outlet; the worker parses it into proposals, and an editor
who accepts everything accepts them all through the review service behind the admin's Accept,
before the next story goes in, so each story is matched against the deals the earlier ones made.
The result is read back through the REST API (each article's timeline entries, every deal with
its stage and parties, every party's aliases) and scored by bench/realnews_scoring.py. It prints
a table and exits 0: this benchmark measures, it has no target. ``--arcs`` feeds the whole
folder but scores only the named arcs' stories (pairs touching them, their rows and misses).
"""

import argparse
import io
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pipeline import tracker_with_worker  # noqa: E402
from bench.realnews_scoring import (  # noqa: E402
    CORPUS,
    FOLDERS,
    Story,
    StreamResult,
    StreamScore,
    TrackedDeal,
    load_stories,
    oldest_first,
    score_stream,
)
from tests.processes import wait_for  # noqa: E402

EDITOR = "stream-editor"
#: Seconds one story may take from submission to parsed.
PARSE_TIMEOUT = 120


def feed(folder: Path, stories: list[Story]) -> tuple[dict[str, int], dict[str, set[str]], int]:
    """Ingest each story's file, oldest first; once parsed, accept every proposal of it.

    Returns each story's article id, the deals of accepted proposals that had no stage (they
    add parties and figures but no timeline entry, so the API ties them to no article), and how
    many proposals the review service refused.
    """
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.core.management import call_command

    from deals import services
    from deals.models import PENDING_STATES, Article, Proposal

    call_command("createeditor", EDITOR, stdout=io.StringIO())
    editor = get_user_model().objects.get(username=EDITOR)

    def parsed(pk: int) -> bool:
        return not Article.objects.filter(pk=pk, state__in=PENDING_STATES).exists()

    articles, stageless, refused = {}, {}, 0
    for story in oldest_first(stories):
        call_command("ingest", str(folder / story.name), outlet=story.outlet, stdout=io.StringIO())
        article = Article.objects.get(url=story.url)
        articles[story.name] = article.pk
        wait_for(
            lambda pk=article.pk: parsed(pk),
            timeout=PARSE_TIMEOUT,
            interval=0.02,
            what=f"{story.name} to be parsed",
        )
        for proposal in Proposal.objects.pending().filter(article=article).order_by("position"):
            try:
                accepted = services.accept_proposal(proposal=proposal, reviewed_by=editor)
            except ValidationError:
                refused += 1
                continue
            if accepted.timeline_entry_id is None:
                stageless.setdefault(story.name, set()).add(accepted.deal.slug)
    return articles, stageless, refused


class Api:
    """The tracker's REST API, read as a client reads it (in this process, no server)."""

    def __init__(self):
        from django.test import Client

        self.client = Client(HTTP_HOST="localhost")

    def get(self, path: str) -> dict:
        response = self.client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}: {response.content}")
        return response.json()

    def every(self, path: str):
        """Every item of a paged list."""
        while path:
            page = self.get(path)
            yield from page["results"]
            path = page["next"] and "?".join(filter(None, urlsplit(page["next"])[2:4]))


def read_back(
    articles: dict[str, int], stageless: dict[str, set[str]]
) -> tuple[StreamResult, dict]:
    """What the tracker shows after the stream, and each story's article state."""
    api = Api()
    names = {
        party["slug"]: {party["name"].casefold(), *(alias.casefold() for alias in party["aliases"])}
        for party in api.every("/api/v1/parties/?page_size=500")
    }
    deals = {
        deal["slug"]: TrackedDeal(
            slug=deal["slug"],
            kind=deal["kind"],
            stage=deal["stage"]["slug"] if deal["stage"] else None,
            party_names=frozenset(
                name for party in deal["parties"] for name in names.get(party["slug"], ())
            ),
        )
        for deal in api.every("/api/v1/deals/?page_size=500")
    }
    entries, states = {}, {}
    for name, pk in articles.items():
        article = api.get(f"/api/v1/articles/{pk}/")
        states[name] = article["state"]
        entries[name] = [
            (entry["deal"]["slug"], entry["stage"]["slug"]) for entry in article["timeline_entries"]
        ]
    filed = {
        name: {slug for slug, _ in entries[name]} | stageless.get(name, set()) for name in articles
    }
    return StreamResult(filed=filed, entries=entries, deals=deals), states


def report(
    folder: Path,
    stories: list[Story],
    score: StreamScore,
    *,
    states: dict[str, str],
    stageless: int,
    refused: int,
    deals: int,
    seconds: float,
    setup: str,
    show_misses: bool,
) -> None:
    arcs = {story.arc for story in stories if story.arc}
    in_arcs = sum(story.is_deal_story and bool(story.arc) for story in stories)
    singles = sum(story.is_deal_story and not story.arc for story in stories)
    states_seen = Counter(state.replace("_", " ") for state in states.values())
    right = sum(row.final_stage_right for row in score.arcs)
    rows = [
        (
            "stories fed oldest first",
            f"{len(stories)} in {seconds:.0f} s ({seconds / max(len(stories), 1):.2f} s a story)",
        ),
        ("  in arcs", f"{in_arcs} in {len(arcs)} arcs"),
        ("  single deal stories", singles),
        ("  look-alikes", score.lookalikes_filed.total),
        ("articles", ", ".join(f"{count} {state}" for state, count in sorted(states_seen.items()))),
        ("deals the tracker follows", deals),
        ("deal stories filed under a deal", score.filed),
        ("  only through proposals with no stage", stageless),
        ("  proposals refused by review", refused),
        ("pairs under one deal, same arc", f"{score.same_arc}  (recall)"),
        ("pairs under one deal, different arcs", f"{score.different_arcs}  (false merges)"),
        ("deal stories whose main deal got an entry", score.main_entry),
        ("  at the labelled stage", score.main_entry_at_stage),
        ("look-alikes with an entry on a deal", score.lookalikes_with_entry),
        ("  filed under a deal in any way", score.lookalikes_filed),
        ("arcs whose deal ends at their latest story's stage", f"{right}/{len(score.arcs)}"),
    ]
    if score.arcs:
        count = len(score.arcs)
        rows[-1:-1] = [
            (
                "deals per arc: all its stories are filed under",
                f"{sum(row.deals for row in score.arcs) / count:.1f}",
            ),
            (
                "  holding its own news (labelled background left out)",
                f"{sum(row.own_deals for row in score.arcs) / count:.1f}",
            ),
        ]
    print(f"== stream of {folder} ({setup})")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    if score.arcs:
        arc_width = max(len("arc"), *(len(row.arc) for row in score.arcs))
        print(
            f"  {'arc':<{arc_width}}  stories  outlets  deals  own  unfiled  on its deal  "
            "final stage   latest story says"
        )
        for row in score.arcs:
            verdict = "right" if row.final_stage_right else "wrong"
            print(
                f"  {row.arc:<{arc_width}}  {row.stories:>7}  {row.outlets:>7}  {row.deals:>5}  "
                f"{row.own_deals:>3}  {row.unfiled:>7}  {f'{row.on_its_deal}/{row.stories}':>11}  "
                f"{row.final_stage or '-':<12}  {'/'.join(row.wanted)} ({verdict})"
            )
    if show_misses:
        for miss in score.misses:
            print(f"    - {miss}")
    else:
        print("    (misses hidden; --misses shows them)")


def run(
    folder: Path,
    *,
    database_url: str,
    concurrency: int,
    show_misses: bool,
    arcs: list[str] | None = None,
) -> None:
    stories = load_stories(folder)
    unknown = set(arcs or ()) - {story.arc for story in stories}
    if unknown:
        raise SystemExit(f"no arc {', '.join(sorted(unknown))} in {folder}")
    # Reading every article back is one request each, more than a client's usual allowance.
    os.environ["TRACKER_API_THROTTLE_ADDRESS"] = "1000000/minute"
    with tracker_with_worker(database_url=database_url, concurrency=concurrency):
        from deals.models import Deal

        started = time.perf_counter()
        articles, stageless, refused = feed(folder, stories)
        seconds = time.perf_counter() - started
        result, states = read_back(articles, stageless)
        deals = Deal.objects.count()
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    report(
        folder,
        stories,
        score_stream(stories, result, arcs=arcs),
        states=states,
        stageless=len(stageless),
        refused=refused,
        deals=deals,
        seconds=seconds,
        setup=f"{engine}, one worker process of concurrency {concurrency}"
        + (f"; scoring the arcs {', '.join(arcs)} only" if arcs else ""),
        show_misses=show_misses,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--misses", action="store_true", help="List what each stream got wrong.")
    parser.add_argument(
        "--arcs",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        help="Score only these arcs (comma-separated), feeding the whole folder.",
    )
    options = parser.parse_args()
    folders = options.folders or [CORPUS / name for name in FOLDERS]
    if options.database == "postgres" and not os.environ.get("BENCH_DATABASE_URL"):
        parser.error("--database postgres needs BENCH_DATABASE_URL (postgres://...): it is emptied")
    missing = [folder for folder in folders if not (folder / "labels.json").exists()]
    if missing:
        print(f"== no labels.json in {', '.join(map(str, missing))}; skipping")
        return 0
    if len(folders) > 1:
        # Each folder is a stream of its own, from a fresh database, worker and Redis.
        flags = ["--database", options.database, "--concurrency", str(options.concurrency)]
        if options.arcs:
            flags += ["--arcs", ",".join(options.arcs)]
        for folder in folders:
            subprocess.run(
                [sys.executable, __file__, str(folder), *flags, *["--misses"] * options.misses],
                check=True,
            )
        return 0
    folder = folders[0]
    database_url = (
        os.environ["BENCH_DATABASE_URL"]
        if options.database == "postgres"
        else f"sqlite:///{ROOT / 'var' / f'bench-streams-{folder.name}.sqlite3'}"
    )
    run(
        folder,
        database_url=database_url,
        concurrency=options.concurrency,
        show_misses=options.misses,
        arcs=options.arcs,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
