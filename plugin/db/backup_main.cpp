#include "plugin/db/backup.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::main_for(compuerta::plugin::db::backup_command(), argc, argv); }
