#pragma once
// Reading certificate files (OpenSSL adapter: core/adapters/openssl_certificates.cpp).
#include "core/result.hpp"

#include <memory>
#include <string>

namespace compuerta::core {

struct CertificateFiles {
    std::string cert; // PEM certificate (required)
    std::string key;  // PEM private key; empty: not checked
    std::string ca;   // PEM CA bundle; empty: chain not checked
};

struct CertificateInfo {
    std::string subject;
    std::string issuer;
    long long not_before = 0; // seconds since the epoch
    long long not_after = 0;
    bool key_checked = false;
    bool key_matches = false;
    bool chain_checked = false;
    std::string chain_error; // empty when the chain verified (validity dates not considered)
};

class Certificates {
  public:
    virtual ~Certificates() = default;
    // Reads the files. Error (naming the file and what is wrong with it) when
    // one cannot be read or is not PEM; a key that does not match or a chain
    // that does not verify is reported in CertificateInfo, not as an Error.
    // Never throws.
    virtual Result<CertificateInfo> inspect(const CertificateFiles& files) = 0;
};

std::unique_ptr<Certificates> make_openssl_certificates();

} // namespace compuerta::core
