#!/bin/sh
# Stands in for a compuerta command the pipeline template runs (installed as
# compuerta-gate-release, compuerta-db-backup, ...): records its call in
# $STATE/calls.log and journals what the real command would, so the real
# compuerta-deploy and compuerta-rollback see a real journal.
# $STATE/deployed.txt is the "application"; smoke fails while the bad release
# ($STATE/bad-release names it) is deployed.
name=$(basename "$0")
journal=${COMPUERTA_JOURNAL:-compuerta-journal}
junit=""
report=""
output=""
prev=""
for a in "$@"; do
  case "$prev" in --junit) junit=$a ;; --journal) journal=$a ;; --json) report=$a ;; -o) output=$a ;; esac
  prev=$a
done
echo "$name $*" >> "$STATE/calls.log"
mkdir -p "$journal"
run=${COMPUERTA_RUN:-${CI_PIPELINE_ID:-local}}
event() { # event item status [extra json fields]
  printf '{"ts":"%s","run":"%s","job":"%s","event":"%s","item":"%s","command":"%s","status":"%s","summary":"stub"%s}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$run" "${CI_JOB_ID:-stub}" "$1" "$2" "$name" "$3" "${4:-}" \
    >> "$journal/$run-stub-$$.jsonl"
}
junit() { # status testcase-name
  [ -n "$junit" ] || return 0
  body=""
  [ "$1" = fail ] && body='<failure type="fail" message="stub">stub failure</failure>'
  printf '<testsuites><testsuite name="compuerta.%s" tests="1"><properties><property name="run" value="%s"/></properties><testcase classname="stub" name="%s" time="0">%s</testcase></testsuite></testsuites>\n' \
    "$name" "$run" "$2" "$body" > "$junit"
}
report() { # status: the --json report the rollback reads back
  [ -n "$report" ] || return 0
  printf '{"exit_code":0,"suites":[{"name":"compuerta.%s","checks":[{"id":"stub","item":"","name":"%s","status":"%s","message":"stub","evidence":{"changed":true}}]}]}\n' \
    "$name" "$name" "$1" > "$report"
}
[ -n "$output" ] && echo "# $name (stub)" > "$output"
case "$name" in
  compuerta-maintenance)
    [ "$1" = on ] && event maintenance.on 2 ok
    [ "$1" = off ] && event maintenance.off 7.1 ok ;;
  compuerta-db-backup)
    mkdir -p "$STATE/backup"
    echo "dump of $run" > "$STATE/backup/dump.bin"
    size=$(wc -c < "$STATE/backup/dump.bin")
    printf '{"database":"sep","verified":true,"previous_tag":"","files":[{"path":"dump.bin","bytes":%s,"sha256":"x"}]}\n' \
      "$size" > "$STATE/backup/manifest.json"
    event backup.done 2.2 ok ",\"manifest\":\"$STATE/backup/manifest.json\",\"verified\":true"
    junit pass "2.2 Backup" ;;
  compuerta-db-migrate)
    event migrate.done 3 ok ',"applied":["2"]'
    junit pass "3 Migraciones" ;;
  compuerta-smoke)
    if [ -f "$STATE/bad-release" ] && [ "$(cat "$STATE/deployed.txt" 2>/dev/null)" = "$(cat "$STATE/bad-release")" ]; then
      event check 6.3 fail ',"check":"inscripcion"'
      junit fail "6.3 Inscripción"
      report fail
      exit 1
    fi
    event check 6.3 pass ',"check":"inscripcion"'
    junit pass "6.3 Inscripción" ;;
  compuerta-gate-*)
    junit pass "3.3 Gate" ;;
esac
report pass
exit 0
