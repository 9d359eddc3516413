#include "plugin/window/timeline_svg.hpp"

#include "plugin/window/text.hpp"
#include "core/util/escape.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::window {

const char* state_colour(RowState s) {
    switch (s) {
    case RowState::done: return "#2e7d32";
    case RowState::warn: return "#b26a00";
    case RowState::failed: return "#c62828";
    case RowState::skipped: return "#757575";
    case RowState::running: return "#1565c0";
    case RowState::not_needed: return "#757575";
    case RowState::open: break;
    }
    return "#bdbdbd";
}

std::string render_timeline_svg(const ChecklistInput& in) {
    struct Bar {
        const PlanRow* row;
        RowStatus st;
    };
    std::vector<Bar> bars;
    for (const auto& row : in.rows) {
        if (row.section == Section::pre && row.id != "1.1" && row.id != "2.2") continue; // the window's own steps
        RowStatus st = row_status(in, row.id);
        if (st.state == RowState::open || st.state == RowState::not_needed) continue;
        // A heading with no event of its own (6, derived from 6.1-6.4) has no time to draw.
        if (st.first == core::WallTime{} && st.last == core::WallTime{}) continue;
        bars.push_back({&row, st});
    }
    if (bars.empty()) return {};
    // Chronological within each band (the window's steps, then the rollback).
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
        bool ra = a.row->section == Section::rollback, rb = b.row->section == Section::rollback;
        if (ra != rb) return rb;
        return a.st.first < b.st.first;
    });
    core::WallTime t0 = bars.front().st.first, t1 = bars.front().st.last;
    for (const auto& b : bars) {
        t0 = std::min(t0, b.st.first);
        t1 = std::max(t1, b.st.last);
    }
    double span = std::max<double>(1.0, static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()));
    const int label_w = 130, plot_w = 360, row_h = 24, top = 26;
    bool has_rollback = std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return b.row->section == Section::rollback; });
    int height = top + static_cast<int>(bars.size()) * row_h + (has_rollback ? 18 : 0) + 24;
    auto x_of = [&](core::WallTime t) {
        double ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(t - t0).count());
        return label_w + ms / span * plot_w;
    };
    const Labels& L = labels(in.lang);
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
        "aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"13\">\n",
        label_w + plot_w + 20, height, core::util::xml_escape(L.timeline));
    out += fmt::format("<text x=\"{}\" y=\"14\">{}</text><text x=\"{}\" y=\"14\" text-anchor=\"end\">{}</text>\n", label_w,
                       core::util::xml_escape(format_time(t0)), label_w + plot_w, core::util::xml_escape(format_time(t1)));
    int y = top;
    bool in_rollback = false;
    for (const auto& b : bars) {
        if (b.row->section == Section::rollback && !in_rollback) {
            in_rollback = true;
            out += fmt::format("<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
                               "<text x=\"0\" y=\"{2}\" fill=\"#c62828\" font-weight=\"bold\">Rollback</text>\n",
                               y + 2, label_w + plot_w + 20, y + 14);
            y += 18;
        }
        double x = x_of(b.st.first);
        double w = std::max(6.0, x_of(b.st.last) - x);
        std::string label = b.row->id + " " + state_label(b.st.state, in.lang);
        out += fmt::format("<g><title>{}</title><text x=\"0\" y=\"{}\">{}</text>"
                           "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" fill=\"{}\"/></g>\n",
                           core::util::xml_escape(b.row->id + " " + b.row->task(in.lang) + ": " + state_label(b.st.state, in.lang)),
                           y + 14, core::util::xml_escape(label), x, y + 3, w, row_h - 6, state_colour(b.st.state));
        y += row_h;
    }
    out += "</svg>\n";
    return out;
}

} // namespace compuerta::plugin::window
