#include "plugin/window/commands.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::window::maintenance_command(), argc, argv);
}
