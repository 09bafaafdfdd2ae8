#!/usr/bin/env bash
# A national year from drop to totals (docs/performance.md, "A national year from drop to totals").
# Needs a running devhost (Release) without samples:
#   dotnet run -c Release --project devhost -- --no-samples
# then: scripts/load-national-year.sh [year] [count]      (defaults: 2019 110)
# Drops COUNT distinct valid reports for YEAR as blobs straight into reports/{year}/{county}/{name}.xlsx on Azurite
# (devstoreaccount1, 127.0.0.1:10000), and prints the time from the first blob written until GET /api/totals/{year}
# includes all of them, next to the time to write the blobs alone (the baseline, same run). The year must have no
# reports yet; pick another year (2013 onwards) to run again without restarting.
set -euo pipefail
cd "$(dirname "$0")/.."
year=${1:-2019}
count=${2:-110}
# --no-build: devhost's Release build is running and is the one to use; building it again under it would fail.
exec dotnet run -c Release --no-build --project devhost -- drop-year "$year" "$count"
