#include "smoke/transaction/cleanups.hpp"

#include "core/ports/texts.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/transaction/interrupt.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <thread>

namespace compuerta::smoke::transaction {

namespace {

constexpr const char* k_absent = "absent";

bool owed_by(const LedgerEntry& e, Cleanups::Whose whose) {
    if (whose == Cleanups::Whose::all)
        return true;
    return e.this_run == (whose == Cleanups::Whose::this_run);
}

} // namespace

long long epoch_ms_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string Cleanups::send(const LedgerEntry& e) {
    if (!e.missing.empty())
        return core::msg::tr("smoke.tx.cleanup.missing", {{"step", e.step}, {"reason", e.missing}});
    auto r = m_http.send(e.request, core::Deadline::after(m_timeout));
    if (!r)
        return core::msg::tr("smoke.tx.cleanup.failed",
                             {{"step", e.step},
                              {"method", e.request.method},
                              {"url", e.request.url},
                              {"phase", core::phase_text(r.error().phase)},
                              {"message", r.error().message}});
    if (std::find(e.ok_status.begin(), e.ok_status.end(), r->status) == e.ok_status.end())
        return core::msg::tr("smoke.tx.cleanup.status", {{"step", e.step},
                                                         {"method", e.request.method},
                                                         {"url", e.request.url},
                                                         {"status", r->status}});
    bool found_nothing = r->status == 404 || r->status == 410;
    // Checked after the answer: a request whose deadline passed while the
    // cleanup ran cannot commit any more.
    if (found_nothing && e.in_flight_at(std::chrono::system_clock::now()))
        return k_absent;
    return {};
}

Cleanups::Sweep Cleanups::sweep(Whose whose) {
    Sweep s;
    std::vector<LedgerEntry> left;
    for (auto it = m_ledger.entries.rbegin(); it != m_ledger.entries.rend(); ++it) {
        if (!owed_by(*it, whose)) {
            left.insert(left.begin(), *it);
            continue;
        }
        std::string p = send(*it);
        if (p.empty()) {
            s.done.push_back(it->step);
            s.confirmed.push_back(*it);
            continue;
        }
        if (p == k_absent)
            ++s.unconfirmed;
        else
            s.problems.push_back(core::mask(p));
        left.insert(left.begin(), *it);
    }
    m_ledger.entries = std::move(left);
    if (m_ledger.entries.empty())
        m_file.remove();
    else
        m_file.save(m_ledger);
    return s;
}

Cleanups::Sweep Cleanups::confirm_after_wait(Whose whose, const core::Deadline& deadline,
                                             core::Millis margin, long long& waited_ms) {
    waited_ms = 0;
    long long until = 0;
    for (const auto* e : owed(whose))
        until = std::max(until, e->waits_until_ms);
    if (until == 0)
        return {};
    long long now = epoch_ms_now();
    long long limit = now + deadline.remaining().count() - margin.count();
    if (until > limit)
        return {}; // past this run's deadline: a later run confirms
    while (epoch_ms_now() < until) {
        if (interrupt_signal() != 0)
            return {};
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::min<long long>(20, until - epoch_ms_now() + 1)));
    }
    waited_ms = epoch_ms_now() - now;
    return sweep(whose);
}

std::vector<const LedgerEntry*> Cleanups::owed(Whose whose) const {
    std::vector<const LedgerEntry*> out;
    for (const auto& e : m_ledger.entries)
        if (owed_by(e, whose))
            out.push_back(&e);
    return out;
}

} // namespace compuerta::smoke::transaction
