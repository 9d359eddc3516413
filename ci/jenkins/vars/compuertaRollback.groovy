// compuertaRollback(): the pipeline's `post { failure { ... } }`. Runs
// `compuerta rollback`, which decides from the journal and the smoke JUnit
// (nothing to undo after a failed gate: exit 0), and records its JUnit.
//   0  nothing to undo, or rolled back and healthy.
//   1  rolled back but smoke still fails, or a step failed: the build fails.
//   3  could not roll back (no manifest, no previous release, another rollback
//      running): nothing changed, maintenance may still be on;
//      `compuerta maintenance status` says, `compuerta notify rollback` tells
//      the stakeholders the decision, and the build fails.
//   4  the policy waits for a person (6.2 RENAPO, an `error`): the input step
//      shows compuerta's decision; approved, `rollback --approved` runs. The
//      notification goes out first, so a pending approval with maintenance on
//      is never silent. With approval: false, the build fails instead.
def call(Map opts = [:]) {
    String reports = env.COMPUERTA_REPORTS ?: 'compuerta-reports'
    String postmortem = env.COMPUERTA_POSTMORTEM ?: 'compuerta-postmortem.md'
    String bin = env.COMPUERTA_BIN_DIR ? "PATH=\"${env.COMPUERTA_BIN_DIR}:\$PATH\" " : ''
    String common = "--smoke-junit '${reports}/smoke.xml' --postmortem '${postmortem}'"
    String out = "${reports}/rollback.out"
    sh "mkdir -p '${reports}'"
    int code = compuertaRun("${bin}compuerta rollback --junit '${reports}/rollback.xml' " +
                            "--verify-junit '${reports}/rollback-smoke.xml' ${common}", out)
    junit allowEmptyResults: true, testResults: "${reports}/rollback.xml, ${reports}/rollback-smoke.xml"
    if (code == 3 || code == 4) {
        sh(script: "${bin}compuerta maintenance status", returnStatus: true)
        sh(script: "${bin}compuerta notify rollback", returnStatus: true)
    }
    if (code == 4 && opts.get('approval', true)) {
        timeout(time: opts.get('approvalTimeoutMinutes', 60), unit: 'MINUTES') {
            input message: compuertaRun.lastLines(out)
        }
        code = compuertaRun("${bin}compuerta rollback --approved --junit '${reports}/rollback-approved.xml' " +
                            "--verify-junit '${reports}/rollback-approved-smoke.xml' ${common}",
                            "${reports}/rollback-approved.out")
        junit allowEmptyResults: true,
              testResults: "${reports}/rollback-approved.xml, ${reports}/rollback-approved-smoke.xml"
    }
    if (code != 0) {
        error("compuerta rollback: exit ${code}")
    }
}
