// compuertaStep('gate release'): runs `compuerta gate release` with its JUnit
// report in COMPUERTA_REPORTS, records the report with the JUnit plugin even
// when the command fails, and fails the stage on a non-zero exit code
// (0 passed, 1 a check failed, 2 usage/configuration, 3 could not evaluate).
def call(Map opts = [:], String command) {
    String reports = env.COMPUERTA_REPORTS ?: 'compuerta-reports'
    boolean withJunit = opts.get('junit', true)
    String file = "${reports}/${command.replaceAll(' ', '-')}.xml"
    String bin = env.COMPUERTA_BIN_DIR ? "PATH=\"${env.COMPUERTA_BIN_DIR}:\$PATH\" " : ''
    String extra = opts.get('args', '')
    sh "mkdir -p '${reports}'"
    int code = sh(script: "${bin}compuerta ${command} ${withJunit ? "--junit '${file}'" : ''} ${extra}",
                  returnStatus: true)
    if (withJunit) {
        junit allowEmptyResults: true, testResults: file
    }
    if (code != 0) {
        error("compuerta ${command} exited with ${code}")
    }
    return code
}
