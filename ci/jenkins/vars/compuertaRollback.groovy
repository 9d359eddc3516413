// compuertaRollback(): the pipeline's `post { failure { ... } }`. Runs
// `compuerta rollback`, which decides from the journal and the smoke JUnit
// (nothing to undo after a failed gate: exit 0). Exit 3 means it stopped
// before any change: either the policy waits for a person (6.2 RENAPO, an
// `error`) or a prerequisite is missing (no manifest, no previous release);
// the input step lets a person approve, then `rollback --approved` runs.
def call(Map opts = [:]) {
    String reports = env.COMPUERTA_REPORTS ?: 'compuerta-reports'
    String postmortem = env.COMPUERTA_POSTMORTEM ?: 'compuerta-postmortem.md'
    String bin = env.COMPUERTA_BIN_DIR ? "PATH=\"${env.COMPUERTA_BIN_DIR}:\$PATH\" " : ''
    String common = "--smoke-junit '${reports}/smoke.xml' --verify-junit '${reports}/rollback-smoke.xml' " +
                    "--postmortem '${postmortem}'"
    sh "mkdir -p '${reports}'"
    int code = sh(script: "${bin}compuerta rollback --junit '${reports}/rollback.xml' ${common}", returnStatus: true)
    junit allowEmptyResults: true, testResults: "${reports}/rollback*.xml"
    if (code == 3 && opts.get('approval', true)) {
        timeout(time: opts.get('approvalTimeoutMinutes', 60), unit: 'MINUTES') {
            input message: 'compuerta rollback espera aprobación (ver R1 en el reporte de pruebas). ¿Revertir?',
                  ok: 'Revertir'
        }
        code = sh(script: "${bin}compuerta rollback --approved --junit '${reports}/rollback-approved.xml' ${common}",
                  returnStatus: true)
        junit allowEmptyResults: true, testResults: "${reports}/rollback-approved.xml"
    }
    if (code != 0) {
        error("compuerta rollback exited with ${code}: see the R1-R6 results and the journal")
    }
}
