#include "plugin/db/pg_tools.hpp"

#include "core/messages/catalog.hpp"
#include "core/util/temp_dir.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <poll.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;

std::string PgTools::program(const std::string& name) const {
    return bin_dir.empty() ? name : (fs::path(bin_dir) / name).string();
}

namespace {

// The last few lines of a tool's output: what to show when it fails.
std::string tail_lines(const std::string& out, int n) {
    std::size_t pos = out.size();
    while (pos > 0 && (out[pos - 1] == '\n')) --pos;
    std::size_t end = pos;
    for (int i = 0; i < n && pos > 0; ++i) {
        auto nl = out.rfind('\n', pos - 1);
        pos = nl == std::string::npos ? 0 : nl;
    }
    std::string t = out.substr(pos, end - pos);
    while (!t.empty() && t.front() == '\n') t.erase(0, 1);
    return t;
}

core::Error tool_error(const std::string& tool, const core::ProcessResult& r) {
    namespace msg = core::msg;
    if (r.timed_out)
        return {msg::tr("db.tool.timed_out", {{"tool", tool}})};
    if (r.signal != 0)
        return {
            msg::tr("db.tool.signal",
                    {{"tool", tool}, {"signal", r.signal}, {"output", tail_lines(r.output, 4)}})};
    return {msg::tr("db.tool.exit",
                    {{"tool", tool}, {"code", r.exit_code}, {"output", tail_lines(r.output, 4)}})};
}

// "pg_dump: dumping contents of table "public.alumnos"" -> progress line.
Progress table_progress(const PgTools& tools, const std::string& marker,
                        const std::string& message_id, int tables) {
    auto seen = std::make_shared<int>(0);
    return [&tools, marker, message_id, tables, seen](const std::string& line) {
        auto at = line.find(marker);
        if (at == std::string::npos || !tools.progress)
            return;
        ++*seen;
        tools.progress(core::msg::tr(message_id, {{"number", *seen},
                                                  {"tables", std::max(tables, *seen)},
                                                  {"table", line.substr(at + marker.size())}}));
    };
}

} // namespace

core::Result<core::ProcessResult> run_pg_dump(const PgTools& tools, const std::string& format, int jobs,
                                              const fs::path& out, int tables, const core::Deadline& deadline) {
    core::ProcessSpec spec;
    spec.argv = {tools.program("pg_dump"), "--verbose", "--no-password", "--file=" + out.string()};
    if (format == "custom") spec.argv.push_back("--format=custom");
    else {
        spec.argv.push_back("--format=directory");
        spec.argv.push_back(fmt::format("--jobs={}", std::max(1, jobs)));
    }
    spec.env = tools.env;
    spec.max_output = 256 * 1024;
    spec.on_line =
        table_progress(tools, "dumping contents of table ", "db.tool.dumped_table", tables);
    auto r = tools.process.run(spec, deadline);
    if (!r) return r.error();
    if (!r->ok()) return tool_error("pg_dump", *r);
    return r;
}

core::Result<std::map<std::string, std::int64_t>> read_back(const PgTools& tools, const fs::path& dump,
                                                            const core::Deadline& deadline) {
    // pg_restore writes into a FIFO we read: the data never lands on disk and
    // never passes through the Process port's line handling.
    auto tmp = core::util::TempDir::make("compuerta-readback");
    if (!tmp) return tmp.error();
    fs::path fifo = tmp->path() / "dump.sql";
    if (mkfifo(fifo.c_str(), 0600) != 0)
        return core::Error{core::msg::tr("db.tool.fifo_create", {{"error", std::strerror(errno)}})};
    // O_RDWR: never blocks on open and keeps the FIFO open while pg_restore starts.
    int fd = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return core::Error{core::msg::tr("db.tool.fifo_open", {{"error", std::strerror(errno)}})};
    fcntl(fd, F_SETPIPE_SZ, 1 << 20);

    core::ProcessSpec spec;
    spec.argv = {tools.program("pg_restore"), "--file=" + fifo.string(), dump.string()};
    spec.max_output = 64 * 1024;
    std::optional<core::Result<core::ProcessResult>> result;
    std::atomic<bool> done{false};
    std::thread runner([&] {
        result.emplace(tools.process.run(spec, deadline));
        done = true;
    });
    CopyCounter counter;
    std::vector<char> buf(1 << 20);
    std::uint64_t next_report = 256ull << 20;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, 100);
        bool finished = done.load();
        ssize_t got;
        while ((got = ::read(fd, buf.data(), buf.size())) > 0) {
            counter.feed(std::string_view(buf.data(), static_cast<std::size_t>(got)));
            if (counter.bytes() >= next_report && tools.progress) {
                tools.progress(
                    core::msg::tr("db.tool.read_back", {{"mib", counter.bytes() >> 20}}));
                next_report += 256ull << 20;
            }
        }
        if (finished) break; // pg_restore closed the FIFO before it exited: all read above
    }
    runner.join();
    ::close(fd);
    counter.finish();
    if (!*result) return result->error();
    if (!result->value().ok())
        return tool_error(core::msg::tr("db.tool.pg_restore_readback"), result->value());
    return counter.counts();
}

core::Result<core::ProcessResult> run_pg_restore(const PgTools& tools, const fs::path& dump, int jobs, bool clean,
                                                 int tables, const core::Deadline& deadline) {
    core::ProcessSpec spec;
    spec.argv = {tools.program("pg_restore"), "--verbose", "--no-password", "--exit-on-error",
                 fmt::format("--jobs={}", std::max(1, jobs))};
    if (clean) {
        spec.argv.push_back("--clean");
        spec.argv.push_back("--if-exists");
    }
    spec.argv.push_back("--dbname=" + tools.env.at("PGDATABASE"));
    spec.argv.push_back(dump.string());
    spec.env = tools.env;
    spec.max_output = 256 * 1024;
    spec.on_line =
        table_progress(tools, "processing data for table ", "db.tool.restored_table", tables);
    auto r = tools.process.run(spec, deadline);
    if (!r) return r.error();
    if (!r->ok()) return tool_error("pg_restore", *r);
    return r;
}

} // namespace compuerta::plugin::db
