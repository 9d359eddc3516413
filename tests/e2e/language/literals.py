#!/usr/bin/env python3
"""Guard: no new user-facing prose written outside the message catalog.

Scans the C++ sources of core/, plugin/ and smoke/ for string literals that
read as prose (three or more words, two of them lower-case words in a row)
and are not SQL, comments, catalog ids or format-only strings. Every text a
person reads must come from po/<lang>/<area>.po through msg::tr, so each such
literal is a text that one language's output would show in English.

What is left today is counted per file in literals-baseline.json (a ratchet):
the test fails when a file holds more such literals than its baseline, or
when a file not in the baseline holds any. A line that ends with the comment
`// literal-ok: REASON` is not counted: for stable English names that are
identifiers, not texts (evidence values, the journal's spelling). Moving a
text into the catalog
lowers the count; run with --update to write the lower figures (the update
refuses to raise a count).

    literals.py ROOT              check (exit 1 and the new literals on failure)
    literals.py ROOT --update     lower the baseline to today's counts
    literals.py --selftest        the scanner's own cases
"""
import collections
import json
import os
import re
import sys

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")
PROSE = re.compile(r"[a-záéíóúñ]{3,} [a-záéíóúñ]{2,}")
SQL = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|SET|BEGIN|COMMIT|ROLLBACK|GRANT|"
    r"REVOKE|COPY|LOCK|VACUUM|ANALYZE|SHOW|TRUNCATE|FROM|WHERE|AND|OR|JOIN|ORDER|GROUP|VALUES|"
    r"RETURNING|LEFT|ON|CASE|WHEN|ELSE|END|coalesce|pg_|current_setting|UNION|NOT|IN)\b",
    re.I,
)
AREAS = ("core", "plugin", "smoke")
# The catalog machinery itself and generated tables.
SKIP_DIRS = {os.path.join("core", "messages")}


def prose_literals(line):
    """The prose literals of one source line (comments stripped)."""
    stripped = line.strip()
    if stripped.startswith(("//", "*", "/*", "#include", "#pragma")):
        return []
    if re.search(r"//\s*literal-ok: \S", line):
        return []
    out = []
    for m in LITERAL.finditer(line):
        # A literal after a // comment marker is part of the comment.
        before = line[: m.start()]
        if "//" in before and before.count('"') % 2 == 0:
            break
        text = m.group(1)
        if SQL.match(text):
            continue
        if len(WORD.findall(text)) >= 3 and PROSE.search(text):
            out.append(text)
    return out


def scan(root):
    found = collections.defaultdict(list)  # file -> [(line, text)]
    for area in AREAS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, area)):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = [d for d in dirnames if os.path.join(rel_dir, d) not in SKIP_DIRS]
            for name in sorted(filenames):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        for text in prose_literals(line):
                            found[rel].append((number, text))
    return found


def selftest():
    cases = [
        ('throw UsageError("VERSION is required, e.g. `compuerta tag 2.3.0`");', 1),
        ('inv.warn(fmt::format("{} was not created: fix what failed above", tag));', 1),
        ('msg::tr("release.tag.not_found", {{"tag", t}});', 0),
        ('s.query("SELECT tup_inserted::text FROM pg_stat_database WHERE datname = $1");', 0),
        ('// a comment that says "this is not code at all"', 0),
        ('x = f(); // "a quoted remark in a trailing comment"', 0),
        ('fmt::format("{}: {} ({} ms)", a, b, c);', 0),
        ('out += "la etiqueta aún no existe";', 1),
        ('{"latency_ms", "server_version", "renapo_status"}', 0),
        ('case X::a: return "certificate signed by an unknown CA"; // literal-ok: evidence value', 0),
        ('case X::a: return "certificate signed by an unknown CA"; // literal-ok:', 1),
    ]
    bad = 0
    for line, want in cases:
        got = len(prose_literals(line))
        if got != want:
            print(f"selftest: {line!r}: {got} prose literals, expected {want}")
            bad += 1
    print("selftest: ok" if bad == 0 else f"selftest: {bad} case(s) wrong")
    return 1 if bad else 0


def main(argv):
    if "--selftest" in argv:
        return selftest()
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    root = argv[0]
    baseline_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "literals-baseline.json")
    with open(baseline_path, encoding="utf-8") as f:
        baseline = json.load(f)
    found = scan(root)
    counts = {f: len(v) for f, v in found.items()}
    if "--update" in argv:
        raised = {f: c for f, c in counts.items() if c > baseline.get(f, 0)}
        if raised:
            for f, c in sorted(raised.items()):
                print(f"literals: {f}: {c} prose literals, baseline {baseline.get(f, 0)}: "
                      "move the new texts into the catalog instead of raising the baseline")
            return 1
        with open(baseline_path, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(counts.items())), f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"literals: baseline lowered to {sum(counts.values())} literals in {len(counts)} files")
        return 0
    failed = False
    for f in sorted(counts):
        allowed = baseline.get(f, 0)
        if counts[f] > allowed:
            failed = True
            print(f"literals: {f} has {counts[f]} user-facing literals outside the catalog "
                  f"(baseline {allowed}); put the new text in po/<lang>/<area>.po and use msg::tr:")
            for number, text in found[f]:
                print(f"  {f}:{number}: \"{text}\"")
    lower = sorted(f for f in baseline if counts.get(f, 0) < baseline[f])
    total = sum(counts.values())
    if failed:
        return 1
    print(f"literals: {total} prose literals left outside the catalog in {len(counts)} files "
          f"(baseline {sum(baseline.values())})")
    if lower:
        print(f"literals: {len(lower)} file(s) below their baseline; lower it with --update")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
