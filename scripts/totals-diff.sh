#!/usr/bin/env bash
# Proves a change leaves the totals alone: computes the totals JSON, csv and xlsx cells of samples/ with the core of
# <base> (default: main) and with the working tree's core (scripts/totals-snapshot), and compares them byte for byte.
# Exit 0 and "no differences" when identical; otherwise the differing files, pretty-printed for reading.
#   scripts/totals-diff.sh [base-commit]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
base="$(git -C "$root" rev-parse --short "${1:-main}")"
work="$(mktemp -d /tmp/totals-diff.XXXXXX)"
trap 'rm -rf "$work"' EXIT

git -C "$root" archive "$base" | tar -x -C "$work" --one-top-level=base
mkdir -p "$work/base/scripts" && cp -r "$root/scripts/totals-snapshot" "$work/base/scripts/"
rm -rf "$work/base/scripts/totals-snapshot/bin" "$work/base/scripts/totals-snapshot/obj"

snapshot() { dotnet run -c Release --project "$1/scripts/totals-snapshot" -- "$root/samples" "$2" >/dev/null; }
snapshot "$work/base" "$work/before"
snapshot "$root" "$work/after"

status=0
for file in "$work"/before/*; do
  name="$(basename "$file")"
  if ! cmp -s "$file" "$work/after/$name"; then
    status=1
    echo "differs: $name"
    if [[ "$name" == *.json ]]; then
      diff <(/usr/bin/python3 -m json.tool "$file") <(/usr/bin/python3 -m json.tool "$work/after/$name") || true
    else
      diff "$file" "$work/after/$name" || true
    fi
  fi
done
[[ "$(ls "$work/before")" == "$(ls "$work/after")" ]] || { status=1; echo "different files: $(ls "$work/before") / $(ls "$work/after")"; }
if [[ $status -eq 0 ]]; then
  echo "no differences between $base and the working tree: $(ls "$work/after" | tr '\n' ' ')"
fi
exit $status
