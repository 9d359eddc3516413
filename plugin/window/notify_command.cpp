// compuerta notify window|success|rollback (plan 1.1, 7.2, rollback 5).
#include "core/cli/given_flags.hpp"
#include "core/config/sections/notify.hpp"
#include "core/config/sections/plan.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/secrets.hpp"
#include "plugin/window/commands.hpp"
#include "plugin/window/common.hpp"
#include "plugin/window/notify.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void notify_options(po::options_description& d) {
    namespace msg = core::msg;
    // clang-format off
    d.add_options()
        ("webhook", po::value<std::vector<std::string>>()->composing(), msg::tr("window.notify.opt.webhook").c_str())
        ("mail-to", po::value<std::vector<std::string>>()->composing(), msg::tr("window.notify.opt.mail_to").c_str())
        ("release", po::value<std::string>(), msg::tr("window.notify.opt.release").c_str())
        ("result", po::value<std::string>(), msg::tr("window.notify.opt.result").c_str())
        ("report-url", po::value<std::string>(), msg::tr("window.notify.opt.report_url").c_str())
        ("timeout", po::value<std::string>(), msg::tr("window.notify.opt.timeout",
            {{"default", core::config::notify_decl().default_of("timeout")}}).c_str());
    // clang-format on
}

struct Channel {
    std::string name;
    std::string type; // slack teams mattermost json email
    std::string url;
};

MessageFacts facts_for(core::cli::Invocation& inv, const core::config::NotifySection& notify,
                       const std::string& kind, Lang lang) {
    const core::config::WindowSection window = core::config::window_decl().read(inv.config());
    const auto& id = inv.identity();
    MessageFacts f;
    f.kind = kind;
    f.item = kind == "window" ? "1.1" : kind == "success" ? "7.2" : "R5";
    // The latest window `window open` journaled (open, or just closed for
    // `notify success`), else the configuration.
    core::events::WindowInfo w;
    for (const auto& ev : inv.history().events)
        if (auto o = core::events::as<core::events::WindowOpen>(ev))
            w = o->window;
    auto either = [](const std::string& journaled, const core::config::Deferred& configured) {
        return journaled.empty() ? configured.str_or("") : journaled;
    };
    f.release = either(w.release, window.release);
    f.environment = either(w.environment, window.environment);
    f.window_start = either(w.start, window.start);
    f.window_end = either(w.end, window.end);
    for (const auto& ev : inv.history().events) {
        namespace evk = core::events;
        if (auto d = evk::as<evk::DeployStart>(ev); d && f.release.empty())
            f.release = d->release;
        if (auto d = evk::as<evk::DeployDone>(ev); d && f.release.empty())
            f.release = d->release;
    }
    if (f.release.empty())
        f.release = id.tag;
    if (f.environment.empty())
        f.environment = id.environment;
    if (auto r = inv.arg<std::string>("release"))
        f.release = *r;
    f.lang = lang;
    if (kind == "window")
        f.result = tx(lang, "window.notify.result.window");
    else if (kind == "success")
        f.result = tx(lang, "window.notify.result.success");
    else
        f.result = rollback_result(inv.history().events, lang);
    if (auto r = inv.arg<std::string>("result"))
        f.result = *r;
    f.pipeline_url = id.pipeline_url;
    f.report_url = notify.report_url;
    return f;
}

MessageTemplate template_for(const core::config::NotifySection& notify, const std::string& kind,
                             Lang lang) {
    MessageTemplate t = builtin_template(kind, lang);
    const core::config::NotifyText& over = notify.templates(kind);
    if (over.subject)
        t.subject = *over.subject;
    if (over.body)
        t.body = *over.body;
    return t;
}

core::Result<std::string> send_mail(core::Mail& mail, const core::config::NotifyEmail& e,
                                    const std::vector<std::string>& to_flag, const Message& msg,
                                    const core::Deadline& deadline, Lang lang) {
    core::SmtpServer server;
    server.url = e.smtp_url;
    // Absent: from the URL's scheme.
    std::string tls = !e.tls.empty()                         ? e.tls
                      : server.url.rfind("smtps://", 0) == 0 ? "implicit"
                                                             : "starttls";
    server.tls = tls == "implicit" ? core::SmtpTls::implicit : core::SmtpTls::starttls;
    server.username = e.username;
    server.password = e.password;
    server.tls_options.ca_file = e.ca_file;
    server.tls_options.verify = !e.insecure;
    core::MailMessage m;
    m.from = e.from;
    m.to = to_flag.empty() ? e.to : to_flag;
    m.subject = msg.subject;
    m.body = msg.body;
    auto sent = mail.send(server, m, deadline);
    if (!sent)
        return sent.error();
    return core::msg::plural(lang, "window.notify.mail_sent", static_cast<long long>(m.to.size()),
                             {{"server", sent->server}});
}

int run_notify(core::cli::Invocation& inv) {
    auto kind = inv.arg<std::string>("kind");
    if (!kind || (*kind != "window" && *kind != "success" && *kind != "rollback"))
        throw core::UsageError(core::msg::tr("window.notify.error.kind"));
    const auto& cfg = inv.config();
    Lang lang = notify_lang(cfg, inv.arg<std::string>("lang"), inv.env());
    const core::config::NotifySection notify = core::config::notify_decl().read(
        cfg, core::cli::given_flags(inv), {{"timeout", "timeout"}, {"report-url", "report_url"}});
    core::Millis timeout = notify.timeout; // --timeout over notify.timeout
    std::vector<Channel> channels;
    for (const auto& w : notify.webhooks)
        channels.push_back({w.name.value_or(w.type), w.type, w.url});
    for (const auto& spec :
         inv.arg<std::vector<std::string>>("webhook").value_or(std::vector<std::string>{})) {
        auto eq = spec.find('=');
        std::string type = eq == std::string::npos ? "" : spec.substr(0, eq);
        if (type != "slack" && type != "teams" && type != "mattermost" && type != "json")
            throw core::UsageError(core::msg::tr("window.notify.error.webhook"));
        std::string url = spec.substr(eq + 1);
        core::SecretRegistry::global().add(url, "--webhook");
        channels.push_back({type, type, url});
    }
    auto to_flag =
        inv.arg<std::vector<std::string>>("mail-to").value_or(std::vector<std::string>{});
    bool mail = notify.email.has_value();
    if (!to_flag.empty() && !mail)
        throw core::ConfigError(core::msg::tr("window.notify.error.mail_to"));
    if (mail)
        channels.push_back({"email", "email", ""});
    if (channels.empty())
        throw core::ConfigError(core::msg::tr("window.notify.error.no_channel"));

    MessageFacts facts = facts_for(inv, notify, *kind, lang);
    Message msg = build_message(template_for(notify, *kind, lang), facts);
    auto http = inv.adapters().http();
    auto mailer = inv.adapters().mail();
    int failures = 0;
    core::report::Suite suite = inv.make_suite("compuerta.notify");
    for (const auto& ch : channels) {
        const core::WallTime started = inv.clock().now();
        inv.info(tx(lang, "window.notify.sending", {{"kind", *kind}, {"channel", ch.name}}));
        auto deadline = core::Deadline::after(timeout);
        core::Result<std::string> r =
            ch.type == "email"
                ? send_mail(*mailer, *notify.email, to_flag, msg, deadline, lang)
                : deliver_webhook(*http, ch.url, webhook_payload(ch.type, msg, facts),
                                  core::TlsOptions{}, deadline);
        core::Event e = core::events::make(core::events::Notify{ch.name, *kind}, r ? "ok" : "fail",
                                           "", facts.item);
        e.summary =
            r ? tx(lang, "window.notify.sent",
                   {{"subject", msg.subject}, {"channel", ch.name}, {"detail", *r}})
              : tx(lang, "window.notify.not_sent",
                   {{"subject", msg.subject}, {"channel", ch.name}, {"error", r.error().message}});
        if (!r)
            e.evidence["error"] =
                r.error().message; // the checklist tells the failure in its language
        inv.journal().append(e);
        inv.out() << core::mask(
            fmt::format("{} {} {}\n", r ? "ok  " : "FAIL", facts.item, e.summary));
        if (!r)
            ++failures;
        core::CheckResult res;
        res.id = "notify-" + ch.name;
        res.item = facts.item;
        res.name = tx(lang, "window.notify.check_name", {{"kind", *kind}, {"channel", ch.name}});
        res.classname = "notify." + ch.type;
        res.status = r ? core::Status::pass : core::Status::fail;
        res.message = e.summary;
        res.started = started;
        res.duration = std::chrono::duration_cast<core::Millis>(inv.clock().now() - started);
        res.evidence = {
            {"channel", ch.name}, {"type", ch.type}, {"kind", *kind}, {"subject", msg.subject}};
        suite.results.push_back(std::move(res));
    }
    if (failures > 0)
        inv.warn(core::msg::plural(lang, "window.notify.undelivered",
                                   static_cast<long long>(channels.size()),
                                   {{"failed", failures}}));
    int code = failures > 0 ? core::k_exit_failed : core::k_exit_ok;
    inv.write_reports(suite, code);
    return code;
}

} // namespace

const core::cli::Command& notify_command() {
    static const core::cli::Command cmd{
        "notify",
        "window.notify.summary",
        "compuerta notify window|success|rollback [--webhook TYPE=URL]... [--lang es|en] [OPTIONS]",
        "window.notify.description",
        true,
        false,
        notify_options,
        {{"kind", 1}},
        run_notify,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
