#!/usr/bin/python3
"""`elig lsp` through its protocol: a client's conversation (diagnostics as one types, hover,
go to definition, formatting, symbols, completion) and hostile input (a broken header, invalid
JSON, an unknown method, a huge Content-Length), which get JSON-RPC errors, never a crash or a hang.

Usage: lsp_test.py ELIG SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ELIG, SRC = sys.argv[1], sys.argv[2]


class Client:
    def __init__(self, rules):
        self.proc = subprocess.Popen([ELIG, "lsp", "--rules", rules], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0

    def close(self):
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if not stream.closed:
                stream.close()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, method, params=None, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params or {}}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return message.get("id")

    def receive(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def answer(self, request_id):
        """The response to a request; notifications on the way are kept."""
        while True:
            m = self.receive()
            if m.get("id") == request_id and "method" not in m:
                return m
            self.notes.append(m)

    notes = []

    def diagnostics_for(self, uri):
        while True:
            m = self.receive()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]


class Conversation(unittest.TestCase):
    def setUp(self):
        self.rules = tempfile.mkdtemp(prefix="elig-lsp-")
        shutil.copytree(os.path.join(SRC, "rules"), self.rules, dirs_exist_ok=True)
        self.client = Client(self.rules)
        rid = self.client.send("initialize", {"rootUri": "file://" + self.rules, "capabilities": {}})
        caps = self.client.answer(rid)["result"]["capabilities"]
        self.assertTrue(caps["hoverProvider"] and caps["definitionProvider"])
        self.client.send("initialized", {}, request=False)
        self.path = os.path.join(self.rules, "xihu-2022.elig")
        self.uri = "file://" + self.path
        with open(self.path, encoding="utf-8") as f:
            self.text = f.read()

    def tearDown(self):
        rid = self.client.send("shutdown")
        self.assertIsNone(self.client.answer(rid)["result"])
        self.client.send("exit", request=False)
        self.assertEqual(self.client.proc.wait(timeout=30), 0)
        self.client.close()
        shutil.rmtree(self.rules)

    def open(self, text):
        self.client.send("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "elig", "version": 1, "text": text}}, request=False)
        return self.client.diagnostics_for(self.uri)

    def position_of(self, needle, text=None):
        text = text or self.text
        before = text[:text.index(needle)]
        return {"line": before.count("\n"), "character": len(before) - before.rfind("\n") - 1}

    def test_diagnostics_as_one_types(self):
        self.assertEqual(self.open(self.text), [])  # the bundled rules are clean
        broken = self.text.replace("when metaverse_enterprise", "when metaverse_enterprize", 1)
        self.client.send("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": 2},
                                                    "contentChanges": [{"text": broken}]},
                         request=False)
        found = self.client.diagnostics_for(self.uri)
        self.assertEqual(len(found), 1, found)
        d = found[0]
        self.assertEqual((d["code"], d["severity"]), ("E2001", 1))
        self.assertEqual(d["range"]["start"], self.position_of("metaverse_enterprize", broken))
        self.assertIn("did you mean `metaverse_enterprise`?", d["message"])
        # The did-you-mean as a quick fix: applying it gives the rules back.
        rid = self.client.send("textDocument/codeAction", {
            "textDocument": {"uri": self.uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})
        actions = self.client.answer(rid)["result"]
        self.assertEqual([a["title"] for a in actions], ["Change to `metaverse_enterprise`"])
        edit = actions[0]["edit"]["changes"][self.uri][0]
        lines = broken.split("\n")
        r = edit["range"]
        self.assertEqual(r["start"]["line"], r["end"]["line"])
        line = lines[r["start"]["line"]]
        lines[r["start"]["line"]] = (line[:r["start"]["character"]] + edit["newText"]
                                     + line[r["end"]["character"]:])
        self.assertEqual("\n".join(lines), self.text)

    def test_hover_definition_symbols_completion_formatting(self):
        self.open(self.text)
        at = self.position_of("park_designations")
        rid = self.client.send("textDocument/hover", {"textDocument": {"uri": self.uri}, "position": at})
        hover = self.client.answer(rid)["result"]["contents"]["value"]
        self.assertIn("**fact** `park_designations`", hover)
        self.assertIn("园区", hover)
        rid = self.client.send("textDocument/definition", {"textDocument": {"uri": self.uri}, "position": at})
        where = self.client.answer(rid)["result"]
        self.assertTrue(where["uri"].endswith("/schema.elig"), where)
        with open(os.path.join(self.rules, "schema.elig"), encoding="utf-8") as f:
            line = f.read().splitlines()[where["range"]["start"]["line"]]
        self.assertIn("fact park_designations", line)
        rid = self.client.send("textDocument/references", {"textDocument": {"uri": self.uri},
                                                           "position": at,
                                                           "context": {"includeDeclaration": True}})
        uses = self.client.answer(rid)["result"]
        files = {u["uri"].rsplit("/", 1)[1] for u in uses}
        self.assertEqual(files, {"schema.elig", "xihu-2022.elig"})
        self.assertEqual(sum(u["uri"].endswith("xihu-2022.elig") for u in uses),
                         self.text.count("park_designations"))
        at = self.position_of("provision park-award")
        at["character"] += len("provision ")
        rid = self.client.send("textDocument/hover", {"textDocument": {"uri": self.uri}, "position": at})
        self.assertIn("xihu-2022.park-award", self.client.answer(rid)["result"]["contents"]["value"])
        rid = self.client.send("textDocument/documentSymbol", {"textDocument": {"uri": self.uri}})
        symbols = self.client.answer(rid)["result"]
        self.assertEqual([s["name"] for s in symbols], ["xihu-2022"])
        self.assertEqual([c["name"] for c in symbols[0]["children"]],
                         ["rd-project", "park-award", "talent"])
        rid = self.client.send("textDocument/completion", {"textDocument": {"uri": self.uri},
                                                           "position": {"line": 0, "character": 0}})
        labels = {i["label"] for i in self.client.answer(rid)["result"]}
        self.assertTrue({"park_designations", "provision", "allow"} <= labels)
        rid = self.client.send("textDocument/formatting", {"textDocument": {"uri": self.uri}, "options": {}})
        self.assertEqual(self.client.answer(rid)["result"], [])  # already formatted
        messy = self.text.replace("  when metaverse_enterprise", "when    metaverse_enterprise", 1)
        self.client.send("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": 2},
                                                    "contentChanges": [{"text": messy}]},
                         request=False)
        self.client.diagnostics_for(self.uri)
        rid = self.client.send("textDocument/formatting", {"textDocument": {"uri": self.uri}, "options": {}})
        edits = self.client.answer(rid)["result"]
        self.assertEqual(edits[0]["newText"], self.text)


class HostileInput(unittest.TestCase):
    def test_bad_messages_get_errors(self):
        rules = os.path.join(SRC, "rules")
        client = Client(rules)
        client.send_raw(b"Content-Lenght: 5\r\n\r\n")  # a misspelt header
        self.assertEqual(client.receive()["error"]["code"], -32700)
        client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        self.assertEqual(client.receive()["error"]["code"], -32700)
        rid = client.send("textDocument/teleport")
        m = client.receive()
        self.assertEqual((m["id"], m["error"]["code"]), (rid, -32601))
        rid = client.send("textDocument/hover", {"nonsense": True})
        self.assertEqual(client.receive()["error"]["code"], -32602)
        # A body far beyond the limit is dropped as it arrives, and said so; the end of input ends
        # the server, which never hangs waiting for the rest.
        client.send_raw(b"Content-Length: 1000000000000\r\n\r\n{}")
        client.proc.stdin.close()
        self.assertEqual(client.receive()["error"]["code"], -32600)
        self.assertEqual(client.proc.wait(timeout=30), 1)  # no `shutdown` came first
        client.close()


class Grammar(unittest.TestCase):
    """The TextMate grammar (editors/vscode) parses, and highlights every keyword of the language."""

    def test_every_keyword_is_highlighted(self):
        import re
        with open(os.path.join(SRC, "editors", "vscode", "syntaxes", "elig.tmLanguage.json")) as f:
            grammar = json.load(f)
        with open(os.path.join(SRC, "engine", "src", "syntax", "vocabulary.hpp")) as f:
            vocabulary = f.read()
        words = set(re.findall(r'"([a-z_]+)"', vocabulary))
        keyword = re.compile(grammar["repository"]["keyword"]["match"])
        missing = [w for w in sorted(words) if not keyword.fullmatch(w)]
        self.assertEqual(missing, [])
        for name, rule in grammar["repository"].items():
            for key in ("match", "begin", "end"):
                if key in rule:
                    re.compile(rule[key])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
