#pragma once
// A rollback scene in a TempDir: stub compuerta-* programs that record their
// arguments (found through COMPUERTA_EXEC_PATH and PATH), a seeded journal,
// a compuerta.yml whose deploy command writes the deployed release to a file.
#include "../../support/support.hpp"

#include <nlohmann/json.hpp>
#include <sys/types.h>
#include <string>
#include <vector>

namespace compuerta::test::pipeline {

using Lines = std::vector<std::string>;

class Scene {
  public:
    explicit Scene(const std::string& extra_config = "");
    const TempDir& dir() const { return m_dir; }
    std::filesystem::path stubs() const { return m_dir / "bin"; }
    std::filesystem::path journal() const { return m_dir / "journal"; }
    std::filesystem::path config() const { return m_dir / "compuerta.yml"; }

    // Appends events of run "r1" (ts, run, job filled in) to a seed file.
    void seed(const std::vector<nlohmann::json>& events);
    // The usual bad release: maintenance on, verified backup, migration, deploy
    // of v2 over v1, smoke 6.3 failed.
    void seed_bad_release();
    // A stub's exit code (default 0); a flag file the stubs react to.
    void stub_exit(const std::string& program, int code);
    void flag(const std::string& name);

    // compuerta-rollback (or another program) with the scene's environment.
    Run rollback(const std::vector<std::string>& args = {}, const std::map<std::string, std::string>& env = {});
    Run program(const std::string& name, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {});
    // Starts compuerta-rollback in the background (stdout/stderr to files in
    // the scene); wait_exit() returns its exit code (128+signal when killed).
    pid_t spawn_rollback();
    static int wait_exit(pid_t pid);
    std::vector<std::string> calls() const;      // lines of calls.log
    std::string deployed() const;                 // content of deployed.txt ("" when absent)
    std::vector<nlohmann::json> events() const;   // every journal event, merged
    std::vector<std::string> rollback_steps() const; // "rollback.restore:ok" ...

  private:
    TempDir m_dir;
    int m_seq = 0;
};

} // namespace compuerta::test::pipeline
