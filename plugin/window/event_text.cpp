// The journal's events told in the reader's language from their own fields
// (docs/journal-events.md), so that a checklist or post-mortem reads in one
// language whatever language the commands that wrote the journal ran in.
#include "core/events.hpp"
#include "core/messages/said.hpp"
#include "core/util/json.hpp"
#include "core/util/local_time.hpp"
#include "plugin/window/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace ev = core::events;

namespace {

std::string or_text(const std::string& v, Lang lang, const char* id) {
    return v.empty() ? tx(lang, id) : v;
}
std::string or_unknown(const std::string& v) {
    return v.empty() ? "?" : v;
}

// maintenance.on/off: evidence `changed` and `target` (written since the catalog).
std::string maintenance_text(const nlohmann::json& line, bool on, const std::string& status,
                             Lang lang) {
    std::string base = on ? "window.event.maintenance_on" : "window.event.maintenance_off";
    const auto& e = line.contains("evidence") && line["evidence"].is_object() ? line["evidence"]
                                                                              : nlohmann::json();
    if (status == "fail") {
        std::string error = core::util::json_text(e, "error");
        return error.empty() ? std::string() : tx(lang, base + ".fail", {{"error", error}});
    }
    std::string target = core::util::json_text(e, "target");
    std::string changed = core::util::json_text(e, "changed");
    if (target.empty() || changed.empty())
        return {};
    return tx(lang, changed == "false" ? base + ".unchanged" : base, {{"target", target}});
}

std::string size_text(long long bytes) {
    return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string step_text(const nlohmann::json& line, const std::string& event,
                      const std::string& status, Lang lang) {
    std::string step = event.substr(std::string(ev::RollbackStep::prefix).size());
    static const char* const known[] = {"restore",         "maintenance", "redeploy",  "verify",
                                        "maintenance_off", "notify",      "postmortem"};
    bool ours = false;
    for (const char* k : known)
        ours = ours || step == k;
    auto fields = ev::as_step(line, event.c_str());
    if (!ours || !fields)
        return {};
    std::string title = tx(lang, "window.rollback.step." + step, {{"release", fields->release}});
    if (status == "started")
        return tx(lang, "window.event.step.started", {{"title", title}});
    if (status != "ok")
        return {}; // the stored summary carries the failure's detail
    if (step == "restore" && !fields->manifest.empty())
        return tx(lang, "window.event.step.restore.ok",
                  {{"title", title}, {"manifest", fields->manifest}});
    if (step == "redeploy" && !fields->release.empty())
        return tx(lang, "window.event.step.redeploy.ok",
                  {{"title", title},
                   {"release", fields->release},
                   {"replaced", or_unknown(fields->replaced)}});
    if (step == "postmortem" && !fields->file.empty())
        return tx(lang, "window.event.step.postmortem.ok",
                  {{"title", title}, {"file", fields->file}});
    return tx(lang, "window.event.step.ok", {{"title", title}});
}

std::string told(const nlohmann::json& line, Lang lang, const std::vector<PlanRow>& rows) {
    const std::string event = core::util::json_text(line, "event");
    const std::string status = core::util::json_text(line, "status");
    if (auto w = ev::as<ev::WindowOpen>(line))
        return window_event_text(w->window, w->overrun_minutes, true, lang);
    if (auto w = ev::as<ev::WindowClose>(line))
        return window_event_text(w->window, w->overrun_minutes, false, lang);
    if (ev::is<ev::MaintenanceOn>(line))
        return maintenance_text(line, true, status, lang);
    if (ev::is<ev::MaintenanceOff>(line))
        return maintenance_text(line, false, status, lang);
    if (auto b = ev::as<ev::BackupDone>(line); b && status == "ok" && !b->database.empty())
        return tx(lang,
                  b->verified ? "window.event.backup_done" : "window.event.backup_done.unverified",
                  {{"database", b->database},
                   {"size", size_text(b->bytes)},
                   {"manifest", or_unknown(b->manifest)}});
    if (auto m = ev::as<ev::MigrateDone>(line); m && status == "ok" && !m->database.empty()) {
        core::msg::Params p{{"database", m->database},
                            {"from", m->from_version},
                            {"to", or_unknown(m->to_version)}};
        if (m->applied.empty())
            return tx(lang, "window.event.migrate_done.nothing", p);
        bool first = m->from_version.empty() || m->from_version == "none";
        return core::msg::plural(
            lang, first ? "window.event.migrate_done.first" : "window.event.migrate_done",
            static_cast<long long>(m->applied.size()), p);
    }
    if (auto r = ev::as<ev::RestoreDone>(line); r && status == "ok" && !r->database.empty())
        return tx(lang,
                  r->kept_as.empty() ? "window.event.restore_done.not_kept"
                                     : "window.event.restore_done",
                  {{"database", r->database},
                   {"manifest", or_unknown(r->manifest)},
                   {"kept_as", r->kept_as}});
    if (auto d = ev::as<ev::DeployStart>(line); d && !d->release.empty())
        return tx(lang,
                  d->previous_release.empty() ? "window.event.deploy_start.first"
                                              : "window.event.deploy_start",
                  {{"release", d->release},
                   {"environment", or_text(d->environment, lang, "window.unnamed_environment")},
                   {"previous", d->previous_release}});
    if (auto d = ev::as<ev::DeployDone>(line); d && status == "ok" && !d->release.empty())
        return tx(lang, "window.event.deploy_done", {{"release", d->release}});
    if (auto t = ev::as<ev::ReleaseTag>(line); t && status == "ok" && !t->tag.empty())
        return tx(lang, t->pushed ? "window.event.release_tag.pushed" : "window.event.release_tag",
                  {{"tag", t->tag}, {"commit", t->commit.substr(0, 12)}});
    if (auto s = ev::as<ev::Signoff>(line); s && !s->by.empty()) {
        std::string item = core::util::json_text(line, "item");
        const PlanRow* row = find_row(rows, item);
        if (!row)
            return {};
        return tx(lang, "window.event.signoff",
                  {{"item", item}, {"task", row->task(lang)}, {"by", s->by}});
    }
    if (auto n = ev::as<ev::Notify>(line); n && !n->channel.empty()) {
        if (n->kind != "window" && n->kind != "success" && n->kind != "rollback")
            return {};
        std::string kind = tx(lang, "window.notify.kind." + n->kind);
        if (status == "ok")
            return tx(lang, "window.event.notify", {{"kind", kind}, {"channel", n->channel}});
        std::string error =
            line.contains("evidence") ? core::util::json_text(line["evidence"], "error") : "";
        if (error.empty())
            return {};
        return tx(lang, "window.event.notify.fail",
                  {{"kind", kind}, {"channel", n->channel}, {"error", error}});
    }
    if (auto l = ev::as<ev::LeaseTake>(line); l && !l->lease.run.empty())
        return tx(
            lang, l->already_held ? "window.event.lease_take.held" : "window.event.lease_take",
            {{"environment", or_text(l->lease.environment, lang, "window.unnamed_environment")},
             {"run", l->lease.run},
             {"since", or_unknown(l->lease.since)}});
    if (auto l = ev::as<ev::LeaseRelease>(line); l && !l->lease.run.empty())
        return tx(
            lang, "window.event.lease_release",
            {{"environment", or_text(l->lease.environment, lang, "window.unnamed_environment")},
             {"run", l->lease.run},
             {"reason", or_unknown(l->reason)}});
    if (auto l = ev::as<ev::LeaseTakeover>(line); l && !l->lease.run.empty())
        return tx(
            lang, "window.event.lease_takeover",
            {{"environment", or_text(l->lease.environment, lang, "window.unnamed_environment")},
             {"run", l->lease.run},
             {"from", or_unknown(l->from.run)}});
    if (auto d = ev::as<ev::RollbackDecision>(line)) {
        auto n = static_cast<long long>(d->reasons.size());
        if (status == "rollback")
            return core::msg::plural(lang, "window.event.rollback_decision", n);
        if (status == "approval")
            return core::msg::plural(lang, "window.event.rollback_decision.approval", n);
        if (status == "nothing")
            return tx(lang, "window.event.rollback_decision.nothing");
        return {};
    }
    if (auto d = ev::as<ev::RollbackDone>(line)) {
        if (status == "ok")
            return tx(lang, "window.event.rollback_done");
        if (status == "fail")
            return tx(lang, "window.event.rollback_done.fail", {{"exit_code", d->exit_code}});
        return {};
    }
    if (event.rfind(ev::RollbackStep::prefix, 0) == 0)
        return step_text(line, event, status, lang);
    return {};
}

} // namespace

std::string window_event_text(const ev::WindowInfo& w, long long overrun, bool open, Lang lang) {
    std::string id = open ? "window.event.window_open" : "window.event.window_close";
    if (overrun > 0)
        id += ".overrun";
    return tx(lang, id,
              {{"release", or_text(w.release, lang, "window.unnamed_release")},
               {"environment", or_text(w.environment, lang, "window.unnamed_environment")},
               {"start", or_unknown(core::util::local_minute_text(w.start))},
               {"end", or_unknown(core::util::local_minute_text(w.end))},
               {"minutes", overrun}});
}

std::string event_summary(const nlohmann::json& line, Lang lang, const std::vector<PlanRow>& rows) {
    std::string text = told(line, lang, rows);
    if (!text.empty()) return text;
    // What the summary meant (message ids and parameters, core/messages/said.hpp),
    // in the reader's language; a journal written before has only its text.
    if (line.contains("said"))
        if (auto said = core::msg::render(lang, line["said"])) return *said;
    return core::util::json_text(line, "summary");
}

} // namespace compuerta::plugin::window
