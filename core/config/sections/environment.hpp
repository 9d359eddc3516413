#pragma once
// The `environment` section, typed (core/config/section.hpp): what `gate env`
// checks before a deploy (docs/gates.md). A value a check needs that uses an
// unset `${VAR}` fails that check, not the command (config::Deferred keeps
// the value and its place until the check is built).
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::core::config {

// environment.postgres
struct EnvPostgres {
    bool configured = false; // the mapping is in the file
    Deferred dsn;            // absent: database.dsn
    Deferred min_version;
    std::vector<std::string> extensions;
    std::vector<std::pair<std::string, Deferred>> settings; // file order
};

// One of environment.certificates.
struct EnvCertificate {
    std::optional<std::string> name; // absent: its position, from 1
    Deferred cert;
    Deferred key;
    Deferred ca;
    std::int64_t warn_days = 0;
    std::int64_t fail_days = 0;
    // Set in the file; otherwise --warn-days/--fail-days, then the default.
    bool warn_days_set = false;
    bool fail_days_set = false;
};

// One of environment.disk.
struct EnvDisk {
    Deferred path;
    std::string min_free; // a size, "20GB"
};

// One of environment.urls.
struct EnvUrl {
    Deferred url;
    std::optional<std::int64_t> expect_status; // absent: any 2xx/3xx
    std::string ca_file;
    bool insecure = false;
};

struct EnvironmentSection {
    Deferred name; // no command reads it: an unset variable there is only 2.3's finding
    std::vector<std::string> required_env;
    Millis timeout{0};
    EnvPostgres postgres;
    std::vector<EnvCertificate> certificates;
    std::vector<EnvDisk> disk;
    std::vector<std::string> tools;
    std::vector<EnvUrl> urls;
    std::vector<std::string> commands; // templates, as written
};

const SectionDecl<EnvPostgres>& environment_postgres_decl();
const SectionDecl<EnvCertificate>& environment_certificate_decl();
const SectionDecl<EnvDisk>& environment_disk_decl();
const SectionDecl<EnvUrl>& environment_url_decl();
const SectionDecl<EnvironmentSection>& environment_decl();

} // namespace compuerta::core::config
