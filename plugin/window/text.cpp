#include "plugin/window/text.hpp"

namespace compuerta::plugin::window {

std::string state_label(RowState s, Lang lang) {
    switch (s) {
    case RowState::done:
        return tx(lang, "window.state.done");
    case RowState::warn:
        return tx(lang, "window.state.warn");
    case RowState::failed:
        return tx(lang, "window.state.failed");
    case RowState::skipped:
        return tx(lang, "window.state.skipped");
    case RowState::running:
        return tx(lang, "window.state.running");
    case RowState::not_needed:
        return tx(lang, "window.state.not_needed");
    case RowState::open:
        break;
    }
    return tx(lang, "window.state.open");
}

const char* state_mark(RowState s) {
    switch (s) {
    case RowState::done:
    case RowState::warn:
        return "[x]";
    case RowState::failed:
        return "[!]";
    case RowState::skipped:
        return "[-]";
    case RowState::running:
        return "[~]";
    case RowState::not_needed:
        return "[-]";
    case RowState::open:
        break;
    }
    return "[ ]";
}

std::string status_label(const std::string& status, Lang lang) {
    static const char* const known[] = {"pass",     "fail",    "error",   "warn",
                                        "skip",     "ok",      "started", "rollback",
                                        "approval", "nothing", "repaired"};
    for (const char* k : known)
        if (status == k)
            return tx(lang, std::string("window.status.") + k);
    return status;
}

MessageTemplate builtin_template(const std::string& kind, Lang lang) {
    std::string k = kind == "window" || kind == "success" ? kind : "rollback";
    return {tx(lang, "window.notify." + k + ".subject"), tx(lang, "window.notify." + k + ".body")};
}

} // namespace compuerta::plugin::window
