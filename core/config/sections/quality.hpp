#pragma once
// The `quality` section, typed (core/config/section.hpp): the policy of
// `gate qa` (quality.qa) and `gate defects` (quality.defects).
//
// Each gate reads only its own part (qa_settings(), defects_settings()), so a
// variable that only the other gate's keys use does not stop it. Strings are
// expanded where used (config::Deferred): a flag given instead, or a tracker
// not queried, does not need them.
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <cstdint>
#include <string>

namespace compuerta::core::config {

// quality.qa
struct QaSettings {
    Deferred reports; // list of globs
    std::int64_t min_tests = 0;
    std::int64_t max_failures = 0;
    std::int64_t max_errors = 0;
    std::string skipped; // pass | warn | fail
    std::string flaky;   // pass | warn | fail

    bool pipeline_enabled = false;
    Deferred pipeline_api_url; // absent: --gitlab-url, CI_API_V4_URL
    Deferred pipeline_project; // absent: --project, CI_PROJECT_ID
    Deferred pipeline_ref;
    Deferred pipeline_token_variable; // absent: GITLAB_TOKEN, then CI_JOB_TOKEN
};

// quality.defects.gitlab
struct DefectsGitlab {
    bool configured = false; // the mapping is in the file
    Deferred api_url;        // absent: --gitlab-url, CI_API_V4_URL
    Deferred project;        // absent: --project, CI_PROJECT_ID
    Deferred labels;         // list
    Deferred milestone;
    std::string state; // opened | closed | all
    Deferred token_variable;
    std::int64_t page_size = 0;
};

// quality.defects.jira
struct DefectsJira {
    bool configured = false; // the mapping is in the file
    Deferred url;            // absent: --jira-url, JIRA_URL
    Deferred jql;
    Deferred token_variable; // absent: JIRA_TOKEN
    Deferred user_variable;  // absent: JIRA_USER
    std::int64_t page_size = 0;
};

// quality.defects
struct DefectsSettings {
    std::int64_t max = 0;
    std::int64_t min = 0;
    Millis timeout{0};
    DefectsGitlab gitlab;
    DefectsJira jira;
};

struct QualitySection {
    QaSettings qa;
    DefectsSettings defects;
};

const SectionDecl<QaSettings>& quality_qa_decl();
const SectionDecl<DefectsGitlab>& quality_gitlab_decl();
const SectionDecl<DefectsJira>& quality_jira_decl();
const SectionDecl<DefectsSettings>& quality_defects_decl();
const SectionDecl<QualitySection>& quality_decl();

// quality.qa alone (gate qa), quality.defects alone (gate defects), with the
// command's flags over their keys (core/config/given_flags.hpp).
QaSettings qa_settings(const Config& cfg, const GivenFlags& given = NoFlags{},
                       const std::vector<FlagBinding>& bindings = {});
DefectsSettings defects_settings(const Config& cfg, const GivenFlags& given = NoFlags{},
                                 const std::vector<FlagBinding>& bindings = {});

} // namespace compuerta::core::config
