"""The `newsetl` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flows.config import DEFAULT_SOURCE, load_settings, prepare_prefect_env
from flows.runners import RUNNERS

if TYPE_CHECKING:
    from transforms.records import ExtractedPage


def cmd_run(args: argparse.Namespace) -> int:
    """Run the nightly-etl flow once now and print its summary; with nothing new, just say so."""
    settings = load_settings()
    prepare_prefect_env(settings)
    source = args.source or str(DEFAULT_SOURCE)
    if not Path(source).is_dir():
        print(f"newsetl run: source folder {source} does not exist", file=sys.stderr)
        return 2
    if args.dask_address and args.runner != "dask":
        print("newsetl run: --dask-address goes with --runner dask", file=sys.stderr)
        return 2
    from flows.noop import nothing_to_do
    from flows.progress import print_summary

    unchanged = nothing_to_do(source, args.full_refresh)  # no Prefect (server, pool) when all is unchanged
    if unchanged is not None:
        print_summary(unchanged)
        return 0
    if not os.environ.get("PREFECT_API_URL"):
        from flows.serve import running_local_server

        api_url = running_local_server(settings)
        if api_url:  # `newsetl serve` runs for this home: report there, no temporary server to start
            os.environ["PREFECT_API_URL"] = api_url
            print(f"newsetl run: reporting to the local Prefect server at {api_url}", file=sys.stderr)
    from flows.nightly import nightly_etl
    from flows.runners import make_task_runner

    runner = make_task_runner(args.runner, args.dask_address, args.workers)
    flow = nightly_etl.with_options(task_runner=runner)
    state = flow(source=source, full_refresh=args.full_refresh, return_state=True)
    if not state.is_completed():
        print(f"newsetl run: the run ended {state.name}: {state.message or ''}", file=sys.stderr)
        return 1
    print_summary(state.result())
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print what the pipeline extracts from one page file, as JSON."""
    from flows.extract_json import page_json
    from flows.read import ReadError, decode_page, read_sidecar_date
    from transforms.pipeline import PageError, extract_page

    path = Path(args.file)
    try:
        text, _ = decode_page(path.read_bytes())
        page = extract_page(text, path.name, read_sidecar_date(path))
    except (OSError, ReadError, PageError) as err:
        print(f"newsetl extract: {path}: {err}", file=sys.stderr)
        return 1
    if args.explain:
        print_explain(page)
        return 0
    json.dump(page_json(page), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def print_explain(page: ExtractedPage) -> None:
    """Print the kind the reader gave every line of a page, its confidence and shape, then the reading facts."""
    from transforms.line_kinds import read_lines

    names = {"K": "kicker", "H": "headline", "S": "subhead.", "B": "-"}
    for line in read_lines(page.clean):
        role = names[line.role] if line.role != "B" or line.kind == "body" else line.kind
        print(f"{role:<9} {line.confidence:4.2f}  gap {line.gap} indent {line.indent}  {line.text[:60]}")
    q = page.quality
    if q is not None:
        print(f"\n{q.n_articles} articles ({q.n_untitled} without headline), {q.n_lines} lines, "
              f"{q.n_unsure_lines} unsure, mean confidence {q.mean_confidence:.3f}")  # fmt: skip
        for reason in q.reasons:
            print(f"needs review: {reason}")


def cmd_metrics(args: argparse.Namespace) -> int:
    """Print the metrics of every non-empty line of a file, as a JSON list."""
    from flows.extract_json import metric_json
    from flows.read import ReadError, decode_bytes
    from transforms.clean import clean_line
    from transforms.metrics import extract_metrics

    path = Path(args.file)
    try:
        text, _ = decode_bytes(path.read_bytes())
    except (OSError, ReadError) as err:
        print(f"newsetl metrics: {path}: {err}", file=sys.stderr)
        return 1
    out = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        clean = clean_line(line)
        for metric in extract_metrics(clean.text):
            start, end = clean.source_span(metric.start, metric.end)
            out.append({"line": number, **metric_json(metric, text=line[start:end])})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Open psql on the warehouse, or run one command with -c."""
    from flows.db import database_url, psql_executable

    psql = psql_executable()
    argv = [psql, database_url()]
    if args.command:
        argv += ["-c", args.command]
    sys.stdout.flush()
    os.execv(psql, argv)
    return 0  # not reached


def cmd_db_url(args: argparse.Namespace) -> int:
    """Print a connection URL of the warehouse, starting the embedded server if needed."""
    from flows.db import database_url, reader_url

    print(reader_url(database_url()) if args.reader else database_url())
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print a summary of the warehouse, or write it as a self-contained HTML page with --html."""
    from flows.report import run_report

    return run_report(Path(args.html) if args.html else None)


def cmd_search(args: argparse.Namespace) -> int:
    """Search the archive: segment a free-text query like the pages, print the best articles."""
    from flows.db import get_engine
    from flows.search import print_hits, search

    hits = search(get_engine(), args.query, args.limit)
    if args.json:
        json.dump([hit.as_json() for hit in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_hits(args.query, hits)
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply pending schema migrations and rebuild changed report views."""
    from flows.db import get_engine
    from flows.migrate import upgrade

    applied = upgrade(get_engine())
    print("applied: " + ", ".join(applied) if applied else "the warehouse is up to date")
    return 0


def cmd_db_stop(args: argparse.Namespace) -> int:
    """Stop the embedded PostgreSQL server."""
    from flows.db import stop_embedded

    if load_settings().database_url:
        print("DATABASE_URL is set: there is no embedded server to stop")
        return 0
    print("stopped the embedded server" if stop_embedded() else "the embedded server is not running")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the nightly and reprocess-all deployments, starting a local Prefect server when none is set."""
    settings = load_settings()
    prepare_prefect_env(settings)
    from flows.serve import serve_command

    return serve_command(settings, args.source, args.port)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="newsetl",
        description="ETL of Chinese newspaper pages into a PostgreSQL warehouse.",
        epilog="DATABASE_URL selects a PostgreSQL server; unset, an embedded one under NEWSETL_HOME (.newsetl/).",
    )
    sub = parser.add_subparsers(dest="command_name", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the ETL once now (the nightly flow)")
    run.add_argument("--source", metavar="DIR", help=f"folder of page files (default: {DEFAULT_SOURCE})")
    run.add_argument("--full-refresh", action="store_true", help="reprocess every file, changed or not")
    run.add_argument(
        "--runner",
        choices=RUNNERS,
        default="process",
        help="where transforms run: local process pool (default), threads, Dask",
    )
    run.add_argument(
        "--dask-address", metavar="ADDR", help="scheduler of a Dask cluster, e.g. tcp://10.0.0.5:8786"
    )
    run.add_argument("--workers", type=int, metavar="N", help="pool size (default: every core)")
    run.set_defaults(func=cmd_run)

    extract = sub.add_parser("extract", help="print what the pipeline extracts from one page, as JSON")
    extract.add_argument("file", metavar="FILE")
    extract.add_argument(
        "--explain", action="store_true", help="show the kind the reader gave every line instead of the JSON"
    )
    extract.set_defaults(func=cmd_extract)

    metrics = sub.add_parser("metrics", help="print the metrics of each non-empty line of FILE, as JSON")
    metrics.add_argument("file", metavar="FILE")
    metrics.set_defaults(func=cmd_metrics)

    sql = sub.add_parser("sql", help="open psql on the warehouse")
    sql.add_argument("-c", dest="command", metavar="SQL", help="run one command and exit")
    sql.set_defaults(func=cmd_sql)

    serve = sub.add_parser("serve", help="serve the deployments (nightly schedule, runs from the Prefect UI)")
    serve.add_argument(
        "--source", metavar="DIR", help=f"folder the deployments ingest (default: {DEFAULT_SOURCE})"
    )
    serve.add_argument(
        "--port", type=int, default=4200, help="port of the local Prefect server (default: 4200)"
    )
    serve.set_defaults(func=cmd_serve)

    db_url = sub.add_parser("db-url", help="print a connection URL any SQL client can use")
    db_url.add_argument("--reader", action="store_true", help="the URL of the read-only role newsetl_reader")
    db_url.set_defaults(func=cmd_db_url)

    report = sub.add_parser("report", help="print a summary of the warehouse, or write it as an HTML page")
    report.add_argument("--html", metavar="FILE", help="write a self-contained HTML page with charts to FILE")
    report.set_defaults(func=cmd_report)

    search = sub.add_parser("search", help="search the archive: the best articles for a query, ranked")
    search.add_argument("query", metavar="QUERY", help="words (segmented like the pages); a|b either, -a not")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="how many articles (default: 20)")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.set_defaults(func=cmd_search)

    db = sub.add_parser("db", help="manage the warehouse database")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply pending migrations").set_defaults(func=cmd_db_upgrade)
    db_sub.add_parser("stop", help="stop the embedded PostgreSQL server").set_defaults(func=cmd_db_stop)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsetl` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
