"""Where the tests find the program and the sources: set by CTest (tests/CMakeLists.txt)."""
import json
import os
import subprocess

import pytest

import elig

SRC = os.environ["ELIG_SOURCE_DIR"]
ELIG = os.environ["ELIG"]
EXAMPLES = os.path.join(SRC, "examples", "profiles")
AS_OF = "2024-12-31"


def cli(*args):
    """What `elig ARGS` prints on stdout."""
    return subprocess.run([ELIG, *args], capture_output=True, check=True, text=True).stdout


def cli_json(*args):
    return elig._loads(cli(*args))


@pytest.fixture(scope="session")
def rules():
    return elig.Rules(os.path.join(SRC, "rules"))


def examples(extension=".toml"):
    folder = EXAMPLES if extension == ".toml" else os.path.join(EXAMPLES, "json")
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(extension))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def batch_lines(*args):
    """`elig batch ARGS`'s lines as dicts (the summary last)."""
    return [elig._loads(line) for line in cli("batch", *args).splitlines()]
