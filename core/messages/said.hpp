#pragma once
// What a text means, so a record can be read in another language.
//
// The catalog remembers, for this process, which message id and parameters
// produced each text it rendered (msg::tr, msg::text, msg::plural). Where a
// text is written to the journal, meaning_of() gives back that id and its
// parameters, and render() writes the same meaning in any language: the
// checklist, post-mortem and notifications of a Spanish run read in English
// from the same journal. A parameter whose value is itself a rendered text is
// kept as its meaning too. A text put together from pieces is stored as its
// pieces (said()), each a meaning or a literal; a text that no message
// produced stays a literal and reads as it was written.
//
// JSON shapes: a meaning {"id": "...", "params": {"name": "value" | meaning},
// "n": 3 (plural messages only)}; a said value is an array of parts, each a
// meaning or {"text": "..."}.
#include "core/messages/catalog.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::msg {

// Called by the catalog for each text it renders.
void remember(std::string_view id, const Params& params, const long long* n,
              const std::string& rendered);

// The meaning of `text` if this process rendered it from the catalog; null otherwise.
nlohmann::json meaning_of(const std::string& text);

// `pieces` (which, joined, are the text) as parts: a meaning where the
// catalog rendered the piece, else a literal.
nlohmann::json said(const std::vector<std::string>& pieces);

// `said` (parts, as said() writes them) in `lang`; nullopt when it is not a
// well-formed said value (the caller shows the stored text instead).
std::optional<std::string> render(Lang lang, const nlohmann::json& said);

} // namespace compuerta::core::msg
