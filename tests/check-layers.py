#!/usr/bin/env python3
"""check-layers.py - the module graph, derived from the #include lines,
has no cycle, and no folder reaches above its layer.

A module is a .c file under src/ with the header of the same name, when
there is one (src/core/store.c and include/store.h are module
"core/store").  A header with no .c of its name (outaged.h, daemon.h, a
folder's internal header) belongs to no module: what it includes counts
for the files that include it.  Module A depends on B when a file of A
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
LAYER_OF_HEADER = {"outaged.h": "core", "daemon.h": "daemon",
                   "crashpoint.h": "core"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def files():
    for top in ("src", "include"):
        for root, _, names in os.walk(top):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    yield os.path.join(root, n)


def main():
    paths = list(files())
    problems = []
    # .c files by base name: "store" -> ["src/core/store.c"]
    sources = {}
    for p in paths:
        if p.endswith(".c"):
            sources.setdefault(os.path.basename(p)[:-2], []).append(p)

    def module_key(c_path):             # "core/store"
        return os.path.relpath(c_path, "src")[:-2]

    def module_of_header(h):
        """The module a header belongs to, or None for a header alone."""
        base = os.path.basename(h)[:-2]
        if h.startswith("src" + os.sep):
            c = h[:-2] + ".c"
            return module_key(c) if os.path.exists(c) else None
        cs = sources.get(base, [])
        if len(cs) > 1:
            problems.append("%s could belong to any of %s: rename one"
                            % (h, ", ".join(cs)))
        return module_key(cs[0]) if cs else None

    def layer_of_file(path):
        parts = path.split(os.sep)
        if parts[0] == "src":
            if len(parts) < 3 or parts[1] not in ALLOWED:
                problems.append("%s is in no layer's folder (%s)" % (
                    path, ", ".join("src/" + k for k in ALLOWED)))
                return None
            return parts[1]
        mod = module_of_header(path)
        if mod is not None:
            return layer_of_file(os.path.join("src", mod + ".c"))
        layer = LAYER_OF_HEADER.get(os.path.basename(path))
        if layer is None:
            problems.append("%s has no .c and no layer in LAYER_OF_HEADER"
                            % path)
        return layer

    headers = {}
    for p in paths:
        if p.endswith(".h"):
            headers.setdefault(os.path.basename(p), []).append(p)

    def resolve(from_path, inc):
        here = os.path.join(os.path.dirname(from_path), inc)
        if os.path.exists(here):
            return [os.path.normpath(here)]
        return [h for h in headers.get(os.path.basename(inc), [])
                if h.startswith("include" + os.sep)]

    includes = {}
    for p in paths:
        text = open(p, encoding="utf-8").read()
        includes[p] = [t for inc in INCLUDE.findall(text)
                       for t in resolve(p, inc)]
        la = layer_of_file(p)
        for t in includes[p]:
            lb = layer_of_file(t)
            if la and lb and lb not in ALLOWED.get(la, set()):
                problems.append("%s (%s) includes %s (%s): %s may use "
                                "only %s" % (p, la, t, lb, la,
                                             ", ".join(sorted(ALLOWED[la]))))

    # A module's dependencies: what its .c and its header include, seen
    # through headers that belong to no module.
    graph = {}
    for c_list in sources.values():
        for c in c_list:
            mod = module_key(c)
            own = [c] + [h for hs in headers.values() for h in hs
                         if module_of_header(h) == mod]
            deps, seen, todo = set(), set(), list(own)
            while todo:
                f = todo.pop()
                for t in includes.get(f, []):
                    if t in seen:
                        continue
                    seen.add(t)
                    m = module_of_header(t)
                    if m is None:
                        todo.append(t)      # a header alone: look inside
                    elif m != mod:
                        deps.add(m)
            graph[mod] = deps

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
        for p in sorted(set(problems)):
            print("check-layers: " + p)
        return 1
    edges = sum(len(s) for s in graph.values())
    print("check-layers: ok (%d modules, %d dependencies, no cycle)"
          % (len(graph), edges))
    return 0


if __name__ == "__main__":
    sys.exit(main())
