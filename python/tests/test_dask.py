"""Screening on a Dask cluster of two worker processes gives `elig batch`'s lines and total over
100,000 generated reference profiles."""
import decimal
import os
import subprocess

from dask.distributed import Client, LocalCluster

import elig
import elig.dask
from conftest import ELIG, SRC


def test_cluster_screening_equals_elig_batch(tmp_path):
    profiles = tmp_path / "p.jsonl"
    subprocess.run([os.environ["GEN_PROFILES"], "--n", "100000", "--seed", "20250630", "--out",
                    str(profiles)], check=True, capture_output=True)
    rules_dir = os.path.join(SRC, "bench", "reference", "rules")
    want = subprocess.run([ELIG, "batch", "--rules", rules_dir, "--as-of", "2025-06-30",
                           "--no-progress", str(profiles)], capture_output=True, text=True).stdout
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        got = elig.dask.screen([profiles], elig.Rules(rules_dir), "2025-06-30",
                               chunk_bytes=2 << 20)
    want_lines = want.splitlines(keepends=True)
    assert len(got.lines) == 100000
    assert got.lines == want_lines[:-1]
    assert got.summary_line == want_lines[-1]
    assert got.summary["summary"]["total"]["max"] == decimal.Decimal("46603033344.00")
    out = tmp_path / "out.jsonl"
    got.write(out)
    assert out.read_text(encoding="utf-8") == want
