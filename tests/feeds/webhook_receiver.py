#!/usr/bin/env python3
"""A webhook receiver for the end-to-end test: it checks each POST's X-Ror-Signature with the
secret it is given, appends the change's id and resource to a file (flushed to disk before it
answers 204, so a receiver killed after answering has kept it), and refuses a bad signature
(401). Usage: webhook_receiver.py <port> <secret> <file>."""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT, SECRET, FILE = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        fields = dict(part.split("=", 1) for part in self.headers.get("X-Ror-Signature", "").split(",")
                      if "=" in part)
        expected = hmac.new(SECRET, fields.get("t", "").encode() + b"." + body,
                            hashlib.sha256).hexdigest()
        fresh = abs(time.time() - int(fields.get("t", "0") or 0)) < 300
        if not fresh or not hmac.compare_digest(expected, fields.get("v1", "")):
            self.send_response(401)
            self.end_headers()
            return
        change = json.loads(body)
        with open(FILE, "a") as out:
            out.write(json.dumps({"id": change["id"], "resourceId": change["resourceId"],
                                  "header": self.headers.get("X-Ror-Event-Id")}) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
