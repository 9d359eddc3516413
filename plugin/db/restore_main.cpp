#include "plugin/db/restore.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::main_for(compuerta::plugin::db::restore_command(), argc, argv); }
