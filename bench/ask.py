"""Ask Jackson on the demo city: top-1 accuracy of the spoken questions, and what an answer costs.

Seeds the demo city (``seed_demo``) on a scratch database, then, inside Django
(``manage.py shell``, production settings), asks every question of
``search/ask_cases.py``:

* accuracy: the share of ``ASK_CASES`` answered from the expected page, and how many
  ``OFF_TOPIC`` questions were answered (must be none);
* speed: ``search.answers.answer_question`` with every search computed
  (``SEARCH_ANSWER_SECONDS=0``), each question ``--rounds`` times, one at a time.

    python bench/ask.py --write                 # SQLite and a scratch PostgreSQL (jackson_ask_bench)
    python bench/ask.py --sqlite
    python bench/ask.py --database-url postgres://…/already_seeded
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    manage,
    production_env,
    replace_section,
    scratch_postgres,
    seed_demo,
    shell_output,
    sqlite_url,
    workdir,
)
from bench.search import summary  # noqa: E402


def ask_everything(rounds):
    """Run inside Django: accuracy over the cases, then timings; prints one BENCH-JSON line."""
    from django.db import connection

    from search.answers import answer_question
    from search.ask_cases import ASK_CASES, OFF_TOPIC

    misses = []
    for question, acceptable in ASK_CASES:
        answer = answer_question(question)
        title = answer.page.title if answer.page is not None else None
        if not (answer.answered and title in acceptable):
            misses.append([question, title])
    off_topic_answered = [question for question in OFF_TOPIC if answer_question(question).answered]
    samples = []
    for _ in range(rounds):
        for question, _acceptable in ASK_CASES:
            started = time.perf_counter()
            answer_question(question)
            samples.append((time.perf_counter() - started) * 1000)
    hits = len(ASK_CASES) - len(misses)
    print(
        "BENCH-JSON "
        + json.dumps(
            {
                "vendor": connection.vendor,
                "hits": hits,
                "cases": len(ASK_CASES),
                "misses": misses,
                "off_topic": len(OFF_TOPIC),
                "off_topic_answered": off_topic_answered,
                "timing": summary(samples),
                "date": time.strftime("%Y-%m-%d", time.gmtime()),
            }
        )
    )


def measure(database_url, rounds, reseed=True):
    env = production_env(database_url, workdir(), SEARCH_ANSWER_SECONDS="0")
    if reseed:
        manage(env, "migrate", "--noinput")
        seed_demo(env)
    out = shell_output(env, f"from bench.ask import ask_everything; ask_everything({int(rounds)})")
    line = next(line for line in out.splitlines() if line.startswith("BENCH-JSON "))
    return json.loads(line.removeprefix("BENCH-JSON "))


def table(results):
    rows = [
        "| Database | Top-1 accuracy | Off-topic answered | Answer p50 (ms) | p95 (ms) | max (ms) | Run |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        timing = result["timing"]
        rows.append(
            f"| {result['vendor']} | {result['hits']}/{result['cases']} ({result['hits'] / result['cases']:.0%}) | "
            f"{len(result['off_topic_answered'])} of {result['off_topic']} | {timing['p50']:.1f} | "
            f"{timing['p95']:.1f} | {timing['max']:.1f} | {result['date']} |"
        )
    return "\n".join(rows)


def write(results):
    misses = sorted({question for result in results for question, _title in result["misses"]})
    body = f"""Measured by `python bench/ask.py --write` on the demo city (2 cores): the
{results[0]["cases"]} spoken questions of `search/ask_cases.py`, each asked of
`search.answers.answer_question`, must be answered from the expected page (top-1); the
{results[0]["off_topic"]} off-topic questions must not be answered. Timings: every search computed
(`SEARCH_ANSWER_SECONDS=0`), each question asked {results[0]["timing"]["n"] // results[0]["cases"]} times,
one at a time, in process. Target: at least 85 % top-1, no off-topic question answered.
`tests/test_ask_jackson.py` asserts the same on every run (and on PostgreSQL from a SQLite run).

{table(results)}

Questions missed on some database: {"; ".join(f"“{question}”" for question in misses) or "none"}.
"""
    replace_section(ROOT / "BENCHMARKS.md", "Ask Jackson", body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="measure on a scratch PostgreSQL database")
    parser.add_argument("--sqlite", action="store_true", help="measure on a scratch SQLite database")
    parser.add_argument("--rounds", type=int, default=5, help="times each question is asked for the timings")
    parser.add_argument("--database-url", help="use this already-seeded database instead of a scratch one")
    parser.add_argument("--write", action="store_true", help="write the figures into BENCHMARKS.md (## Ask Jackson)")
    args = parser.parse_args()
    if not (args.postgres or args.sqlite):
        args.postgres = args.sqlite = True
    results = []
    if args.database_url:
        results.append(measure(args.database_url, args.rounds, reseed=False))
    else:
        if args.sqlite:
            results.append(measure(sqlite_url(workdir()), args.rounds))
        if args.postgres:
            with scratch_postgres("jackson_ask_bench") as url:
                results.append(measure(url, args.rounds))
    print(table(results))
    if args.write:
        write(results)


if __name__ == "__main__":
    main()
