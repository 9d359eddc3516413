#pragma once
// The owed cleanups of one transaction check run (plan item 6.3), kept in
// the ledger: the earlier runs' still unconfirmed ones first, then this
// run's. A cleanup is done only when it is confirmed: an ok answer that
// found something, or one that found nothing (404/410) once no request of
// its step can still be in flight. "Nothing found" while that request may
// still commit keeps the entry, which is sent again after the request's
// deadline.
#include "core/deadline.hpp"
#include "core/ports/http.hpp"
#include "smoke/transaction/ledger.hpp"

#include <string>
#include <vector>

namespace compuerta::smoke::transaction {

class Cleanups {
  public:
    Cleanups(LedgerFile& file, Ledger& ledger, core::Http& http, core::Millis timeout)
        : m_file(file), m_ledger(ledger), m_http(http), m_timeout(timeout) {}

    struct Sweep {
        std::vector<std::string> problems;  // masked, one per cleanup that failed
        std::vector<std::string> done;      // steps whose cleanup is confirmed
        std::vector<LedgerEntry> confirmed; // the confirmed entries themselves
        int unconfirmed = 0;                // found nothing while their request may still commit
    };

    enum class Whose { all, earlier, this_run };

    // Sends, in reverse order, the cleanups of `whose` entries; confirmed
    // entries leave the ledger, which is then saved (or removed when empty).
    Sweep sweep(Whose whose);

    // Waits until the unconfirmed entries' requests are past their deadline
    // (when that comes before `deadline` less `margin`), unless a signal
    // arrives; then sweeps them again. Returns the second sweep (empty when
    // it did not wait) and the time waited in `waited_ms`.
    Sweep confirm_after_wait(Whose whose, const core::Deadline& deadline, core::Millis margin,
                             long long& waited_ms);

    // `whose` entries still in the ledger.
    std::vector<const LedgerEntry*> owed(Whose whose) const;

  private:
    // Empty when the answer confirms the cleanup; "absent" when it found
    // nothing while its request may still commit; else the problem.
    std::string send(const LedgerEntry& e);

    LedgerFile& m_file;
    Ledger& m_ledger;
    core::Http& m_http;
    core::Millis m_timeout;
};

// Milliseconds since the Unix epoch, as waits_until_ms counts them.
long long epoch_ms_now();

} // namespace compuerta::smoke::transaction
