#!/usr/bin/python3
"""`elig lsp`, one capability at a time, against golden request/response pairs
(tests/editor/golden/*.json). Each pair is a request a client sends about the bundled rules and
the server's whole answer, with the rules folder written `$RULES`: easy to review in a diff.
ELIG_UPDATE_GOLDEN=1 rewrites them.

The server runs with `initializationOptions.asOf` fixed, so parameters in force, lenses and
witnesses do not move with the calendar.

Usage: lsp_golden_test.py ELIG SOURCE_DIR
"""
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_test import Client  # noqa: E402

ELIG, SRC = sys.argv[1], sys.argv[2]
GOLDEN = os.path.join(SRC, "tests", "editor", "golden")
AS_OF = "2024-12-31"

# A rule file that pays the same funds twice (W1008, with a witness) and whose provision has a
# contradiction (W1001) beside a type error: the analysis reports it anyway.
EXTRA = """document twice {
  title "重复支付示例" / "Paid twice"
  issuer "示例" / "Example"
  status in_force
  valid from 2024-01-01
  provision office {
    title "办公用房补贴" / "Office subsidy"
    article "第一条"
    funds "rent"
    when metaverse_enterprise
    pays 10万
  }
  provision rent {
    title "租金补贴" / "Rent subsidy"
    article "第二条"
    funds "rent"
    when operates_lawfully
    pays 5万
  }
  provision never {
    title "不可能" / "Never"
    article "第三条"
    when main_revenue >= 1000万
    when main_revenue < 500万
    when district == 42
    pays 1万
  }
}
"""


def position_of(text, needle, skip=0):
    at = text.index(needle) + skip
    before = text[:at]
    return {"line": before.count("\n"), "character": len(before) - before.rfind("\n") - 1}


class Golden(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.rules = tempfile.mkdtemp(prefix="elig-lsp-golden-")
        shutil.copytree(os.path.join(SRC, "rules"), self.rules, dirs_exist_ok=True)
        self.client = Client(self.rules)
        rid = self.client.send("initialize", {"rootUri": "file://" + self.rules, "capabilities": {},
                                              "initializationOptions": {"asOf": AS_OF}})
        self.client.answer(rid)
        self.client.send("initialized", {}, request=False)

    def tearDown(self):
        rid = self.client.send("shutdown")
        self.client.answer(rid)
        self.client.send("exit", request=False)
        self.client.proc.wait(timeout=30)
        self.client.close()
        shutil.rmtree(self.rules)

    def uri(self, name):
        return "file://" + os.path.join(self.rules, name)

    def text(self, name):
        with open(os.path.join(self.rules, name), encoding="utf-8") as f:
            return f.read()

    def open(self, name, text=None):
        text = self.text(name) if text is None else text
        self.client.send("textDocument/didOpen", {"textDocument": {
            "uri": self.uri(name), "languageId": "elig", "version": 1, "text": text}},
            request=False)
        return self.client.diagnostics_for(self.uri(name))

    def strip(self, value):
        return json.loads(json.dumps(value, ensure_ascii=False).replace(self.rules, "$RULES"))

    def check(self, name, method, params):
        rid = self.client.send(method, params)
        answer = self.client.answer(rid)
        pair = self.strip({"request": {"method": method, "params": params},
                           "response": answer.get("result", answer.get("error"))})
        self.compare(name, pair)
        return answer

    def compare(self, name, pair):
        path = os.path.join(GOLDEN, name + ".json")
        text = json.dumps(pair, ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("ELIG_UPDATE_GOLDEN"):
            os.makedirs(GOLDEN, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        self.assertTrue(os.path.exists(path), f"{path} is missing; run with ELIG_UPDATE_GOLDEN=1")
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.loads(f.read()), json.loads(text), name)

    def at(self, name, needle, skip=0):
        return {"textDocument": {"uri": self.uri(name)},
                "position": position_of(self.text(name), needle, skip)}

    def test_hover(self):
        self.open("xihu-2022.elig")
        self.check("hover-fact", "textDocument/hover", self.at("xihu-2022.elig", "park_designations"))
        self.check("hover-parameter", "textDocument/hover",
                   self.at("xihu-2022.elig", "xihu_rd_rate *"))
        self.check("hover-provision", "textDocument/hover",
                   self.at("xihu-2022.elig", "provision park-award", len("provision ")))
        self.check("hover-field", "textDocument/hover",
                   self.at("xihu-2022.elig", "p.expense", 2))
        self.check("hover-member", "textDocument/hover", self.at("xihu-2022.elig", "national\""))
        self.open("common.elig")
        self.check("hover-definition", "textDocument/hover",
                   self.at("common.elig", "define loan_interest", len("define ")))

    def test_navigation(self):
        self.open("xihu-2022.elig")
        self.check("definition-parameter", "textDocument/definition",
                   self.at("xihu-2022.elig", "xihu_rd_cap)"))
        params = self.at("xihu-2022.elig", "xihu_rd_cap)")
        params["context"] = {"includeDeclaration": True}
        self.check("references-parameter", "textDocument/references", params)
        self.check("symbols", "textDocument/documentSymbol",
                   {"textDocument": {"uri": self.uri("xihu-2022.elig")}})

    def test_completion_of_fields(self):
        text = self.text("xihu-2022.elig").replace("p.expense", "p.", 1)
        self.open("xihu-2022.elig", text)
        self.check("completion-field", "textDocument/completion",
                   {"textDocument": {"uri": self.uri("xihu-2022.elig")},
                    "position": position_of(text, "p., xihu_rd_cap", 2)})

    def test_lens_and_command(self):
        self.open("shangcheng-2023.elig")
        self.check("code-lens", "textDocument/codeLens",
                   {"textDocument": {"uri": self.uri("shangcheng-2023.elig")}})
        answer = self.check("execute-decide", "workspace/executeCommand",
                            {"command": "elig.decideProvision", "arguments": ["shangcheng-2023.rd"]})
        shown = [n for n in self.client.notes if n.get("method") == "window/showMessage"]
        self.assertIn("shangcheng-2023.rd (2024-12-31):", shown[-1]["params"]["message"])
        self.assertTrue(answer["result"]["profiles"])
        self.check("execute-unknown", "workspace/executeCommand",
                   {"command": "elig.teleport", "arguments": []})

    def test_contradiction_beside_an_error_and_witness_to_test_case(self):
        found = self.open("twice.elig", EXTRA)
        self.compare("diagnostics-twice", self.strip({"uri": self.uri("twice.elig"),
                                                      "diagnostics": found}))
        codes = sorted(d["code"] for d in found)
        self.assertIn("W1001", codes)  # reported though E2xxx errors are in the same file
        self.assertTrue(any(c.startswith("E") for c in codes), codes)
        # Without the error, the analysis finds the double payment and a witness for it.
        fixed = EXTRA.replace("    when district == 42\n", "")
        self.client.send("textDocument/didChange", {
            "textDocument": {"uri": self.uri("twice.elig"), "version": 2},
            "contentChanges": [{"text": fixed}]}, request=False)
        found = self.client.diagnostics_for(self.uri("twice.elig"))
        twice = [d for d in found if d["code"] == "W1008"]
        self.assertEqual(len(twice), 1, found)
        answer = self.check("code-action-witness", "textDocument/codeAction", {
            "textDocument": {"uri": self.uri("twice.elig")}, "range": twice[0]["range"],
            "context": {"diagnostics": twice}})
        # Applying the edit gives a test file that `elig test` runs and passes.
        changes = answer["result"][0]["edit"]["documentChanges"]
        self.assertEqual(changes[0]["kind"], "create")
        target = changes[1]["textDocument"]["uri"][len("file://"):]
        with open(target, "w", encoding="utf-8") as f:
            f.write(changes[1]["edits"][0]["newText"])
        with open(os.path.join(self.rules, "twice.elig"), "w", encoding="utf-8") as f:
            f.write(fixed)
        import subprocess
        run = subprocess.run([ELIG, "test", "--rules", self.rules, target], capture_output=True,
                             text=True)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("1", run.stdout)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
