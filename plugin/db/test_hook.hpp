#pragma once
// Deterministic kill and pause points for the safety tests (documented in
// docs/db.md). COMPUERTA_DB_TEST_HOOK=kill@POINT raises SIGKILL when the
// command reaches POINT; pause@POINT creates $COMPUERTA_DB_TEST_HOOK_FILE.held
// and waits (at most 60 s) until $COMPUERTA_DB_TEST_HOOK_FILE exists.
// Points: backup: after-tmpdir, after-dump, after-readback, before-rename,
// after-rename; migrate: after-lock, before-commit:VERSION (the script ran,
// its COMMIT did not); restore: after-lock, after-create, after-restore,
// before-swap, after-connections-off, after-rename. Unset in production: no
// effect.
#include "core/ports/env.hpp"

#include <string>

namespace compuerta::plugin::db {

void test_hook(const core::Env& env, const std::string& point);

} // namespace compuerta::plugin::db
