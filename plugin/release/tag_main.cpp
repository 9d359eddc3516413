#include "plugin/release/tag_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::release::tag_command(), argc, argv);
}
