#pragma once
// The flags a person typed, for the one flag-over-configuration merge
// (core/config/given_flags.hpp).
#include "core/config/given_flags.hpp"

#include <boost/program_options/variables_map.hpp>

namespace compuerta::core::cli {

class Invocation;

class GivenArgs final : public config::GivenFlags {
  public:
    explicit GivenArgs(const boost::program_options::variables_map& args) : m_args(args) {}
    std::optional<std::vector<std::string>> given(const std::string& flag) const override;

  private:
    const boost::program_options::variables_map& m_args;
};

GivenArgs given_flags(const Invocation& inv);

} // namespace compuerta::core::cli
