// compuertaRun(script, outFile): runs a compuerta command line, keeps what it
// printed (standard output and error) in outFile and in the build log, and
// returns its exit code. compuertaRun.lastLines(outFile) gives the end of
// that output: compuerta's own words, shown by input steps and build
// descriptions instead of any text written here.
int call(String script, String outFile) {
    return sh(script: "set +e; ${script} > '${outFile}' 2>&1; code=\$?; cat '${outFile}'; exit \$code",
              returnStatus: true)
}

String lastLines(String outFile, int count = 8) {
    List<String> lines = fileExists(outFile) ? readFile(outFile).readLines().findAll { it.trim() } : []
    return lines ? lines.takeRight(count).join('\n') : outFile
}
