#pragma once
// 3.1 (optional): the newest finished GitLab pipeline of the tagged commit,
// other than the running one, succeeded.
#include "core/model.hpp"
#include "plugin/gates/api/api_client.hpp"

namespace compuerta::plugin::gates {

struct PipelineQuery {
    std::string api_url;
    std::string project;
    std::string sha;          // the tagged commit
    std::string ref;          // optional: restrict to this ref
    std::string current_id;   // CI_PIPELINE_ID: ignored
};

class PipelineCheck final : public core::Check {
  public:
    PipelineCheck(core::CheckSpec spec, PipelineQuery query, std::shared_ptr<ApiClient> api);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    PipelineQuery m_q;
    std::shared_ptr<ApiClient> m_api;
};

} // namespace compuerta::plugin::gates
