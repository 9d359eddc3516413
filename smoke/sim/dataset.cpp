#include "smoke/sim/dataset.hpp"

namespace compuerta::smoke::sim {

const std::vector<renapo::Person>& test_persons() {
    static const std::vector<renapo::Person> persons = {
        {"HEGG560427MVZRRL04", "GLORIA", "HERNANDEZ", "GARCIA", "M", "1956-04-27", "VZ", "AN"},
        {"GOCM800101HDFMRR00", "MARIO", "GOMEZ", "CORTES", "H", "1980-01-01", "DF", "AN"},
        {"LOPA990715MJCPRN04", "ANA", "LOPEZ", "PEREZ", "M", "1999-07-15", "JC", "AN"},
        {"HEGJ051203HNLRNSA7", "JESUS", "HERNANDEZ", "GONZALEZ", "H", "2005-12-03", "NL", "RCN"},
        {"PEMR720430MOCRRS02", "ROSA", "PEREZ", "MARTINEZ", "M", "1972-04-30", "OC", "AH"},
        {"SAVB850909HVZNLR05", "BRUNO", "SANCHEZ", "VILLA", "H", "1985-09-09", "VZ", "BD"},
        // The smoke transaction's pool (6.3, examples/sep-muses/transactions):
        // one fresh test person per run, so a killed run's leftover never collides.
        {"XEXX010101HNEXXXA4", "PRUEBA", "HUMO", "COMPUERTA", "H", "2001-01-01", "NE", "AN"},
        {"XEXX010101HNEXXXB2", "PRUEBA", "HUMO", "COMPUERTA", "H", "2001-01-01", "NE", "AN"},
        {"XEXX010101HNEXXXC0", "PRUEBA", "HUMO", "COMPUERTA", "H", "2001-01-01", "NE", "AN"},
        {"XEXX010101HNEXXXD8", "PRUEBA", "HUMO", "COMPUERTA", "H", "2001-01-01", "NE", "AN"},
    };
    return persons;
}

const renapo::Person* find_person(const std::string& curp) {
    for (const auto& p : test_persons())
        if (p.curp == curp) return &p;
    return nullptr;
}

} // namespace compuerta::smoke::sim
