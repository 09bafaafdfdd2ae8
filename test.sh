#!/usr/bin/env bash
# The README's test command. On a machine with only the .NET SDK and Node.js it installs what the tests need
# (Azurite with npm; Chromium, LibreOffice, poppler-utils (pdftoppm) and openpyxl with apt-get when missing and the user may install packages),
# runs every test, and prints the totals read from the TRX files as the last line ("N passed, N failed[, N skipped]").
#
#   ./test.sh                                        every test
#   ./test.sh --filter "FullyQualifiedName~Template" extra arguments go to `dotnet test`
#
# Environment:
#   POINTAKE_NO_INSTALL=1            never install Debian packages; name the command and stop instead
#   POINTAKE_PRETEND_MISSING="a b"   treat these tools as absent (chromium, soffice, openpyxl), to try the install path
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests drive Debian's Chromium through Playwright's node driver (shipped in the NuGet package): no browser download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf 'test.sh: %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 2; }

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH; install the .NET 10 SDK and Node.js first (README, Quick start)."
done

# Azurite (the storage tests start it from node_modules): install when node_modules is missing or older than the lock file.
if [[ ! -x node_modules/.bin/azurite || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm ci (Azurite)"
  npm ci --no-audit --no-fund
fi

# Debian packages the tests use: tool -> how to find it, and the packages that bring it.
pretending() { [[ " ${POINTAKE_PRETEND_MISSING:-} " == *" $1 "* ]]; }
present() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 ;;
    soffice) command -v soffice >/dev/null 2>&1 ;;
    pdftoppm) command -v pdftoppm >/dev/null 2>&1 ;;
    openpyxl) /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 ;;
  esac
}
packages_of() {
  case "$1" in
    chromium) echo "chromium" ;;
    soffice) echo "libreoffice-calc-nogui libreoffice-writer-nogui" ;;
    pdftoppm) echo "poppler-utils" ;;
    openpyxl) echo "python3-openpyxl" ;;
  esac
}

missing=()
for tool in chromium soffice pdftoppm openpyxl; do
  if pretending "$tool"; then
    say "pretending '$tool' is missing (POINTAKE_PRETEND_MISSING)"
  elif present "$tool"; then
    continue
  fi
  read -r -a pkgs <<<"$(packages_of "$tool")"
  missing+=("${pkgs[@]}")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  install="apt-get update && apt-get install -y ${missing[*]}"
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    as_root=(none)
  fi
  if [[ "${POINTAKE_NO_INSTALL:-0}" == 1 || "${as_root[*]}" == none ]] || ! command -v apt-get >/dev/null 2>&1; then
    reason="you may not install packages here (not root, no passwordless sudo)"
    [[ "${POINTAKE_NO_INSTALL:-0}" == 1 ]] && reason="POINTAKE_NO_INSTALL=1 forbids installing them"
    command -v apt-get >/dev/null 2>&1 || reason="there is no apt-get here; install the same packages with your package manager"
    fail "the tests need Debian packages that are missing (${missing[*]}) and $reason. Install them with:
    sudo sh -c '$install'
  then run ./test.sh again."
  fi
  say "installing ${missing[*]}"
  "${as_root[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y "${missing[@]}"
  for tool in chromium soffice openpyxl; do
    present "$tool" || fail "'$tool' is still missing after installing ${missing[*]}."
  done
fi

rm -rf TestResults
set +e
dotnet test PoIntake.sln --logger trx --results-directory TestResults "$@"
status=$?
set -e

passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=(TestResults/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters" | head -n 1; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done

if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "No TRX results in TestResults/ (did the build fail?)" >&2
  [[ $status -eq 0 ]] && status=1
fi
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1  # the run failed outside any test (build error, crashed test host): never report it as green
fi

summary="$passed passed, $failed failed"
if [[ $skipped -gt 0 ]]; then
  summary="$summary, $skipped skipped"
fi
echo "$summary"
exit $(( status != 0 ? status : (failed > 0 ? 1 : 0) ))
