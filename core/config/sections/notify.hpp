#pragma once
// The `maintenance` and `notify` sections, typed (core/config/section.hpp).
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::config {

// Its strings are expanded where used: `maintenance on` with a flag file
// does not need the admin endpoint's token, and deploy and smoke read only
// the bypass header.
struct MaintenanceSection {
    std::string backend; // file | http | sql
    Deferred flag_file;
    Deferred public_url;
    Deferred bypass_header;
    Deferred bypass_value;
    Deferred admin_url;
    std::string admin_method;
    std::string admin_on_body;  // template, as written
    std::string admin_off_body; // template, as written
    Deferred admin_token;
    Deferred dsn;                         // absent: database.dsn
    std::optional<std::string> on_sql;    // template, as written
    std::optional<std::string> off_sql;   // template, as written
    std::optional<std::string> state_sql; // template, as written
    Deferred ca_file;
    bool insecure = false;
    Millis timeout{0};
};

// One of notify.webhooks.
struct NotifyWebhook {
    std::string type; // slack | teams | mattermost | json
    std::string url;
    std::optional<std::string> name; // absent: the type
};

// notify.email, when present.
struct NotifyEmail {
    std::string smtp_url;
    std::string tls; // starttls | implicit; "" when absent: from the URL's scheme
    std::string username;
    std::string password;
    std::string from;
    std::vector<std::string> to;
    std::string ca_file;
    bool insecure = false;
};

// One of notify.templates.window/success/rollback: overrides, as written.
struct NotifyText {
    std::optional<std::string> subject;
    std::optional<std::string> body;
};

struct NotifySection {
    std::string lang; // "" when absent (core/config/output.hpp reads it)
    std::vector<NotifyWebhook> webhooks;
    std::optional<NotifyEmail> email;
    NotifyText window, success, rollback; // notify.templates.<kind>
    std::string report_url;
    Millis timeout{0};

    // The overrides for `kind` (window, success, rollback).
    const NotifyText& templates(const std::string& kind) const {
        return kind == "window" ? window : kind == "success" ? success : rollback;
    }
};

const SectionDecl<MaintenanceSection>& maintenance_decl();
const SectionDecl<NotifyWebhook>& notify_webhook_decl();
const SectionDecl<NotifyEmail>& notify_email_decl();
const SectionDecl<NotifyText>& notify_text_decl();
const SectionDecl<NotifySection>& notify_decl();

} // namespace compuerta::core::config
