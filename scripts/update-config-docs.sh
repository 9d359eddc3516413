#!/usr/bin/env bash
# Regenerates the key reference in docs/configuration.md from the schema
# (`compuerta config check --reference`). Run after changing a section in
# core/config/sections/ or a check kind's declaration (smoke/checks/); the
# unit test ConfigDocs.ReferenceIsCurrent fails until you do.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/dev/bin}
doc="$root/docs/configuration.md"
ref=$("$bin/compuerta" config check --reference --lang en --journal "$(mktemp -d)")
python3 - "$doc" "$ref" <<'PY'
import sys
path, ref = sys.argv[1], sys.argv[2]
text = open(path).read()
start, end = "<!-- reference:start -->", "<!-- reference:end -->"
a, b = text.index(start) + len(start), text.index(end)
open(path, "w").write(text[:a] + "\n" + ref.strip("\n") + "\n" + text[b:])
PY
