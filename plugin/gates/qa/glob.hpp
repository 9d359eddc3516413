#pragma once
// Report globs as CI tools write them: shell wildcards per path segment
// (`*`, `?`, `[...]`) and `**` for any number of directories.
#include <string>
#include <vector>

namespace compuerta::plugin::gates {

// Regular files matching `pattern`, sorted. A pattern without wildcards
// matches itself when it names a regular file.
std::vector<std::string> expand_glob(const std::string& pattern);

} // namespace compuerta::plugin::gates
