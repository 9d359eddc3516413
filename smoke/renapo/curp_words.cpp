#include "smoke/renapo/curp_words.hpp"

#include <algorithm>
#include <array>

namespace compuerta::smoke::renapo {

namespace {

// Instructivo Normativo para la Asignación de la CURP, anexo 2 (sorted).
constexpr std::array<std::string_view, 81> k_words = {
    "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COGI",
    "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI", "GUEY", "JETA",
    "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA", "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI",
    "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO", "LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS",
    "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA", "NACO", "PEDA", "PEDO", "PENE",
    "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO", "RUIN", "SENO",
    "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI", "WUEY"};

static_assert(std::is_sorted(k_words.begin(), k_words.end()));

} // namespace

bool inconvenient_word(std::string_view first4) {
    return std::binary_search(k_words.begin(), k_words.end(), first4);
}

} // namespace compuerta::smoke::renapo
