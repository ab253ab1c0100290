#!/usr/bin/python3
"""`elig serve` end to end over loopback: every endpoint, the same answers as the CLI, errors as
4xx with located diagnostics, hostile requests, hot reload, decision records and a graceful stop.

Usage: server_test.py ELIG SOURCE_DIR
"""
import concurrent.futures
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

from elig_server import Server

ELIG, SRC = sys.argv[1], sys.argv[2]
EXAMPLES = os.path.join(SRC, "examples", "profiles")
AS_OF = "2024-12-31"
TOML = {"Content-Type": "application/toml"}
JSON = {"Content-Type": "application/json"}


def cli_json(*args):
    out = subprocess.run([ELIG, *args], capture_output=True, check=True).stdout
    return json.loads(out)


def without_profile_names(doc):
    for r in doc.get("results", []):
        r.pop("profile", None)
    return doc


def read(path):
    with open(path, "rb") as f:
        return f.read()


def replace(path, data):
    """Writes a file whole, as a deploy script should: a new file renamed over the old. A file
    truncated and rewritten in place can be read empty, and an empty rule file compiles."""
    tmp = path + ".new"  # not `.elig`: the server never reads it
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Endpoints(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(ELIG)

    @classmethod
    def tearDownClass(cls):
        self_code = cls.server.stop()
        assert self_code == 0, self_code

    def test_health_and_lists(self):
        status, health = self.server.json("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(health["status"], "ok")
        self.assertIsNone(health["last_reload_error"])
        listed = cli_json("list", "--format", "json")
        self.assertEqual(health["rules_hash"], listed["rules"]["hash"])
        status, provisions = self.server.json("GET", "/v1/provisions")
        self.assertEqual((status, provisions), (200, listed))

    def test_schema_covers_every_fact(self):
        status, schema = self.server.json("GET", "/v1/schema")
        self.assertEqual(status, 200)
        template = subprocess.run([ELIG, "template"], capture_output=True, text=True).stdout
        facts = {line.split("=")[0].strip("# ").strip() for line in template.splitlines()
                 if "=" in line and not line.startswith(("# type", "# 取值", "# values", "# 类型"))}
        facts = {f for f in facts if f and " " not in f and not f.startswith("[")}
        fields = {name for s in schema["properties"].values()
                  for name in s.get("items", {}).get("properties", {})}
        for f in facts:
            self.assertTrue(f in schema["properties"] or f in fields, f)
        self.assertEqual(schema["properties"]["district"]["enum"], ["shangcheng", "xihu", "qiantang", "other"])
        self.assertEqual(schema["properties"]["district"]["x-enum-labels"]["xihu"], {"zh": "西湖区", "en": "Xihu"})
        self.assertEqual(schema["properties"]["settled_date"]["format"], "date")
        loans = schema["properties"]["loans"]
        self.assertEqual(loans["type"], "array")
        self.assertIn("principal", loans["items"]["required"])
        self.assertEqual(schema["properties"]["company_name"]["x-label"]["zh"], "企业名称")

    def test_check_equals_cli_for_every_example(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(EXAMPLES, name)
            want = without_profile_names(cli_json("check", "--format", "json", "--as-of", AS_OF, path))
            status, got = self.server.json("POST", f"/v1/check?as_of={AS_OF}", read(path),
                                           {"Content-Type": "application/toml"})
            self.assertEqual(status, 200, name)
            self.assertEqual(without_profile_names(got), want, name)

    def test_json_body_and_options(self):
        path = os.path.join(EXAMPLES, "json", os.listdir(os.path.join(EXAMPLES, "json"))[0])
        want = without_profile_names(cli_json("check", "--format", "json", "--as-of", AS_OF,
                                              "--include-drafts", path))
        status, got = self.server.json("POST", f"/v1/check?as_of={AS_OF}&include_drafts=true",
                                       read(path), {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual(without_profile_names(got), want)
        status, got = self.server.json("POST", f"/v1/check?as_of={AS_OF}&lang=en", read(path), JSON)
        self.assertEqual(status, 200)
        self.assertEqual(got["as_of"], AS_OF)

    def test_explain(self):
        path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
        want = without_profile_names(cli_json("explain", "--format", "json", "--as-of", AS_OF,
                                              "shangcheng-2023.office", path))
        status, got = self.server.json("POST", f"/v1/explain/shangcheng-2023.office?as_of={AS_OF}",
                                       read(path), TOML)
        self.assertEqual(status, 200)
        self.assertEqual(without_profile_names(got), want)
        status, got = self.server.json("POST", "/v1/explain/shangcheng-2023.ofice", read(path), TOML)
        self.assertEqual(status, 404)
        self.assertIn("shangcheng-2023.office", got["help"])

    def test_paths_equal_cli_for_every_example(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(EXAMPLES, name)
            want = cli_json("paths", "--format", "json", "--as-of", AS_OF, path)
            status, got = self.server.json("POST", f"/v1/paths?as_of={AS_OF}", read(path), TOML)
            self.assertEqual(status, 200, got)
            want.pop("profile")
            got.pop("profile")
            self.assertEqual(got, want, name)
        path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
        status, got = self.server.json(
            "POST", f"/v1/paths?as_of={AS_OF}&provision=shangcheng-2023.rd", read(path), TOML)
        self.assertEqual(status, 200)
        self.assertEqual([p["provision"] for p in got["paths"]], ["shangcheng-2023.rd"])
        change = got["paths"][0]["changes"][0]
        self.assertEqual((change["fact"], change["from"], change["to"]),
                         ("main_revenue", "8200000.00", "10000000.00"))
        status, got = self.server.json("POST", "/v1/paths?provision=shangcheng-2023.r", read(path), TOML)
        self.assertEqual(status, 400)
        self.assertIn("shangcheng-2023.rd", got["help"])

    def test_sweep_equals_cli(self):
        path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
        want = cli_json("sweep", "--format", "json", "--as-of", AS_OF, "main_revenue", path)
        status, got = self.server.json("POST", f"/v1/sweep?as_of={AS_OF}&fact=main_revenue", read(path), TOML)
        self.assertEqual((status, got), (200, want))
        status, headers, svg = self.server.exchange(
            "POST", f"/v1/sweep?as_of={AS_OF}&fact=rent_paid&format=svg&lang=en", read(path), TOML)
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("image/svg+xml"))
        self.assertIn(b"Total payable (yuan)", svg)
        status, got = self.server.json("POST", f"/v1/sweep?fact=main_revenu", read(path), TOML)
        self.assertEqual(status, 400)
        self.assertIn("main_revenue", got["help"])
        status, got = self.server.json("POST", f"/v1/sweep?fact=main_revenue&from=lots", read(path), TOML)
        self.assertEqual(status, 400)
        status, got = self.server.json("POST", f"/v1/sweep?fact=main_revenue&format=png", read(path), TOML)
        self.assertEqual(status, 400)

    def test_decide_equals_batch_for_every_example(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(EXAMPLES, name)
            out = subprocess.run([ELIG, "batch", "--as-of", AS_OF, path], capture_output=True,
                                 check=True).stdout
            want = json.loads(out.splitlines()[0])
            want.pop("input")
            status, got = self.server.json("POST", f"/v1/decide?as_of={AS_OF}", read(path),
                                           {"Content-Type": "application/toml"})
            self.assertEqual(status, 200, name)
            self.assertEqual(got["as_of"], AS_OF)
            self.assertEqual(got, want, name)
        # The totals are those of the explained answer.
        path = os.path.join(EXAMPLES, "shangcheng-ai-startup.toml")
        _, decided = self.server.json("POST", f"/v1/decide?as_of={AS_OF}&include_drafts=true", read(path), TOML)
        _, checked = self.server.json("POST", f"/v1/check?as_of={AS_OF}&include_drafts=true", read(path), TOML)
        self.assertEqual(decided["total"]["max"], checked["results"][0]["total"]["max"])

    def test_decide_errors(self):
        status, got = self.server.json("POST", "/v1/decide", b'{"claimed_year": 2024, "district": "xihuu"}',
                                       {"Content-Type": "application/json"})
        self.assertEqual(status, 422)
        self.assertIn("E3004", {e["code"] for e in got["errors"]})
        self.assertEqual(self.server.json("POST", "/v1/decide?lang=en", b"{}")[0], 400)
        self.assertEqual(self.server.json("POST", "/v1/decide?as_of=someday", b"{}")[0], 400)
        self.assertEqual(self.server.json("GET", "/v1/decide")[0], 405)

    def test_errors_are_4xx_with_reasons(self):
        status, got = self.server.json("POST", "/v1/check", b'{"claimed_year": 2024, "district": "xihuu"}',
                                       {"Content-Type": "application/json"})
        self.assertEqual(status, 422)
        codes = {e["code"] for e in got["errors"]}
        self.assertIn("E3004", codes)  # company_name is required
        located = [e for e in got["errors"] if "district" in e["message"]]
        self.assertEqual((located[0]["line"], located[0]["column"]), (1, 36))
        self.assertEqual(self.server.json("POST", "/v1/check?as_of=2024-13-01", b"{}")[0], 400)
        self.assertEqual(self.server.json("POST", "/v1/check?lang=fr", b"{}")[0], 400)
        self.assertEqual(self.server.json("GET", "/v1/check")[0], 405)
        self.assertEqual(self.server.json("GET", "/nothing")[0], 404)

    def test_hostile_requests(self):
        big = b"x" * (2 << 20)
        status, _ = self.server.request("POST", "/v1/check", big)
        self.assertEqual(status, 413)
        deep = b"[" * 100000 + b"]" * 100000
        self.assertEqual(self.server.request("POST", "/v1/check", deep, {"Content-Type": "application/json"})[0], 422)
        self.assertEqual(self.server.request("POST", "/v1/check", b'{"company_name": "\xff\xfe"}',
                                             {"Content-Type": "application/json"})[0], 422)
        truncated = read(os.path.join(EXAMPLES, "xihu-digital-twin.toml"))[:200]
        self.assertEqual(self.server.request("POST", "/v1/check", truncated,
                                             {"Content-Type": "application/toml"})[0], 422)
        # Headers far beyond the limit: refused, and the server goes on.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
            reply = s.recv(100)
            self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 4"), reply)
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)

    def test_slow_client_is_dropped_and_others_served(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
        start = time.time()
        data = s.recv(1000)  # the server gives up after its read timeout (5 s)
        self.assertLess(time.time() - start, 20)
        self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 4"), data)
        s.close()

    def test_concurrent_requests(self):
        body = read(os.path.join(EXAMPLES, "qiantang-newcomer.toml"))

        def one(_):
            return self.server.request("POST", f"/v1/check?as_of={AS_OF}", body, TOML)

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(one, range(200)))
        self.assertEqual({s for s, _ in results}, {200})
        self.assertEqual(len({d for _, d in results}), 1)

    def test_metrics(self):
        self.server.request("GET", "/healthz")
        status, text = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        text = text.decode()
        self.assertIn('elig_requests_total{endpoint="healthz",code="2xx"}', text)
        self.assertIn("elig_request_duration_seconds_bucket{le=\"+Inf\"}", text)
        self.assertIn('elig_decisions_total{status="eligible"}', text)

    def test_page(self):
        status, page = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertIn(b"/v1/schema", page)
        self.assertNotIn(b"http://", page.replace(b"http://www.w3.org", b""))  # no CDN


def problem_of(server, method, path, body=None, headers=None):
    """A request that must fail: its status and its problem+json body."""
    status, got, data = server.exchange(method, path, body, headers)
    assert got["content-type"].startswith("application/problem+json"), (path, got)
    doc = json.loads(data)
    assert doc["status"] == status and doc["type"].startswith("urn:elig:problem:"), doc
    return status, doc, got


class Contract(unittest.TestCase):
    """One error shape, strict query keys and media types, request ids, ids and provenance."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(ELIG)
        cls.body = read(os.path.join(EXAMPLES, "hangzhou-xr-studio.toml"))

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0

    def test_every_error_is_a_problem(self):
        status, doc, _ = problem_of(self.server, "GET", "/v1/nothing")
        self.assertEqual((status, doc["title"]), (404, "No such endpoint"))
        status, doc, headers = problem_of(self.server, "GET", "/v1/check")
        self.assertEqual((status, headers["allow"]), (405, "POST"))
        status, doc, _ = problem_of(self.server, "POST", "/v1/check", b"{}", JSON)
        self.assertEqual(status, 422)
        self.assertIn("E3004", {e["code"] for e in doc["errors"]})
        self.assertEqual(doc["type"], "urn:elig:problem:invalid-profile")
        status, doc, _ = problem_of(self.server, "POST", "/v1/check", b"x" * (2 << 20), TOML)
        self.assertEqual(status, 413)
        status, doc, _ = problem_of(self.server, "POST", "/v1/decide", b"", JSON)
        self.assertEqual(status, 422)  # an empty body is an empty profile, and says so

    def test_unknown_or_repeated_query_keys_are_refused(self):
        status, doc, _ = problem_of(self.server, "POST", "/v1/check?asof=2024-12-31", self.body, TOML)
        self.assertEqual(status, 400)
        self.assertIn("asof", doc["detail"])
        self.assertEqual(doc["help"], "did you mean `as_of`?")
        status, doc, _ = problem_of(self.server, "POST", "/v1/decide?lang=en", self.body, TOML)
        self.assertEqual(status, 400)
        status, doc, _ = problem_of(self.server, "GET", "/v1/schema?lang=en")
        self.assertEqual(status, 400)
        status, doc, _ = problem_of(self.server, "POST",
                                    f"/v1/check?as_of={AS_OF}&as_of=2020-01-01", self.body, TOML)
        self.assertIn("twice", doc["detail"])

    def test_media_types(self):
        profile = read(os.path.join(EXAMPLES, "json", "hangzhou-xr-studio.json"))
        for media in ["text/plain", "application/x-www-form-urlencoded", None]:
            status, doc, _ = problem_of(self.server, "POST", f"/v1/decide?as_of={AS_OF}", profile,
                                        {"Content-Type": media} if media else {})
            self.assertEqual(status, 415, media)
            self.assertIn("application/json", doc["help"])
        for media in ["application/json; charset=utf-8", "application/vnd.elig.profile+json"]:
            status, _ = self.server.request("POST", f"/v1/decide?as_of={AS_OF}", profile,
                                            {"Content-Type": media})
            self.assertEqual(status, 200, media)
        # TOML sent as JSON is read as JSON, and its errors say so.
        status, doc, _ = problem_of(self.server, "POST", "/v1/decide", self.body, JSON)
        self.assertEqual(status, 422)

    def test_request_ids(self):
        status, headers, _ = self.server.exchange("GET", "/healthz", None, {"X-Request-Id": "abc-123"})
        self.assertEqual(headers["x-request-id"], "abc-123")
        _, first, _ = self.server.exchange("GET", "/healthz")
        _, second, _ = self.server.exchange("GET", "/healthz")
        self.assertRegex(first["x-request-id"], "^[0-9a-f]{32}$")
        self.assertNotEqual(first["x-request-id"], second["x-request-id"])
        _, headers, _ = self.server.exchange("GET", "/healthz", None, {"X-Request-Id": "x" * 500})
        self.assertRegex(headers["x-request-id"], "^[0-9a-f]{32}$")
        _, doc, headers = problem_of(self.server, "GET", "/nope", None, {"X-Request-Id": "r-9"})
        self.assertEqual((doc["request_id"], headers["x-request-id"]), ("r-9", "r-9"))

    def test_answers_name_the_profile_and_the_rules(self):
        _, health = self.server.json("GET", "/healthz")
        status, line = self.server.json("POST", f"/v1/decide?as_of={AS_OF}&id=C-42", self.body, TOML)
        self.assertEqual(status, 200)
        self.assertEqual((line["version"], line["id"], line["rules_hash"], line["engine"]),
                         (2, "C-42", health["rules_hash"], health["engine"]))
        self.assertEqual(line["company"], "杭州映幻XR科技有限公司")
        self.assertTrue(all("id" in e for e in line["eligible"]))
        status, report = self.server.json("POST", f"/v1/check?as_of={AS_OF}&id=C-42", self.body, TOML)
        self.assertEqual((report["results"][0]["id"], report["engine"]), ("C-42", health["engine"]))
        self.assertEqual(report["results"][0]["company"], "杭州映幻XR科技有限公司")

    def test_exponent_numbers(self):
        profile = read(os.path.join(EXAMPLES, "json", "hangzhou-xr-studio.json")).decode()
        self.assertIn('"main_revenue": 12500000', profile)
        exponent = profile.replace('"main_revenue": 12500000', '"main_revenue": 1.25e7').encode()
        profile = profile.encode()
        self.assertEqual(self.server.json("POST", f"/v1/decide?as_of={AS_OF}", exponent, JSON),
                         self.server.json("POST", f"/v1/decide?as_of={AS_OF}", profile, JSON))

    def test_reform_on_companies(self):
        import tomllib
        profiles = []
        for name in ["shangcheng-ai-startup.toml", "hangzhou-xr-studio.toml"]:
            with open(os.path.join(EXAMPLES, name), "rb") as f:
                profiles.append(tomllib.load(f))
        body = json.dumps({"set": {"shangcheng_rd_revenue_min": "800万"}, "profiles": profiles},
                          default=str, ensure_ascii=False).encode()
        status, impact = self.server.json("POST", f"/v1/diff?as_of={AS_OF}", body, JSON)
        self.assertEqual(status, 200, impact)
        self.assertEqual((impact["summary"]["companies"], impact["summary"]["gain"]), (2, 1))
        self.assertEqual(impact["provisions"], [{"id": "shangcheng-2023.rd", "budget_delta": {
            "min": "0.00", "max": "930000.00", "currency": "CNY"}}])
        wrong = body.replace(b"shangcheng_rd_revenue_min", b"shangcheng_rd_revenue_mni")
        status, doc, _ = problem_of(self.server, "POST", "/v1/diff", wrong, JSON)
        self.assertEqual((status, doc["type"]), (422, "urn:elig:problem:invalid-reform"))
        self.assertEqual(doc["errors"][0]["file"], "--set")
        self.assertIn("did you mean `shangcheng_rd_revenue_min`?", doc["errors"][0]["help"])
        status, doc, _ = problem_of(self.server, "POST", "/v1/diff", b'{"set": {}, "profile": []}', JSON)
        self.assertEqual(status, 400)
        self.assertIn("unknown key `profile`", doc["detail"])
        status, _, _ = problem_of(self.server, "POST", "/v1/diff", body, TOML)
        self.assertEqual(status, 415)

    def test_metrics_name_every_endpoint(self):
        self.server.request("POST", f"/v1/decide?as_of={AS_OF}", self.body, TOML)
        self.server.request("GET", "/nowhere")
        text = self.server.request("GET", "/metrics")[1].decode()
        self.assertRegex(text, 'elig_requests_total{endpoint="decide",code="2xx"} [1-9]')
        self.assertRegex(text, 'elig_requests_total{endpoint="unmatched",code="4xx"} [1-9]')
        self.assertNotIn('endpoint="other"', text)

    def test_no_cors_unless_asked(self):
        _, headers, _ = self.server.exchange("GET", "/healthz", None, {"Origin": "https://a.example"})
        self.assertNotIn("access-control-allow-origin", headers)
        status, _, _ = self.server.exchange("OPTIONS", "/v1/check", None, {"Origin": "https://a.example"})
        self.assertEqual(status, 405)


@contextlib.contextmanager
def server_on_copied_rules():
    """A server reading a copy of the bundled rules that the test may break and mend."""
    rules = tempfile.mkdtemp(prefix="elig-rules-")
    shutil.copytree(os.path.join(SRC, "rules"), rules, dirs_exist_ok=True)
    server = Server(ELIG, rules=rules)
    try:
        yield server, rules
    finally:
        code = server.stop()
        shutil.rmtree(rules)
        assert code == 0, f"elig serve exited {code}"


class Lifecycle(unittest.TestCase):
    def test_reload_keeps_old_rules_on_error(self):
        with server_on_copied_rules() as (server, rules):
            body = read(os.path.join(EXAMPLES, "shangcheng-ai-startup.toml"))
            _, before = server.json("GET", "/healthz")
            _, answer = server.json("POST", f"/v1/check?as_of={AS_OF}", body, TOML)
            target = os.path.join(rules, "common.elig")
            good = read(target)
            with open(target, "ab") as f:
                f.write(b"\nthis is not a rule\n")
            health = self.wait_for(server, lambda h: h["last_reload_error"])
            self.assertEqual(health["rules_hash"], before["rules_hash"])
            self.assertIn("common.elig", health["last_reload_error"])
            status, again = server.json("POST", f"/v1/check?as_of={AS_OF}", body, TOML)
            self.assertEqual((status, again), (200, answer))
            with open(target, "wb") as f:
                f.write(good + b"\n# a comment changes the hash\n")
            health = self.wait_for(server, lambda h: h["last_reload_error"] is None
                                   and h["rules_hash"] != before["rules_hash"])
            # SIGHUP reloads too.
            server.proc.send_signal(signal.SIGHUP)
            self.wait_for(server, lambda h: h["reloads"] >= 4)
            self.assertIn("SIGHUP: rules reloaded", server.log_text())

    def test_reloads_under_load_fail_no_request(self):
        with server_on_copied_rules() as (server, rules):
            body = read(os.path.join(EXAMPLES, "hangzhou-xr-studio.toml"))
            _, want = server.request("POST", f"/v1/check?as_of={AS_OF}", body, TOML)
            target = os.path.join(rules, "shangcheng-2023.elig")
            good = read(target)
            stop = time.time() + 4

            def client(_):
                answers = []
                while time.time() < stop:
                    answers.append(server.request("POST", f"/v1/check?as_of={AS_OF}", body, TOML))
                return answers

            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                futures = [pool.submit(client, i) for i in range(4)]
                while time.time() < stop:  # broken, reload, good again, reload
                    replace(target, good[: len(good) // 2])
                    server.proc.send_signal(signal.SIGHUP)
                    time.sleep(0.3)
                    replace(target, good)
                    server.proc.send_signal(signal.SIGHUP)
                    time.sleep(0.3)
                answers = [a for f in futures for a in f.result()]
            self.assertGreater(len(answers), 20)
            self.assertEqual({status for status, _ in answers}, {200})
            self.assertTrue(all(data == want for _, data in answers))
            self.assertIn("do not compile; still serving", server.log_text())

    def test_reform_waits_for_rules_changed_on_disk(self):
        rules = tempfile.mkdtemp(prefix="elig-rules-")
        shutil.copytree(os.path.join(SRC, "rules"), rules, dirs_exist_ok=True)
        server = Server(ELIG, "--no-watch", rules=rules)
        try:
            import tomllib
            with open(os.path.join(EXAMPLES, "shangcheng-ai-startup.toml"), "rb") as f:
                profile = tomllib.load(f)
            body = json.dumps({"set": {"shangcheng_rd_revenue_min": "800万"}, "profiles": [profile]},
                              default=str, ensure_ascii=False).encode()
            self.assertEqual(server.request("POST", f"/v1/diff?as_of={AS_OF}", body, JSON)[0], 200)
            target = os.path.join(rules, "common.elig")
            replace(target, read(target) + b"\n# changed, not reloaded\n")
            status, doc, _ = problem_of(server, "POST", f"/v1/diff?as_of={AS_OF}", body, JSON)
            self.assertEqual(status, 503)
            self.assertIn("changed since", doc["detail"])
        finally:
            self.assertEqual(server.stop(), 0)
            shutil.rmtree(rules)

    @staticmethod
    def wait_for(server, predicate):
        for _ in range(100):
            _, health = server.json("GET", "/healthz")
            if predicate(health):
                return health
            time.sleep(0.1)
        raise AssertionError(f"health never changed: {health}")

    def test_sigterm_finishes_requests_in_flight(self):
        server = Server(ELIG)
        body = read(os.path.join(EXAMPLES, "shangcheng-ai-startup.toml"))
        s = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        head = (f"POST /v1/check?as_of={AS_OF} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                f"Content-Type: application/toml\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        s.sendall(head + body[:50])
        time.sleep(0.3)
        server.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        s.sendall(body[50:])
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
        s.close()
        self.assertTrue(reply.startswith(b"HTTP/1.1 200"), reply[:200])
        self.assertEqual(server.proc.wait(timeout=30), 0)
        self.assertIn("SIGTERM", server.log_text())
        server.stop()

    def test_decision_log_replays(self):
        log_dir = tempfile.mkdtemp(prefix="elig-log-")
        log = os.path.join(log_dir, "decisions.jsonl")
        server = Server(ELIG, "--decision-log", log)
        try:
            for name in ["shangcheng-ai-startup.toml", "xihu-digital-twin.toml", "qiantang-newcomer.toml"]:
                status, _ = server.request("POST", f"/v1/check?as_of={AS_OF}", read(os.path.join(EXAMPLES, name)), TOML)
                self.assertEqual(status, 200)
            # /v1/decide records its decisions too.
            status, _ = server.request("POST", f"/v1/decide?as_of={AS_OF}",
                                       read(os.path.join(EXAMPLES, "hangzhou-xr-studio.toml")), TOML)
            self.assertEqual(status, 200)
        finally:
            server.stop()
        with open(log) as f:
            records = [json.loads(line) for line in f]
        self.assertEqual(len(records), 4)
        self.assertEqual(records[0]["as_of"], AS_OF)
        done = subprocess.run([ELIG, "replay", log], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("4 record(s): 4 same", done.stdout)
        # A reform tried on the real applicants of the log: `elig diff` reads its profiles.
        chart = os.path.join(log_dir, "impact.svg")
        done = subprocess.run([ELIG, "diff", "--as-of", AS_OF, "--lang", "en", "--format", "json",
                               "--set", "shangcheng_rd_revenue_min=800万", "--chart", chart,
                               os.path.join(SRC, "rules"), log], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        impact = json.loads(done.stdout)
        self.assertEqual(impact["summary"]["companies"], 4)
        self.assertEqual(impact["summary"]["gain"], 1)  # the AI start-up's R&D subsidy
        self.assertEqual(impact["provisions"][0]["id"], "shangcheng-2023.rd")
        self.assertTrue(impact["companies"][0]["profile"].endswith("decisions.jsonl:1"))
        with open(chart, encoding="utf-8") as f:
            self.assertIn("+930,000.00", f.read())
        shutil.rmtree(log_dir)


class Security(unittest.TestCase):
    """Tokens, rate limits, TLS, CORS and masked decision logs."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="elig-security-")
        self.body = read(os.path.join(EXAMPLES, "hangzhou-xr-studio.toml"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def file(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_bearer_tokens(self):
        tokens = self.file("tokens", "# the office's services\nalpha-123\n\nbeta-456\n")
        server = Server(ELIG, "--token-file", tokens)
        try:
            status, doc, headers = problem_of(server, "POST", f"/v1/decide?as_of={AS_OF}", self.body, TOML)
            self.assertEqual(status, 401)
            self.assertIn("Bearer", headers["www-authenticate"])
            status, doc, _ = problem_of(server, "GET", "/v1/provisions", None,
                                        {"Authorization": "Bearer alpha-124"})
            self.assertEqual(status, 401)
            self.assertIn("not one of", doc["detail"])
            for token in ["alpha-123", "beta-456"]:
                status, _ = server.request("POST", f"/v1/decide?as_of={AS_OF}", self.body,
                                           {**TOML, "Authorization": f"Bearer {token}"})
                self.assertEqual(status, 200, token)
            self.assertEqual(server.request("GET", "/healthz")[0], 200)  # open to probes
            self.assertEqual(server.request("GET", "/")[0], 401)
        finally:
            self.assertEqual(server.stop(), 0)
        empty = self.file("empty", "# nobody\n")
        done = subprocess.run([ELIG, "serve", "--port", "0", "--token-file", empty],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 2)
        self.assertIn("holds no token", done.stderr)

    def test_rate_limit(self):
        # One request per 100 s after a burst of 3: however slow the machine, the 4th is refused.
        server = Server(ELIG, "--rate-limit", "0.01", "--rate-burst", "3")
        try:
            statuses = [server.request("GET", "/v1/provisions")[0] for _ in range(5)]
            self.assertEqual(statuses, [200, 200, 200, 429, 429])
            status, doc, headers = problem_of(server, "GET", "/v1/schema")
            self.assertEqual(status, 429)
            self.assertGreaterEqual(int(headers["retry-after"]), 1)
            self.assertEqual(server.request("GET", "/healthz")[0], 200)  # probes are not limited
        finally:
            self.assertEqual(server.stop(), 0)

    def test_tls(self):
        key, cert = os.path.join(self.dir, "key.pem"), os.path.join(self.dir, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1"],
                       check=True, capture_output=True)
        server = Server(ELIG, "--tls-cert", cert, "--tls-key", key, tls=True)
        try:
            status, data = server.request("POST", f"/v1/decide?as_of={AS_OF}", self.body, TOML)
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(data)["version"], 2)
            # Plain HTTP gets no answer: there is no handshake to make.
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                try:
                    reply = s.recv(100)
                except ConnectionResetError:
                    reply = b""
                self.assertFalse(reply.startswith(b"HTTP/1.1 200"), reply)
            self.assertIn("listening on https://", server.log_text())
        finally:
            self.assertEqual(server.stop(), 0)
        done = subprocess.run([ELIG, "serve", "--port", "0", "--tls-cert", cert],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 2)
        self.assertIn("go together", done.stderr)

    def test_cors(self):
        server = Server(ELIG, "--cors-origin", "https://office.example")
        try:
            _, headers, _ = server.exchange("GET", "/v1/provisions", None,
                                            {"Origin": "https://office.example"})
            self.assertEqual(headers["access-control-allow-origin"], "https://office.example")
            _, headers, _ = server.exchange("GET", "/v1/provisions", None,
                                            {"Origin": "https://elsewhere.example"})
            self.assertNotIn("access-control-allow-origin", headers)
            status, headers, _ = server.exchange("OPTIONS", "/v1/check", None,
                                                 {"Origin": "https://office.example",
                                                  "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 204)
            self.assertIn("Authorization", headers["access-control-allow-headers"])
        finally:
            self.assertEqual(server.stop(), 0)

    def test_masked_decision_log_still_replays(self):
        log = os.path.join(self.dir, "decisions.jsonl")
        server = Server(ELIG, "--decision-log", log, "--mask-facts", "company_name")
        try:
            for name in ["hangzhou-xr-studio.toml", "xihu-digital-twin.toml"]:
                status, _ = server.request("POST", f"/v1/check?as_of={AS_OF}",
                                           read(os.path.join(EXAMPLES, name)), TOML)
                self.assertEqual(status, 200)
        finally:
            self.assertEqual(server.stop(), 0)
        text = read(log).decode()
        self.assertNotIn("杭州映幻XR科技有限公司", text)
        records = [json.loads(line) for line in text.splitlines()]
        self.assertEqual(records[0]["masked"], ["company_name"])
        self.assertEqual(records[0]["profile"]["company_name"], "***")
        done = subprocess.run([ELIG, "replay", log], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("2 record(s): 2 same", done.stdout)
        done = subprocess.run([ELIG, "serve", "--port", "0", "--decision-log", log,
                               "--mask-facts", "main_revenue"], capture_output=True, text=True,
                              timeout=30)
        self.assertEqual(done.returncode, 2)
        self.assertIn("not a text fact", done.stderr)


class Validation(unittest.TestCase):
    """Every answer the tests above received, checked against GET /v1/openapi.json."""

    def test_every_answer_matches_the_openapi_document(self):
        import jsonschema

        server = Server(ELIG)
        try:
            status, doc = server.json("GET", "/v1/openapi.json")
        finally:
            server.stop()
        self.assertEqual((status, doc["openapi"]), (200, "3.1.0"))
        for route in ["/v1/check", "/v1/decide", "/v1/explain/{provision}", "/healthz"]:
            self.assertIn(route, doc["paths"])
        # The document's own examples are answers too.
        for name, component in doc["components"]["schemas"].items():
            for example in component.get("examples", []):
                schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
                jsonschema.validate(example, schema, cls=jsonschema.Draft202012Validator)
        checked = 0
        seen, hit = {}, set()
        for method, path, status, headers, data in Server.exchanges:
            if method == "OPTIONS" and status == 204:
                continue  # a CORS preflight: headers, no body
            # The load tests repeat one answer thousands of times: a few of each kind will do.
            kind = (method, path, status, headers.get("content-type"))
            seen[kind] = seen.get(kind, 0) + 1
            if seen[kind] > 3:
                continue
            operation = self.operation(doc, method, path.split("?")[0])
            if operation is not None:
                hit.add(operation["operationId"])
            media = headers.get("content-type", "").split(";")[0]
            if status >= 400:
                self.assertEqual(media, "application/problem+json", (method, path, status))
            if operation is None:
                self.assertGreaterEqual(status, 400, (method, path))
                spec = {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            else:
                spec = operation["responses"].get(str(status))
                self.assertIsNotNone(spec, f"{method} {path}: status {status} is not documented")
            self.assertIn(media, spec["content"], (method, path, status))
            if not media.endswith("json") or method == "HEAD":
                continue
            schema = dict(spec["content"][media]["schema"], components=doc["components"])
            try:
                jsonschema.validate(json.loads(data), schema,
                                    cls=jsonschema.Draft202012Validator)
            except jsonschema.ValidationError as e:
                self.fail(f"{method} {path} {status}: {e.message} at {list(e.absolute_path)}")
            checked += 1
        self.assertGreater(checked, 40)  # each endpoint, each status the tests met
        every = {op["operationId"] for ops in doc["paths"].values() for op in ops.values()}
        self.assertEqual(every - hit, set(), "endpoints no test called")

    @staticmethod
    def operation(doc, method, path):
        for template, ops in doc["paths"].items():
            prefix = template.split("{")[0]
            if template == path or ("{" in template and path.startswith(prefix)
                                    and "/" not in path[len(prefix):] and path != prefix):
                return ops.get("get" if method == "HEAD" else method.lower())
        return None


if __name__ == "__main__":
    # In this order: Validation checks what the others received.
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(c)
                               for c in [Endpoints, Contract, Security, Lifecycle, Validation])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
