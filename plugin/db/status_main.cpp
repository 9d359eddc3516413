#include "plugin/db/migrate.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::main_for(compuerta::plugin::db::status_command(), argc, argv); }
