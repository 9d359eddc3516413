#include "core/config/sections/environment.hpp"

namespace compuerta::core::config {

namespace {

const char* const warn_days_key = "warn_days";
const char* const fail_days_key = "fail_days";

} // namespace

const SectionDecl<EnvPostgres>& environment_postgres_decl() {
    static const SectionDecl<EnvPostgres> decl = [] {
        using P = EnvPostgres;
        SectionDecl<P> d("");
        deferred(d, "dsn", &P::dsn, s::dsn("config.environment.postgres.dsn"));
        deferred(d, "min_version", &P::min_version,
                 s::str("config.environment.postgres.min_version"));
        d.strings("extensions", &P::extensions, {}, "config.environment.postgres.extensions")
            .custom("settings", s::map_of(s::str(), "config.environment.postgres.settings"),
                    [](P& out, const Value& v) {
                        for (const auto& [name, value] : v.entries())
                            out.settings.emplace_back(name, Deferred(value));
                    });
        return d;
    }();
    return decl;
}

const SectionDecl<EnvCertificate>& environment_certificate_decl() {
    static const SectionDecl<EnvCertificate> decl = [] {
        using C = EnvCertificate;
        SectionDecl<C> d("");
        d.optional_text("name", &C::name, s::str("config.environment.certificates.name"));
        deferred(d, "cert", &C::cert, s::str("config.environment.certificates.cert")).required();
        deferred(d, "key", &C::key, s::str("config.environment.certificates.key"));
        deferred(d, "ca", &C::ca, s::str("config.environment.certificates.ca"));
        d.integer(warn_days_key, &C::warn_days, 30, "config.environment.certificates.warn_days")
            .integer(fail_days_key, &C::fail_days, 7, "config.environment.certificates.fail_days");
        return d;
    }();
    return decl;
}

const SectionDecl<EnvDisk>& environment_disk_decl() {
    static const SectionDecl<EnvDisk> decl = [] {
        using K = EnvDisk;
        SectionDecl<K> d("");
        deferred(d, "path", &K::path, s::str("config.environment.disk.path")).required();
        d.text("min_free", &K::min_free, "", "config.environment.disk.min_free").required();
        return d;
    }();
    return decl;
}

const SectionDecl<EnvUrl>& environment_url_decl() {
    static const SectionDecl<EnvUrl> decl = [] {
        using U = EnvUrl;
        SectionDecl<U> d("");
        deferred(d, "url", &U::url, s::url("config.environment.urls.url")).required();
        d.optional_integer("expect_status", &U::expect_status,
                           "config.environment.urls.expect_status")
            .text("ca_file", &U::ca_file, "", "config.environment.urls.ca_file")
            .boolean("insecure", &U::insecure, false, "config.environment.urls.insecure");
        return d;
    }();
    return decl;
}

const SectionDecl<EnvironmentSection>& environment_decl() {
    static const SectionDecl<EnvironmentSection> decl = [] {
        using E = EnvironmentSection;
        SectionDecl<E> d("environment");
        deferred(d, "name", &E::name, s::str("config.environment.name")); // read by none
        d.strings("required_env", &E::required_env, {}, "config.environment.required_env")
            .duration("timeout", &E::timeout, "10s", "config.environment.timeout")
            .custom("postgres", environment_postgres_decl().schema(),
                    [](E& out, const Value& v) {
                        out.postgres = environment_postgres_decl().read(v);
                        out.postgres.configured = v.present();
                    })
            // Each certificate's warn_days/fail_days: the file's, else the flag's.
            .custom(
                "certificates",
                s::list(environment_certificate_decl().schema(), "config.environment.certificates"),
                [](E& out, const Value& v) {
                    for (const auto& item : v.items()) {
                        auto c = environment_certificate_decl().read(item);
                        c.warn_days_set = item[warn_days_key].present();
                        c.fail_days_set = item[fail_days_key].present();
                        out.certificates.push_back(std::move(c));
                    }
                })
            .list_of("disk", &E::disk, environment_disk_decl(), "")
            .strings("tools", &E::tools, {}, "config.environment.tools")
            .list_of("urls", &E::urls, environment_url_decl(), "config.environment.urls")
            .templates("commands", &E::commands, "config.environment.commands");
        return d;
    }();
    return decl;
}

NodePtr section_environment() {
    return environment_decl().schema();
}

} // namespace compuerta::core::config
