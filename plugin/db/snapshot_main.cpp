#include "plugin/db/snapshot.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::db::snapshot_command(), argc, argv);
}
