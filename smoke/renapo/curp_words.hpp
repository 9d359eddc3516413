#pragma once
// RENAPO's inconvenient words: four-letter starts it never issues (its
// assignment rules write X as the second letter instead: BUEY -> BXEY).
#include <string_view>

namespace compuerta::smoke::renapo {

// True when `first4` is one of the 81 words of RENAPO's list.
bool inconvenient_word(std::string_view first4);

} // namespace compuerta::smoke::renapo
