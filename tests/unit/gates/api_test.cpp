#include "core/secrets.hpp"
#include "plugin/gates/api/auth.hpp"
#include "plugin/gates/defects/defect.hpp"

#include <deque>
#include <gtest/gtest.h>

namespace compuerta::plugin::gates {
namespace {

using Vars = std::map<std::string, std::string>;

// Answers queued responses in order and records the requests.
class FakeHttp final : public core::Http {
  public:
    std::deque<core::Result<core::HttpResponse, core::HttpFailure>> answers;
    std::vector<core::HttpRequest> requests;

    void reply(long status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
        core::HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        r.headers = std::move(headers);
        answers.emplace_back(std::move(r));
    }
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& req,
                                                             const core::Deadline&) override {
        requests.push_back(req);
        if (answers.empty()) return core::HttpFailure{core::HttpPhase::connect, "no answer queued"};
        auto a = std::move(answers.front());
        answers.pop_front();
        return a;
    }
};

const core::Deadline k_later = core::Deadline::after(core::Millis(60'000));

TEST(ApiClient, HonoursRetryAfterOn429) {
    FakeHttp http;
    http.reply(429, "{}", {{"retry-after", "2"}});
    http.reply(200, "[]");
    std::vector<core::Millis> slept;
    ApiClient api(http, "GitLab", {}, {}, [&](core::Millis d) { slept.push_back(d); });
    auto r = api.get_json("http://h/api", k_later);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(slept.size(), 1u);
    EXPECT_EQ(slept[0], core::Millis(2000));
    EXPECT_EQ(http.requests.size(), 2u);
}

TEST(ApiClient, GivesUpWhenRetryAfterExceedsTheDeadline) {
    FakeHttp http;
    http.reply(429, "{}", {{"retry-after", "3600"}});
    ApiClient api(http, "GitLab", {}, {}, [](core::Millis) { FAIL() << "must not sleep past the deadline"; });
    auto r = api.get_json("http://h/api", core::Deadline::after(core::Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiErrorKind::rate_limited);
}

TEST(ApiClient, AuthFailuresNameTheVariableAndMaskTheToken) {
    core::SecretRegistry::global().clear();
    core::MapEnv env(Vars{{"GITLAB_TOKEN", "glpat-secret-value-42"}});
    FakeHttp http;
    http.reply(401, "{\"message\":\"401 Unauthorized glpat-secret-value-42\"}");
    http.reply(403, "{}");
    ApiClient api(http, "GitLab", gitlab_auth(env, ""));
    auto r = api.get_json("http://h/api?private_token=glpat-secret-value-42", k_later);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiErrorKind::auth);
    EXPECT_NE(r.error().message.find("GITLAB_TOKEN"), std::string::npos);
    EXPECT_EQ(r.error().message.find("glpat-secret-value-42"), std::string::npos) << r.error().message;
    EXPECT_EQ(http.requests[0].headers[0].first, "PRIVATE-TOKEN");
    auto f = api.get_json("http://h/api", k_later);
    EXPECT_NE(f.error().message.find("403 Forbidden"), std::string::npos);
}

TEST(ApiClient, NotJsonAndServerErrorsAndUnreachable) {
    FakeHttp http;
    http.reply(200, "<html>login</html>", {{"content-type", "text/html"}});
    http.reply(500, "oops");
    ApiClient api(http, "Jira", {});
    EXPECT_EQ(api.get_json("http://h/", k_later).error().kind, ApiErrorKind::not_api);
    EXPECT_EQ(api.get_json("http://h/", k_later).error().kind, ApiErrorKind::status);
    EXPECT_EQ(api.get_json("http://h/", k_later).error().kind, ApiErrorKind::unreachable);
}

TEST(Auth, JobTokenFallbackAndJiraForms) {
    core::MapEnv env(Vars{{"CI_JOB_TOKEN", "job-token-abcdef"}});
    auto a = gitlab_auth(env, "");
    ASSERT_EQ(a.headers.size(), 1u);
    EXPECT_EQ(a.headers[0].first, "JOB-TOKEN");
    EXPECT_TRUE(gitlab_auth(env, "MY_TOKEN").headers.empty()); // a named variable has no fallback
    core::MapEnv jenv(Vars{{"JIRA_TOKEN", "jira-token-1234"}, {"JIRA_USER", "ana@sep.gob.mx"}});
    auto j = jira_auth(jenv, "", "");
    EXPECT_EQ(j.headers[0].second, "Basic " + base64("ana@sep.gob.mx:jira-token-1234"));
    EXPECT_EQ(base64("ab"), "YWI=");
    EXPECT_EQ(base64("abc"), "YWJj");
    EXPECT_EQ(base64("a"), "YQ==");
    core::MapEnv bearer(Vars{{"JIRA_TOKEN", "jira-token-1234"}});
    EXPECT_EQ(jira_auth(bearer, "", "").headers[0].second, "Bearer jira-token-1234");
}

TEST(GitlabIssues, FollowsXNextPageThenLink) {
    FakeHttp http;
    http.reply(200, R"([{"iid":1,"title":"A","web_url":"http://t/1"}])", {{"x-next-page", "2"}});
    http.reply(200, R"([{"iid":2,"title":"B"}])",
               {{"link", R"(<http://h/api/v4/projects/g%2Fp/issues?page=3>; rel="next", <http://x>; rel="first")"}});
    http.reply(200, R"([{"iid":3,"title":"C"}])", {{"x-next-page", ""}});
    ApiClient api(http, "GitLab", {});
    GitlabQuery q{"http://h/api/v4/", "g/p", {"critical", "release::1.4"}, "v1.4", "opened", 1};
    auto r = fetch_gitlab_issues(api, q, k_later);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].id, "#1");
    EXPECT_EQ((*r)[0].link, "http://t/1");
    const std::string& first = http.requests[0].url;
    EXPECT_EQ(first.rfind("http://h/api/v4/projects/g%2Fp/issues?", 0), 0u) << first;
    EXPECT_NE(first.find("labels=critical%2Crelease%3A%3A1.4"), std::string::npos) << first;
    EXPECT_NE(first.find("milestone=v1.4"), std::string::npos);
    EXPECT_NE(first.find("state=opened"), std::string::npos);
    EXPECT_NE(http.requests[1].url.find("page=2"), std::string::npos);
    EXPECT_EQ(http.requests[2].url, "http://h/api/v4/projects/g%2Fp/issues?page=3");
}

TEST(GitlabIssues, WrongShapeIsNotTheApi) {
    FakeHttp http;
    http.reply(200, R"({"issues":[]})");
    ApiClient api(http, "GitLab", {});
    auto r = fetch_gitlab_issues(api, GitlabQuery{"http://h", "1", {}, "", "opened", 100}, k_later);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiErrorKind::not_api);
}

TEST(JiraIssues, PaginatesWithStartAtAndTotal) {
    FakeHttp http;
    http.reply(200, R"({"startAt":0,"maxResults":2,"total":3,"issues":[{"key":"M-1","fields":{"summary":"a"}},{"key":"M-2","fields":{"summary":"b"}}]})");
    http.reply(200, R"({"startAt":2,"maxResults":2,"total":3,"issues":[{"key":"M-3","fields":{"summary":"c"}}]})");
    ApiClient api(http, "Jira", {});
    auto r = fetch_jira_issues(api, JiraQuery{"https://jira.sep/", "priority = Highest", 50}, k_later);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[2].link, "https://jira.sep/browse/M-3");
    EXPECT_NE(http.requests[1].url.find("startAt=2"), std::string::npos);
    EXPECT_NE(http.requests[0].url.find("jql=priority%20%3D%20Highest"), std::string::npos) << http.requests[0].url;
}

} // namespace
} // namespace compuerta::plugin::gates
