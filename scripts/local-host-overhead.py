#!/usr/bin/env python3
"""Start-up and per-invocation overhead of devhost's local Functions host (the real worker behind gRPC) against the
old in-process path (a build of a commit before the worker path), measured in the same run (docs/performance.md).

usage: scripts/local-host-overhead.py OLD_REPO NEW_REPO [rounds]

Each repo must hold a Release build of devhost (dotnet build -c Release devhost). For each round, alternately for the
old and the new build, with a fresh Azurite that both reuse on 10000-10002 and devhost on 7071:
  * start-up: process start until GET /api/template/2025 answers 200 (--no-samples);
  * per invocation: sequential keep-alive requests, after a warm-up, to a cheap function (GET /api/web/uppladdning,
    an embedded page) and a heavier one (GET /api/template/2025, a workbook written per request);
  * samples: process start until the start-up summary (every sample through its blob function), on an empty Azurite.
Prints one line per measurement and the median ratios new/old.
"""
import http.client, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

OLD, NEW = sys.argv[1], sys.argv[2]
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
CHEAP, HEAVY = "/api/web/uppladdning", "/api/template/2025"
N_CHEAP, N_HEAVY, WARMUP = 300, 30, 20


def listening(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def start_azurite(repo):
    location = tempfile.mkdtemp(prefix="overhead-azurite-")
    p = subprocess.Popen(["node", os.path.join(repo, "node_modules/azurite/dist/src/azurite.js"), "--skipApiVersionCheck",
                          "--disableTelemetry", "--loose", "--location", location], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (listening(10000) and listening(10002)):
        time.sleep(0.1)
    return p, location


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def start_devhost(repo, samples):
    args = ["dotnet", os.path.join(repo, "devhost/bin/Release/net10.0/PoIntake.DevHost.dll")] + ([] if samples else ["--no-samples"])
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development")
    # The output is read only while waiting for the samples' summary; otherwise it is discarded, never left in a full
    # pipe (a blocked console logger would slow whichever host logs more per request).
    out = subprocess.PIPE if samples else subprocess.DEVNULL
    return subprocess.Popen(args, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)


def get(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return r.status, len(body)


def log(message):
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def startup_and_latency(repo):
    while listening(7071):
        time.sleep(0.5)
    t0 = time.perf_counter()
    p = start_devhost(repo, samples=False)
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", 7071, timeout=120)
                if get(conn, HEAVY)[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        startup = time.perf_counter() - t0
        log(f"{repo}: answered after {startup:.1f} s")
        result = {"startup_s": startup}
        for name, path, n in (("cheap_ms", CHEAP, N_CHEAP), ("heavy_ms", HEAVY, N_HEAVY)):
            for _ in range(WARMUP):
                assert get(conn, path)[0] == 200
            times = []
            for _ in range(n):
                t = time.perf_counter()
                status, _ = get(conn, path)
                times.append((time.perf_counter() - t) * 1000)
                assert status == 200, status
            result[name] = statistics.median(times)
        return result
    finally:
        stop(p)


def samples(repo):
    while listening(7071):
        time.sleep(0.5)
    t0 = time.perf_counter()
    p = start_devhost(repo, samples=True)
    log(f"{repo}: started with samples")
    try:
        for line in p.stdout:
            if line.startswith("Var du tittar"):
                return time.perf_counter() - t0
        raise RuntimeError("devhost ended before its summary")
    finally:
        stop(p)


results = {"old": [], "new": []}
for round_ in range(ROUNDS):
    for label, repo in (("old", OLD), ("new", NEW)):
        azurite, location = start_azurite(NEW)
        log("azurite up")
        try:
            r = startup_and_latency(repo)
        finally:
            stop(azurite)
            shutil.rmtree(location, ignore_errors=True)
        azurite, location = start_azurite(NEW)
        try:
            r["samples_s"] = samples(repo)
        finally:
            stop(azurite)
            shutil.rmtree(location, ignore_errors=True)
        results[label].append(r)
        print(f"round {round_ + 1} {label}: start-up {r['startup_s']:.2f} s, cheap {r['cheap_ms']:.2f} ms, "
              f"heavy {r['heavy_ms']:.2f} ms, samples {r['samples_s']:.1f} s", flush=True)

for key, unit in (("startup_s", "s"), ("cheap_ms", "ms"), ("heavy_ms", "ms"), ("samples_s", "s")):
    old = statistics.median(r[key] for r in results["old"])
    new = statistics.median(r[key] for r in results["new"])
    print(f"{key}: old {old:.2f} {unit}, new {new:.2f} {unit}, new/old {new / old:.2f}x")
