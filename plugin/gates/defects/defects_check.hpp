#pragma once
// 3.2: the number of open defects matching a tracker query is within min/max.
#include "core/model.hpp"
#include "plugin/gates/defects/defect.hpp"

#include <functional>

namespace compuerta::plugin::gates {

using DefectFetch = std::function<core::Result<std::vector<Defect>, ApiError>(const core::Deadline&)>;

struct DefectLimits {
    std::int64_t min = 0;
    std::int64_t max = 0;
};

class DefectsCheck final : public core::Check {
  public:
    // `query` describes the query in messages ("GitLab group/app: labels=critical, state=opened").
    DefectsCheck(core::CheckSpec spec, std::string query, DefectLimits limits, DefectFetch fetch);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::string m_query;
    DefectLimits m_limits;
    DefectFetch m_fetch;
};

// The outcome for a fetched list (separate for tests).
core::Outcome judge_defects(const std::vector<Defect>& defects, const DefectLimits& limits, const std::string& query);

} // namespace compuerta::plugin::gates
