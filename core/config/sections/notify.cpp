#include "core/config/sections/notify.hpp"

namespace compuerta::core::config {

namespace {

// A copy of `node` documented by `doc`.
NodePtr documented(const NodePtr& node, std::string doc) {
    auto n = std::make_shared<Node>(*node);
    n->doc = std::move(doc);
    return n;
}

} // namespace

const SectionDecl<MaintenanceSection>& maintenance_decl() {
    static const SectionDecl<MaintenanceSection> decl = [] {
        using M = MaintenanceSection;
        SectionDecl<M> d("maintenance");
        d.choice("backend", &M::backend, {"file", "http", "sql"}, "file",
                 "config.maintenance.backend");
        deferred(d, "flag_file", &M::flag_file, s::str("config.maintenance.flag_file"));
        deferred(d, "public_url", &M::public_url, s::url("config.maintenance.public_url"));
        deferred(d, "bypass_header", &M::bypass_header, s::str("config.maintenance.bypass_header"));
        deferred(d, "bypass_value", &M::bypass_value, s::secret("config.maintenance.bypass_value"));
        deferred(d, "admin_url", &M::admin_url, s::secret_url("config.maintenance.admin_url"));
        d.choice("admin_method", &M::admin_method, {"POST", "PUT", "PATCH"}, "POST",
                 "config.maintenance.admin_method");
        d.template_text("admin_on_body", &M::admin_on_body, "{\"maintenance\": true}",
                        "config.maintenance.admin_on_body")
            .template_text("admin_off_body", &M::admin_off_body, "{\"maintenance\": false}",
                           "config.maintenance.admin_off_body");
        deferred(d, "admin_token", &M::admin_token, s::secret("config.maintenance.admin_token"));
        deferred(d, "dsn", &M::dsn, s::dsn("config.maintenance.dsn"));
        d.optional_template("on_sql", &M::on_sql, "config.maintenance.on_sql")
            .optional_template("off_sql", &M::off_sql, "config.maintenance.off_sql")
            .optional_template("state_sql", &M::state_sql, "config.maintenance.state_sql");
        deferred(d, "ca_file", &M::ca_file, s::str("config.maintenance.ca_file"));
        d.boolean("insecure", &M::insecure, false, "config.environment.urls.insecure")
            .duration("timeout", &M::timeout, "10s", "config.maintenance.timeout");
        return d;
    }();
    return decl;
}

const SectionDecl<NotifyWebhook>& notify_webhook_decl() {
    static const SectionDecl<NotifyWebhook> decl = [] {
        using W = NotifyWebhook;
        SectionDecl<W> d("");
        d.choice("type", &W::type, {"slack", "teams", "mattermost", "json"}, "", "")
            .required()
            .text_node("url", &W::url, s::secret_url("config.notify.webhooks.url"), "")
            .required()
            .optional_text("name", &W::name, s::str("config.notify.webhooks.name"));
        return d;
    }();
    return decl;
}

const SectionDecl<NotifyEmail>& notify_email_decl() {
    static const SectionDecl<NotifyEmail> decl = [] {
        using E = NotifyEmail;
        SectionDecl<E> d("");
        d.text_node("smtp_url", &E::smtp_url,
                    s::with_rule(s::url("config.notify.email.smtp_url"), "url.smtp"), "")
            .required()
            .choice("tls", &E::tls, {"starttls", "implicit"}, "", "config.notify.email.tls")
            .text("username", &E::username, "", "config.notify.email.username")
            .text_node("password", &E::password, s::secret("config.notify.email.password"), "")
            .text("from", &E::from, "", "config.notify.email.from")
            .required()
            .strings("to", &E::to, {}, "config.notify.email.to")
            .required()
            .text("ca_file", &E::ca_file, "", "config.notify.email.ca_file")
            .boolean("insecure", &E::insecure, false, "config.notify.email.insecure");
        return d;
    }();
    return decl;
}

const SectionDecl<NotifyText>& notify_text_decl() {
    static const SectionDecl<NotifyText> decl = [] {
        using T = NotifyText;
        SectionDecl<T> d("");
        d.optional_template("subject", &T::subject, "config.notify.templates.window.subject")
            .optional_template("body", &T::body, "config.notify.templates.window.body");
        return d;
    }();
    return decl;
}

const SectionDecl<NotifySection>& notify_decl() {
    static const SectionDecl<NotifySection> decl = [] {
        using N = NotifySection;
        SectionDecl<N> d("notify");
        d.choice("lang", &N::lang, {"es", "en"}, "", "")
            .list_of("webhooks", &N::webhooks, notify_webhook_decl(), "")
            .custom("email", documented(notify_email_decl().schema(), "config.notify.email"),
                    [](N& out, const Value& v) {
                        if (v.present())
                            out.email = notify_email_decl().read(v);
                    })
            .group("templates", "config.notify.templates");
        for (auto [kind, member] :
             {std::pair{"window", &N::window}, std::pair{"success", &N::success},
              std::pair{"rollback", &N::rollback}})
            d.custom(std::string("templates.") + kind, notify_text_decl().schema(),
                     [m = member](N& out, const Value& v) { out.*m = notify_text_decl().read(v); });
        d.text("report_url", &N::report_url, "", "config.notify.report_url")
            .duration("timeout", &N::timeout, "10s", "config.notify.timeout");
        return d;
    }();
    return decl;
}

NodePtr section_maintenance() {
    return maintenance_decl().schema();
}

NodePtr section_notify() {
    return notify_decl().schema();
}

} // namespace compuerta::core::config
