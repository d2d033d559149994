#!/usr/bin/env python3
"""End to end over HTTP only: the platform as `./ror up` starts it, driven through the gateway.

The seeds' offre workflow (login, create, the draft in its steps, validate, move, search it), the
same offre through the FHIR facade, the change feeds (tests/feeds/e2e_feeds.py), then the bad
requests the gateway refuses itself, naming the parameter, before any service sees them.

ROR_ROOT: the repository; ROR_BUILD: a built tree (ctest sets both).
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "feeds"))
import e2e_feeds  # noqa: E402

ROOT = os.environ.get("ROR_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("ROR_BUILD") or os.path.join(ROOT, "build")


def fail(message, var=None):
    print(f"FAIL: {message}", file=sys.stderr)
    if var and os.path.isdir(os.path.join(var, "log")):
        for name in sorted(os.listdir(os.path.join(var, "log"))):
            path = os.path.join(var, "log", name)
            with open(path, errors="replace") as f:
                tail = f.readlines()[-20:]
            print(f"---- {path} (tail)\n{''.join(tail)}", file=sys.stderr)
    sys.exit(1)


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Http:
    def __init__(self, base):
        self.base = base
        self.token = None

    def call(self, method, path, body=None, headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None and raw is None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, dict(response.headers), json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            payload = error.read()
            return error.code, dict(error.headers), json.loads(payload) if payload else {}


def main():
    tmp = tempfile.mkdtemp(prefix="ror-e2e-http.")
    var = os.path.join(tmp, "var")
    kafka, offre, metrics, auth, search, gateway = free_ports(6)
    env = dict(os.environ, ROR_VAR=var, ROR_BUILD=BUILD, ROR_SKIP_BUILD="1",
               ROR_KAFKA_PORT=str(kafka), ROR_OFFRE_PORT=str(offre),
               ROR_METRICS_PORT_BASE=str(metrics), ROR_AUTH_PORT=str(auth),
               ROR_SEARCH_PORT=str(search), ROR_GATEWAY_PORT=str(gateway))
    up_log = open(os.path.join(tmp, "up.log"), "w")
    up = subprocess.Popen([os.path.join(ROOT, "ror"), "up"], env=env, stdout=up_log,
                          stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 120
        while "ROR is up" not in open(up_log.name).read():
            if up.poll() is not None:
                fail("./ror up exited before the platform was up: " + open(up_log.name).read(), var)
            if time.time() > deadline:
                fail("./ror up did not report the platform up within 120 s", var)
            time.sleep(0.2)
        run(Http(f"http://127.0.0.1:{gateway}"), var)
        print("e2e gateway: PASS", file=sys.stderr)
    finally:
        subprocess.run([os.path.join(ROOT, "ror"), "down"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        up.terminate()
        up.wait(timeout=30)
        subprocess.run(["rm", "-rf", tmp])


def expect(condition, message, var):
    if not condition:
        fail(message, var)


def eventually(check, message, var, seconds=20):
    """Calls check() until it returns (True, _) — the gateway's copy follows two topics, each at
    its own pace — or fails with the message and its last answer."""
    deadline = time.time() + seconds
    while True:
        ok, last = check()
        if ok:
            return last
        if time.time() > deadline:
            fail(f"{message}: {last}", var)
        time.sleep(0.2)


def run(http, var):
    # Login: the administrateur `./ror up` created.
    with open(os.path.join(var, "auth", "admin.password")) as f:
        password = f.read().strip()
    status, headers, tokens = http.call("POST", "/api/v1/auth/login",
                                        {"email": "admin@ror.localhost", "password": password},
                                        headers={"X-Request-Id": "e2e-login"})
    expect(status == 200 and tokens.get("accessToken"), f"login: {status} {tokens}", var)
    expect(headers.get("X-Request-Id") == "e2e-login", f"request id not echoed: {headers}", var)
    http.token = tokens["accessToken"]

    # Création, étape 1: the offre and its modèle de saisie.
    status, _, created = http.call("POST", "/api/v1/offres", {
        "nom": "HC Cardiologie interventionnelle http", "champActivite": "01",
        "finessEg": "350000741", "modeleSaisie": "149/01"},
        headers={"Idempotency-Key": "e2e-http-create"})
    offre = created.get("offre", {})
    expect(status == 201 and offre.get("offreId"), f"create: {status} {created}", var)
    offre_id = offre["offreId"]
    status, _, again = http.call("POST", "/api/v1/offres", {
        "nom": "HC Cardiologie interventionnelle http", "champActivite": "01",
        "finessEg": "350000741", "modeleSaisie": "149/01"},
        headers={"Idempotency-Key": "e2e-http-create"})
    expect(again.get("offre", {}).get("offreId") == offre_id,
           f"a retried create made another offre: {again}", var)

    # Étapes 2 and 3, saved as a draft, then read back.
    draft = dict(offre.get("draft", {}))
    draft.update({"typeOffre": "149", "modePriseEnCharge": "28"})
    status, _, saved = http.call("PUT", f"/api/v1/offres/{offre_id}/draft",
                                 {"draft": draft, "step": 2},
                                 headers={"Idempotency-Key": "e2e-http-step2"})
    expect(status == 200, f"step 2: {status} {saved}", var)
    draft["activitesOperationnelles"] = ["013"]
    status, _, saved = http.call("PUT", f"/api/v1/offres/{offre_id}/draft",
                                 {"draft": draft, "step": 3},
                                 headers={"Idempotency-Key": "e2e-http-step3"})
    expect(status == 200, f"step 3: {status} {saved}", var)
    status, _, read = http.call("GET", f"/api/v1/offres/{offre_id}")
    expect(status == 200 and read.get("draft", {}).get("activitesOperationnelles") == ["013"],
           f"the draft was not kept: {status} {read}", var)

    # Valider, then move it to another établissement.
    status, _, validated = http.call("POST", f"/api/v1/offres/{offre_id}/validate", {},
                                     headers={"Idempotency-Key": "e2e-http-validate"})
    expect(status == 200 and validated.get("published"), f"validate: {status} {validated}", var)
    status, _, moved = http.call("POST", f"/api/v1/offres/{offre_id}/move",
                                 {"finessEg": "350007084"},
                                 headers={"Idempotency-Key": "e2e-http-move"})
    expect(status == 200 and moved.get("finessEg") == "350007084", f"move: {status} {moved}", var)

    # Search it: the index follows the bus.
    deadline = time.time() + 20
    while True:
        status, _, found = http.call("POST", "/api/v1/search", {
            "criteria": {"texte": "cardiologie interventionnelle http"}, "type": "RESULT_TYPE_OFFRE"})
        expect(status == 200, f"search: {status} {found}", var)
        hits = [h for h in found.get("hits", []) if h.get("id") == offre_id]
        if hits and hits[0].get("etablissement", {}).get("finessEg") == "350007084":
            break
        expect(time.time() < deadline, f"the moved offre never became searchable: {found}", var)
        time.sleep(0.2)

    # The FHIR facade, from the gateway's own copy of the directory (the bus): the offre where it
    # was moved, its établissement, and the change in _history.
    deadline = time.time() + 20
    while True:
        status, headers, fhir_offre = http.call("GET", f"/fhir/HealthcareService/{offre_id}")
        if status == 200 and fhir_offre["providedBy"]["reference"] == "Organization/350007084":
            break
        expect(time.time() < deadline, f"FHIR never showed the moved offre: {status} {fhir_offre}",
               var)
        time.sleep(0.2)
    expect(headers.get("Content-Type") == "application/fhir+json", f"{headers}", var)
    expect(fhir_offre["name"] == "HC Cardiologie interventionnelle http"
           and fhir_offre["specialty"][0]["coding"][0]["code"] == "013",
           f"FHIR offre: {fhir_offre}", var)
    def organization():
        status, _, body = http.call("GET", "/fhir/Organization/350007084")
        return status == 200 and body["resourceType"] == "Organization", (status, body)
    eventually(organization, "FHIR Organization", var)
    status, _, history = http.call("GET", "/fhir/HealthcareService/_history?_since=2020-01-01")
    urls = [e["request"]["url"] for e in history.get("entry", [])]
    expect(status == 200 and f"HealthcareService/{offre_id}" in urls,
           f"_history: {status} {urls[:5]}", var)
    # FHIR search, through the search service's index: by name and champ, with the EG included.
    def fhir_search():
        status, _, bundle = http.call(
            "GET", "/fhir/HealthcareService?name=cardiologie%20interventionnelle%20http"
                   "&service-type=01&_include=HealthcareService:organization")
        entries = bundle.get("entry", [])
        matches = [e["resource"]["id"] for e in entries if e["search"]["mode"] == "match"]
        includes = [e["resource"]["id"] for e in entries if e["search"]["mode"] == "include"]
        return (status == 200 and bundle.get("type") == "searchset" and offre_id in matches
                and "350007084" in includes and bundle.get("total", 0) >= 1,
                (status, matches, includes, bundle.get("total")))
    eventually(fhir_search, "FHIR search", var)
    # An entité juridique imported over REST (the FINESS sample has none) reaches the facade
    # from the bus: the EG's partOf then leads to it.
    status, _, imported = http.call("POST", "/api/v1/entites-juridiques/import", {
        "source": "e2e", "fiches": [{
            "finessEj": "350005179", "raisonSociale": "CHU RENNES",
            "raisonSocialeLongue": "CENTRE HOSPITALIER UNIVERSITAIRE DE RENNES",
            "adresse": "2 R HENRI LE GUILLOUX", "codePostal": "35033", "commune": "RENNES CEDEX 9",
            "departement": "35", "statutJuridique": "13", "siren": "263500076",
            "dateCreation": "1960-01-01"}]})
    expect(status == 200 and imported.get("outcomes", [{}])[0].get("kind") == "KIND_CREATED",
           f"EJ import: {status} {imported}", var)
    status, _, ej = http.call("GET", "/api/v1/entites-juridiques/350005179")
    expect(status == 200 and ej.get("fiche", {}).get("statutJuridique") == "13",
           f"EJ read: {status} {ej}", var)
    def entite_juridique():
        status, _, eg = http.call("GET", "/fhir/Organization/350007084")
        reference = eg.get("partOf", {}).get("reference", "")
        status2, _, body = http.call("GET", "/fhir/" + reference)
        return (status == 200 and status2 == 200 and body.get("id") == "350005179"
                and body["type"][0]["coding"][0]["code"] == "13", (status, reference, status2, body))
    eventually(entite_juridique, "FHIR Organization of the EJ", var)
    # _lastUpdated: the offre changed after 2020, not after 2099.
    for period, expected in (("ge2020-01-01", True), ("gt2099", False)):
        status, _, bundle = http.call(
            "GET", "/fhir/HealthcareService?name=cardiologie%20interventionnelle%20http"
                   f"&_lastUpdated={period}")
        ids = [e["resource"]["id"] for e in bundle.get("entry", [])]
        expect(status == 200 and (offre_id in ids) == expected,
               f"_lastUpdated={period}: {status} {ids}", var)
    # Organization search, with the offres of the établissement rev-included.
    _, _, eg = http.call("GET", "/fhir/Organization/350007084")
    def organization_search():
        status, _, bundle = http.call(
            "GET", "/fhir/Organization?identifier=350007084")
        direct = [e["resource"]["id"] for e in bundle.get("entry", [])]
        status2, _, named = http.call(
            "GET", "/fhir/Organization?name=" + urllib.parse.quote(eg["name"]) +
                   "&address-postalcode=" + eg["address"][0]["postalCode"] +
                   "&_revinclude=HealthcareService:organization")
        entries = named.get("entry", [])
        matches = [e["resource"]["id"] for e in entries if e["search"]["mode"] == "match"]
        includes = [e["resource"]["id"] for e in entries if e["search"]["mode"] == "include"]
        return (status == 200 and direct == ["350007084"] and status2 == 200
                and "350007084" in matches and offre_id in includes,
                (status, direct, status2, matches, includes[:5]))
    eventually(organization_search, "FHIR Organization search", var)
    # _lastUpdated on Organizations: the EG's fiche was imported after 2020, not after 2099.
    for period, expected in (("ge2020-01-01", True), ("gt2099", False)):
        status, _, bundle = http.call(
            "GET", "/fhir/Organization?name=" + urllib.parse.quote(eg["name"]) +
                   f"&_lastUpdated={period}")
        ids = [e["resource"]["id"] for e in bundle.get("entry", [])]
        expect(status == 200 and ("350007084" in ids) == expected,
               f"Organization _lastUpdated={period}: {status} {ids}", var)
    status, _, outcome = http.call("GET", "/fhir/HealthcareService?near=48.1|-1.6")
    expect(status == 400 and outcome["issue"][0]["expression"] == ["near"],
           f"bad near: {status} {outcome}", var)

    # A FHIR client (npm fhir-kit-client) reads, searches and pages the facade.
    client = subprocess.run(["node", os.path.join(ROOT, "tests", "fhir", "client.mjs"),
                             http.base + "/fhir", offre_id], capture_output=True, text=True,
                            timeout=60)
    expect(client.returncode == 0, f"fhir-kit-client: {client.stdout} {client.stderr}", var)

    # $export: kick-off, poll, download; the offre is in its NDJSON.
    request = urllib.request.Request(http.base + "/fhir/$export?_type=HealthcareService")
    with urllib.request.urlopen(request, timeout=15) as response:
        expect(response.status == 202, f"$export kick-off: {response.status}", var)
        poll = response.headers["Content-Location"]
    deadline = time.time() + 30
    while True:
        with urllib.request.urlopen(poll, timeout=15) as response:
            if response.status == 200:
                manifest = json.loads(response.read())
                break
        expect(time.time() < deadline, "$export never finished", var)
        time.sleep(0.2)
    exported = set()
    for output in manifest["output"]:
        with urllib.request.urlopen(output["url"], timeout=15) as response:
            for line in response.read().decode().splitlines():
                exported.add(json.loads(line)["id"])
    expect(offre_id in exported, f"$export lacks the offre: {len(exported)} exported", var)
    # Bytes that are not UTF-8 in a parameter: a 400, not a crash.
    status, _, outcome = http.call("GET", "/fhir/_history?_since=%FF")
    expect(status == 400 and outcome["issue"][0]["expression"] == ["_since"],
           f"_since=%FF: {status} {outcome}", var)
    status, _, outcome = http.call("GET", "/fhir/_history?_since=hier")
    expect(status == 400 and outcome["issue"][0]["expression"] == ["_since"],
           f"bad _since: {status} {outcome}", var)

    e2e_feeds.check_change_feeds(http, var, expect, eventually, lambda: free_ports(1)[0])

    # Bad requests: refused by the gateway, naming what is wrong.
    status, headers, problem = http.call("GET", "/api/v1/search/suggestions?prefixe=card")
    expect(status == 400 and problem["violations"][0]["field"] == "prefixe",
           f"unknown parameter: {status} {problem}", var)
    expect(headers.get("Content-Type") == "application/problem+json", f"{headers}", var)
    status, _, problem = http.call("POST", "/api/v1/search", raw=b"texte=cardio",
                                   headers={"Content-Type": "text/plain"})
    expect(status == 415, f"wrong content type: {status} {problem}", var)
    # An oversized body is refused from its Content-Length, before it is read: the client sends
    # the headers only and reads the answer (sending the rest would meet a closed connection).
    host, port = http.base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(b"POST /api/v1/search HTTP/1.1\r\nHost: e2e\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = raw.recv(65536)
            if not chunk:
                break
            answer += chunk
        answer = answer.decode(errors="replace")
    expect(answer.startswith("HTTP/1.1 413") and "application/problem+json" in answer,
           f"oversized body: {answer[:300]}", var)
    status, _, problem = http.call("GET", "/api/v1/offres/01a23387-0000-7000-8000-000000000000")
    expect(status == 404 and problem.get("title") == "Ressource introuvable",
           f"unknown offre: {status} {problem}", var)
    http.token = None
    status, headers, problem = http.call("POST", "/api/v1/offres", {"nom": "anonyme"})
    expect(status == 401 and headers.get("WWW-Authenticate") == "Bearer",
           f"anonymous write: {status} {headers} {problem}", var)


if __name__ == "__main__":
    main()
