#include "plugin/window/notify.hpp"

#include "core/secrets.hpp"
#include "core/util/local_time.hpp"
#include "core/events.hpp"
#include "plugin/window/maintenance.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace compuerta::plugin::window {

namespace {
std::string dash_if_empty(const std::string& s) { return s.empty() ? "—" : s; }

const char* colour_of(const std::string& kind) {
    if (kind == "success") return "2E7D32";
    if (kind == "rollback") return "C62828";
    return "1565C0";
}
} // namespace

Message build_message(const MessageTemplate& tpl, const MessageFacts& f) {
    std::map<std::string, std::string> values = {
        {"release", dash_if_empty(f.release)},
        {"environment", dash_if_empty(f.environment)},
        // Times a person reads: the configured timezone (the JSON payload below keeps RFC 3339).
        {"window_start", dash_if_empty(core::util::local_minute_text(f.window_start))},
        {"window_end", dash_if_empty(core::util::local_minute_text(f.window_end))},
        {"result", dash_if_empty(f.result)},
        {"pipeline_url", dash_if_empty(f.pipeline_url)},
        {"report_url", dash_if_empty(f.report_url)},
        {"kind", f.kind},
        {"item", f.item},
    };
    return {fill_placeholders(tpl.subject, values), fill_placeholders(tpl.body, values)};
}

std::string rollback_result(const std::vector<nlohmann::json>& events, Lang lang) {
    namespace evk = core::events;
    std::vector<std::string> failed;
    std::string previous, decision, done, verified;
    int exit_code = 0;
    for (const auto& ev : events) {
        auto env = evk::envelope(ev);
        if (auto d = evk::as<evk::DeployStart>(ev); d && !d->previous_release.empty()) previous = d->previous_release;
        if (auto d = evk::as<evk::RollbackDecision>(ev)) {
            decision = env.status;
            done.clear();
            verified.clear();
        }
        if (auto d = evk::as<evk::RollbackDone>(ev)) {
            done = env.status;
            exit_code = d->exit_code;
        }
        if (env.event == evk::k_rollback_verify) verified = env.status;
        if (evk::is<evk::Check>(ev) && env.status == "fail" && decision.empty() && !env.item.empty() &&
            std::find(failed.begin(), failed.end(), env.item) == failed.end())
            failed.push_back(env.item);
    }
    std::string what;
    for (const auto& i : failed) what += (what.empty() ? "" : ", ") + i;
    const core::msg::Params p{{"failed", what.empty() ? tx(lang, "window.notify.a_check") : what},
                              {"previous", previous.empty() ? tx(lang, "window.outcome.previous_release") : previous},
                              {"exit_code", exit_code}};
    if (done == "ok") return tx(lang, "window.notify.result.rollback.done", p);
    if (!done.empty()) return tx(lang, "window.notify.result.rollback.incomplete", p);
    // A rollback waiting for approval (exit 4) is said as such: maintenance may still be on.
    if (decision == "approval") return tx(lang, "window.notify.result.rollback.approval", p);
    if (verified == "ok") return tx(lang, "window.notify.result.rollback.verified", p);
    if (decision == "rollback") return tx(lang, "window.notify.result.rollback.running", p);
    return tx(lang, "window.notify.result.rollback");
}

std::string webhook_payload(const std::string& type, const Message& msg, const MessageFacts& f) {
    nlohmann::ordered_json j;
    if (type == "slack") {
        j["text"] = "*" + msg.subject + "*\n" + msg.body;
    } else if (type == "mattermost") {
        j["username"] = "compuerta";
        j["text"] = "#### " + msg.subject + "\n" + msg.body;
    } else if (type == "teams") {
        j["@type"] = "MessageCard";
        j["@context"] = "https://schema.org/extensions";
        j["summary"] = msg.subject;
        j["themeColor"] = colour_of(f.kind);
        j["title"] = msg.subject;
        std::string text = msg.body;
        for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + 6))
            text.replace(p, 1, "<br>\n");
        j["text"] = text;
        nlohmann::ordered_json actions = nlohmann::ordered_json::array();
        auto link = [&](const std::string& name, const std::string& url) {
            if (url.empty()) return;
            actions.push_back({{"@type", "OpenUri"}, {"name", name}, {"targets", {{{"os", "default"}, {"uri", url}}}}});
        };
        link(tx(f.lang, "window.notify.link.pipeline"), f.pipeline_url);
        link(tx(f.lang, "window.notify.link.report"), f.report_url);
        if (!actions.empty()) j["potentialAction"] = actions;
    } else {
        j["kind"] = f.kind;
        j["item"] = f.item;
        j["subject"] = msg.subject;
        j["text"] = msg.body;
        j["release"] = f.release;
        j["environment"] = f.environment;
        j["window"] = {{"start", f.window_start}, {"end", f.window_end}};
        j["result"] = f.result;
        j["pipeline_url"] = f.pipeline_url;
        j["report_url"] = f.report_url;
    }
    return j.dump();
}

core::Result<std::string> deliver_webhook(core::Http& http, const std::string& url, const std::string& payload,
                                          const core::TlsOptions& tls, const core::Deadline& deadline) {
    core::HttpRequest req;
    req.method = "POST";
    req.url = url;
    req.body = payload;
    req.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    req.tls = tls;
    req.follow_redirects = true;
    req.max_redirects = 3;
    req.max_body = 64 * 1024;
    auto resp = http.send(req, deadline);
    if (!resp) return core::Error{core::mask(resp.error().message)};
    if (resp->status < 200 || resp->status > 299)
        return core::Error{core::mask(core::msg::tr(
            resp->status >= 300 && resp->status < 400 ? "window.notify.error.redirect" : "window.notify.error.http",
            {{"status", resp->status}, {"body", resp->body.substr(0, 200)}}))};
    return fmt::format("HTTP {}", resp->status);
}

} // namespace compuerta::plugin::window
