#include "plugin/window/commands.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::window::window_command(), argc, argv);
}
