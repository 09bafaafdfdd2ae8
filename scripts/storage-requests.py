#!/usr/bin/env python3
"""Storage requests and time of a national year from drop to totals, for two commits in the same run
(docs/performance.md, "Round trips").

usage: scripts/storage-requests.py [BASE] [NEW] [--year 2019] [--count 110] [--rounds 1] [--port 7181] [--azurite-port 10160]
  BASE  the commit to compare against (default: main)
  NEW   the commit measured (default: HEAD; commit your change first)

For each commit the script exports the tree (git archive) into /tmp/storage-requests/<commit>, builds devhost there in
Release (kept for the next run), and moves devhost's HTTP port off 7071 and stops it starting an Azurite of its own (two
constants of devhost/DevHostOptions.cs rewritten in the copy; the measured code is untouched). Then, per round and commit,
alternately:
  * a fresh Azurite on --azurite-port, +1, +2 (the repository's node_modules), its access log (stdout) kept;
  * devhost (--no-samples) on --port, on that Azurite;
  * `devhost drop-year YEAR COUNT` (devhost/Commands/NationalYearDrop.cs): writes COUNT distinct valid reports as blobs,
    polls CurrentReports and then GET /api/totals/YEAR until all are in the totals, and prints the time.
Every request in Azurite's access log from the first blob written to the end of drop-year is counted: per service,
table and kind (point read, query, batch, ...), and queries whose $filter names a property other than PartitionKey and
RowKey (a scan of the partition) are listed. Prints requests per accepted report and drop-to-totals time per commit,
the load average, and writes the last result as JSON to /tmp/storage-requests/last.json (scripts/architecture-counts.py
reads it).
"""
import argparse, collections, json, os, re, signal, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORK = "/tmp/storage-requests"
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<url>\S+) HTTP/[\d.]+" (?P<status>\d{3})')


def log(message):
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def git(*args):
    return subprocess.check_output(["git", "-C", ROOT, *args], text=True).strip()


def prepare(commit, port):
    """The commit's tree under WORK with devhost built in Release, its port moved and its own Azurite off."""
    full = git("rev-parse", commit)
    tree = os.path.join(WORK, full[:12])
    dll = os.path.join(tree, "devhost/bin/Release/net10.0/PoIntake.DevHost.dll")
    stamp = os.path.join(tree, f".built-for-{port}")
    if os.path.exists(stamp) and os.path.exists(dll):
        return tree, full
    os.makedirs(tree, exist_ok=True)
    subprocess.run(f"git -C {ROOT} archive {full} | tar -x -C {tree}", shell=True, check=True)
    options = os.path.join(tree, "devhost/DevHostOptions.cs")
    text = open(options, encoding="utf-8").read()
    patched = (text.replace("DefaultHttpPort = 7071;", f"DefaultHttpPort = {port};")
                   .replace('Url = "http://localhost:7071";', f'Url = "http://localhost:{port}";')
                   .replace("public bool StartAzurite { get; init; } = true;", "public bool StartAzurite { get; init; } = false;"))
    if patched.count(str(port)) < 2 or "StartAzurite { get; init; } = false;" not in patched:
        sys.exit(f"{commit}: devhost/DevHostOptions.cs does not have the expected port and Azurite constants")
    open(options, "w", encoding="utf-8").write(patched)
    log(f"building devhost (Release) of {full[:12]} in {tree}")
    subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "-nologo", os.path.join(tree, "devhost")], check=True,
                   stdout=subprocess.DEVNULL)
    open(stamp, "w").close()
    return tree, full


def listening(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(p, timeout=30):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def connection(azurite_port):
    return (f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};"
            f"BlobEndpoint=http://127.0.0.1:{azurite_port}/{ACCOUNT};QueueEndpoint=http://127.0.0.1:{azurite_port + 1}/{ACCOUNT};"
            f"TableEndpoint=http://127.0.0.1:{azurite_port + 2}/{ACCOUNT};")


def classify(method, url):
    """(service, target, kind, non-key filter or None) of one access-log request."""
    parsed = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(parsed.path)
    query = urllib.parse.parse_qs(parsed.query)
    rest = path.split(f"/{ACCOUNT}/", 1)[1] if f"/{ACCOUNT}/" in path else path.lstrip("/")
    first = rest.split("/", 1)[0]
    if first == "$batch":
        return "table", "(batch)", "batch", None
    if first.startswith("Tables"):
        return "table", "Tables", method.lower(), None
    if first[:1].isupper():
        name = first.split("(", 1)[0]
        keyed = re.search(r"\(PartitionKey='[^']*',\s*RowKey='[^']*'\)", first)
        if method == "GET" and not keyed:
            flt = query.get("$filter", [""])[0]
            props = set(re.findall(r"\b([A-Za-z_]\w*)\s+(?:eq|ne|gt|ge|lt|le)\b", flt)) - {"PartitionKey", "RowKey"}
            return "table", name, "query", (f"{name}: {flt}" if props else None)
        kind = {"GET": "point read", "DELETE": "delete", "POST": "insert"}.get(method, "write")
        return "table", name, kind, None
    container = first
    if method == "GET" and query.get("comp") == ["list"]:
        kind = "list"
    elif method == "HEAD":
        kind = "properties"
    elif method == "GET":
        kind = "download"
    else:
        kind = "write" if method == "PUT" else method.lower()
    return "blob", container, kind, None


def wait_for_totals(port, year, count, timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            body = json.load(urllib.request.urlopen(f"http://localhost:{port}/api/totals/{year}", timeout=300))
            if body.get("reportsIncluded") == count:
                return True
        except Exception as e:
            log(f"totals not there yet: {e}")
        time.sleep(2)
    return False


def part(service, target, kind, url):
    """Who sent a request: the intake (what a real deployment pays per report), the measuring tool (its blob writes, its
    polling of CurrentReports and of the totals, whose computation reads the year), or devhost's blob watcher (listing the
    containers: Event Grid's part in Azure)."""
    if service == "blob":
        if kind == "list":
            return "watcher"
        if target == "reports" and kind in ("write", "put"):
            return "tool"
        return "intake"
    flt = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("$filter", [""])[0]
    if kind == "query" and (target in ("Facts", "SystemDeficiencies", "ReportTexts", "YearRevisions", "CurrentGrantRegisters")
                            or (target == "CurrentReports" and "RowKey" not in flt)):
        return "tool"
    return "intake"


def analyse(lines, count):
    """Counts of the access-log lines by (service, target, kind), by part, and the non-key scans."""
    counts, parts, scans = collections.Counter(), collections.Counter(), collections.Counter()
    for line in lines:
        m = LINE.search(line)
        if not m:
            continue
        service, target, kind, scan = classify(m["method"], m["url"])
        counts[(service, target, kind)] += 1
        parts[part(service, target, kind, m["url"])] += 1
        if scan:
            scans[re.sub(r"'[^']*'", "'…'", scan)] += 1
    total = sum(counts.values())
    return {"requests": total, "per_report": total / count, "intake_per_report": parts["intake"] / count,
            "parts": dict(parts), "by_kind": {" ".join(k): v for k, v in sorted(counts.items())}, "scans": dict(scans)}


def measure(tree, year, count, port, azurite_port):
    location = tempfile.mkdtemp(prefix="storage-requests-azurite-")
    access = os.path.join(location, "access.log")
    for p in (port, azurite_port, azurite_port + 1, azurite_port + 2):
        if listening(p):
            sys.exit(f"port {p} is in use; pick others (--port, --azurite-port)")
    with open(access, "w") as out:
        azurite = subprocess.Popen(
            ["node", os.path.join(ROOT, "node_modules/azurite/dist/src/azurite.js"), "--skipApiVersionCheck", "--disableTelemetry",
             "--loose", "--location", location, "--blobPort", str(azurite_port), "--queuePort", str(azurite_port + 1),
             "--tablePort", str(azurite_port + 2)], stdout=out, stderr=subprocess.STDOUT)
    devhost = None
    try:
        while not (listening(azurite_port) and listening(azurite_port + 2)):
            if azurite.poll() is not None:
                sys.exit(f"Azurite did not start; its output is in {access}")
            time.sleep(0.1)
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", AzureWebJobsStorage=connection(azurite_port),
                   PoIntakeStorage=connection(azurite_port), BASE_URL=f"http://localhost:{port}")
        dll = os.path.join(tree, "devhost/bin/Release/net10.0/PoIntake.DevHost.dll")
        devhost = subprocess.Popen(["dotnet", dll, "--no-samples"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://localhost:{port}/api/web/uppladdning", timeout=5).read()
                break
            except Exception:
                if time.time() > deadline or devhost.poll() is not None:
                    sys.exit("devhost did not answer within 180 s")
                time.sleep(0.2)
        time.sleep(3)  # the watcher's first pass over the (empty) containers
        start = os.path.getsize(access)
        load = os.getloadavg()
        drop = subprocess.run(["dotnet", dll, "drop-year", str(year), str(count)], cwd=tree, env=env, capture_output=True,
                              text=True, timeout=600)
        seconds = None
        if drop.returncode == 0:
            seconds = float(re.search(r"after ([\d.]+) s from the first blob", drop.stdout).group(1))
        else:
            # On a machine this busy a totals request can outlast drop-year's 30 s client timeout: then the time is
            # unknown, but the requests still count once the totals include every report.
            tail = (drop.stdout.strip().splitlines() or [""])[-1]
            log(f"drop-year failed ({tail.strip()}; {drop.stderr.strip().splitlines()[0] if drop.stderr.strip() else ''}); waiting for the totals")
            if "Wrote" not in drop.stdout or not wait_for_totals(port, year, count):
                sys.exit(f"drop-year failed and the totals never included all reports:\n{drop.stdout}\n{drop.stderr}")
        with open(access, encoding="utf-8", errors="replace") as f:
            f.seek(start)
            lines = f.read().splitlines()
    finally:
        if devhost is not None:
            # The worker devhost started (its child): ended too if devhost's stop leaves it behind.
            children = subprocess.run(["pgrep", "-P", str(devhost.pid)], capture_output=True, text=True).stdout.split()
            stop(devhost)
            for pid in children:
                try:
                    os.kill(int(pid), signal.SIGTERM)
                except ProcessLookupError:
                    pass
        stop(azurite)
    written = float(re.search(r"Wrote \d+ blobs to .* in ([\d.]+) s", drop.stdout).group(1))
    return {"seconds": seconds, "blob_write_seconds": written, "load": load, "access_log": access, **analyse(lines, count)}


def wait_for_totals(port, year, count, timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            body = json.load(urllib.request.urlopen(f"http://localhost:{port}/api/totals/{year}", timeout=300))
            if body.get("reportsIncluded") == count:
                return True
        except Exception as e:
            log(f"totals not there yet: {e}")
        time.sleep(2)
    return False


def part(service, target, kind, url):
    """Who sent a request: the intake (what a real deployment pays per report), the measuring tool (its blob writes, its
    polling of CurrentReports and of the totals, whose computation reads the year), or devhost's blob watcher (listing the
    containers: Event Grid's part in Azure)."""
    if service == "blob":
        if kind == "list":
            return "watcher"
        if target == "reports" and kind in ("write", "put"):
            return "tool"
        return "intake"
    flt = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("$filter", [""])[0]
    if kind == "query" and (target in ("Facts", "SystemDeficiencies", "ReportTexts", "YearRevisions", "CurrentGrantRegisters")
                            or (target == "CurrentReports" and "RowKey" not in flt)):
        return "tool"
    return "intake"


def analyse(lines, count):
    """Counts of the access-log lines by (service, target, kind), by part, and the non-key scans."""
    counts, parts, scans = collections.Counter(), collections.Counter(), collections.Counter()
    for line in lines:
        m = LINE.search(line)
        if not m:
            continue
        service, target, kind, scan = classify(m["method"], m["url"])
        counts[(service, target, kind)] += 1
        parts[part(service, target, kind, m["url"])] += 1
        if scan:
            scans[re.sub(r"'[^']*'", "'…'", scan)] += 1
    total = sum(counts.values())
    return {"requests": total, "per_report": total / count, "intake_per_report": parts["intake"] / count,
            "parts": dict(parts), "by_kind": {" ".join(k): v for k, v in sorted(counts.items())}, "scans": dict(scans)}


def measure(tree, year, count, port, azurite_port):
    location = tempfile.mkdtemp(prefix="storage-requests-azurite-")
    access = os.path.join(location, "access.log")
    for p in (port, azurite_port, azurite_port + 1, azurite_port + 2):
        if listening(p):
            sys.exit(f"port {p} is in use; pick others (--port, --azurite-port)")
    with open(access, "w") as out:
        azurite = subprocess.Popen(
            ["node", os.path.join(ROOT, "node_modules/azurite/dist/src/azurite.js"), "--skipApiVersionCheck", "--disableTelemetry",
             "--loose", "--location", location, "--blobPort", str(azurite_port), "--queuePort", str(azurite_port + 1),
             "--tablePort", str(azurite_port + 2)], stdout=out, stderr=subprocess.STDOUT)
    devhost = None
    try:
        while not (listening(azurite_port) and listening(azurite_port + 2)):
            if azurite.poll() is not None:
                sys.exit(f"Azurite did not start; its output is in {access}")
            time.sleep(0.1)
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", AzureWebJobsStorage=connection(azurite_port),
                   PoIntakeStorage=connection(azurite_port), BASE_URL=f"http://localhost:{port}")
        dll = os.path.join(tree, "devhost/bin/Release/net10.0/PoIntake.DevHost.dll")
        devhost = subprocess.Popen(["dotnet", dll, "--no-samples"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://localhost:{port}/api/web/uppladdning", timeout=5).read()
                break
            except Exception:
                if time.time() > deadline or devhost.poll() is not None:
                    sys.exit("devhost did not answer within 180 s")
                time.sleep(0.2)
        time.sleep(3)  # the watcher's first pass over the (empty) containers
        start = os.path.getsize(access)
        load = os.getloadavg()
        drop = subprocess.run(["dotnet", dll, "drop-year", str(year), str(count)], cwd=tree, env=env, capture_output=True,
                              text=True, timeout=600)
        seconds = None
        if drop.returncode == 0:
            seconds = float(re.search(r"after ([\d.]+) s from the first blob", drop.stdout).group(1))
        else:
            # On a machine this busy a totals request can outlast drop-year's 30 s client timeout: then the time is
            # unknown, but the requests still count once the totals include every report.
            tail = (drop.stdout.strip().splitlines() or [""])[-1]
            log(f"drop-year failed ({tail.strip()}; {drop.stderr.strip().splitlines()[0] if drop.stderr.strip() else ''}); waiting for the totals")
            if "Wrote" not in drop.stdout or not wait_for_totals(port, year, count):
                sys.exit(f"drop-year failed and the totals never included all reports:\n{drop.stdout}\n{drop.stderr}")
        with open(access, encoding="utf-8", errors="replace") as f:
            f.seek(start)
            lines = f.read().splitlines()
    finally:
        if devhost is not None:
            # The worker devhost started (its child): ended too if devhost's stop leaves it behind.
            children = subprocess.run(["pgrep", "-P", str(devhost.pid)], capture_output=True, text=True).stdout.split()
            stop(devhost)
            for pid in children:
                try:
                    os.kill(int(pid), signal.SIGTERM)
                except ProcessLookupError:
                    pass
        stop(azurite)
    written = float(re.search(r"Wrote \d+ blobs to .* in ([\d.]+) s", drop.stdout).group(1))
    counts, scans = collections.Counter(), collections.Counter()
    for line in lines:
        m = LINE.search(line)
        if not m:
            continue
        service, target, kind, scan = classify(m["method"], m["url"])
        counts[(service, target, kind)] += 1
        if scan:
            scans[re.sub(r"'[^']*'", "'…'", scan)] += 1
    total = sum(counts.values())
    return {"requests": total, "per_report": total / count, "seconds": seconds, "blob_write_seconds": written,
            "load": load, "by_kind": {" ".join(k): v for k, v in sorted(counts.items())}, "scans": dict(scans)}


def fmt(seconds):
    return "n/a (drop-year timed out)" if seconds is None else f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?", default="main")
    parser.add_argument("new", nargs="?", default="HEAD")
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--count", type=int, default=110)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=7181)
    parser.add_argument("--azurite-port", type=int, default=10160)
    a = parser.parse_args()
    if a.port == 7071:
        sys.exit("7071 is devhost's default port, maybe in use by someone else; pick another")
    os.makedirs(WORK, exist_ok=True)
    trees = {name: prepare(commit, a.port) for name, commit in (("base", a.base), ("new", a.new))}
    results = {name: [] for name in trees}
    for r in range(a.rounds):
        for name, (tree, full) in trees.items():
            log(f"round {r + 1}: {name} {full[:12]}")
            results[name].append(measure(tree, a.year, a.count, a.port, a.azurite_port))
    summary = {}
    for name, (tree, full) in trees.items():
        runs = results[name]
        last = runs[-1]
        print(f"\n== {name} {full[:12]} ({a.count} reports of {a.year}, load average at start "
              f"{' '.join(f'{x:.2f}' for x in last['load'])})")
        for kind, n in sorted(last["by_kind"].items(), key=lambda kv: -kv[1]):
            print(f"  {n:6d}  {kind}")
        print("  by sender: " + ", ".join(f"{p} {n} ({n / a.count:.1f} per report)" for p, n in sorted(last["parts"].items())))
        for scan, n in sorted(last["scans"].items(), key=lambda kv: -kv[1]):
            print(f"  scan on a non-key property, {n}x: {scan}")
        timed = sorted(r["seconds"] for r in runs if r["seconds"] is not None)
        seconds = timed[len(timed) // 2] if timed else None
        per_report = sorted(r["per_report"] for r in runs)[len(runs) // 2]
        print(f"  requests: {last['requests']} = {per_report:.1f} per accepted report; drop to totals {fmt(seconds)} "
              f"(blob writes alone {last['blob_write_seconds']:.2f} s); median of {len(runs)} round(s)")
        intake = sorted(r["intake_per_report"] for r in runs)[len(runs) // 2]
        summary[name] = {"commit": full, "per_report": per_report, "intake_per_report": intake, "seconds": seconds, "runs": runs}
    b, n = summary["base"], summary["new"]
    print(f"\n| | base {b['commit'][:7]} | new {n['commit'][:7]} | new/base |")
    print("|---|---|---|---|")
    print(f"| storage requests per accepted report | {b['per_report']:.1f} | {n['per_report']:.1f} | {n['per_report'] / b['per_report']:.2f} |")
    ratio = f"{n['seconds'] / b['seconds']:.2f}" if b["seconds"] and n["seconds"] else "n/a"
    print(f"| of which the intake's own | {b['intake_per_report']:.1f} | {n['intake_per_report']:.1f} | {n['intake_per_report'] / b['intake_per_report']:.2f} |")
    print(f"| drop to totals, {a.count} reports | {fmt(b['seconds'])} | {fmt(n['seconds'])} | {ratio} |")
    print(f"| non-key scans | {sum(b['runs'][-1]['scans'].values())} | {sum(n['runs'][-1]['scans'].values())} | |")
    json.dump({"year": a.year, "count": a.count, **summary}, open(os.path.join(WORK, "last.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
