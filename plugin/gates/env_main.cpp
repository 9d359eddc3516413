#include "plugin/gates/env_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::gates::gate_env_command(), argc, argv);
}
