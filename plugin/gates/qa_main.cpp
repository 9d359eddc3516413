#include "plugin/gates/qa_command.hpp"

int main(int argc, char** argv) {
    return compuerta::core::cli::main_for(compuerta::plugin::gates::gate_qa_command(), argc, argv);
}
