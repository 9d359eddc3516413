#include "core/cli/command.hpp"

int main(int argc, char** argv) { return compuerta::core::cli::dispatch(argc, argv); }
