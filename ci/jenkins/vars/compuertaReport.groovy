// compuertaReport(): the pipeline's `post { cleanup { ... } }`. Renders the
// plan's record with `compuerta checklist` (Markdown to the build log, HTML and,
// after a failure, the post-mortem as artifacts) and archives the journal and
// the reports.
// Never fails the build: the deployment's result is already decided.
def call() {
    String reports = env.COMPUERTA_REPORTS ?: 'compuerta-reports'
    String journal = env.COMPUERTA_JOURNAL ?: 'compuerta-journal'
    String postmortem = env.COMPUERTA_POSTMORTEM ?: 'compuerta-postmortem.md'
    String bin = env.COMPUERTA_BIN_DIR ? "PATH=\"${env.COMPUERTA_BIN_DIR}:\$PATH\" " : ''
    sh "mkdir -p '${reports}'"
    sh(script: "${bin}compuerta checklist", returnStatus: true)
    sh(script: "${bin}compuerta checklist --format html -o compuerta-checklist.html", returnStatus: true)
    if (currentBuild.currentResult != 'SUCCESS') {
        sh(script: "${bin}compuerta checklist --postmortem -o '${postmortem}'", returnStatus: true)
    }
    archiveArtifacts artifacts: "${journal}/**, ${reports}/**, compuerta-checklist.html, ${postmortem}",
                     allowEmptyArchive: true
}
