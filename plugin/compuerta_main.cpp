#include "core/util/keep_until_exit.hpp"
#include "plugin/commands.hpp"

int main(int argc, char** argv) {
    compuerta::core::exit_reclaims_memory(true); // one command, then exit
    return compuerta::plugin::commands().run(argc, argv);
}
