// libpqxx connections that open within our deadline: a connection policy
// that adopts a handle opened by connect_libpq.
#include "core/adapters/pg_connect.hpp"

#include <pqxx/pqxx>

namespace compuerta::core::adapters {

namespace {

thread_local pg_conn* t_adopt = nullptr;

class AdoptPolicy : public pqxx::connectionpolicy {
  public:
    explicit AdoptPolicy(const std::string& opts) : pqxx::connectionpolicy(opts) {}
    handle do_startconnect(handle orig) override {
        if (orig != nullptr) return orig;
        handle h = t_adopt;
        t_adopt = nullptr;
        if (h == nullptr) throw pqxx::broken_connection("compuerta: no connection to adopt");
        return h;
    }
    handle do_completeconnect(handle orig) override { return orig; }
};

using AdoptedConnection = pqxx::basic_connection_base<AdoptPolicy>;

} // namespace

void PqxxDeleter::operator()(pqxx::connection_base* c) const noexcept {
    delete static_cast<AdoptedConnection*>(c);
}

PqxxConnection connect_pqxx(const std::string& dsn, const Deadline& deadline) {
    auto c = connect_libpq(dsn, deadline);
    if (!c) throw pqxx::broken_connection(c.error().message);
    t_adopt = c->conn.release();
    return PqxxConnection(new AdoptedConnection(dsn));
}

} // namespace compuerta::core::adapters
