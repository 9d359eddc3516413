// Runs the shared-library steps of ci/jenkins/vars with Jenkins' steps
// replaced by stand-ins: `sh` runs the real shell, with a stub `compuerta` on
// PATH (COMPUERTA_BIN_DIR) that exits with the codes a scenario lists;
// input, junit, error, unstable, timeout and archiveArtifacts are recorded.
// Checks how each exit code is handled (0, 1, 3, 4; DESIGN.md) and that every
// message a person reads comes from compuerta's output.
// Usage: groovy jenkins_steps_test.groovy VARS_DIR WORK_DIR; prints one line
// per broken expectation, exit 1 if any.
File vars = new File(args[0])
File work = new File(args[1])
File bin = new File(work, 'bin')
bin.mkdirs()
File stub = new File(bin, 'compuerta')
// The stub: prints a line naming its call and exits with the next code listed
// in codes/<first two words> (one code per line, consumed in order; none: 0).
stub.text = '''#!/bin/sh
key=$(echo "$1-$2" | tr -c 'a-z0-9-\\n' '_')
f="$STATE/codes/$key"
code=0
if [ -s "$f" ]; then code=$(head -n1 "$f"); sed -i 1d "$f"; fi
echo "compuerta $*" >> "$STATE/calls.log"
echo "compuerta said: $1 $2 pending on 1.2 sign-off (exit $code)"
exit $code
'''
stub.setExecutable(true)

List<String> log = []
List<String> problems = []
def expect = { boolean ok, String what -> if (!ok) problems << what }

Binding b = new Binding()
b.setVariable('env', [COMPUERTA_REPORTS: 'compuerta-reports', COMPUERTA_BIN_DIR: bin.path])
b.setVariable('currentBuild', [currentResult: 'FAILURE'])
b.setVariable('sh', { arg ->
    String script = arg instanceof Map ? arg.script : arg
    Process p = ['sh', '-c', script].execute(["STATE=${work.path}", "PATH=${System.getenv('PATH')}"], work)
    String out = p.text
    int code = p.waitFor()
    log << "sh ${code}".toString()
    if (arg instanceof Map && arg.returnStatus) return code
    if (code != 0) throw new RuntimeException("sh exit ${code}: ${script}")
    return out
})
b.setVariable('junit', { Map m -> log << "junit ${m.testResults}".toString() })
b.setVariable('input', { Map m -> log << "input ${m.message}".toString() })
b.setVariable('timeout', { Map m, Closure c -> c() })
b.setVariable('error', { String m -> log << "error ${m}".toString(); throw new IllegalStateException(m) })
b.setVariable('unstable', { String m -> log << "unstable ${m}".toString() })
b.setVariable('fileExists', { String f -> new File(work, f).exists() })
b.setVariable('readFile', { String f -> new File(work, f).text })
b.setVariable('archiveArtifacts', { Map m -> log << "archive ${m.artifacts}".toString() })
GroovyShell shell = new GroovyShell(b)
Map<String, Script> steps = ['compuertaRun', 'compuertaStep', 'compuertaRollback', 'compuertaReport'].collectEntries {
    [(it): shell.parse(new File(vars, "${it}.groovy"))]
}
// A library step is called by name; compuertaRun also has lastLines().
steps.each { name, script -> b.setVariable(name, new Step(script)) }

def scenario = { String name, Map<String, List<Integer>> codes, Closure run ->
    log.clear()
    new File(work, 'calls.log').delete()
    File dir = new File(work, 'codes')
    dir.deleteDir()
    dir.mkdirs()
    codes.each { k, v -> new File(dir, k).text = v.join('\n') + '\n' }
    String failed = null
    try { run() } catch (IllegalStateException e) { failed = e.message }
    File calls = new File(work, 'calls.log')
    return [failed: failed, log: log.join('\n'), calls: calls.exists() ? calls.text : '']
}
def say = { String name, Map r, boolean ok, String what -> expect(ok, "${name}: ${what}\n--- log:\n${r.log}\n--- calls:\n${r.calls}") }

// 4 then 0: an input step showing compuerta's words, the command again, passes.
def r = scenario('step 4', ['gate-qa': [4, 0]]) { steps.compuertaStep.call([:], 'gate qa') }
say('step 4', r, r.failed == null, 'a pending decision that was then resolved failed the stage')
say('step 4', r, r.log.contains('input compuerta said: gate qa pending on 1.2 sign-off (exit 4)'), 'the input step does not show compuerta\'s output')
say('step 4', r, r.calls.count('compuerta gate qa') == 2, 'the command did not run again after the input step')
say('step 4', r, r.log.contains('junit compuerta-reports/gate-qa.xml') && !r.log.contains('junit compuerta-reports/*'), 'the stage does not record only its own JUnit')

// 3: maintenance status printed, the stage fails.
r = scenario('step 3', ['db-backup': [3]]) { steps.compuertaStep.call([:], 'db backup') }
say('step 3', r, r.failed == 'compuerta db backup: exit 3', "exit 3 did not fail the stage (${r.failed})")
say('step 3', r, r.calls.contains('compuerta maintenance status'), 'exit 3 did not report the maintenance state')
say('step 3', r, !r.log.contains('input '), 'exit 3 asked a person')

// 1 with allowFailure (notify): unstable, not failed.
r = scenario('notify 1', ['notify-window': [1]]) { steps.compuertaStep.call([junit: false, allowFailure: true], 'notify window') }
say('notify 1', r, r.failed == null && r.log.contains('unstable compuerta notify window: exit 1'), 'a lost notification failed the build')

// 1 without it: fails, no maintenance status (nothing to evaluate).
r = scenario('step 1', ['smoke---junit': [1]]) { steps.compuertaStep.call([:], 'smoke') }
say('step 1', r, r.failed == 'compuerta smoke: exit 1', 'a failed smoke did not fail the stage')

// Rollback 4: maintenance status and notify first, input with compuerta's words, then --approved.
r = scenario('rollback 4', ['rollback---junit': [4]]) { steps.compuertaRollback.call([:]) }
List<String> order = r.calls.readLines().collect { it.split(' ').take(3).join(' ') }
say('rollback 4', r, r.failed == null, "an approved rollback that passed failed the build (${r.failed})")
say('rollback 4', r, order == ['compuerta rollback --junit', 'compuerta maintenance status', 'compuerta notify rollback',
                               'compuerta rollback --approved'], "calls in the wrong order: ${order}")
say('rollback 4', r, r.log.contains('input compuerta said: rollback --junit pending on 1.2 sign-off (exit 4)'), 'the input step does not show the rollback\'s output')
say('rollback 4', r, r.log.contains('junit compuerta-reports/rollback-approved.xml, compuerta-reports/rollback-approved-smoke.xml'), 'the approved rollback\'s JUnit is not recorded')

// Rollback 3: told and reported, no input, the build fails.
r = scenario('rollback 3', ['rollback---junit': [3]]) { steps.compuertaRollback.call([:]) }
say('rollback 3', r, r.failed == 'compuerta rollback: exit 3', 'exit 3 of the rollback did not fail the build')
say('rollback 3', r, r.calls.contains('compuerta notify rollback') && r.calls.contains('compuerta maintenance status'), 'exit 3 left maintenance unreported or the stakeholders untold')
say('rollback 3', r, !r.log.contains('input '), 'exit 3 asked a person')

// Rollback 4 with approval: false: told, then the build fails.
r = scenario('rollback 4 no approval', ['rollback---junit': [4]]) { steps.compuertaRollback.call([approval: false]) }
say('rollback 4 no approval', r, r.failed == 'compuerta rollback: exit 4' && r.calls.contains('compuerta notify rollback') && !r.log.contains('input '), 'a pending rollback without approval did not fail after telling')

// Report: the checklist by compuerta, the post-mortem after a failure, archived.
r = scenario('report', [:]) { steps.compuertaReport.call() }
say('report', r, r.failed == null && r.calls.contains('compuerta checklist') && r.calls.contains('compuerta checklist --postmortem') && r.log.contains('archive '), 'the report did not render and archive the checklist')

// No message text of its own in the steps: what a person reads comes from compuerta.
vars.listFiles().each { File f ->
    String t = f.text.readLines().findAll { !it.trim().startsWith('//') }.join('\n')
    expect(!(t =~ /(?i)aprobaci|revertir|espera|waiting|approve\?/), "${f.name}: message text in Groovy")
}

problems.each { println "FAIL ${it}" }
println "${problems ? 'not ok' : 'ok'}: Jenkins shared-library steps (${problems.size()} problem(s))"
System.exit(problems ? 1 : 0)

class Step extends Closure {
    Script script
    Step(Script s) { super(null); script = s }
    Object doCall(Object... a) { script.invokeMethod('call', a) }
    Object lastLines(Object... a) { script.invokeMethod('lastLines', a) }
}
