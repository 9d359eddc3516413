#include "core/messages/catalog.hpp"
#include "core/util/local_time.hpp"
#include "core/signoffs.hpp"

#include "core/config/sections/plan.hpp"
#include "core/journal.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::core {

namespace {

std::string normalise(std::string name) {
    if (name.rfind("compuerta-", 0) == 0) name = name.substr(10);
    if (name.rfind("compuerta ", 0) == 0) name = name.substr(10);
    for (char& c : name)
        if (c == '-' || c == '_') c = ' ';
    return name;
}

class SignoffCheck final : public Check {
  public:
    SignoffCheck(std::string item, std::filesystem::path dir)
        : Check(CheckSpec{"signoff-" + item, item, msg::tr("signoff.check"), "signoff", {}, Millis(10'000),
                          Status::fail}),
          m_dir(std::move(dir)) {}

    Outcome run(const Deadline& /*deadline*/) override {
        JournalRead read = read_journal(m_dir);
        const nlohmann::json* found = nullptr;
        for (const auto& ev : read.events)
            if (events::is<events::Signoff>(ev) && events::envelope(ev).item == spec().item &&
                ev.value("status", "ok") == "ok")
                found = &ev; // the latest one
        if (found == nullptr) {
            // Nothing failed: a person has not decided yet (exit 4).
            Outcome o = Outcome::make(
                Status::skip,
                msg::tr("signoff.waiting", {{"item", spec().item}, {"journal", m_dir.string()}}),
                {{"journal", m_dir.string()}});
            o.waiting = true;
            return o;
        }
        std::string by = found->value("by", found->value("actor", ""));
        std::string ts = found->value("ts", "");
        Evidence ev{{"by", by}, {"at", ts}};
        if (found->contains("note") && (*found)["note"].is_string()) ev.emplace_back("note", (*found)["note"].get<std::string>());
        return Outcome::make(Status::pass,
                             msg::tr("signoff.approved", {{"by", by}, {"at", util::local_minute_text(ts)}}),
                             std::move(ev));
    }

  private:
    std::filesystem::path m_dir;
};

} // namespace

std::vector<std::string> required_signoffs(const config::Config& cfg, const std::string& command) {
    std::vector<std::string> items;
    std::string wanted = normalise(command);
    for (const auto& [name, list] : config::plan_decl().read(cfg).signoffs)
        if (normalise(name) == wanted)
            for (const auto& item : list)
                items.push_back(item);
    return items;
}

std::vector<std::shared_ptr<Check>> signoff_checks(const config::Config& cfg, const std::string& command,
                                                   const std::filesystem::path& journal_dir) {
    std::vector<std::shared_ptr<Check>> checks;
    for (const auto& item : required_signoffs(cfg, command))
        checks.push_back(std::make_shared<SignoffCheck>(item, journal_dir));
    return checks;
}

} // namespace compuerta::core
