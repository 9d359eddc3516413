#include "smoke/checks/http.hpp"

#include "core/ports/texts.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/checks/retry_after.hpp"

#include <chrono>
#include <fmt/format.h>
#include <thread>

namespace compuerta::smoke::checks {

namespace msg = core::msg;

namespace {

using core::Status;

bool status_ok(long status, const std::vector<long>& expected) {
    if (expected.empty()) return status >= 200 && status < 300;
    for (long s : expected)
        if (s == status) return true;
    return false;
}

std::string expected_text(const std::vector<long>& expected) {
    if (expected.empty()) return "2xx";
    std::string out;
    for (long s : expected)
        out += (out.empty() ? "" : msg::tr("smoke.http.or")) + std::to_string(s);
    return out;
}

// The start of a body for a failure message: one line, bounded.
std::string excerpt(const std::string& body) {
    std::string s = body.substr(0, 200);
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return body.size() > 200 ? s + "..." : s;
}

std::optional<core::Millis> retry_after_of(const core::Evidence& ev) {
    for (const auto& [k, v] : ev)
        if (k == "retry_after_ms") return core::Millis(std::stoll(v));
    return std::nullopt;
}

// `phase` goes to the evidence (English, stable); `label` starts the message.
core::Outcome failed(const std::string& phase, const std::string& label, const std::string& message,
                     core::Evidence ev, Status status = Status::fail) {
    ev.emplace_back("phase", phase);
    return core::Outcome::make(
        status, core::mask(msg::tr("smoke.http.failed", {{"phase", label}, {"message", message}})),
        std::move(ev));
}

} // namespace

HttpCheck::HttpCheck(core::CheckSpec spec, HttpOptions opts, core::Http& http)
    : core::Check(std::move(spec)), m_opts(std::move(opts)), m_http(http) {}

core::Outcome HttpCheck::run(const core::Deadline& deadline) {
    core::Millis backoff = m_opts.backoff;
    for (int attempt = 1;; ++attempt) {
        core::Outcome o = attempt_once(deadline);
        o.evidence.emplace_back("attempts", core::EvidenceValue::integer(attempt));
        if (o.status != Status::fail || attempt > m_opts.retries) return o;
        // A 429/503 with Retry-After: wait what the server asked, when the
        // deadline still leaves time for a request after it.
        if (auto asked = retry_after_of(o.evidence)) {
            if (deadline.remaining() <= *asked + core::Millis(100)) {
                o.message =
                    msg::tr("smoke.http.retry.after_past_deadline", {{"message", o.message},
                                                                     {"after_ms", asked->count()},
                                                                     {"attempt", attempt},
                                                                     {"retries", m_opts.retries}});
                return o;
            }
            std::this_thread::sleep_for(*asked);
            continue;
        }
        // Retry only when the backoff still leaves time for a request.
        if (deadline.remaining() <= backoff + core::Millis(100)) {
            o.message = msg::tr(
                "smoke.http.retry.no_time",
                {{"message", o.message}, {"attempt", attempt}, {"retries", m_opts.retries}});
            return o;
        }
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

core::Outcome HttpCheck::attempt_once(const core::Deadline& deadline) {
    const core::HttpRequest& req = m_opts.request;
    core::Evidence ev = {{"url", core::mask(req.url)}, {"method", req.method}};
    auto sent = m_http.send(req, deadline);
    if (!sent) {
        const core::HttpFailure& f = sent.error();
        std::string phase(core::to_string(f.phase));
        std::string label = phase_text(f.phase);
        if (f.phase == core::HttpPhase::timeout) {
            phase = fmt::format("timeout ({})", core::to_string(f.timed_out_in));
            label = msg::tr("smoke.http.phase.timeout_in", {{"phase", phase_text(f.timed_out_in)}});
            ev.emplace_back("timed_out_in", std::string(core::to_string(f.timed_out_in)));
        }
        if (f.tls_reason != core::TlsReason::none)
            ev.emplace_back("tls_reason", std::string(core::to_string(f.tls_reason)));
        // A bad URL or an unreadable CA file is our configuration, not the service's outage.
        bool ours = f.phase == core::HttpPhase::config || f.tls_reason == core::TlsReason::bad_ca_file;
        return failed(phase, label, f.message, std::move(ev), ours ? Status::error : Status::fail);
    }
    const core::HttpResponse& resp = sent.value();
    ev.emplace_back("status", core::EvidenceValue::integer(resp.status));
    ev.emplace_back("latency_ms", core::EvidenceValue::millis(resp.total));
    ev.emplace_back("dns_ms", core::EvidenceValue::millis(resp.dns));
    ev.emplace_back("connect_ms", core::EvidenceValue::millis(resp.connect));
    if (resp.tls.count() > 0) ev.emplace_back("tls_ms", core::EvidenceValue::millis(resp.tls));
    ev.emplace_back("first_byte_ms", core::EvidenceValue::millis(resp.first_byte));
    ev.emplace_back("body_bytes", core::EvidenceValue::integer(resp.body.size()));
    if (resp.truncated) ev.emplace_back("body_truncated", "yes");
    if (auto ct = resp.header("content-type")) ev.emplace_back("content_type", *ct);
    if (resp.effective_url != req.url && !resp.effective_url.empty())
        ev.emplace_back("effective_url", core::mask(resp.effective_url));

    if (!status_ok(resp.status, m_opts.expect_status)) {
        if (resp.status == 429 || resp.status == 503)
            if (auto after = resp.header("retry-after"))
                if (auto wait = parse_retry_after(*after, std::chrono::system_clock::now()))
                    ev.emplace_back("retry_after_ms", core::EvidenceValue::millis(*wait));
        return failed(
            "HTTP status", msg::tr("smoke.http.phase.status"),
            msg::tr("smoke.http.status", {{"url", req.url},
                                          {"status", resp.status},
                                          {"expected", expected_text(m_opts.expect_status)},
                                          {"body", excerpt(resp.body)}}),
            std::move(ev));
    }

    AnswerView view(resp);
    for (const auto& a : m_opts.assertions)
        if (auto why = evaluate(a, view))
            return failed("assertion", msg::tr("smoke.http.phase.assertion"), *why, std::move(ev));
    if (m_opts.verify)
        if (auto why = m_opts.verify(resp, ev))
            return failed("assertion", msg::tr("smoke.http.phase.assertion"), *why, std::move(ev));

    Status status = Status::pass;
    std::vector<std::string> notes;
    if (m_opts.crit_latency && resp.total > *m_opts.crit_latency)
        return failed(
            "latency", msg::tr("smoke.http.phase.latency"),
            msg::tr("smoke.http.latency.crit",
                    {{"ms", resp.total.count()}, {"threshold_ms", m_opts.crit_latency->count()}}),
            std::move(ev));
    if (m_opts.warn_latency && resp.total > *m_opts.warn_latency) {
        status = Status::warn;
        notes.push_back(
            msg::tr("smoke.http.latency.warn", {{"threshold_ms", m_opts.warn_latency->count()}}));
    }
    if (resp.cert_not_after > 0) {
        auto now = std::chrono::system_clock::now();
        auto left = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(resp.cert_not_after)) - now;
        long days = static_cast<long>(std::chrono::duration_cast<std::chrono::hours>(left).count() / 24);
        ev.emplace_back("cert_days_left", core::EvidenceValue::integer(days));
        if (!resp.cert_subject.empty()) ev.emplace_back("cert_subject", resp.cert_subject);
        if (m_opts.cert_crit_days >= 0 && days < m_opts.cert_crit_days)
            return failed(
                "certificate", msg::tr("smoke.http.phase.certificate"),
                msg::trn("smoke.http.cert.crit", days, {{"limit", m_opts.cert_crit_days}}),
                std::move(ev));
        if (m_opts.cert_warn_days >= 0 && days < m_opts.cert_warn_days) {
            status = Status::warn;
            notes.push_back(msg::trn("smoke.http.cert.warn", days));
        }
    }
    if (resp.truncated) {
        status = Status::warn;
        notes.push_back(msg::trn("smoke.http.truncated", static_cast<long long>(req.max_body)));
    }
    if (!req.tls.verify && req.url.rfind("https://", 0) == 0) {
        status = Status::warn;
        notes.push_back(msg::tr("smoke.http.insecure"));
    }
    std::string text =
        msg::tr("smoke.http.passed",
                {{"status", resp.status}, {"url", req.url}, {"ms", resp.total.count()}});
    for (const auto& [k, v] : ev)
        if (k == "answer")
            text = msg::tr("smoke.http.answered",
                           {{"answer", v}, {"url", req.url}, {"ms", resp.total.count()}});
    for (const auto& n : notes)
        text += "; " + n;
    return core::Outcome::make(status, core::mask(text), std::move(ev));
}

} // namespace compuerta::smoke::checks
