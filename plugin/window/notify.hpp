#pragma once
// Notifications (plan 1.1, 7.2, rollback 5): the message from a template,
// and its delivery to chat webhooks (Slack, Teams, Mattermost, generic JSON)
// and e-mail. Delivery never throws: a failure is a message saying why.
#include "core/ports/http.hpp"
#include "core/ports/mail.hpp"
#include "core/result.hpp"
#include "plugin/window/text.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace compuerta::plugin::window {

struct MessageFacts {
    std::string kind; // window | success | rollback
    std::string item; // 1.1 | 7.2 | R5
    std::string release;
    std::string environment;
    std::string window_start;
    std::string window_end;
    std::string result;
    std::string pipeline_url;
    std::string report_url;
    Lang lang = Lang::en; // of the message (and of a Teams card's buttons)
};

struct Message {
    std::string subject;
    std::string body;
};

// The template with every {placeholder} filled ("—" for unknown values).
Message build_message(const MessageTemplate& tpl, const MessageFacts& facts);

// The rollback notification's {result}, told from the journal's fields (never
// a stored sentence, which is in the language the rollback ran in): what
// failed, where the rollback stands, the release it restored.
std::string rollback_result(const std::vector<nlohmann::json>& events, Lang lang);

// The JSON body for a webhook of `type` (slack, teams, mattermost, json).
std::string webhook_payload(const std::string& type, const Message& msg, const MessageFacts& facts);

// POSTs `payload` to `url`; ok carries "HTTP 200". Redirects are followed up
// to 3 times (a loop is an error); non-2xx is an error with the body's start.
core::Result<std::string> deliver_webhook(core::Http& http, const std::string& url, const std::string& payload,
                                          const core::TlsOptions& tls, const core::Deadline& deadline);

} // namespace compuerta::plugin::window
