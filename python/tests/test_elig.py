"""The Python module gives the CLI's answers: `check` as one entry of `elig check --format json`,
`decide` and `batch` as `elig batch` lines, `explain` as `elig explain`; amounts as Decimal;
errors as exceptions with located diagnostics; safe from many threads at once."""
import concurrent.futures
import datetime
import decimal
import json
import os
import pathlib
import tempfile

import pytest

import elig
from conftest import AS_OF, EXAMPLES, SRC, batch_lines, cli_json, examples, read


def without(doc, *keys):
    return {k: v for k, v in doc.items() if k not in keys}


@pytest.mark.parametrize("path", examples(".toml"), ids=os.path.basename)
def test_check_is_an_entry_of_elig_check(rules, path):
    want = cli_json("check", "--format", "json", "--as-of", AS_OF, path)["results"][0]
    got = rules.check(read(path), as_of=AS_OF)
    assert without(got, "profile") == without(want, "profile")
    assert isinstance(got["total"]["max"], decimal.Decimal)


@pytest.mark.parametrize("path", examples(".json"), ids=os.path.basename)
def test_decide_is_a_batch_line(rules, path):
    want = batch_lines("--as-of", AS_OF, path)[0]
    assert without(rules.decide(pathlib.Path(path), as_of=AS_OF), "input") == without(want, "input")


def test_profiles_as_dicts_with_decimals_and_dates(rules):
    path = os.path.join(EXAMPLES, "json", "hangzhou-xr-studio.json")
    profile = json.loads(read(path), parse_float=decimal.Decimal)
    profile["rent_paid"] = decimal.Decimal(profile["rent_paid"])
    profile["settled_date"] = datetime.date.fromisoformat(profile["settled_date"])
    got = rules.decide(profile, as_of=datetime.date(2024, 12, 31), id="C-1")
    assert got["id"] == "C-1"
    assert got == rules.decide(read(path), as_of=AS_OF, id="C-1")
    assert got["total"]["max"] == decimal.Decimal("2211782.79")


def test_explain_is_elig_explain(rules):
    path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
    want = cli_json("explain", "--format", "json", "--as-of", AS_OF, "shangcheng-2023.office", path)
    got = rules.explain("shangcheng-2023.office", read(path), as_of=AS_OF)
    assert got == want["results"][0]["decisions"][0]
    with pytest.raises(KeyError, match="shangcheng-2023.ofice"):
        rules.explain("shangcheng-2023.ofice", read(path), as_of=AS_OF)


@pytest.mark.parametrize("path", examples(".toml"), ids=os.path.basename)
def test_paths_are_elig_paths(rules, path):
    want = cli_json("paths", "--format", "json", "--as-of", AS_OF, path)
    got = rules.paths(read(path), as_of=AS_OF)
    assert without(got, "profile") == without(want, "profile")
    for p in got["paths"]:
        assert isinstance(p["total"]["after"], decimal.Decimal)


def test_paths_of_one_provision(rules):
    path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
    got = rules.paths(read(path), as_of=AS_OF, provision="shangcheng-2023.rd")
    change = got["paths"][0]["changes"][0]
    assert (change["fact"], change["from"], change["to"]) == ("main_revenue", "8200000.00", "10000000.00")
    with pytest.raises(KeyError, match="shangcheng-2023.r"):
        rules.paths(read(path), as_of=AS_OF, provision="shangcheng-2023.r")


def test_batch_yields_elig_batch_lines_in_order(rules):
    paths = examples(".json") * 30
    profiles = [read(p) for p in paths]
    bad = '{"claimed_year": 2024, "district": "xihuu"}'
    profiles.insert(7, bad)
    got = list(rules.batch(profiles, as_of=AS_OF, jobs=4, chunk=16, summary=True))
    assert len(got) == len(profiles) + 1
    assert [g["line"] for g in got[:-1]] == list(range(1, len(profiles) + 1))
    assert "diagnostics" in got[7] and got[7]["diagnostics"][0]["line"] == 8
    for g, path in zip(got[:7], paths):
        assert without(g, "input", "line") == without(batch_lines("--as-of", AS_OF, path)[0], "input")
    summary = got[-1]["summary"]
    assert (summary["profiles"], summary["errors"]) == (len(profiles), 1)
    one = [without(rules.decide(p, as_of=AS_OF), "input") for p in profiles[:7]]
    assert sum(o["total"]["max"] for o in one) == sum(g["total"]["max"] for g in got[:7])


def test_errors_carry_located_diagnostics(rules):
    with pytest.raises(elig.ProfileError) as e:
        rules.check('{"claimed_year": 2024, "district": "xihuu"}', as_of=AS_OF)
    codes = {d["code"] for d in e.value.diagnostics}
    assert "E3004" in codes  # company_name is required
    located = [d for d in e.value.diagnostics if "district" in d["message"]][0]
    assert (located["line"], located["column"]) == (1, 36)
    assert "error[E3" in str(e.value)
    with pytest.raises(ValueError, match="not a date"):
        rules.decide("{}", as_of="2024-13-01")
    with pytest.raises(ValueError, match="lang"):
        rules.check("{}", as_of=AS_OF, lang="fr")
    with pytest.raises(TypeError):
        rules.decide(42, as_of=AS_OF)


def test_rules_with_errors_raise(tmp_path):
    (tmp_path / "broken.elig").write_text("schema { fact x : monye }\n", encoding="utf-8")
    with pytest.raises(elig.RulesError) as e:
        elig.Rules(tmp_path)
    assert e.value.diagnostics and e.value.diagnostics[0]["file"].endswith("broken.elig")
    assert e.value.diagnostics[0]["line"] == 1


def test_many_threads_at_once_agree(rules):
    profiles = [read(p) for p in examples(".json") + examples(".toml")]
    alone = [rules.decide(p, as_of=AS_OF) for p in profiles]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda p: rules.decide(p, as_of=AS_OF), profiles * 20))
    assert together == alone * 20


def test_rule_hash_and_provisions(rules):
    listed = cli_json("list", "--format", "json")
    assert rules.hash == listed["rules"]["hash"]
    assert rules.provisions() == json.loads(json.dumps(listed, default=str))
    assert elig.ENGINE_VERSION in rules.decide(read(examples(".json")[0]), as_of=AS_OF)["engine"]
