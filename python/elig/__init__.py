"""elig for Python: every provision of the incentive policies decided for a company profile,
with its exact amount and the reasons, by the same engine as the `elig` command.

    import elig
    rules = elig.Rules("rules/")
    result = rules.check({"company_name": "...", "claimed_year": 2024, ...}, as_of="2024-12-31")
    line = rules.decide(profile_dict, as_of="2024-12-31")
    for line in rules.batch(profiles, as_of="2024-12-31", jobs=4): ...

A profile is a dict, JSON text, TOML text, or a path to a .json or .toml file. Amounts come back
as decimal.Decimal. A profile or rule set with errors raises ProfileError or RulesError, whose
`diagnostics` are the located diagnostics (file, line, column, message, help) as dicts.
docs/python.md describes each call.
"""
import datetime
import decimal
import json
import os
import pathlib

from . import _elig

__all__ = ["Rules", "Error", "RulesError", "ProfileError", "ENGINE_VERSION"]

ENGINE_VERSION = _elig.engine_version


class Error(Exception):
    """A problem with the rules or a profile: `text` as the CLI prints it, and `diagnostics`."""

    def __init__(self, text, diagnostics_json="[]"):
        super().__init__(text)
        self.text = text
        self.diagnostics = json.loads(diagnostics_json)


class RulesError(Error):
    """The rules do not compile."""


class ProfileError(Error):
    """The profile has errors; each is in `diagnostics`, located."""


def _as_of(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return value
    raise TypeError(f"as_of must be a date or 'YYYY-MM-DD', not {type(value).__name__}")


def _plain(value):
    """JSON for what json.dumps does not know: Decimal amounts and dates, exactly."""
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not an amount")
        return format(value, "f")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    raise TypeError(f"a profile holds no {type(value).__name__}")


def _profile_text(profile):
    """(text, format) of a profile given as a dict, JSON or TOML text, bytes or a path."""
    if isinstance(profile, dict):
        return json.dumps(profile, default=_plain, ensure_ascii=False), "json"
    if isinstance(profile, bytes):
        profile = profile.decode("utf-8")
    if isinstance(profile, os.PathLike):
        path = pathlib.Path(profile)
        if path.suffix not in (".json", ".toml"):
            raise ValueError(f"{path}: a profile file is .json or .toml")
        return path.read_text(encoding="utf-8"), path.suffix[1:]
    if isinstance(profile, str):
        return profile, "json" if profile.lstrip().startswith("{") else "toml"
    raise TypeError(f"a profile is a dict, JSON or TOML text or a path, not {type(profile).__name__}")


_MONEY_KEYS = {"min", "max", "before", "after"}


def _with_decimals(value):
    """The parsed answer with every amount as decimal.Decimal."""
    if isinstance(value, dict):
        return {k: (decimal.Decimal(v) if k in _MONEY_KEYS and isinstance(v, str) else _with_decimals(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_with_decimals(v) for v in value]
    return value


def _loads(text):
    return _with_decimals(json.loads(text))


class Rules:
    """A compiled rule set: a folder of .elig files (or several folders and files)."""

    def __init__(self, *paths):
        if not paths:
            raise TypeError("Rules(path, ...): give the rules folder, e.g. Rules('rules/')")
        self._rules = _elig.Rules([os.fspath(p) for p in paths])
        self._paths = [os.fspath(p) for p in paths]

    def __reduce__(self):  # sent to other processes (Dask workers) as its paths, compiled there
        return (Rules, tuple(self._paths))

    @property
    def hash(self):
        """The rules' hash, as every answer names it."""
        return self._rules.hash

    def provisions(self):
        """The documents and provisions, as `elig list --format json`."""
        return json.loads(self._rules.provisions())

    def check(self, profile, as_of=None, lang=None, include_drafts=False, id=None):
        """Every provision decided and explained: one entry of `elig check --format json`'s
        results (its `decisions`, `total`, `ask_next`, ...)."""
        text, fmt = _profile_text(profile)
        doc = self._rules.check(text, fmt, _as_of(as_of), lang or "", include_drafts, id or "", "")
        return _loads(doc)["results"][0]

    def explain(self, provision, profile, as_of=None, lang=None, include_drafts=False):
        """One provision with every condition and step: its entry of `elig explain --format
        json`."""
        text, fmt = _profile_text(profile)
        doc = self._rules.check(text, fmt, _as_of(as_of), lang or "", include_drafts, "",
                                provision)
        return _loads(doc)["results"][0]["decisions"][0]

    def decide(self, profile, as_of=None, include_drafts=False, id=None):
        """The verdicts without explanations, as one `elig batch` line (without `input`)."""
        text, fmt = _profile_text(profile)
        return _loads(self._rules.decide(text, fmt, _as_of(as_of), include_drafts, id or ""))

    def paths(self, profile, as_of=None, include_drafts=False, provision=None):
        """For each provision not paid, the least the company would change to be paid and what it
        would then get: `elig paths --format json` (money as `decimal.Decimal`)."""
        text, fmt = _profile_text(profile)
        return _loads(self._rules.paths(text, fmt, _as_of(as_of), include_drafts, provision or ""))

    def batch(self, profiles, as_of=None, include_drafts=False, jobs=None, chunk=2000,
              summary=False):
        """Decides every profile of an iterable, `jobs` threads at a time, and yields one
        `elig batch` line (a dict) per profile, in order; a profile with errors yields its
        diagnostics line instead of raising. With `summary`, the last item is the summary."""
        summaries = []
        pending = []
        number = 0

        def flush():
            lines = self._rules.batch(pending, _as_of(as_of), include_drafts, "python",
                                      number - len(pending) + 1, jobs or 0)
            summaries.append(lines.pop())
            pending.clear()
            return lines

        for profile in profiles:
            pending.append(_profile_text(profile))
            number += 1
            if len(pending) >= chunk:
                yield from (_loads(line) for line in flush())
        if pending:
            yield from (_loads(line) for line in flush())
        if summary:
            yield _loads(self._rules.merge_summaries(summaries))

    def batch_lines(self, texts, as_of=None, include_drafts=False, input="python", first_line=1,
                    jobs=None):
        """`elig batch` over JSON Lines texts, as text: the lines (each ending in a newline),
        then the summary line. What elig.dask runs on each partition."""
        items = [(t, "json") for t in texts]
        return self._rules.batch(items, _as_of(as_of), include_drafts, input, first_line,
                                 jobs or 0)

    def merge_summaries(self, lines):
        """One summary line (text) from the summary lines of several batches."""
        return self._rules.merge_summaries(list(lines))
