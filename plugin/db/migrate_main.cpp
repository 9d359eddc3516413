#include "plugin/db/migrate.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::main_for(compuerta::plugin::db::migrate_command(), argc, argv); }
