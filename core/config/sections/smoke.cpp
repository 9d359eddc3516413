#include "core/config/sections/smoke.hpp"

namespace compuerta::core::config {

namespace {
// The item of smoke.checks: one variant per kind, filled by define_check_kind().
// The schema (root_schema() keeps it) holds this node, so a kind defined
// later is still seen by every validation and by the reference.
const std::shared_ptr<Node>& check_kinds() {
    static const std::shared_ptr<Node> node = std::make_shared<Node>(*s::one_of("kind", {}));
    return node;
}
} // namespace

void define_check_kind(const std::string& kind, NodePtr schema) {
    check_kinds()->variants[kind] = std::move(schema);
}

const SectionDecl<SmokeSection>& smoke_decl() {
    static const SectionDecl<SmokeSection> decl = [] {
        using S = SmokeSection;
        SectionDecl<S> d("smoke");
        d.integer("concurrency", &S::concurrency, 8, "config.smoke.concurrency")
            .duration("timeout", &S::timeout, "10s", "config.smoke.timeout")
            .optional_duration("deadline", &S::deadline, "config.smoke.deadline")
            // Each item is read by its kind's declaration (smoke/registry.cpp).
            .custom("checks",
                    s::with_rule(s::list(check_kinds(), "config.smoke.checks"), "smoke.checks"),
                    [](S& out, const Value& v) { out.checks = v.items(); });
        return d;
    }();
    return decl;
}

NodePtr section_smoke() {
    return smoke_decl().schema();
}

} // namespace compuerta::core::config
