#pragma once
// Command-line flags over configuration keys: one merge for every command.
//
//   auto db = database_decl().read(cfg, cli::given_flags(inv),
//                                  {{"dir", "backup.dir"}, {"jobs", "backup.jobs"}});
//
// A flag given on the command line wins over its key; the value is read by
// the key's own declaration (type, choices, default when neither is there), so
// a command never writes `flag.value_or(config)` itself, and a bad value is
// reported against the flag ("--format: database.backup.format: expected one
// of ..."). What was typed is taken literally: no `${VAR}` expansion.
#include "core/config/config.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::config {

struct Node;

// "dir" (the flag, without its dashes) overrides "backup.dir" (a key of the
// section read, as declared).
struct FlagBinding {
    std::string flag;
    std::string key;
};

// The flags given on the command line (a flag's default is not "given").
class GivenFlags {
  public:
    virtual ~GivenFlags() = default;
    // The flag's values as typed (one for a single-valued flag), nullopt when
    // it was not given.
    virtual std::optional<std::vector<std::string>> given(const std::string& flag) const = 0;
};

// No flags: the configuration alone.
class NoFlags final : public GivenFlags {
  public:
    std::optional<std::vector<std::string>> given(const std::string&) const override {
        return std::nullopt;
    }
};

// The value --flag gives to the key at `path` whose schema is `node`: a list
// of `values` when the key is a list, else the last value; validated against
// `node` (ConfigError naming the flag and the key). Its where() is "--flag".
Value flag_value(const std::string& flag, const std::string& path,
                 const std::vector<std::string>& values, const std::shared_ptr<const Node>& node);

} // namespace compuerta::core::config
