#pragma once
// What a command may use of the outside world, handed to it by the
// composition root (core/adapters/real_adapters.cpp builds the real ones:
// libcurl, libpq, libgit2, OpenSSL, POSIX processes). A command asks
// `inv.adapters()` for a port and never names an adapter; a test passes
// fakes to main_for() instead (tests/support/fake_adapters.hpp).
#include "core/ports/certificates.hpp"
#include "core/ports/db.hpp"
#include "core/ports/git.hpp"
#include "core/ports/http.hpp"
#include "core/ports/lease_store.hpp"
#include "core/ports/mail.hpp"
#include "core/ports/postgres.hpp"
#include "core/ports/process.hpp"

#include <functional>
#include <memory>
#include <string>

namespace compuerta::core {

struct Adapters {
    std::function<std::unique_ptr<Http>()> http;
    std::function<std::unique_ptr<Mail>()> mail;
    std::function<std::unique_ptr<Process>()> process;
    std::function<std::unique_ptr<Certificates>()> certificates;
    // PostgreSQL: a probe (connect and one query), sessions (the db commands,
    // the advisory locks of plugin/db/lock.hpp, the transaction check's SQL
    // steps, 6.3) and the deployment lease store.
    std::function<std::unique_ptr<Postgres>()> postgres;
    std::function<std::unique_ptr<Db>()> db;
    std::function<std::unique_ptr<LeaseStore>(LeaseStoreAddress)> lease_store;
    std::function<GitResult<std::unique_ptr<GitRepo>>(const std::string& dir)> git;
};

// The real ones: the composition root (core/adapters/real_adapters.cpp).
const Adapters& real_adapters();

} // namespace compuerta::core
