// compuertaStep('gate release'): runs `compuerta gate release` with its own
// JUnit report in COMPUERTA_REPORTS and records that report (and only it) with
// the JUnit plugin, even when the command fails. Every text a person reads
// comes from compuerta's own output; this step adds none. Exit codes
// (DESIGN.md):
//   0  passed: the stage goes on.
//   1  a check failed, 2 usage or configuration: the stage fails.
//   3  could not evaluate: the stage fails (never passes silently); first
//      `compuerta maintenance status` prints whether maintenance is on.
//   4  waiting for a human decision (a sign-off, an approval): an `input` step
//      shows what compuerta printed; once a person answers, the command runs
//      again and its new exit code decides.
// Options: junit (default true), args (extra flags), allowFailure (a non-zero
// exit marks the stage UNSTABLE instead: notify, whose lost message must never
// fail a good deploy), approvalTimeoutMinutes (default 60).
def call(Map opts = [:], String command) {
    String reports = env.COMPUERTA_REPORTS ?: 'compuerta-reports'
    boolean withJunit = opts.get('junit', true)
    String file = "${reports}/${command.replaceAll(' ', '-')}.xml"
    String out = "${reports}/${command.replaceAll(' ', '-')}.out"
    String bin = env.COMPUERTA_BIN_DIR ? "PATH=\"${env.COMPUERTA_BIN_DIR}:\$PATH\" " : ''
    String extra = opts.get('args', '')
    String script = "${bin}compuerta ${command} ${withJunit ? "--junit '${file}'" : ''} ${extra}"
    sh "mkdir -p '${reports}'"
    int code = compuertaRun(script, out)
    while (code == 4) {
        timeout(time: opts.get('approvalTimeoutMinutes', 60), unit: 'MINUTES') {
            input message: compuertaRun.lastLines(out)
        }
        code = compuertaRun(script, out)
    }
    if (withJunit) {
        junit allowEmptyResults: true, testResults: file
    }
    if (code == 3) {
        sh(script: "${bin}compuerta maintenance status", returnStatus: true)
    }
    if (code != 0) {
        if (opts.get('allowFailure', false)) {
            unstable("compuerta ${command}: exit ${code}")
        } else {
            error("compuerta ${command}: exit ${code}")
        }
    }
    return code
}
