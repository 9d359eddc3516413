// Checks the GitLab component's structure in what gitlab-ci-local made of it
// (gitlab_component_test.sh). Arguments: DIR holding component.yml (the
// template), parent.yml (--preview of the sample project), child.yml and
// child-none.yml (the child pipeline written with approval manual / none),
// list.json and list-freeze.json (--list-json of a tag pipeline without and
// with CI_DEPLOY_FREEZE). Prints one line per broken expectation; exit 1 if any.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require(process.env.JS_YAML || "js-yaml");

const dir = process.argv[2];
const load = (f) => yaml.load(fs.readFileSync(path.join(dir, f), "utf8"));
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };
const jobs = (doc) => Object.keys(doc).filter((k) => !k.startsWith(".") && doc[k] && typeof doc[k] === "object" &&
                                                    ("script" in doc[k] || "trigger" in doc[k]));
const text = (job) => JSON.stringify([job.before_script, job.script, job.after_script]);

// The component: a spec:inputs header, then jobs only.
const [header, body] = yaml.loadAll(fs.readFileSync(path.join(dir, "component.yml"), "utf8"));
const inputs = Object.keys(header.spec.inputs);
for (const i of ["gate_stage", "deploy_stage", "environment", "environment_url", "config", "image", "runner_tags",
                 "version", "approval", "timeout_gate", "timeout_backup", "timeout_migrate", "timeout_deploy",
                 "timeout_smoke", "timeout_rollback"])
    expect(inputs.includes(i), `component: no input ${i}`);
for (const k of ["stages", "variables", "default", "workflow", "include", "image", "before_script"])
    expect(!(k in body), `component: adds the top-level keyword ${k}`);
for (const k of Object.keys(body))
    expect(k.startsWith("compuerta") || k.startsWith(".compuerta"), `component: top-level key ${k} is not a compuerta job`);

// The parent pipeline: the project's own stages and jobs, the gates, the trigger.
const parent = load("parent.yml");
expect(JSON.stringify(parent.stages) === JSON.stringify([".pre", "build", "test", "gate", "deploy", ".post"]),
       `parent: stages are ${JSON.stringify(parent.stages)}, not the project's own`);
for (const j of ["build", "test"]) expect(parent[j] && parent[j].script, `parent: the project's job ${j} is gone`);
const deployment = ["compuerta:window-open", "compuerta:maintenance-on", "compuerta:backup", "compuerta:migrate",
                    "compuerta:deploy", "compuerta:smoke", "compuerta:rollback", "compuerta:rollback-approve",
                    "compuerta:maintenance-off", "compuerta:notify-window", "compuerta:notify-success",
                    "compuerta:checklist"];
for (const j of deployment) expect(!(j in parent), `parent: deployment job ${j} runs outside the child pipeline`);
for (const j of jobs(parent).filter((j) => j !== "compuerta-child-pipeline")) // it only writes the child's YAML
    expect(!/compuerta (maintenance|db |deploy|smoke|rollback|window)/.test(text(parent[j])),
           `parent: ${j} changes the environment outside the child pipeline`);
const release = parent["compuerta:gate-release"] || {};
expect(String((release.variables || {}).GIT_DEPTH) === "0", "parent: gate-release has no GIT_DEPTH 0");
expect(/git fetch[^"]*origin/.test(text(release)) && text(release).includes("release/*"),
       "parent: gate-release does not fetch main and the release branches");
for (const g of ["gate-release", "gate-qa", "gate-defects", "gate-env"]) {
    const job = parent[`compuerta:${g}`] || {};
    expect(job.stage === "gate", `parent: compuerta:${g} is not in the gate stage`);
    expect(job.timeout === "15m", `parent: compuerta:${g} has timeout ${job.timeout}, not timeout_gate`);
    expect(JSON.stringify(job.tags) === JSON.stringify(["sep-deploy", "linux"]), `parent: compuerta:${g} tags`);
    expect(JSON.stringify(job.artifacts?.reports?.junit) === JSON.stringify(`compuerta-reports/${g}.xml`),
           `parent: compuerta:${g} uploads ${JSON.stringify(job.artifacts?.reports?.junit)}, not only its own JUnit`);
    expect(JSON.stringify(job.rules?.[0]) === JSON.stringify({if: "$CI_DEPLOY_FREEZE", when: "never"}),
           `parent: compuerta:${g} ignores CI_DEPLOY_FREEZE`);
}
const trigger = parent["compuerta:deployment"] || {};
expect(trigger.resource_group === "compuerta-staging", `parent: trigger resource_group ${trigger.resource_group}`);
expect(trigger.trigger?.strategy === "depend", "parent: trigger without strategy: depend");
expect(trigger.trigger?.include?.[0]?.artifact === "compuerta-child.yml" &&
       trigger.trigger?.include?.[0]?.job === "compuerta-child-pipeline",
       "parent: trigger does not include the child YAML artifact of compuerta-child-pipeline");
expect(trigger.stage === "deploy" && parent["compuerta-child-pipeline"]?.stage === "deploy",
       "parent: the deployment is not in the deploy stage");

// The child pipeline: every deployment job, notify never fails it, one JUnit per job.
const child = load("child.yml");
for (const j of deployment) expect(j in child, `child: no job ${j}`);
for (const j of ["compuerta:notify-window", "compuerta:notify-success", "compuerta:checklist"])
    expect(child[j]?.allow_failure === true, `child: ${j} without allow_failure: true`);
const seen = new Map();
for (const j of jobs(child)) {
    let junit = child[j].artifacts?.reports?.junit || [];
    if (!Array.isArray(junit)) junit = [junit];
    for (const f of junit) {
        expect(!seen.has(f), `child: ${j} and ${seen.get(f)} both upload ${f}`);
        expect(!f.includes("*"), `child: ${j} uploads a glob of JUnit files (${f})`);
        seen.set(f, j);
    }
    expect(JSON.stringify(child[j].tags) === JSON.stringify(["sep-deploy", "linux"]), `child: ${j} tags`);
}
for (const [j, t] of [["compuerta:backup", "90m"], ["compuerta:migrate", "1h"], ["compuerta:deploy", "30m"],
                      ["compuerta:smoke", "20m"], ["compuerta:rollback", "3h"], ["compuerta:window-open", "10m"]])
    expect(child[j]?.timeout === t, `child: ${j} timeout ${child[j]?.timeout}, expected ${t}`);
const env = (j) => child[j]?.environment || {};
expect(env("compuerta:deploy").url === "https://staging.muses.example" && env("compuerta:deploy").action === "start",
       "child: deploy does not start the environment with its url");
expect(env("compuerta:rollback").action === "start" && env("compuerta:rollback").name === "staging",
       "child: the rollback is not recorded against the environment");
const rollback = child["compuerta:rollback"] || {};
expect(JSON.stringify(rollback.rules) === JSON.stringify([{when: "on_failure"}]), "child: rollback not on_failure");
expect(JSON.stringify(rollback.allow_failure) === JSON.stringify({exit_codes: [4]}),
       `child: rollback allow_failure ${JSON.stringify(rollback.allow_failure)}, expected exit code 4 only`);
expect(/code.*= 3.*= 4.*maintenance status.*notify rollback/.test(text(rollback)),
       "child: rollback does not report maintenance and tell the stakeholders on exit 3 and 4");
const approve = child["compuerta:rollback-approve"] || {};
expect(approve.resource_group === "compuerta-staging", "child: rollback-approve without the deployment's resource_group");
expect(approve.rules?.[0]?.when === "manual", "child: rollback-approve is not manual");
const checklist = child["compuerta:checklist"] || {};
expect(checklist.artifacts?.expose_as && checklist.rules?.[0]?.when === "always" &&
       /checklist --format html/.test(text(checklist)) && /checklist --postmortem/.test(text(checklist)),
       "child: no always-run job exposing the checklist and the post-mortem");
expect(!(child.stages || []).includes("gate"), "child: gates inside the child");

// approval: none: exit 4 fails the rollback job; there is no manual job.
const none = load("child-none.yml");
expect(!("compuerta:rollback-approve" in none), "child (approval none): has a manual approval job");
expect(none["compuerta:rollback"]?.allow_failure === false, "child (approval none): rollback may fail silently");

// Rules: a tag pipeline runs gates and the trigger; a deploy freeze only the freeze job.
const when = (f) => Object.fromEntries(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).map((j) => [j.name, j.when]));
const tag = when("list.json"), frozen = when("list-freeze.json");
expect(tag["compuerta:deployment"] === "on_success" && tag["compuerta:deploy-freeze"] === "never",
       "rules: a tag pipeline does not deploy");
for (const j of ["compuerta:gate-release", "compuerta:gate-env", "compuerta-child-pipeline", "compuerta:deployment"])
    expect(frozen[j] === "never", `rules: ${j} runs during a deploy freeze`);
expect(frozen["compuerta:deploy-freeze"] === "on_success", "rules: no job says the deploy freeze stopped the deployment");
expect(frozen.build === "on_success", "rules: the freeze stopped the project's own build");

for (const p of problems) console.log(`FAIL ${p}`);
console.log(`${problems.length === 0 ? "ok" : "not ok"}: GitLab component structure (${problems.length} problem(s))`);
process.exit(problems.length === 0 ? 0 : 1);
