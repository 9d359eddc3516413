// libFuzzer target: answers of the tracker APIs (GitLab, Jira) and of a
// notification webhook, served by a fake Http: line 1 is the status, line 2
// a Link / Retry-After header value, the rest the body. Every answer gives
// defects, an ApiError or a delivery error; never a crash or an exception.
#include "plugin/gates/api/api_client.hpp"
#include "plugin/gates/defects/defect.hpp"
#include "plugin/window/notify.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <cstdint>

namespace {

class FakeHttp final : public compuerta::core::Http {
  public:
    compuerta::core::HttpResponse answer;
    int calls = 0;
    compuerta::core::Result<compuerta::core::HttpResponse, compuerta::core::HttpFailure>
    send(const compuerta::core::HttpRequest&, const compuerta::core::Deadline&) override {
        // A second page is a last, empty one, so a paginator always ends.
        if (++calls > 1) {
            compuerta::core::HttpResponse last = answer;
            last.body = answer.body.rfind('{', 0) == 0 ? "{\"issues\":[],\"total\":0}" : "[]";
            last.headers.clear();
            return last;
        }
        return answer;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta;
    using namespace compuerta::plugin::gates;
    auto f = fuzz::fields(data, size, 3);
    core::HttpResponse r;
    r.status = 200;
    if (!f[0].empty() && f[0].size() < 5 &&
        f[0].find_first_not_of("0123456789") == std::string::npos)
        r.status = std::stol(f[0]);
    r.headers = {{"content-type", "application/json"},
                 {"link", f[1]},
                 {"retry-after", f[1]},
                 {"x-next-page", f[1]}};
    r.body = f[2];
    auto deadline = core::Deadline::after(core::Millis(60'000));
    (void)gitlab_next_page(r, "https://gitlab.example/api/v4/projects/1/issues?scope=all");
    (void)retry_after(r);
    {
        FakeHttp http;
        http.answer = r;
        ApiClient api(http, "GitLab", {}, {}, [](core::Millis) {});
        api.max_retries = 1;
        (void)fetch_gitlab_issues(
            api, GitlabQuery{"https://gitlab.example/api/v4", "1", {}, "", "opened", 100},
            deadline);
    }
    {
        FakeHttp http;
        http.answer = r;
        ApiClient api(http, "Jira", {}, {}, [](core::Millis) {});
        api.max_retries = 1;
        (void)fetch_jira_issues(api, JiraQuery{"https://jira.example", "project = MUSES", 100},
                                deadline);
    }
    {
        FakeHttp http;
        http.answer = r;
        (void)plugin::window::deliver_webhook(http, "https://hooks.example/x", "{}", {}, deadline);
    }
    return 0;
}
