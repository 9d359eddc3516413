#include "core/cli/given_flags.hpp"

#include "core/cli/command.hpp"

#include <boost/any.hpp>
#include <stdexcept>

namespace compuerta::core::cli {

std::optional<std::vector<std::string>> GivenArgs::given(const std::string& flag) const {
    if (m_args.count(flag) == 0 || m_args[flag].defaulted())
        return std::nullopt;
    const boost::any& v = m_args[flag].value();
    if (const auto* s = boost::any_cast<std::string>(&v))
        return std::vector<std::string>{*s};
    if (const auto* list = boost::any_cast<std::vector<std::string>>(&v))
        return *list;
    if (const auto* i = boost::any_cast<int>(&v))
        return std::vector<std::string>{std::to_string(*i)};
    if (const auto* l = boost::any_cast<long>(&v))
        return std::vector<std::string>{std::to_string(*l)};
    if (const auto* ll = boost::any_cast<long long>(&v))
        return std::vector<std::string>{std::to_string(*ll)};
    if (const auto* u = boost::any_cast<unsigned>(&v))
        return std::vector<std::string>{std::to_string(*u)};
    if (const auto* b = boost::any_cast<bool>(&v))
        return std::vector<std::string>{*b ? "true" : "false"};
    // A binding to a flag of another type is a programming error, never a user's.
    throw std::logic_error("--" + flag + ": unread flag type"); // literal-ok: programming error
}

GivenArgs given_flags(const Invocation& inv) {
    return GivenArgs(inv.args());
}

} // namespace compuerta::core::cli
