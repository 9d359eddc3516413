#include "plugin/config/config_check.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::config_check_command(), argc, argv);
}
