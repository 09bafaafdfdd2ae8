#!/usr/bin/env python3
"""Lists which namespaces of core/ use which (using directives, aliases and qualified names such as `Intake.Fact`), and
every cycle among them. Exit 1 when there is a cycle.
  scripts/namespace-cycles.py [folder] [feature|full]
feature (default) groups the namespaces by core's feature folder (PoIntake.Core.Intake.Parsing counts as Intake);
full keeps every namespace apart."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'core')
level = sys.argv[2] if len(sys.argv) > 2 else 'feature'
files = [os.path.join(d, f) for d, _, names in os.walk(root) if '/bin' not in d and '/obj' not in d
         for f in names if f.endswith('.cs')]
namespace_of = {}
for f in files:
    m = re.search(r'^namespace\s+([\w.]+)', open(f, encoding='utf-8').read(), re.M)
    if m:
        namespace_of[f] = m.group(1)
known = set(namespace_of.values())


def node(namespace):
    return namespace if level == 'full' else '.'.join(namespace.split('.')[:3])


edges = {}
for f, namespace in namespace_of.items():
    code = re.sub(r'//.*', '', open(f, encoding='utf-8').read())
    used = set(re.findall(r'^using\s+(?:static\s+)?(?:\w+\s*=\s*)?(PoIntake\.Core[\w.]*);', code, re.M))
    used |= set(re.findall(r'\b(PoIntake\.Core\.\w+(?:\.\w+)*)\.[A-Z]', code))
    for target in known:
        short = target[len('PoIntake.Core.'):] if target.startswith('PoIntake.Core.') else None
        if short and re.search(r'(?<![\w.])' + re.escape(short) + r'\.[A-Z]\w*', code):
            used.add(target)
    for name in used:
        candidates = [n for n in known if name == n or name.startswith(n + '.')]
        if candidates:
            a, b = node(namespace), node(max(candidates, key=len))
            if a != b:
                edges.setdefault(a, {}).setdefault(b, set()).add(os.path.relpath(f, root))

for a in sorted(edges):
    for b in sorted(edges[a]):
        print(f'{a} -> {b}   ({", ".join(sorted(edges[a][b]))})')

# Tarjan's strongly connected components: a component of more than one namespace is a cycle.
index, low, stack, on_stack, cycles, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on_stack.add(v)
    for w in edges.get(v, {}):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            component.append(w)
            if w == v:
                break
        if len(component) > 1:
            cycles.append(sorted(component))


for v in sorted(set(edges) | {b for a in edges for b in edges[a]}):
    if v not in index:
        visit(v)
print('cycles: ' + ('; '.join(' <-> '.join(c) for c in cycles) if cycles else 'none'))
sys.exit(1 if cycles else 0)
