#!/usr/bin/env python3
"""The architecture's counts (docs/architecture.md, docs/performance.md), printed from the working tree:

1. raw table access outside core/Storage: uses of Azure's untyped `TableEntity` (not `ITableEntity`, the interface every
   typed row implements) and table property names typed as strings (`GetString("Status")`, `["Status"] = …`), by file,
   in core/, functions/ and devhost/;
2. namespace cycles among core's feature folders (scripts/namespace-cycles.py's verdict);
3. user-facing literals written twice. The rule: a Swedish text is a string literal of core/ or functions/ (tests and
   comments left out) that holds a letter and a space; it is duplicated when the same text appears in two or more
   places. Two lists: (a) label texts of the catalogue (core/Intake/WorkbookLabels.cs, core/Intake/Dimensions.cs) typed
   again outside it; (b) limits written into texts as numbers with a Swedish thousands space ("4 000"), which belong in
   one constant or setting — every place counts. Exit status is 0 whatever the counts: they are numbers to read;
   namespace-cycles.py and the tests are the gates;
4. storage requests per accepted report of a national year, from the last run of scripts/storage-requests.py
   (/tmp/storage-requests/last.json), when there is one.

usage: scripts/architecture-counts.py [TREE]   (TREE: another checkout to count in, e.g. a `git archive` of the base)
"""
import collections, json, os, re, subprocess, sys

SCRIPTS = os.path.abspath(os.path.dirname(__file__))
ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(SCRIPTS)
CATALOGUE = ["core/Intake/WorkbookLabels.cs", "core/Intake/Dimensions.cs"]
LITERAL = re.compile(r'(?<![\w@$])"((?:[^"\\\n]|\\.)*)"')


def sources(*folders):
    for folder in folders:
        for d, dirs, names in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = [x for x in dirs if x not in ("bin", "obj")]
            for n in names:
                if n.endswith(".cs"):
                    path = os.path.join(d, n)
                    yield os.path.relpath(path, ROOT), open(path, encoding="utf-8").read()


def code_only(text):
    """The text without // and /// comments (string literals containing // are rare enough here to ignore)."""
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in text.splitlines())


def raw_table_access():
    by_file = collections.Counter()
    names = collections.Counter()
    for path, text in sources("core", "functions", "devhost"):
        if path.startswith("core/Storage/"):
            continue
        code = code_only(text)
        by_file[path] += len(re.findall(r"(?<![\w.])(?:Azure\.Data\.Tables\.)?TableEntity\b", code))
        names[path] += len(re.findall(r'\.Get(?:String|Int32|Int64|Boolean|Double|DateTimeOffset|DateTime|Guid)\("\w+"\)', code))
        names[path] += len(re.findall(r'\["[A-Z]\w*"\]\s*=(?!=)', code)) if "TableEntity" in code else 0
    return {p: n for p, n in by_file.items() if n}, {p: n for p, n in names.items() if n}


def swedish_literals(folders, skip=()):
    found = collections.defaultdict(list)
    for path, text in sources(*folders):
        if path in skip:
            continue
        for i, line in enumerate(code_only(text).splitlines(), 1):
            for m in LITERAL.finditer(line):
                value = m.group(1)
                if " " in value.strip() and re.search(r"[A-Za-zÅÄÖåäö]", value):
                    found[value].append(f"{path}:{i}")
    return found


def duplicated_literals():
    catalogue = set()
    for path in CATALOGUE:
        for m in LITERAL.finditer(code_only(open(os.path.join(ROOT, path), encoding="utf-8").read())):
            if re.search(r"[A-Za-zÅÄÖåäö]", m.group(1)):
                catalogue.add(m.group(1))
    outside = swedish_literals(["core", "functions"], skip=CATALOGUE)
    labels = {text: places for text, places in outside.items() if text in catalogue}
    numbers = collections.defaultdict(list)
    for path, text in sources("core", "functions"):
        for i, line in enumerate(code_only(text).splitlines(), 1):
            for m in LITERAL.finditer(line):
                for number in re.findall(r"(?<![\d,])\d{1,3}(?: \d{3})+(?![\d])", m.group(1)):
                    numbers[number].append(f"{path}:{i}")
    numbers = {n: p for n, p in numbers.items() if len(p) > 1}
    return labels, numbers


def main():
    os.chdir(ROOT)
    raw, names = raw_table_access()
    print("1. Raw table access outside core/Storage")
    print(f"   TableEntity uses: {sum(raw.values())} in {len(raw)} files")
    for path, n in sorted(raw.items()):
        print(f"     {n:3d}  {path}")
    print(f"   table property names typed as strings: {sum(names.values())} in {len(names)} files")
    for path, n in sorted(names.items()):
        print(f"     {n:3d}  {path}")

    cycles = subprocess.run([sys.executable, os.path.join(SCRIPTS, "namespace-cycles.py"), os.path.join(ROOT, "core")], capture_output=True, text=True)
    print("2. Namespace cycles (scripts/namespace-cycles.py)")
    print("   " + (cycles.stdout.strip().splitlines() or ["?"])[-1])

    labels, numbers = duplicated_literals()
    print("3. User-facing literals written twice")
    print(f"   (a) catalogue labels typed outside core/Intake/WorkbookLabels.cs and Dimensions.cs: {len(labels)} texts, "
          f"{sum(len(p) for p in labels.values())} places")
    for text, places in sorted(labels.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]:
        print(f"     {len(places):3d}  \"{text}\"  ({', '.join(places[:3])}{', …' if len(places) > 3 else ''})")
    print(f"   (b) numbers with a thousands space in more than one text: {len(numbers)} numbers, "
          f"{sum(len(p) for p in numbers.values())} places")
    for number, places in sorted(numbers.items(), key=lambda kv: -len(kv[1])):
        print(f"     {len(places):3d}  \"{number}\"  ({', '.join(places[:4])}{', …' if len(places) > 4 else ''})")

    print("4. Storage requests per accepted report (scripts/storage-requests.py, last run)")
    last = "/tmp/storage-requests/last.json"
    if os.path.exists(last):
        data = json.load(open(last))
        for name in ("base", "new"):
            run = data[name]
            seconds = f"{run['seconds']:.2f} s" if run["seconds"] is not None else "n/a"
            scans = sum(run["runs"][-1]["scans"].values())
            intake = f" ({run['intake_per_report']:.1f} the intake's own)" if "intake_per_report" in run else ""
            print(f"   {name} {run['commit'][:7]}: {run['per_report']:.1f} per report{intake}, drop to totals {seconds}, "
                  f"{scans} scans on a non-key property ({data['count']} reports of {data['year']})")
    else:
        print("   no run yet: scripts/storage-requests.py")


if __name__ == "__main__":
    main()
