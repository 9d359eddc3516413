#pragma once
// The window drawn as an inline SVG timeline: one bar per plan step from its
// first to its last event, labelled with the row's plan name and coloured by
// status (a failure red, its label and state in bold red); a time axis with a
// tick every 1 s ... 1 d (at most 6, UTC); the rollback rows in their own
// band, so a rollback shows at a glance.
#include "plugin/window/checklist.hpp"

#include <string>

namespace compuerta::plugin::window {

// Fill colour of a state (also used by the HTML table).
const char* state_colour(RowState s);
// An <svg> element (no XML prolog), or "" when no step has an event.
std::string render_timeline_svg(const ChecklistInput& in);

} // namespace compuerta::plugin::window
