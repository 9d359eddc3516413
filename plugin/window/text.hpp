#pragma once
// Human text of the window, from the message catalog (po/<lang>/window.po,
// ids window.*): checklist labels, row states, event statuses, the built-in
// notification templates and the journal's events told from their fields.
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/window/plan.hpp"
#include "plugin/window/record.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::plugin::window {

// Text `id` of the catalog in `lang`.
inline std::string tx(Lang lang, std::string_view id, const core::msg::Params& params = {}) {
    return core::msg::text(lang, id, params);
}

// The checklist's labels: L("title") is window.label.title in L's language.
struct Label {
    Lang lang;
    std::string operator()(const char* key) const {
        return tx(lang, std::string("window.label.") + key);
    }
};

// "hecho", "fallido", "omitido", "pendiente", "en curso", "con aviso".
std::string state_label(RowState s, Lang lang);
// Markdown/plain mark: "[x]", "[!]", "[-]", "[ ]", "[~]", "[x]".
const char* state_mark(RowState s);
// An event's status ("pass", "ok", "started"...) as a person reads it; an
// unknown status as it is.
std::string status_label(const std::string& status, Lang lang);

// Built-in notification templates ({release} {environment} {window_start}
// {window_end} {result} {pipeline_url} {report_url}).
struct MessageTemplate {
    std::string subject;
    std::string body;
};
MessageTemplate builtin_template(const std::string& kind, Lang lang);

// What an event says, in `lang`: told from its own fields (window.open,
// maintenance, backup, migrate, restore, deploy, release.tag, signoff,
// notify, lease, rollback) when it carries them; otherwise its stored
// summary as it is (a check's message, a failure's detail, journals written
// before a field existed). `rows` names a signed-off row's task.
std::string event_summary(const nlohmann::json& ev, Lang lang, const std::vector<PlanRow>& rows);
// window.open / window.close told from the planned window.
std::string window_event_text(const core::events::WindowInfo& w, long long overrun_minutes,
                              bool open, Lang lang);

} // namespace compuerta::plugin::window
