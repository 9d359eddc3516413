#include "plugin/gates/defects/defects_check.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

DefectsCheck::DefectsCheck(core::CheckSpec spec, std::string query, DefectLimits limits, DefectFetch fetch)
    : core::Check(std::move(spec)), m_query(std::move(query)), m_limits(limits), m_fetch(std::move(fetch)) {}

core::Outcome DefectsCheck::run(const core::Deadline& deadline) {
    auto got = m_fetch(deadline);
    if (!got) {
        // Could not evaluate: never a pass, never a gate failure on its own.
        core::Outcome o = core::Outcome::make(core::Status::error, core::mask(got.error().message),
                                              {{"query", m_query}});
        return o;
    }
    return judge_defects(got.value(), m_limits, m_query);
}

core::Outcome judge_defects(const std::vector<Defect>& defects, const DefectLimits& limits, const std::string& query) {
    auto n = static_cast<std::int64_t>(defects.size());
    core::Outcome o;
    o.evidence = {{"query", query},
                  {"count", core::EvidenceValue::integer(n)},
                  {"min", core::EvidenceValue::integer(limits.min)},
                  {"max", core::EvidenceValue::integer(limits.max)}};
    for (const auto& d : defects)
        o.detail += fmt::format("{} {}{}\n", d.id, d.title, d.link.empty() ? "" : " — " + d.link);
    if (n > limits.max) {
        o.status = core::Status::fail;
        std::string ids;
        for (std::size_t i = 0; i < defects.size() && i < 5; ++i) ids += (i ? ", " : "") + defects[i].id;
        if (defects.size() > 5) ids += ", ...";
        o.message = msg::trn("gates.defects.too_many", n, {{"query", query}, {"max", limits.max}, {"ids", ids}});
    } else if (n < limits.min) {
        o.status = core::Status::fail;
        o.message = msg::trn("gates.defects.too_few", n, {{"query", query}, {"min", limits.min}});
    } else {
        o.status = core::Status::pass;
        o.message = msg::trn("gates.defects.within", n, {{"query", query}, {"min", limits.min}, {"max", limits.max}});
    }
    o.message = core::mask(o.message);
    o.detail = core::mask(o.detail);
    return o;
}

} // namespace compuerta::plugin::gates
