#include "smoke/sim/certs.hpp"

#include <cstdio>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace compuerta::smoke::sim {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

[[noreturn]] void ossl_fail(const std::string& what) {
    char buf[256] = {};
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    throw std::runtime_error("renapo-sim: " + what + ": " + buf);
}

Key new_key() {
    Key k(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!k) ossl_fail("cannot generate a key");
    return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (ext == nullptr) ossl_fail(std::string("cannot build extension ") + value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// A certificate for `cn` valid from `from_days` to `to_days` (relative to now),
// signed by issuer/issuer_key (self-signed when issuer is null).
Cert make_cert(EVP_PKEY* key, const char* cn, long from_days, long to_days, X509* issuer, EVP_PKEY* issuer_key,
               const char* san, bool ca, long serial) {
    Cert c(X509_new(), X509_free);
    X509_set_version(c.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(c.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(c.get()), from_days * 86400);
    X509_gmtime_adj(X509_getm_notAfter(c.get()), to_days * 86400);
    X509_set_pubkey(c.get(), key);
    X509_NAME* name = X509_get_subject_name(c.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("compuerta renapo-sim"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509_set_issuer_name(c.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name);
    X509* iss = issuer != nullptr ? issuer : c.get();
    add_ext(c.get(), iss, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    add_ext(c.get(), iss, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment");
    add_ext(c.get(), iss, NID_subject_key_identifier, "hash");
    if (!ca) add_ext(c.get(), iss, NID_ext_key_usage, "serverAuth,clientAuth");
    if (san != nullptr) add_ext(c.get(), iss, NID_subject_alt_name, san);
    if (X509_sign(c.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) == 0) ossl_fail("cannot sign");
    return c;
}

struct File {
    explicit File(const std::filesystem::path& p, const char* mode) : f(std::fopen(p.c_str(), mode)) {
        if (f == nullptr) throw std::runtime_error("renapo-sim: cannot open " + p.string());
    }
    ~File() {
        if (f != nullptr) std::fclose(f);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    FILE* f;
};

void write_cert(const std::filesystem::path& p, X509* c) {
    File f(p, "w");
    if (PEM_write_X509(f.f, c) == 0) ossl_fail("cannot write " + p.string());
}

void write_key(const std::filesystem::path& p, EVP_PKEY* k) {
    File f(p, "w");
    if (PEM_write_PrivateKey(f.f, k, nullptr, nullptr, 0, nullptr, nullptr) == 0) ossl_fail("cannot write " + p.string());
    std::filesystem::permissions(p, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

} // namespace

TlsFiles make_test_pki(const std::filesystem::path& dir, CertMode mode, int days) {
    std::filesystem::create_directories(dir);
    TlsFiles t{dir / "ca.pem", dir / "server.pem", dir / "server-key.pem", dir / "client.pem", dir / "client-key.pem"};
    const auto ca_key_path = dir / "ca-key.pem";
    Key ca_key(nullptr, EVP_PKEY_free);
    Cert ca(nullptr, X509_free);
    if (std::filesystem::exists(t.ca) && std::filesystem::exists(ca_key_path)) {
        File kf(ca_key_path, "r"), cf(t.ca, "r");
        ca_key.reset(PEM_read_PrivateKey(kf.f, nullptr, nullptr, nullptr));
        ca.reset(PEM_read_X509(cf.f, nullptr, nullptr, nullptr));
        if (!ca_key || !ca) ossl_fail("cannot read the CA in " + dir.string());
    } else {
        ca_key = new_key();
        ca = make_cert(ca_key.get(), "compuerta renapo-sim test CA", -1, 3650, nullptr, nullptr, nullptr, true, 1);
        write_cert(t.ca, ca.get());
        write_key(ca_key_path, ca_key.get());
    }
    auto serial = static_cast<long>(std::time(nullptr));
    Key server_key = new_key();
    const char* san = mode == CertMode::wrong_host ? "DNS:renapo.example.invalid" : "DNS:localhost,IP:127.0.0.1,IP:::1";
    long from = mode == CertMode::expired ? -30 : -1;
    long to = mode == CertMode::expired ? -1 : days;
    Cert server = make_cert(server_key.get(), mode == CertMode::wrong_host ? "renapo.example.invalid" : "localhost",
                            from, to, ca.get(), ca_key.get(), san, false, serial);
    write_cert(t.server_cert, server.get());
    write_key(t.server_key, server_key.get());
    Key client_key = new_key();
    Cert client = make_cert(client_key.get(), "compuerta smoke client", -1, 365, ca.get(), ca_key.get(), nullptr,
                            false, serial + 1);
    write_cert(t.client_cert, client.get());
    write_key(t.client_key, client_key.get());
    return t;
}

} // namespace compuerta::smoke::sim
