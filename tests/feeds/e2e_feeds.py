"""The change feeds end to end, over HTTP, against the platform e2e_gateway_test.py started: a
Server-Sent Events stream resumed with Last-Event-ID, and a webhook whose receiver is killed and
restarted and still gets every change, each once by id."""
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RENNES = "350000741"


class EventStream:
    """Reads a text/event-stream in a thread; events as (id, data)."""

    def __init__(self, base, path, token, last_event_id=None):
        host, port = base.split("//")[1].split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        self.events = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event_id, data = None, None
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("id: "):
                    event_id = line[4:]  # "<sequence>@<epoch>"
                elif line.startswith("data: "):
                    data = json.loads(line[6:])
                elif line == "" and data is not None:
                    with self.lock:
                        self.events.append((event_id, data))
                    event_id, data = None, None
        except (OSError, ValueError):
            pass

    def resources(self):
        with self.lock:
            return [data["resourceId"] for _, data in self.events]

    def close(self):
        self.connection.close()


def publish_offre(http, nom, key, expect, var):
    """Creates an offre at the CHRU de Rennes and validates it: one change of its
    HealthcareService."""
    status, _, created = http.call("POST", "/api/v1/offres", {
        "nom": nom, "champActivite": "01", "finessEg": RENNES, "modeleSaisie": "149/01"},
        headers={"Idempotency-Key": key + "-create"})
    expect(status == 201, f"create {nom}: {status} {created}", var)
    offre = created["offre"]
    draft = dict(offre.get("draft", {}))
    draft.update({"typeOffre": "149", "modePriseEnCharge": "28", "activitesOperationnelles": ["013"]})
    status, _, saved = http.call("PUT", f"/api/v1/offres/{offre['offreId']}/draft",
                                 {"draft": draft, "step": 3}, headers={"Idempotency-Key": key + "-draft"})
    expect(status == 200, f"draft {nom}: {status} {saved}", var)
    status, _, validated = http.call("POST", f"/api/v1/offres/{offre['offreId']}/validate", {},
                                     headers={"Idempotency-Key": key + "-validate"})
    expect(status == 200, f"validate {nom}: {status} {validated}", var)
    return offre["offreId"]


def received(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def check_change_feeds(http, var, expect, eventually, free_port):
    token = http.token
    stream = EventStream(http.base, f"/api/v1/changes?type=HealthcareService&etablissement={RENNES}",
                         token)
    expect(stream.response.status == 200
           and stream.response.getheader("Content-Type").startswith("text/event-stream"),
           f"SSE: {stream.response.status} {stream.response.getheaders()}", var)

    # A webhook for the same changes, to a receiver that checks its signatures.
    port = free_port()
    status, headers, webhook = http.call("POST", "/api/v1/webhooks", {
        "url": f"http://127.0.0.1:{port}/hook", "type": "HealthcareService",
        "etablissement": [RENNES]})
    expect(status == 201 and len(webhook.get("secret", "")) == 64
           and headers.get("Location") == f"/api/v1/webhooks/{webhook.get('id')}",
           f"subscribe: {status} {headers} {webhook}", var)
    log = os.path.join(var, "webhook-received.jsonl")

    def start_receiver():
        return subprocess.Popen([sys.executable, os.path.join(HERE, "webhook_receiver.py"),
                                 str(port), webhook["secret"], log])

    receiver = start_receiver()
    try:
        time.sleep(0.5)
        first = publish_offre(http, "Feeds SSE et webhook A", "e2e-feeds-a", expect, var)
        eventually(lambda: (first in [r["resourceId"] for r in received(log)], received(log)),
                   "the webhook never got the first change", var)
        # Killed: what follows is refused, tried again, then taken once it is back.
        receiver.send_signal(signal.SIGKILL)
        receiver.wait()
        later = [publish_offre(http, f"Feeds SSE et webhook {x}", f"e2e-feeds-{x}", expect, var)
                 for x in ("b", "c")]
        time.sleep(2)
        receiver = start_receiver()
        eventually(lambda: (set(later) <= {r["resourceId"] for r in received(log)}, received(log)),
                   "the restarted receiver never got the changes made while it was down", var,
                   seconds=40)
    finally:
        receiver.kill()
        receiver.wait()
    ids = [r["id"] for r in received(log)]
    expect(len(ids) == len(set(ids)), f"a change was taken twice: {ids}", var)
    expect(all(r["id"] == r["header"] for r in received(log)), f"X-Ror-Event-Id: {received(log)}",
           var)
    # The log keeps each offre's changes in order; two offres may come in either order (their
    # events travel in different partitions of the bus).
    mine = [r["resourceId"] for r in received(log) if r["resourceId"] in [first] + later]
    expect(mine[0] == first and sorted(mine[1:]) == sorted(later), f"webhook changes: {mine}", var)

    status, _, letters = http.call("GET", f"/api/v1/webhooks/{webhook['id']}/dead-letters")
    expect(status == 200 and letters == {"deadLetters": []}, f"dead letters: {status} {letters}", var)
    status, _, replay = http.call("POST", f"/api/v1/webhooks/{webhook['id']}/dead-letters/replay", {})
    expect(status == 202 and replay == {"replaying": 0}, f"replay: {status} {replay}", var)
    status, _, listed = http.call("GET", "/api/v1/webhooks")
    expect(status == 200 and webhook["id"] in [w["id"] for w in listed["webhooks"]]
           and all("secret" not in w for w in listed["webhooks"]), f"list: {status} {listed}", var)
    status, _, problem = http.call("POST", "/api/v1/webhooks", {"url": "http://x/", "region": "99"})
    expect(status == 400 and problem["violations"][0]["field"] == "region",
           f"bad region: {status} {problem}", var)
    status, _, _ = http.call("DELETE", f"/api/v1/webhooks/{webhook['id']}")
    expect(status == 204, f"unsubscribe: {status}", var)

    # The stream had the three changes in order; resumed after the first, it gives the others.
    eventually(lambda: (sorted(r for r in stream.resources() if r in [first] + later)
                        == sorted([first] + later), stream.resources()),
               "SSE never streamed the three changes", var)
    first_id = next(event_id for event_id, data in stream.events if data["resourceId"] == first)
    stream.close()
    resumed = EventStream(http.base, f"/api/v1/changes?type=HealthcareService&etablissement={RENNES}",
                          token, last_event_id=first_id)
    # Resumed after the first change's event: the two others follow it in the log.
    eventually(lambda: (sorted(resumed.resources()[:2]) == sorted(later), resumed.resources()),
               "SSE resumed with Last-Event-ID", var)
    resumed.close()
    status, _, problem = http.call("GET", "/api/v1/changes?region=99")
    expect(status == 400 and problem["violations"][0]["field"] == "region",
           f"bad SSE filter: {status} {problem}", var)
    print(f"e2e feeds: {len(ids)} webhook deliveries, each once; SSE resumed after event {first_id}",
          file=sys.stderr)
