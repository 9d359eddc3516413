#include "smoke/smoke_command.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::main_for(compuerta::smoke::smoke_command(), argc, argv); }
