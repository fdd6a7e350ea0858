#!/usr/bin/env python3
"""check-layers.py - the module graph, derived from the #include lines,
has no cycle, and no folder reaches above its layer.

A module is a .c file under src/ with the header of the same name, when
there is one (src/core/store.c and include/store.h are module "store").  A
header with no .c of its name is a module of its own (outaged.h, daemon.h,
a folder's internal header).  Module A depends on B when a file of A
includes B's header.

Layers, lowest first; a module may depend on modules of its own layer and
of the layers it lists (README, "Layout"):
    core     (src/core)     nothing else
    extract  (src/extract)  core
    news     (src/news)     core, extract
    daemon   (src/daemon)   core, extract, news
    ctl      (src/ctl)      core, extract
A header with no .c names its layer in LAYER_OF_HEADER below.

Prints the offending edges or the cycle and exits 1; else one line, exit 0.
Run from the top of the tree: tests/check-layers.py
"""
import os
import re
import sys

ALLOWED = {
    "core": {"core"},
    "extract": {"core", "extract"},
    "news": {"core", "extract", "news"},
    "daemon": {"core", "extract", "news", "daemon"},
    "ctl": {"core", "extract", "ctl"},
}
# headers without a .c of their own name
LAYER_OF_HEADER = {"outaged.h": "core", "daemon.h": "daemon"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def files():
    for top in ("src", "include"):
        for root, _, names in os.walk(top):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    yield os.path.join(root, n)


def main():
    paths = list(files())
    sources = {os.path.basename(p)[:-2]: p for p in paths if p.endswith(".c")}
    dup = [p for p in paths if p.endswith(".c") and
           sources[os.path.basename(p)[:-2]] != p]
    problems = []
    if dup:
        problems.append("two .c files share a module name: " + ", ".join(dup))

    def module_of(path):
        base = os.path.basename(path)[:-2]
        if base in sources:
            return base
        return os.path.basename(path)       # a header-only module

    def layer_of(path):
        mod = module_of(path)
        parts = (sources[mod] if mod in sources else path).split(os.sep)
        if parts[0] == "src":
            if len(parts) < 3 or parts[1] not in ALLOWED:
                problems.append("%s is in no layer's folder (%s)" % (
                    path, ", ".join("src/" + k for k in ALLOWED)))
                return None
            return parts[1]
        layer = LAYER_OF_HEADER.get(os.path.basename(path))
        if layer is None:
            problems.append("%s has no .c and no layer in LAYER_OF_HEADER"
                            % path)
        return layer

    by_name = {}
    for p in paths:
        if p.endswith(".h"):
            by_name.setdefault(os.path.basename(p), []).append(p)

    graph = {}
    layer = {}
    for p in paths:
        a = module_of(p)
        layer[a] = layer_of(p)
        graph.setdefault(a, set())
        text = open(p, encoding="utf-8").read()
        for inc in INCLUDE.findall(text):
            here = os.path.join(os.path.dirname(p), inc)
            targets = [here] if os.path.exists(here) else \
                by_name.get(os.path.basename(inc), [])
            for t in targets:
                b = module_of(t)
                if b != a:
                    graph[a].add(b)
                    layer[b] = layer_of(t)
                    edge_from = p

                    la, lb = layer_of(p), layer[b]
                    if la and lb and lb not in ALLOWED.get(la, set()):
                        problems.append("%s (%s) includes %s (%s): %s may "
                                        "use only %s" % (
                                            edge_from, la, t, lb, la,
                                            ", ".join(sorted(ALLOWED[la]))))

    # cycles: Tarjan's strongly connected components
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    for comp in sccs:
        problems.append("include cycle among modules: " + " <-> ".join(comp))

    if problems:
        for p in problems:
            print("check-layers: " + p)
        return 1
    edges = sum(len(s) for s in graph.values())
    print("check-layers: ok (%d modules, %d dependencies, no cycle)"
          % (len(graph), edges))
    return 0


if __name__ == "__main__":
    sys.exit(main())
