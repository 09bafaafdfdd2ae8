#!/usr/bin/env bash
# Load test of GET /api/totals/{year} (docs/performance.md, "Totals under load").
# Needs a running devhost WITHOUT samples (other years would not matter, but a clean year keeps the count exact):
#   dotnet run -c Release --project devhost -- --no-samples
# then: scripts/load-totals.sh
# It uploads VARIANTS renamed copies of each valid 2021 sample (default 6 x 20 counties -> 110 operations after the
# nil return is left out), waits until the intake has accepted them all, then runs wrk with 32 connections against
# the cached route and against devhost's uncached baseline (/dev/totals/{year}/uncached) in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${BASE_URL:-http://localhost:7071}
year=2021
variants=${VARIANTS:-6}
target=${TARGET:-110}
duration=${DURATION:-20s}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
curl -fsS "$base/api/totals" >/dev/null || { echo "devhost is not answering on $base (dotnet run -c Release --project devhost -- --no-samples)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$variants" "$target" <<'PY'
import pathlib, re, sys, zipfile
out, variants, target = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
files = sorted(p for p in pathlib.Path("samples/valid/2021").rglob("*.xlsx") if "ostra" not in p.name)
made = 0
for i in range(1, variants + 1):
    for source in files:
        if made == target:
            break
        with zipfile.ZipFile(source) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        strings = parts["xl/sharedStrings.xml"].decode("utf-8")
        name = re.search(r">(Personligt ombud [^<]*)<", strings).group(1)
        parts["xl/sharedStrings.xml"] = strings.replace(f">{name}<", f">{name} {i}<", 1).encode("utf-8")
        county = source.parent.name
        target_file = out / county / f"{source.stem}-{i}.xlsx"
        target_file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target_file, "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                z.writestr(n, data)
        made += 1
print(f"{made} workbooks written", file=sys.stderr)
PY

echo "uploading…"
for file in "$work"/*/*.xlsx; do
  county=$(basename "$(dirname "$file")")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data-binary @"$file" \
    -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
    -H "x-pointake-file-name: $(basename "$file")" \
    "$base/api/reports/$year/$county")
  [[ $code == 200 ]] || echo "upload $file answered $code" >&2
done

echo "waiting for the intake…"
for _ in $(seq 1 180); do
  included=$(curl -fsS "$base/api/totals/$year" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["operations"])' 2>/dev/null || echo 0)
  [[ $included -ge $target ]] && break
  sleep 2
done
echo "operations in the totals: $included"

echo "== cached: GET /api/totals/$year"
wrk -t2 -c32 -d"$duration" --latency "$base/api/totals/$year"
echo "== uncached baseline: GET /dev/totals/$year/uncached"
wrk -t2 -c32 -d"$duration" --latency "$base/dev/totals/$year/uncached"
