#!/usr/bin/env python3
"""The demo's stakeholders: a webhook receiver on 127.0.0.1 (standard library only).

  webhook_receiver.py serve PORTFILE LOG   answer 200 to every POST, append {"path", "body"}
                                           as one JSON line to LOG; the port goes to PORTFILE
  webhook_receiver.py show LOG [es|en]     print what the stakeholders were told
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(port_file, log):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                payload = json.loads(body)
            except ValueError:
                payload = body.decode("utf-8", "replace")
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"path": self.path, "body": payload}, ensure_ascii=False) + "\n")
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


def text_of(body):
    """The human text of a Slack/Mattermost/Teams/JSON payload."""
    if isinstance(body, str):
        return body
    if "text" in body and isinstance(body["text"], str):
        return body["text"]
    parts = [str(body[k]) for k in ("subject", "title", "summary", "body", "message") if body.get(k)]
    return "\n".join(parts) if parts else json.dumps(body, ensure_ascii=False, indent=2)


def show(log, lang="en"):
    if not os.path.exists(log):
        print("(no message received)")
        return 1
    with open(log, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    for n, m in enumerate(lines, 1):
        print(f"--- mensaje {n} a {m['path']}" if lang == "es" else f"--- message {n} to {m['path']}")
        for line in text_of(m["body"]).splitlines():
            print("    " + line)
    return 0 if lines else 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "show":
        sys.exit(show(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else "en"))
    else:
        sys.exit(__doc__)
