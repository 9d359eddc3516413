#!/usr/bin/env bash
# The demo: the whole SEP-MUSES deployment plan, fully local (loopback only).
#
#   1. setup: a throwaway PostgreSQL with sep_muses, the RENAPO simulator, a
#      fake GitLab issues API, a webhook receiver (the stakeholders), the
#      public front with the maintenance page, a git repository of SEP-MUSES,
#      a releases directory, and release v0.9.0 running;
#   2. the good release v1.0.0 through every stage, in DESIGN.md's pipeline
#      order;
#   3. the bad release v1.1.0 (a migration that breaks the inscripción
#      transaction): smoke fails, `compuerta rollback` restores the database,
#      redeploys v1.0.0, verifies, switches maintenance off, tells the
#      stakeholders and writes the post-mortem;
#   4. verification: business tables identical to before v1.1.0, v1.0.0
#      deployed, maintenance off, the messages received, the checklist and
#      the post-mortem.
#
# Exit 0 only when every stage ended as expected and every verification held.
# Output: demo-output/ (per release: journal/, JUnit per stage, checklist.md
# and .html; the post-mortem of v1.1.0). No standard input is read.
#
# Environment: COMPUERTA_DEMO_BIN=DIR uses already built binaries (skips the
# install and the build); COMPUERTA_DEMO_KEEP=1 keeps the temp directory;
# COMPUERTA_DEMO_OUT=DIR writes the output there instead of demo-output/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
exec </dev/null
out="${COMPUERTA_DEMO_OUT:-$root/demo-output}"

if [ -t 1 ]; then B=$'\033[1m' G=$'\033[32m' R=$'\033[31m' N=$'\033[0m'; else B='' G='' R='' N=''; fi
# The narration speaks the demo's language: COMPUERTA_LANG, else the example
# configuration's (lang: es). t ENGLISH SPANISH prints the one that applies.
demo_lang=${COMPUERTA_LANG:-es}
t() { if [ "$demo_lang" = en ]; then printf '%s' "$1"; else printf '%s' "$2"; fi; }
section() { printf '\n%s════ %s ════%s\n' "$B" "$*" "$N"; }
note() { printf '%s\n' "$*"; }
die() { printf '\n%sdemo: %s%s\n' "$R" "$*" "$N" >&2; exit 1; }

# ---------------------------------------------------------------- build
if [ -z "${COMPUERTA_DEMO_BIN:-}" ]; then
    section "dependencies"
    scripts/install-deps.sh
    note "(no npm tools needed: scripts/setup-test-tools.sh is for the test suite)"
    section "build (release preset)"
    cmake --preset release >/dev/null
    cmake --build --preset release -j2 | tail -n 1
    bin="$root/build/release/bin"
else
    bin=$COMPUERTA_DEMO_BIN
fi
export PATH="$bin:$PATH"
for p in compuerta compuerta-renapo-sim sep-muses-app compuerta-rollback compuerta-db-restore; do
    [ -x "$bin/$p" ] || die "$bin/$p is missing: build with cmake --preset release && cmake --build --preset release"
done
started=$(date +%s.%N)

# ---------------------------------------------------------------- stages
failures=0
# stage TITLE ITEM EXPECTED_EXIT COMMAND...: run one pipeline stage, print its
# title, plan item, command and exit code; an unexpected exit code counts.
stage() {
    local title=$1 item=$2 want=$3 rc
    shift 3
    printf '\n%s── %s%s  [plan %s]\n' "$B" "$title" "$N" "$item"
    local shown=() a
    for a in "$@"; do
        case $a in *[[:space:]]*) shown+=("'$a'") ;; *) shown+=("$a") ;; esac
    done
    printf '$ %s\n' "${shown[*]}"
    set +e
    "$@"
    rc=$?
    set -e
    if [ "$rc" -eq "$want" ]; then
        printf '%s→ %s %d (%s)%s\n' "$G" "$(t exit salida)" "$rc" "$(t expected esperada)" "$N"
    else
        printf '%s→ %s %d, %s %d%s\n' "$R" "$(t exit salida)" "$rc" "$(t expected "se esperaba")" "$want" "$N"
        failures=$((failures + 1))
        [ "${STRICT:-1}" = 1 ] && die "stage \"$title\" ended with exit $rc, not $want"
    fi
    return 0
}
check() { # check DESCRIPTION COMMAND...: a verification of step 4
    if "${@:2}"; then printf '%s✔ %s%s\n' "$G" "$1" "$N"; else printf '%s✘ %s%s\n' "$R" "$1" "$N"; failures=$((failures + 1)); fi
}

# ---------------------------------------------------------------- setup
work=$(mktemp -d /tmp/compuerta-demo.XXXXXX)
pids=()
cleanup() {
    set +e
    SEP_MUSES_RUN_DIR="$work/run" examples/sep-muses/app/stop.sh >/dev/null 2>&1
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    scripts/pg-tmp.sh stop "$work/pg" >/dev/null 2>&1
    if [ "${COMPUERTA_DEMO_KEEP:-0}" = 1 ]; then echo "demo: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_file() { # wait_file FILE: until it is non-empty (10 s)
    for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
    die "$1 did not appear"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

rm -rf "$out"
mkdir -p "$out" "$work/run" "$work/log" "$work/backups" "$work/releases"

section "$(t "1. setup (everything on 127.0.0.1, in $work)" "1. preparación (todo en 127.0.0.1, en $work)")"
eval "$(scripts/pg-tmp.sh start "$work/pg")"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE sep_muses"
note "$(t "PostgreSQL 15 on $PGHOST:$PGPORT, database sep_muses (password only in PGPASSWORD)" "PostgreSQL 15 en $PGHOST:$PGPORT, base de datos sep_muses (contraseña solo en PGPASSWORD)")"

compuerta renapo-sim --generate-ca "$work/renapo-pki" >/dev/null
compuerta renapo-sim --port 0 --port-file "$work/renapo.port" -q >"$work/log/renapo-sim.log" 2>&1 &
pids+=($!)
python3 tests/fixtures/gates/fake_api.py >"$work/fake-api.port" 2>"$work/log/fake-api.log" &
pids+=($!)
python3 scripts/demo/webhook_receiver.py serve "$work/hooks.port" "$work/hooks.jsonl" &
pids+=($!)
app_port=$(free_port)
wait_file "$work/renapo.port"
wait_file "$work/fake-api.port"
wait_file "$work/hooks.port"
export COMPUERTA_BYPASS="demo-bypass-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BYPASS_VALUE=$COMPUERTA_BYPASS python3 scripts/demo/front.py "$work/front.port" "$work/maintenance.flag" \
    "http://127.0.0.1:$app_port" &
pids+=($!)
wait_file "$work/front.port"
hooks="http://127.0.0.1:$(cat "$work/hooks.port")"

# What compuerta.yml reads (examples/sep-muses/compuerta.yml):
export SEP_MUSES_DSN="host=$PGHOST port=$PGPORT user=$PGUSER dbname=sep_muses sslmode=disable connect_timeout=5"
export SEP_MUSES_URL="http://127.0.0.1:$app_port"
export SEP_MUSES_PUBLIC_URL="http://127.0.0.1:$(cat "$work/front.port")"
export SEP_MUSES_MAINTENANCE_FLAG="$work/maintenance.flag"
export SEP_MUSES_REPO="$work/sep-muses"
export SEP_MUSES_RELEASES_DIR="$work/releases" SEP_MUSES_RUN_DIR="$work/run"
export SEP_MUSES_APP_DIR="$root/examples/sep-muses/app" SEP_MUSES_LOG_DIR="$work/log"
export COMPUERTA_BACKUP_DIR="$work/backups"
export QA_REPORTS_DIR="$root/examples/sep-muses/demo/qa-reports"
export GITLAB_API_URL="http://127.0.0.1:$(sed -n 's/^PORT //p' "$work/fake-api.port")/ok/api/v4"
export GITLAB_PROJECT=sep/muses-0 GITLAB_TOKEN=demo-token-not-checked
export RENAPO_URL="http://127.0.0.1:$(cat "$work/renapo.port")"
export RENAPO_CLIENT_CERT="$work/renapo-pki/client.pem" RENAPO_CLIENT_KEY="$work/renapo-pki/client-key.pem" \
       RENAPO_CA="$work/renapo-pki/ca.pem"
export MATTERMOST_WEBHOOK_URL="$hooks/hooks/canal-despliegues" DESPLIEGUES_WEBHOOK_URL="$hooks/tablero"
export VENTANA_INICIO=$(date -u +%Y-%m-%dT%H:%M:%SZ) VENTANA_FIN=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
export LIDER_DESPLIEGUE="Ana Pérez" COMPUERTA_ACTOR="pipeline-demo"
# What the demo application reads (examples/sep-muses/app/start.sh):
export SEP_MUSES_PORT=$app_port SEP_MUSES_LOG="$work/log/app.log" SEP_MUSES_RENAPO_URL="$RENAPO_URL/consulta"
# Test persons of renapo-sim: the API transaction (6.3) enrols and withdraws
# one per run, a fresh one when a killed run's cleanup is still unconfirmed.
export SEP_MUSES_TEST_CURPS=XEXX010101HNEXXXA4,XEXX010101HNEXXXB2,XEXX010101HNEXXXC0,XEXX010101HNEXXXD8
export COMPUERTA_TEST_CURPS=$SEP_MUSES_TEST_CURPS COMPUERTA_TEST_CURP=XEXX010101HNEXXXA4
export COMPUERTA_CONFIG="$root/examples/sep-muses/compuerta.yml"
note "$(t "renapo-sim $RENAPO_URL · GitLab API (fake) $GITLAB_API_URL · webhooks $hooks" "renapo-sim $RENAPO_URL · API de GitLab (simulada) $GITLAB_API_URL · webhooks $hooks")"
note "$(t "application $SEP_MUSES_URL · public front (maintenance page) $SEP_MUSES_PUBLIC_URL" "aplicación $SEP_MUSES_URL · frente público (página de mantenimiento) $SEP_MUSES_PUBLIC_URL")"

# The releases directory: what deploy installs, one directory per release.
make_release() { # make_release TAG MIGRATION...
    local d="$work/releases/$1"
    shift
    mkdir -p "$d/migrations"
    cp "$bin/sep-muses-app" "$d/"
    cp "$@" "$d/migrations/"
}
mig=examples/sep-muses/db/migrations
make_release v0.9.0 $mig/V1__*.sql
make_release v1.0.0 $mig/V1__*.sql $mig/V2__*.sql $mig/V3__*.sql
make_release v1.1.0 $mig/V1__*.sql $mig/V2__*.sql $mig/V3__*.sql examples/sep-muses/demo/migrations/V4__*.sql
releases=$(ls "$work/releases" | tr '\n' ' ')
note "$(t "releases: $releases" "versiones: $releases")"

# The SEP-MUSES code: main, release branches merged with merge commits, annotated tags.
repo=$SEP_MUSES_REPO
commit_file() { # commit_file PATH CONTENT-FILE|- MESSAGE
    mkdir -p "$repo/$(dirname "$1")"
    if [ "$2" = - ]; then cat >"$repo/$1"; else cp "$2" "$repo/$1"; fi
    git -C "$repo" add "$1" && git -C "$repo" commit -q -m "$3"
}
git init -q -b main "$repo"
git -C "$repo" config user.name "Equipo de Desarrollo" && git -C "$repo" config user.email dev@sep.example
echo 0.9.0 | commit_file VERSION - "SEP-MUSES 0.9.0"
commit_file db/migrations/V1__esquema_inicial.sql $mig/V1__esquema_inicial.sql "Esquema inicial"
git -C "$repo" tag -a v0.9.0 -m "SEP-MUSES v0.9.0"
git -C "$repo" checkout -q -b release/v1.0
commit_file db/migrations/V2__telefono_de_contacto.sql $mig/V2__telefono_de_contacto.sql "Teléfono de contacto del tutor"
commit_file db/migrations/V3__normaliza_nombres.sql $mig/V3__normaliza_nombres.sql "Nombres en mayúsculas, como RENAPO"
echo 1.0.0 | commit_file VERSION - "Versión 1.0.0"
git -C "$repo" checkout -q main
git -C "$repo" merge -q --no-ff release/v1.0 -m "Merge branch 'release/v1.0'"
stage "$(t "release lead tags v1.0.0" "el líder de desarrollo etiqueta v1.0.0")" 3.4 0 compuerta tag 1.0.0 --repo "$repo"

# Production before the window: v0.9.0 running on schema V1 with its data.
note ""
note "$(t "production before the window: v0.9.0 (schema V1 and its data)" "producción antes de la ventana: v0.9.0 (esquema V1 y sus datos)")"
COMPUERTA_RUN=setup compuerta db migrate -q --no-backup-check --journal "$work/setup-journal" \
    --dir "$work/releases/v0.9.0/migrations" 2>&1 | grep -v '^warning: .*no-backup-check' || true
psql -X -q -v ON_ERROR_STOP=1 -d sep_muses -f examples/sep-muses/db/seed.sql
ln -sfn "$work/releases/v0.9.0" "$work/run/current"
examples/sep-muses/app/start.sh v0.9.0

# ---------------------------------------------------------------- a release
# pipeline TAG: every stage of DESIGN.md's pipeline order up to smoke.
# Each release has its own directory: journal, JUnit per stage.
begin_release() {
    tag=$1
    r="$out/$tag"
    mkdir -p "$r"
    export CI_COMMIT_TAG=$tag COMPUERTA_RUN="demo-$tag" COMPUERTA_JOURNAL="$r/journal" COMPUERTA_REPORTS=$r
    export SEP_MUSES_MIGRATIONS_DIR="$work/releases/$tag/migrations"
    export COMPUERTA_REPORT_URL="file://$r/checklist.html"
}
gates_and_window() {
    stage "$(t "gate release: merged and tagged" "gate release: integrada y etiquetada")" "3.3 3.4" 0 compuerta gate release --tag "$tag" --junit "$r/gate-release.xml"
    stage "$(t "gate qa: the QA reports" "gate qa: los reportes de QA")" 3.1 0 compuerta gate qa --junit "$r/gate-qa.xml"
    stage "$(t "gate defects: no critical defect open (GitLab)" "gate defects: ningún defecto crítico abierto (GitLab)")" 3.2 0 compuerta gate defects --junit "$r/gate-defects.xml"
    stage "$(t "gate env: production ready, credentials present" "gate env: producción lista, credenciales presentes")" "2.1 2.3" 0 compuerta gate env --junit "$r/gate-env.xml"
    stage "$(t "team availability signed off" "disponibilidad del equipo firmada")" 1.2 0 compuerta signoff 1.2 --by "$LIDER_DESPLIEGUE" --note "equipo completo"
    stage "window open" 1 0 compuerta window open
    stage "$(t "notify window" "aviso de la ventana")" 1.1 0 compuerta notify window
    stage "maintenance on" 2 0 compuerta maintenance on --junit "$r/maintenance-on.xml"
    stage "$(t "maintenance status: the public sees the maintenance page" "maintenance status: el público ve la página de mantenimiento")" 2 0 compuerta maintenance status --junit "$r/maintenance-status-on.xml"
    stage "$(t "db backup (inside the window, after maintenance on)" "db backup (dentro de la ventana, tras maintenance on)")" 2.2 0 compuerta db backup --tag "$tag" --junit "$r/db-backup.xml"
    stage "db migrate" 3 0 compuerta db migrate --tag "$tag" --junit "$r/db-migrate.xml"
    stage "deploy $tag" "4 5" 0 compuerta deploy --tag "$tag" --junit "$r/deploy.xml"
}
finish_window() {
    stage "maintenance off" 7.1 0 compuerta maintenance off --junit "$r/maintenance-off.xml"
    stage "$(t "maintenance status: the public is back" "maintenance status: el público vuelve a entrar")" 7.1 0 compuerta maintenance status --junit "$r/maintenance-status-off.xml"
    stage "window close" 7 0 compuerta window close
}
checklists() {
    compuerta checklist -q -o "$r/checklist.md"
    compuerta checklist -q --format html -o "$r/checklist.html"
}

# Business tables: rows and an md5 of every row, per table.
snapshot() {
    psql -X -q -At -d sep_muses -c "
        SELECT t, n, h FROM (
          SELECT 1 o, 'escuelas' t, count(*) n, md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) h FROM escuelas x UNION ALL
          SELECT 2, 'ciclos_escolares', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM ciclos_escolares x UNION ALL
          SELECT 3, 'alumnos', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM alumnos x UNION ALL
          SELECT 4, 'inscripciones', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM inscripciones x UNION ALL
          SELECT 5, 'bajas', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM bajas x UNION ALL
          SELECT 6, 'flyway_schema_history', count(*), md5(coalesce(string_agg(x.version || ':' || x.checksum, '|' ORDER BY x.installed_rank), '')) FROM flyway_schema_history x
        ) s ORDER BY o"
}
health_release() { curl -fsS -m 5 "$SEP_MUSES_URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["release"])'; }

# ---------------------------------------------------------------- 2. good release
section "$(t "2. the good release v1.0.0" "2. la versión buena v1.0.0")"
begin_release v1.0.0
gates_and_window
stage "$(t "smoke: database, RENAPO, transactions, logs" "smoke: base de datos, RENAPO, transacciones, bitácoras")" 6 0 compuerta smoke --junit "$r/smoke.xml" --json "$r/smoke.json"
finish_window
stage "$(t "notify success" "aviso de éxito")" 7.2 0 compuerta notify success
checklists
note ""
note "$(t "v1.0.0 deployed: /health says $(health_release)" "v1.0.0 desplegada: /health dice $(health_release)")"

# ---------------------------------------------------------------- 3. bad release
section "$(t "3. the bad release v1.1.0 (V4 makes inscripciones.turno NOT NULL; the application does not send it)" "3. la versión mala v1.1.0 (V4 vuelve NOT NULL inscripciones.turno; la aplicación no lo envía)")"
psql -X -q -At -d sep_muses -c "SELECT 1" >/dev/null
before=$(snapshot)
note "$(t "business tables before v1.1.0 (table|rows|md5):" "tablas de negocio antes de v1.1.0 (tabla|filas|md5):")"
printf '  %s\n' $before
git -C "$repo" checkout -q -b release/v1.1
commit_file db/migrations/V4__turno_obligatorio.sql examples/sep-muses/demo/migrations/V4__turno_obligatorio.sql \
    "Turno obligatorio en inscripciones"
echo 1.1.0 | commit_file VERSION - "Versión 1.1.0"
git -C "$repo" checkout -q main
git -C "$repo" merge -q --no-ff release/v1.1 -m "Merge branch 'release/v1.1'"
begin_release v1.1.0
stage "$(t "release lead tags v1.1.0" "el líder de desarrollo etiqueta v1.1.0")" 3.4 0 compuerta tag 1.1.0 --repo "$repo" --junit "$r/tag.xml"
gates_and_window
stage "$(t "smoke: the inscripción transaction FAILS" "smoke: la transacción de inscripción FALLA")" 6 1 compuerta smoke --junit "$r/smoke.xml" --json "$r/smoke.json"
stage "$(t "rollback: decide, restore, redeploy v1.0.0, verify, maintenance off, notify, post-mortem" "rollback: decidir, restaurar, redesplegar v1.0.0, verificar, maintenance off, avisar, post-mortem")" "R1-R6" 0 \
    compuerta rollback --junit "$r/rollback.xml" --verify-junit "$r/rollback-smoke.xml"
stage "window close" 7 0 compuerta window close
# The rollback's post-mortem runs in the working directory, which is not the
# SEP-MUSES repository: render it again with --repo for the commits v1.0.0..v1.1.0.
stage "$(t "post-mortem with the commits between the tags" "post-mortem con los commits entre las etiquetas")" R6 0 \
    compuerta checklist -q --postmortem --repo "$repo" -o "$r/postmortem.md"
checklists

# ---------------------------------------------------------------- 4. verify
section "$(t "4. verification" "4. verificación")"
STRICT=0
after=$(snapshot)
note "$(t "business tables before v1.1.0 (table|rows|md5):" "tablas de negocio antes de v1.1.0 (tabla|filas|md5):")"
printf '  %s\n' $before
note "$(t "business tables after the rollback:" "tablas de negocio después del rollback:")"
printf '  %s\n' $after
check "$(t "business tables identical to before the bad release" "tablas de negocio idénticas a las de antes de la versión mala")" test "$before" = "$after"
deployed=$(health_release || echo "(no answer)")
note "$(t "/health reports release $deployed" "/health reporta la versión $deployed")"
check "$(t "the previous release v1.0.0 is deployed" "la versión anterior v1.0.0 está desplegada")" test "$deployed" = v1.0.0
stage "$(t "maintenance status: off, the public reaches SEP-MUSES" "maintenance status: apagado, el público llega a SEP-MUSES")" 7.1 0 compuerta maintenance status
check "$(t "maintenance flag file absent" "el archivo indicador de mantenimiento no existe")" test ! -e "$SEP_MUSES_MAINTENANCE_FLAG"
pm="$r/postmortem.md"
check "$(t "post-mortem written ($pm)" "post-mortem escrito ($pm)")" test -s "$pm"
check "$(t "rollback notification received" "aviso de rollback recibido")" grep -q "rollback\|revers\|Revers" "$work/hooks.jsonl"

section "$(t "what the stakeholders were told (webhook receiver)" "lo que se dijo a los interesados (receptor de webhooks)")"
python3 scripts/demo/webhook_receiver.py show "$work/hooks.jsonl" "$demo_lang"
cp "$work/hooks.jsonl" "$out/webhook-messages.jsonl"

section "$(t "checklist of v1.1.0 (compuerta checklist)" "checklist de v1.1.0 (compuerta checklist)")"
compuerta checklist -q
note ""
note "HTML: $r/checklist.html (v1.0.0: $out/v1.0.0/checklist.html)"

section "$(t "post-mortem of v1.1.0 ($pm)" "post-mortem de v1.1.0 ($pm)")"
cat "$pm"

elapsed=$(python3 -c "import time; print(f'{time.time() - $started:.1f}')")
section "$(t "result" "resultado")"
junit_files=$(find "$out" -name '*.xml' | wc -l)
note "$(t "output: $out ($junit_files JUnit files, journals, checklists, post-mortem)" "salida: $out ($junit_files archivos JUnit, bitácoras, checklists, post-mortem)")"
note "$(t "time (install and build excluded): ${elapsed}s" "tiempo (sin instalación ni compilación): ${elapsed} s")"
if [ "$failures" -eq 0 ]; then
    printf '%sdemo: %s%s\n' "$G" "$(t "every stage and every verification as expected" "cada etapa y cada verificación como se esperaba")" "$N"
    exit 0
fi
printf '%sdemo: %d %s%s\n' "$R" "$failures" "$(t "unexpected result(s)" "resultado(s) inesperado(s)")" "$N"
exit 1
