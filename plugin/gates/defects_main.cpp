#include "plugin/gates/defects_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::gates::gate_defects_command(), argc, argv);
}
