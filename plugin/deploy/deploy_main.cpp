#include "plugin/deploy/deploy_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::deploy::deploy_command(), argc, argv);
}
