#pragma once
// The deployment lease as commands use it (docs/window.md "Deployment
// lease"): `window open` takes it, every command that changes something
// checks it, `window close` and the end of a rollback release it. Messages:
// diagnostics and errors in English on standard error, the journal's
// summaries and `window`'s own lines in Spanish, as the rest of the window area.
#include "core/cli/command.hpp"
#include "core/config/sections/lease.hpp"
#include "core/ports/lease_store.hpp"
#include "plugin/lease/lease.hpp"

#include <memory>
#include <string>

namespace compuerta::plugin::lease {

// What one command's lease code works with.
struct Binding {
    std::string environment; // the lease's key (with the store's scope)
    std::string run;         // this run
    std::string release;
    core::config::LeaseSection settings;
    std::unique_ptr<core::LeaseStore> store; // null: neither lease.dsn nor database.dsn
};

// The environment: `environment` when not empty, else the command's
// --environment, the open window's (journal), window.environment,
// COMPUERTA_ENVIRONMENT / CI_ENVIRONMENT_NAME, deploy.environment, else
// "production". The run: `run` when not empty, else COMPUERTA_RUN /
// CI_PIPELINE_ID / BUILD_TAG, else the run of the window open in this
// journal, else this process's generated run. Throws ConfigError for a bad
// lease section.
Binding bind(core::cli::Invocation& inv, const std::string& environment = {},
             const std::string& run = {});

// This run as a lease (host, user, job and its URL from the CI variables).
core::Lease me(const core::cli::Invocation& inv, const Binding& b);

// `window open`: takes the lease (or takes over a stale one with
// `take_over`), journals lease.take / lease.takeover, prints its line.
// Throws CannotEvaluate (exit 3), after journaling lease.refuse, when another
// run holds it or the store cannot be reached. No store: warns, returns false.
bool take_for_window(core::cli::Invocation& inv, Binding& b, bool take_over);

// A command that changes the environment (`what`: "db migrate", `item`:
// its plan item): returns when the lease is this run's or nobody's (a note
// says so), or when the store cannot be reached (a warning: a deployment is
// never stopped halfway on that). Throws CannotEvaluate naming the holder
// when another run holds it, after journaling lease.refuse.
void require(core::cli::Invocation& inv, const std::string& what, const std::string& item,
             const std::string& run = {});

// `window close` and the end of a rollback (`reason`: the event ending the
// run): releases this run's lease and journals lease.release. Never throws;
// warns when it cannot.
void release_at_end(core::cli::Invocation& inv, Binding& b, const std::string& reason);

} // namespace compuerta::plugin::lease
