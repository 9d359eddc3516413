#include "core/model.hpp"

#include "core/errors.hpp"

namespace compuerta::core {

std::string_view to_string(Status s) noexcept {
    switch (s) {
    case Status::pass: return "pass";
    case Status::warn: return "warn";
    case Status::fail: return "fail";
    case Status::error: return "error";
    case Status::skip: return "skip";
    }
    return "error";
}

std::optional<Status> parse_status(std::string_view s) noexcept {
    for (Status st : {Status::pass, Status::warn, Status::fail, Status::error, Status::skip})
        if (to_string(st) == s) return st;
    return std::nullopt;
}

Status worst(Status a, Status b) noexcept { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

int exit_code_for(const std::vector<Status>& statuses) noexcept {
    int code = k_exit_ok;
    for (Status s : statuses) {
        if (s == Status::fail) code = combine_exit_codes(code, k_exit_failed);
        if (s == Status::error) code = combine_exit_codes(code, k_exit_cannot_evaluate);
    }
    return code;
}

int exit_code_for(const std::vector<CheckResult>& results) noexcept {
    int code = k_exit_ok;
    for (const auto& r : results) {
        if (r.status == Status::fail)
            code = combine_exit_codes(code, k_exit_failed);
        if (r.status == Status::error)
            code = combine_exit_codes(code, k_exit_cannot_evaluate);
        if (r.waiting)
            code = combine_exit_codes(code, k_exit_pending);
    }
    return code;
}

int combine_exit_codes(int a, int b) noexcept {
    auto rank = [](int c) {
        switch (c) {
        case k_exit_usage:
            return 4;
        case k_exit_failed:
            return 3;
        case k_exit_cannot_evaluate:
            return 2;
        case k_exit_pending:
            return 1;
        default: return 0;
        }
    };
    return rank(a) >= rank(b) ? a : b;
}

CheckResult CheckResult::from(const CheckSpec& spec, Outcome o) {
    CheckResult r;
    r.id = spec.id;
    r.item = spec.item;
    r.name = spec.name;
    r.classname = spec.classname;
    r.status = o.status;
    r.message = std::move(o.message);
    r.detail = std::move(o.detail);
    r.evidence = std::move(o.evidence);
    r.output = std::move(o.output);
    r.waiting = o.waiting;
    return r;
}

} // namespace compuerta::core
