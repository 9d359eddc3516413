#pragma once
// What man pages and shell completion know about a command, read from its
// one declaration (core/cli/command.hpp): the flags of its options_description
// plus the common flags, and the placeholders of its usage line
// ("--format md|html", "ITEM", "-o FILE") that say what each value is.
#include "core/cli/command.hpp"

#include <string>
#include <vector>

namespace compuerta::core::cli {

// What a flag's value or a positional argument is, for completion.
enum class ValueKind { none, text, file, dir, item, choice };

struct FlagDoc {
    std::string long_name;     // "--format"
    std::string short_name;    // "-o", or empty
    std::string placeholder;   // "FILE", "md|html"; empty when the flag takes no value
    std::string help;          // the description given to program_options
    std::string default_value; // "md" when declared with a default, else empty
    ValueKind kind = ValueKind::none;
    std::vector<std::string> choices; // with ValueKind::choice
    bool common = false;              // one of the common flags (core/cli/main.cpp)
};

struct ArgDoc {
    std::string placeholder; // "ITEM", "open|close"
    ValueKind kind = ValueKind::text;
    std::vector<std::string> choices;
};

struct CommandDoc {
    const Command* command = nullptr;
    std::vector<FlagDoc> flags; // the command's own, then the common ones
    std::vector<ArgDoc> args;   // positional arguments in usage order
};

// The common flags `cmd` accepts (DESIGN.md "Interface conventions"), as
// --help shows them after the command's own (defined in core/cli/main.cpp).
po::options_description common_options(const Command& cmd);

// Reads `cmd`'s declaration; never runs it.
CommandDoc describe(const Command& cmd);
// The kind a placeholder names: "a|b" (lowercase words) a choice, *ITEM* a
// plan item, FILE/GLOB/PATH a file, DIR a directory, anything else text.
ValueKind placeholder_kind(const std::string& placeholder, std::vector<std::string>* choices);

} // namespace compuerta::core::cli
