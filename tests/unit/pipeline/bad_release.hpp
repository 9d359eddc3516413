#pragma once
// The run state of a release that failed after its migrations and deploy:
// maintenance on, a verified backup, migrated, deployed (what the rollback
// tests plan and run against).
#include "plugin/deploy/rollback_flow.hpp"

namespace compuerta::test {

inline plugin::deploy::RunState bad_release() {
    using namespace plugin::deploy;
    RunState st;
    st.run = "r";
    st.maintenance_on = true;
    st.backup = BackupRecord{"/b/m.json", "sep", "v2", "v1", "ok", true};
    st.migrated = true;
    st.migrate_status = "ok";
    st.deploy = DeployRecord{"v2", "v1", "ok"};
    return st;
}

} // namespace compuerta::test
