#include "plugin/commands.hpp"

int main(int argc, char** argv) { return compuerta::plugin::commands().run(argc, argv); }
