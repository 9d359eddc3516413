#pragma once
// The journal's event kinds, each declared once: its name, plan item,
// version and own fields (docs/journal-events.md). Writers build a
// core::Event with make(); readers get the typed fields with as<E>() and
// the common envelope with envelope(). Unknown or missing fields take their
// defaults, so journals written before a field existed still read; a field
// of the wrong type makes the line unreadable as that kind (as<E>() is
// empty), never a crash.
#include "core/journal.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::events {

// What every line carries, whatever its kind.
struct Envelope {
    WallTime ts{};
    std::string ts_text;
    std::string run, job, event, item, command, status, summary, actor;
    std::optional<long long> duration_ms;
    std::string file; // journal file name, for messages
    int line = 0;
};
Envelope envelope(const nlohmann::json& line);

// Fields shared by the deployment window's events.
struct WindowInfo {
    std::string start, end, environment, release;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WindowInfo, start, end, environment, release)

#define COMPUERTA_EVENT_KIND(Name, Item, Version)                                                  \
    static constexpr const char* name = Name;                                                      \
    static constexpr const char* item = Item;                                                      \
    static constexpr int version = Version

// One check result (every checking command).
struct Check {
    COMPUERTA_EVENT_KIND("check", "", 1);
    std::string check; // the check's id
    int round = 0;     // with --until-pass
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Check, check, round)

struct WindowOpen {
    COMPUERTA_EVENT_KIND("window.open", "1", 1);
    WindowInfo window;
    long long overrun_minutes = 0; // > 0: opened after the planned end (status warn)
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WindowOpen, window, overrun_minutes)

struct WindowClose {
    COMPUERTA_EVENT_KIND("window.close", "7", 1);
    WindowInfo window;
    long long overrun_minutes = 0; // > 0: closed after the planned end (status warn)
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WindowClose, window, overrun_minutes)

struct MaintenanceOn {
    COMPUERTA_EVENT_KIND("maintenance.on", "2", 1);
    std::string backend;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MaintenanceOn, backend)

struct MaintenanceOff {
    COMPUERTA_EVENT_KIND("maintenance.off", "7.1", 1);
    std::string backend;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MaintenanceOff, backend)

struct BackupDone {
    COMPUERTA_EVENT_KIND("backup.done", "2.2", 1);
    std::string manifest; // path of manifest.json
    std::string database, tag, previous_tag;
    bool verified = false;
    long long bytes = 0;
    std::string wal_lsn; // WAL position when the dump started
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BackupDone, manifest, database, tag, previous_tag,
                                                verified, bytes, wal_lsn)

// The same-cluster snapshot beside a backup (phase take, item 2.2) or its
// swap in by a restore (phase restore, item R2); docs/db.md.
struct BackupSnapshot {
    COMPUERTA_EVENT_KIND("backup.snapshot", "2.2", 1);
    std::string database, snapshot, phase, manifest, kept_as;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BackupSnapshot, database, snapshot, phase, manifest, kept_as)

struct MigrateDone {
    COMPUERTA_EVENT_KIND("migrate.done", "3", 1);
    std::string database;
    std::vector<std::string> applied;
    std::string from_version, to_version;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MigrateDone, database, applied, from_version,
                                                to_version)

struct RestoreDone {
    COMPUERTA_EVENT_KIND("restore.done", "R2", 1);
    std::string manifest, database, mode, kept_as, tag, previous_tag;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RestoreDone, manifest, database, mode, kept_as, tag,
                                                previous_tag)

struct DeployStart {
    COMPUERTA_EVENT_KIND("deploy.start", "4", 1);
    std::string release, previous_release, commit, environment;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeployStart, release, previous_release, commit,
                                                environment)

struct DeployDone {
    COMPUERTA_EVENT_KIND("deploy.done", "5", 1);
    std::string release, previous_release;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeployDone, release, previous_release)

struct ReleaseTag {
    COMPUERTA_EVENT_KIND("release.tag", "3.4", 1);
    std::string tag, commit;
    bool pushed = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReleaseTag, tag, commit, pushed)

struct Signoff {
    COMPUERTA_EVENT_KIND("signoff", "", 1);
    std::string by, note;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Signoff, by, note)

struct Notify {
    COMPUERTA_EVENT_KIND("notify", "", 1);
    std::string channel, kind;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Notify, channel, kind)

struct RollbackDecision {
    COMPUERTA_EVENT_KIND("rollback.decision", "R1", 1);
    std::vector<std::string> reasons;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RollbackDecision, reasons)

// One step of a rollback (started, then ok or fail). `name` is the step's
// event name: rollback.restore, rollback.maintenance, rollback.redeploy,
// rollback.verify, rollback.maintenance_off, rollback.notify,
// rollback.postmortem.
struct RollbackStep {
    static constexpr const char* prefix = "rollback.";
    static constexpr int version = 1;
    std::string manifest;          // restore
    std::string release, replaced; // redeploy
    std::string file;              // postmortem
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RollbackStep, manifest, release, replaced, file)

struct RollbackDone {
    COMPUERTA_EVENT_KIND("rollback.done", "R1", 1);
    int exit_code = 0;
    std::vector<std::string> reasons;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RollbackDone, exit_code, reasons)

// The deployment lease (docs/window.md "Deployment lease"): who holds an
// environment for a whole deployment run.
struct LeaseInfo {
    std::string environment, scope, run, release, host, actor, job, job_url, since;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LeaseInfo, environment, scope, run, release, host,
                                                actor, job, job_url, since)

// `window open` took the lease of its environment (or found it held by its own run).
struct LeaseTake {
    COMPUERTA_EVENT_KIND("lease.take", "1", 1);
    LeaseInfo lease;
    std::string store; // where the lease lives ("postgres db1:5432/postgres")
    bool already_held = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LeaseTake, lease, store, already_held)

// `window close` or the end of a rollback released it.
struct LeaseRelease {
    COMPUERTA_EVENT_KIND("lease.release", "7", 1);
    LeaseInfo lease;
    std::string reason; // window.close | rollback.done
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LeaseRelease, lease, reason)

// A command was refused: another run holds the lease. Its item is the
// refused command's.
struct LeaseRefuse {
    COMPUERTA_EVENT_KIND("lease.refuse", "1", 1);
    std::string environment;
    std::string refused;   // the command refused ("window open", "db migrate")
    LeaseInfo holder;
    std::string stale;     // why the holder's lease is stale ("" when it is not)
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LeaseRefuse, environment, refused, holder, stale)

// `window open --take-over` took a stale lease from another run.
struct LeaseTakeover {
    COMPUERTA_EVENT_KIND("lease.takeover", "1", 1);
    LeaseInfo lease; // ours
    LeaseInfo from;  // the stale one replaced
    std::string stale;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LeaseTakeover, lease, from, stale)

#undef COMPUERTA_EVENT_KIND

// The rollback step names, in the order a rollback runs them.
inline constexpr const char* k_rollback_restore = "rollback.restore";
inline constexpr const char* k_rollback_maintenance = "rollback.maintenance";
inline constexpr const char* k_rollback_redeploy = "rollback.redeploy";
inline constexpr const char* k_rollback_verify = "rollback.verify";
inline constexpr const char* k_rollback_maintenance_off = "rollback.maintenance_off";
inline constexpr const char* k_rollback_notify = "rollback.notify";
inline constexpr const char* k_rollback_postmortem = "rollback.postmortem";

// A journal Event of kind E with `fields`, status and summary; its item is
// E's unless `item` says otherwise.
template <class E>
Event make(const E& fields, std::string status, std::string summary, std::string item = {}) {
    Event e;
    e.event = E::name;
    e.item = item.empty() ? E::item : std::move(item);
    e.status = std::move(status);
    e.summary = std::move(summary);
    e.extra = nlohmann::json(fields);
    e.extra["v"] = E::version;
    return e;
}

// A rollback step's Event (`step` is one of the k_rollback_* names).
Event make_step(const char* step, const RollbackStep& fields, std::string item, std::string status,
                std::string summary);

// Is `line` of kind E?
template <class E> bool is(const nlohmann::json& line) {
    auto it = line.find("event");
    return it != line.end() && it->is_string() &&
           it->template get_ref<const std::string&>() == E::name;
}

// E's fields of `line`, or nullopt when `line` is another kind or a field has
// the wrong type.
template <class E> std::optional<E> as(const nlohmann::json& line) {
    if (!is<E>(line))
        return std::nullopt;
    try {
        return line.get<E>();
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

// The fields of a rollback step line named `step`, or nullopt.
std::optional<RollbackStep> as_step(const nlohmann::json& line, const char* step);

// The plan item an event kind stands for when its line names none ("" for
// kinds whose item depends on the line: check, signoff, notify).
std::string default_item(const std::string& event);

// Every event name declared above (docs and tests check against it).
const std::vector<std::string>& declared_names();

} // namespace compuerta::core::events
