#include "smoke/smoke_command.hpp"

#include "core/config/sections/smoke.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/suite.hpp"

#include <fmt/format.h>

namespace compuerta::smoke {

namespace po = boost::program_options;
namespace msg = core::msg;

namespace {

void smoke_options(po::options_description& d) {
    // Runs after the language is chosen: the help texts are the run's language.
    d.add_options()("dsn", po::value<std::string>()->value_name("DSN"),
                    msg::tr("smoke.opt.dsn").c_str())(
        "only", po::value<std::vector<std::string>>()->value_name("ID|ITEM")->composing(),
        msg::tr("smoke.opt.only").c_str())(
        "skip", po::value<std::vector<std::string>>()->value_name("ID|ITEM")->composing(),
        msg::tr("smoke.opt.skip").c_str())("concurrency", po::value<int>()->value_name("N"),
                                           msg::tr("smoke.opt.concurrency").c_str())(
        "deadline", po::value<std::string>()->value_name("DURATION"),
        msg::tr("smoke.opt.deadline").c_str())(
        "since", po::value<std::string>()->value_name("WHEN"), msg::tr("smoke.opt.since").c_str());
}

int run_smoke(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    auto pg = inv.adapters().postgres();
    auto http = inv.adapters().http();
    auto db = inv.adapters().db();
    std::optional<std::string> dsn = inv.arg<std::string>("dsn");
    if (dsn)
        core::register_dsn_secrets(*dsn, "--dsn");
    const core::config::SmokeSection section = core::config::smoke_decl().read(cfg);
    SuiteContext ctx{cfg, inv.env(), Ports{pg.get(), http.get(), db.get()}, section.timeout, dsn};
    ctx.since = inv.arg<std::string>("since");
    ctx.journal_dir = inv.common().journal;
    if (inv.common().timeout)
        ctx.default_timeout = *inv.common().timeout;

    Selection sel;
    if (auto v = inv.arg<std::vector<std::string>>("only"))
        sel.only = *v;
    if (auto v = inv.arg<std::vector<std::string>>("skip"))
        sel.skip = *v;
    auto checks = build_suite(ctx, sel);
    // --timeout is always the per-check timeout: the flag beats each check's own `timeout:`.
    if (inv.common().timeout)
        for (auto& c : checks)
            c->spec().timeout = *inv.common().timeout;
    core::validate_dependencies(checks);

    core::RunnerOptions opt;
    opt.concurrency = static_cast<int>(section.concurrency);
    if (auto c = inv.arg<int>("concurrency"))
        opt.concurrency = *c;
    if (opt.concurrency < 1)
        throw core::UsageError(msg::tr("smoke.concurrency.invalid"));
    opt.deadline = section.deadline;
    if (auto d = inv.arg<std::string>("deadline")) {
        auto parsed = core::config::parse_duration(*d);
        if (!parsed)
            throw core::UsageError(msg::tr("smoke.deadline.invalid", {{"value", *d}}));
        opt.deadline = *parsed;
    }
    return inv.run_checks("compuerta.smoke", checks, opt);
}

} // namespace

const core::cli::Command& smoke_command() {
    static const core::cli::Command cmd{
        "smoke",
        "smoke.summary",
        "compuerta smoke [--dsn DSN] [--only ID|ITEM]... [--skip ID|ITEM]... [OPTIONS]",
        "smoke.description",
        true,
        true,
        smoke_options,
        {},
        run_smoke,
    };
    return cmd;
}

} // namespace compuerta::smoke
