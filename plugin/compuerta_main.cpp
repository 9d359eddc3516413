#include "core/ports/adapters.hpp"
#include "core/util/keep_until_exit.hpp"
#include "plugin/commands.hpp"

int main(int argc, char** argv) {
    compuerta::core::exit_reclaims_memory(true); // one command, then exit
    // The composition root: the real adapters, chosen once, handed to every command.
    return compuerta::plugin::commands().run(argc, argv, compuerta::core::real_adapters());
}
