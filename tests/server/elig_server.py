"""Start and stop `elig serve` on a free loopback port, for the server and browser tests."""
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import time


class Server:
    """One `elig serve` on a free loopback port."""

    # Every answer of every server, for the test that validates them against the OpenAPI
    # document: (method, path, status, headers, body).
    exchanges = []

    def __init__(self, elig, *args, rules=None, tls=False):
        self.tls = tls
        self.dir = tempfile.mkdtemp(prefix="elig-serve-")
        self.port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "log"), "w+")
        cmd = [elig, "serve", "--port", "0", "--port-file", self.port_file, *args]
        if rules:
            cmd += ["--rules", rules]
        self.proc = subprocess.Popen(cmd, stderr=self.log)
        for _ in range(200):
            if os.path.exists(self.port_file) and self.read_port():
                break
            if self.proc.poll() is not None:
                raise RuntimeError("elig serve exited: " + self.log_text())
            time.sleep(0.05)
        self.port = int(self.read_port())

    def read_port(self):
        with open(self.port_file) as f:
            return f.read().strip()

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def connection(self, timeout=30):
        if not self.tls:
            return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the tests' certificate is self-signed
        return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout,
                                           context=context)

    def exchange(self, method, path, body=None, headers=None, timeout=30):
        """The status, the headers (lower-case names) and the body of one request."""
        conn = self.connection(timeout)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        got = {k.lower(): v for k, v in resp.getheaders()}
        conn.close()
        Server.exchanges.append((method, path, resp.status, got, data))
        return resp.status, got, data

    def request(self, method, path, body=None, headers=None, timeout=30):
        status, _, data = self.exchange(method, path, body, headers, timeout)
        return status, data

    def json(self, method, path, body=None, headers=None):
        status, data = self.request(method, path, body, headers)
        return status, json.loads(data)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        code = self.proc.returncode
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        return code
