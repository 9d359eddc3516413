// The composition root: the one place that chooses the real adapters.
// Commands receive them through Invocation::adapters(); tests pass fakes to
// main_for() instead.
#include "core/ports/adapters.hpp"

namespace compuerta::core {

const Adapters& real_adapters() {
    static const Adapters real{
        [] { return make_curl_http(); },
        [] { return make_curl_smtp(); },
        [] { return make_posix_process(); },
        [] { return make_openssl_certificates(); },
        [] { return make_libpq_postgres(); },
        [] { return make_libpq_db(); },
        [](LeaseStoreAddress a) { return make_libpq_lease_store(std::move(a)); },
        [](const std::string& dir) { return open_git_repo(dir); },
    };
    return real;
}

} // namespace compuerta::core
