#include "plugin/window/timeline_svg.hpp"
#include "core/util/local_time.hpp"

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

namespace {

// At most `n` characters of UTF-8 `s`, cut at a word (never inside a
// character), "…" when shortened.
std::string clip(const std::string& s, std::size_t n) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            continue;
        if (chars == n) {
            std::size_t space = s.rfind(' ', i);
            std::size_t cut = space != std::string::npos && space > i / 2 ? space : i;
            return s.substr(0, cut) + "…";
        }
        ++chars;
    }
    return s;
}

long long ms_between(core::WallTime a, core::WallTime b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

// A tick interval giving at most 6 ticks over `span_ms`.
long long tick_step(long long span_ms) {
    static const long long steps[] = {1'000,      2'000,      5'000,     10'000,    15'000,
                                      30'000,     60'000,     120'000,   300'000,   600'000,
                                      900'000,    1'800'000,  3'600'000, 7'200'000, 10'800'000,
                                      21'600'000, 43'200'000, 86'400'000};
    for (long long s : steps)
        if (span_ms / s <= 6)
            return s;
    return 86'400'000;
}

// "11:05:24" in the configured timezone, or "11:05" when the ticks are whole minutes.
std::string clock_label(core::WallTime t, bool seconds) {
    return core::util::local_text(t, seconds ? "%T" : "%R");
}

} // namespace

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
    long long span_ms = std::max<long long>(1000, ms_between(t0, t1));
    const int label_w = 300, plot_w = 380, right = 90, row_h = 24, top = 40;
    bool has_rollback = std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return b.row->section == Section::rollback; });
    int height = top + static_cast<int>(bars.size()) * row_h + (has_rollback ? 18 : 0) + 8;
    int width = label_w + plot_w + right;
    auto x_of = [&](core::WallTime t) {
        return label_w + static_cast<double>(ms_between(t0, t)) / span_ms * plot_w;
    };
    const Label L{in.lang};
    std::string out =
        fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                    "width=\"100%\" role=\"img\" "
                    "aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
                    width, height, core::util::xml_escape(L("timeline")));
    // The time axis: the day and the zone once, then a tick and a grid line per interval.
    out += fmt::format("<text x=\"0\" y=\"14\" fill=\"#555\">{}</text>\n",
                       core::util::xml_escape(tx(in.lang, "window.timeline.day",
                                                 {{"day", core::util::local_text(t0, "%F")},
                                                  {"zone", core::util::local_text(t0, "%Z")}})));
    long long step = tick_step(span_ms);
    long long t0_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t0.time_since_epoch()).count();
    long long first_tick = (t0_ms + step - 1) / step * step;
    for (long long t = first_tick; t <= t0_ms + span_ms; t += step) {
        core::WallTime wt{std::chrono::milliseconds(t)};
        double x = x_of(wt);
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e0e0e0\"/>"
            "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#555\">{4}</text>\n",
            x, top - 6, height - 4, top - 10, clock_label(wt, step < 60'000));
    }
    int y = top;
    bool in_rollback = false;
    for (const auto& b : bars) {
        if (b.row->section == Section::rollback && !in_rollback) {
            in_rollback = true;
            out += fmt::format(
                "<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#c62828\" "
                "stroke-dasharray=\"4 3\"/>"
                "<text x=\"0\" y=\"{2}\" fill=\"#c62828\" font-weight=\"bold\">{3}</text>\n",
                y + 2, width, y + 14, core::util::xml_escape(L("rollback_band")));
            y += 18;
        }
        double x = x_of(b.st.first);
        double w = std::max(6.0, x_of(b.st.last) - x);
        bool failed = b.st.state == RowState::failed;
        // The plan's name of the row: its task, or the part before ": " ("Restaurar Base de
        // Datos").
        std::string task = b.row->task(in.lang);
        const std::string& id = b.row->id;
        std::string name = id + " " + clip(task.substr(0, task.find(": ")), 36);
        std::string colour = failed ? state_colour(RowState::failed) : "#212121";
        out += fmt::format(
            "<g><title>{}</title><text x=\"0\" y=\"{}\" fill=\"{}\"{}>{}</text>"
            "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>"
            "<text x=\"{:.1f}\" y=\"{}\" fill=\"{}\"{}>{}</text></g>\n",
            core::util::xml_escape(id + " " + b.row->task(in.lang) + ": " +
                                   state_label(b.st.state, in.lang)),
            y + 16, colour, failed ? " font-weight=\"bold\"" : "", core::util::xml_escape(name), x,
            y + 4, w, row_h - 8, state_colour(b.st.state), x + w + 4, y + 16,
            state_colour(b.st.state), failed ? " font-weight=\"bold\"" : "",
            core::util::xml_escape(std::string(failed ? "✕ " : "") +
                                   state_label(b.st.state, in.lang)));
        y += row_h;
    }
    out += "</svg>\n";
    return out;
}

} // namespace compuerta::plugin::window
