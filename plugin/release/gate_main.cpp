#include "plugin/release/gate_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::release::gate_release_command(), argc, argv);
}
