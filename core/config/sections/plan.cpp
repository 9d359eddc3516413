#include "core/config/sections/plan.hpp"

namespace compuerta::core::config {

const SectionDecl<PlanRowEntry>& plan_row_decl() {
    static const SectionDecl<PlanRowEntry> decl = [] {
        using R = PlanRowEntry;
        SectionDecl<R> d("");
        d.text("id", &R::id, "", "config.plan.rows.id")
            .required()
            .choice("section", &R::section, {"pre", "exec", "rollback"}, "pre", "")
            .text("task", &R::task, "", "config.plan.rows.task")
            .required()
            .optional_text("task_en", &R::task_en, s::str("config.plan.rows.task_en"))
            .text("role", &R::role, "", "config.plan.rows.role")
            .boolean("manual", &R::manual, false, "config.plan.rows.manual");
        return d;
    }();
    return decl;
}

const SectionDecl<PlanSection>& plan_decl() {
    static const SectionDecl<PlanSection> decl = [] {
        using P = PlanSection;
        SectionDecl<P> d("plan");
        d.choice("lang", &P::lang, {"es", "en"}, "", "config.plan.lang")
            .custom("roles", s::map_of(s::list(s::str()), "config.plan.roles"),
                    [](P& out, const Value& v) {
                        for (const auto& [role, people] : v.entries())
                            out.roles.emplace_back(role, Deferred(people));
                    })
            // list_of() but for each row's place, which errors about the row name.
            .custom("rows", s::list(plan_row_decl().schema(), "config.plan.rows"),
                    [](P& out, const Value& v) {
                        for (const auto& item : v.items()) {
                            PlanRowEntry r = plan_row_decl().read(item);
                            r.where = item.where();
                            out.rows.push_back(std::move(r));
                        }
                    })
            .custom("signoffs", s::map_of(s::list(s::str()), "config.plan.signoffs"),
                    [](P& out, const Value& v) {
                        for (const auto& [gate, items] : v.entries())
                            out.signoffs.emplace_back(gate, items.strings());
                    });
        return d;
    }();
    return decl;
}

const SectionDecl<WindowSection>& window_decl() {
    static const SectionDecl<WindowSection> decl = [] {
        using W = WindowSection;
        SectionDecl<W> d("window");
        deferred(d, "start", &W::start, s::str("config.window.start"));
        deferred(d, "end", &W::end, s::str("config.window.end"));
        deferred(d, "environment", &W::environment, s::str("config.window.environment"));
        deferred(d, "release", &W::release, s::str("config.window.release"));
        return d;
    }();
    return decl;
}

NodePtr section_plan() {
    return plan_decl().schema();
}

NodePtr section_window() {
    return window_decl().schema();
}

} // namespace compuerta::core::config
