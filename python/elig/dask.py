"""Screening on a cluster with Dask: JSON Lines split into partitions at line boundaries, each
decided on a worker by `elig batch`'s own code, the lines kept in input order and the partial
summaries merged. Each worker compiles the rules once.

    from dask.distributed import Client
    import elig, elig.dask
    client = Client("tcp://scheduler:8786")      # or LocalCluster() on one machine
    result = elig.dask.screen(["companies.jsonl"], elig.Rules("rules/"), "2025-06-30")
    result.lines      # the same lines as `elig batch --rules rules/ --as-of 2025-06-30`
    result.summary    # the same summary (a dict)

docs/python.md says how to run it against a real scheduler.
"""
import functools
import json
import os

import dask
import dask.bag

from . import Rules, _loads

__all__ = ["screen", "Screening"]


class Screening:
    """What a screening gives: `lines` (text, in input order) and `summary` (a dict)."""

    def __init__(self, lines, summary_line):
        self.lines = lines
        self.summary_line = summary_line
        self.summary = _loads(summary_line)

    def write(self, path):
        """The lines and the summary, as `elig batch -o PATH` writes them."""
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(self.lines)
            f.write(self.summary_line)


def _chunks(path, size):
    """(path, start, end, first_line) byte ranges of a JSON Lines file, cut at line ends, with
    the number of the first line of each."""
    chunks, start, line = [], 0, 1
    total = os.path.getsize(path)
    with open(path, "rb") as f:
        while start < total:
            f.seek(min(start + size, total))
            f.readline()  # on to the end of the line the cut falls in
            end = min(f.tell(), total)
            chunks.append((path, start, end, line))
            f.seek(start)
            line += f.read(end - start).count(b"\n")
            start = end
    return chunks


@functools.lru_cache(maxsize=4)
def _compiled(paths):
    return Rules(*paths)  # once per worker process and rule set


def _decide(chunk, rule_paths, as_of, include_drafts):
    path, start, end, first_line = chunk
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start).decode("utf-8", errors="replace")
    rows = data.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    # Blank lines are skipped but counted, as `elig batch` does.
    lines, summaries = [], []
    rules = _compiled(tuple(rule_paths))
    run, run_start = [], first_line
    for number, row in enumerate(rows, first_line):
        if row.strip():
            if not run:
                run_start = number
            run.append(row)
            continue
        if run:
            out = rules.batch_lines(run, as_of, include_drafts, path, run_start, jobs=1)
            summaries.append(out.pop())
            lines += out
            run = []
    if run:
        out = rules.batch_lines(run, as_of, include_drafts, path, run_start, jobs=1)
        summaries.append(out.pop())
        lines += out
    return lines, summaries


def screen(paths_or_bag, rules, as_of, include_drafts=False, chunk_bytes=4 << 20):
    """Decides every profile of JSON Lines files (paths), or of a dask.bag of
    (path, start, end, first_line) chunks, on the current Dask scheduler. Returns a Screening
    whose lines and summary equal `elig batch`'s on the same files."""
    if isinstance(paths_or_bag, (str, os.PathLike)):
        paths_or_bag = [paths_or_bag]
    if isinstance(paths_or_bag, dask.bag.Bag):
        bag = paths_or_bag
    else:
        chunks = [c for p in paths_or_bag for c in _chunks(os.fspath(p), chunk_bytes)]
        bag = dask.bag.from_sequence(chunks, npartitions=max(1, len(chunks)))
    rule_paths = list(rules._paths)
    as_of = str(as_of)
    parts = bag.map(_decide, rule_paths, as_of, include_drafts).compute()
    lines = [line for part_lines, _ in parts for line in part_lines]
    summaries = [s for _, part_summaries in parts for s in part_summaries]
    return Screening(lines, rules.merge_summaries(summaries))
