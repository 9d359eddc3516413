#pragma once
// renapo-sim's own test PKI (OpenSSL): a CA, a server certificate for
// 127.0.0.1/localhost (or a deliberately expired or wrong-host one), and a
// client certificate for mTLS tests. Never for production use.
#include <filesystem>
#include <string>

namespace compuerta::smoke::sim {

enum class CertMode { good, expired, wrong_host };

struct TlsFiles {
    std::filesystem::path ca;          // ca.pem (trust this in the client)
    std::filesystem::path server_cert; // server.pem
    std::filesystem::path server_key;  // server-key.pem
    std::filesystem::path client_cert; // client.pem (signed by the CA)
    std::filesystem::path client_key;  // client-key.pem
};

// Creates `dir` and writes the files; reuses ca.pem/ca-key.pem when both
// exist there (so a developer trusts one CA across restarts). The server
// certificate is valid for `days` days (good), expired since yesterday
// (expired), or issued for renapo.example.invalid only (wrong_host).
// Throws std::runtime_error with OpenSSL's reason on failure.
TlsFiles make_test_pki(const std::filesystem::path& dir, CertMode mode, int days);

} // namespace compuerta::smoke::sim
