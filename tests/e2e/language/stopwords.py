#!/usr/bin/env python3
"""Counts words of the other language in what a demo run wrote (issue 12 item 5).

    stopwords.py LANG OUT_DIR TERMINAL_LOG CONFIG BASELINE [--update]

LANG is the language the run was asked for (es or en). Scans every output a
person reads: the terminal log, JUnit XML (names, messages, bodies), JSON
reports (message/detail/summary values), the notifications the webhook
received, the checklists and the post-mortem. Data values are excepted:
every string of the configuration (role names, check names written by the
team), quoted values, paths, URLs, identifiers (anything with a digit, dot,
slash, underscore, '=' or '@'), code spans and the plan's bilingual rows.

The count per output kind may not exceed BASELINE's (a JSON file: a ratchet
while the catalog migration is under way; the target is 0); --update
rewrites the baseline with today's counts. Prints the offending lines.
"""
import html
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# Function words that only occur in running prose of one language.
STOP = {
    # Spanish words an English output must not contain
    "en": {"de", "del", "la", "las", "el", "los", "que", "por", "para", "con", "una", "sin", "pero", "fue",
           "está", "están", "más", "también", "cuando", "desde", "hasta", "según", "falló", "pasó",
           "omitida", "omitidas", "verificación", "verificaciones", "ejecución", "no", "se", "es", "y"},
    # English words a Spanish output must not contain
    "es": {"the", "and", "of", "to", "is", "was", "with", "for", "from", "not", "has", "have", "been",
           "this", "that", "which", "could", "would", "should", "failed", "passed", "skipped", "before",
           "after", "missing", "found", "cannot", "expected", "got", "warned", "checks", "finished",
           "waiting", "done", "yet", "does", "exist", "answer", "since"},
}
# "no" and "se" are also English/Spanish data words; "no" is English too.
STOP["en"] -= {"no"}

WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+(?:'[a-z]+)?")
DATA = [
    re.compile(r'"[^"\n]*"'), re.compile(r"“[^”\n]*”"), re.compile(r"`[^`\n]*`"), re.compile(r"'[^'\n]*'"),
    re.compile(r"\b\w+://\S+"), re.compile(r"\S*[/\\]\S*"), re.compile(r"\S*[0-9_=@.]\S*"),
    re.compile(r"\$\{[^}]*\}"),
    re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*"),  # a flag (--from-dump, -j): the interface's names
    re.compile(r"\b(?:es|en)\s*(?:\||,|\bor\b|\bo\b)\s*(?:es|en)\b"),  # the language codes: "es or en", "es|en"
    re.compile(r"\b[a-z_]+:(?=\s|$)"),  # an evidence key or field name ("answer:"), an identifier
    # A PostgreSQL server message ("ERROR:  null value in column ...", or
    # folded onto one line by the session adapter: "ERROR: null value ...
    # DETAIL: ..."): the server's words in its own lc_messages, a data value.
    re.compile(r"\b(?:ERROR|FATAL|PANIC|WARNING|DETAIL|HINT):  ?[^\n]*"),
]


def config_strings(path):
    """Every scalar string of the configuration (data the team wrote)."""
    out = set()
    try:
        import yaml  # noqa: F401  (PyYAML may be missing: fall back to a line scan)
    except ImportError:
        yaml = None
    text = pathlib.Path(path).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split(" #")[0]
        m = re.match(r'\s*-?\s*[\w.-]*:?\s*(.+)$', line)
        if not m:
            continue
        value = m.group(1).strip().strip('"').strip("'")
        value = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)
        if len(value) >= 4 and " " in value:
            out.add(value)
            for part in re.split(r"[,\[\]]", value):
                part = part.strip().strip('"').strip("'")
                if len(part) >= 4:
                    out.add(part)
    return sorted(out, key=len, reverse=True)


def strip_data(line, data):
    for d in data:
        if d in line:
            line = line.replace(d, " ")
    for rx in DATA:
        line = rx.sub(" ", line)
    return line


def xml_texts(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return []
    out = []
    for el in root.iter():
        for attr in ("name", "message"):
            if attr in el.attrib and el.tag in ("testcase", "testsuite", "failure", "error", "skipped"):
                out.append(el.attrib[attr])
        if el.text and el.tag in ("failure", "error", "skipped", "system-out", "system-err"):
            out.extend(el.text.splitlines())
    return out


def json_texts(obj, keys=("message", "detail", "summary", "text", "subject", "body", "advice", "title")):
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in keys and isinstance(v, str):
                out.extend(v.splitlines())
            else:
                out.extend(json_texts(v, keys))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(json_texts(v, keys))
    return out


def html_texts(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "\n", text)
    return [html.unescape(t) for t in text.splitlines()]


def outputs(out_dir, terminal):
    kinds = {}
    if terminal:
        lines = pathlib.Path(terminal).read_text(encoding="utf-8", errors="replace").splitlines()
        ansi = re.compile(r"\x1b\[[0-9;]*m")
        # compuerta's own lines only: the demo's narration (── stage, $ command,
        # → exit, ✔ checks) is the script's, not compuerta's.
        own = [ansi.sub("", l) for l in lines]
        own = [l for l in own if l.strip() and not re.match(r"\s*(──|\$ |→|✔|✘|==|demo:|\[)", l)]
        # The machine's own noise, not compuerta's: a PostgreSQL tool run as
        # another user from a directory that user cannot enter (CI's clones).
        own = [l for l in own if "could not change directory to" not in l]
        kinds["terminal"] = own
    for p in sorted(pathlib.Path(out_dir).rglob("*")):
        if not p.is_file() or "journal" in p.parts:
            continue
        if p.suffix == ".xml":
            kinds.setdefault("junit", []).extend(xml_texts(p))
        elif p.suffix == ".json":
            try:
                kinds.setdefault("json", []).extend(json_texts(json.loads(p.read_text(encoding="utf-8"))))
            except ValueError:
                pass
        elif p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                try:
                    kinds.setdefault("notifications", []).extend(json_texts(json.loads(line)))
                except ValueError:
                    pass
        elif p.suffix == ".md":
            kinds.setdefault("checklist" if "checklist" in p.name else "postmortem", []).extend(
                p.read_text(encoding="utf-8").splitlines())
        elif p.suffix == ".html":
            kinds.setdefault("checklist-html", []).extend(html_texts(p))
    return kinds


def selftest():
    """The scanner's own cases: prose counts, data and identifiers do not."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        out = pathlib.Path(d) / "out"
        out.mkdir()
        (out / "checklist.md").write_text("| 6.2 | hecho | answer: RENAPO found the CURP |\n"
                                           "| 3.4 | La etiqueta v1.1.0 aún no existe: v1.1.0 does not exist yet |\n"
                                           "| 1.2 | Líder de Despliegue | `the and of` | \"with data\" | /srv/the/path |\n",
                                           encoding="utf-8")
        (out / "smoke.json").write_text(json.dumps({"checks": [{"id": "the", "message": "conectado en 25 ms"}]}))
        cfg = pathlib.Path(d) / "c.yml"
        cfg.write_text('plan:\n  roles:\n    lider: ["Líder de Despliegue"]\n', encoding="utf-8")
        base = pathlib.Path(d) / "b.json"
        base.write_text(json.dumps({"es": {"checklist": 0, "json": 0}}))
        kinds = outputs(out, None)
        data = config_strings(cfg)
        found = [w for line in kinds["checklist"] for w in WORD.findall(strip_data(line, data)) if w.lower() in STOP["es"]]
        assert found == ["found", "the", "does", "not", "exist", "yet"], found
        found_json = [w for line in kinds["json"] for w in WORD.findall(strip_data(line, data)) if w.lower() in STOP["es"]]
        assert found_json == [], found_json
    print("stopwords: selftest passed")
    return 0


def main():
    if "--selftest" in sys.argv:
        return selftest()
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    update = "--update" in sys.argv
    # --key=NAME: the baseline entry (default: the language), e.g. "es-read-in-en"
    # for a Spanish run's checklist rendered in English from its journal.
    key = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--key=")), None)
    lang, out_dir, terminal, config, baseline_path = args
    if terminal == "-":
        terminal = None
    data = config_strings(config)
    stop = STOP[lang]
    counts, examples = {}, {}
    for kind, lines in outputs(out_dir, terminal).items():
        n = 0
        for line in lines:
            words = [w for w in WORD.findall(strip_data(line, data)) if w.lower() in stop and not w.isupper()]
            if words:
                n += len(words)
                examples.setdefault(kind, []).append((words, line.strip()[:160]))
        counts[kind] = n
    baseline_file = pathlib.Path(baseline_path)
    baseline = json.loads(baseline_file.read_text()) if baseline_file.exists() else {}
    if update:
        baseline[key or lang] = counts
        baseline_file.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
        print(f"stopwords: baseline for {key or lang} written: {counts}")
        return 0
    status = 0
    allowed = baseline.get(key or lang, {})
    for kind in sorted(counts):
        n, limit = counts[kind], allowed.get(kind, 0)
        verdict = "ok" if n <= limit else "MORE THAN THE BASELINE"
        print(f"stopwords {key or lang} {kind}: {n} other-language words (baseline {limit}) {verdict}")
        if n > limit:
            status = 1
            for words, line in examples.get(kind, [])[:15]:
                print(f"    {','.join(words)}: {line}")
        elif n < limit:
            print(f"    fewer than the baseline: lower it (UPDATE_BASELINE=1)")
    return status


if __name__ == "__main__":
    sys.exit(main())
