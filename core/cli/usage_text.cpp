#include "core/cli/usage_text.hpp"

#include "core/messages/catalog.hpp"

#include <boost/program_options.hpp>

namespace compuerta::core::cli {

namespace po = boost::program_options;

std::string usage_text(const po::error& e) {
    if (auto* u = dynamic_cast<const po::unknown_option*>(&e))
        return msg::tr("cli.po.unknown_option", {{"option", u->get_option_name()}});
    if (auto* a = dynamic_cast<const po::ambiguous_option*>(&e))
        return msg::tr("cli.po.ambiguous_option", {{"option", a->get_option_name()}});
    if (auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
        return msg::tr("cli.po.repeated_option", {{"option", m->get_option_name()}});
    if (auto* r = dynamic_cast<const po::required_option*>(&e))
        return msg::tr("cli.po.required_option", {{"option", r->get_option_name()}});
    if (dynamic_cast<const po::too_many_positional_options_error*>(&e) != nullptr)
        return msg::tr("cli.po.too_many_arguments");
    if (auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
        if (s->kind() == po::invalid_syntax::missing_parameter)
            return msg::tr("cli.po.missing_value", {{"option", s->get_option_name()}});
    }
    if (auto* v = dynamic_cast<const po::invalid_option_value*>(&e))
        return msg::tr("cli.po.invalid_value", {{"option", v->get_option_name()}});
    return e.what();
}

} // namespace compuerta::core::cli
