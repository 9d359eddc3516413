// The Certificates port over OpenSSL 3.
#include "core/messages/catalog.hpp"
#include "core/ports/certificates.hpp"
#include "core/util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace compuerta::core {

namespace {

struct X509Free {
    void operator()(X509* x) const noexcept { X509_free(x); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct StoreFree {
    void operator()(X509_STORE* s) const noexcept { X509_STORE_free(s); }
};
struct CtxFree {
    void operator()(X509_STORE_CTX* c) const noexcept { X509_STORE_CTX_free(c); }
};

using X509Ptr = std::unique_ptr<X509, X509Free>;

std::string openssl_error() {
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "not a PEM file";
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

std::string name_of(const X509_NAME* n) {
    char buf[512];
    X509_NAME_oneline(n, buf, sizeof buf);
    return buf;
}

long long epoch_of(const ASN1_TIME* t) {
    struct tm tm {};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return static_cast<long long>(timegm(&tm));
}

Result<util::UniqueFile> open(const std::string& path, const char* what) {
    util::UniqueFile f = util::open_file(path, "rb");
    if (!f) return Error{msg::tr("cert.unreadable", {{"what", msg::tr(what)}, {"path", path}, {"error", std::strerror(errno)}})};
    return f;
}

class OpensslCertificates final : public Certificates {
  public:
    Result<CertificateInfo> inspect(const CertificateFiles& files) override {
        ERR_clear_error();
        auto cf = open(files.cert, "cert.what.certificate");
        if (!cf) return cf.error();
        X509Ptr cert(PEM_read_X509(cf->get(), nullptr, nullptr, nullptr));
        if (!cert) return Error{msg::tr("cert.not_pem", {{"path", files.cert}, {"error", openssl_error()}})};
        CertificateInfo info;
        info.subject = name_of(X509_get_subject_name(cert.get()));
        info.issuer = name_of(X509_get_issuer_name(cert.get()));
        info.not_before = epoch_of(X509_get0_notBefore(cert.get()));
        info.not_after = epoch_of(X509_get0_notAfter(cert.get()));
        if (!files.key.empty()) {
            auto kf = open(files.key, "cert.what.key");
            if (!kf) return kf.error();
            std::unique_ptr<EVP_PKEY, KeyFree> key(PEM_read_PrivateKey(kf->get(), nullptr, nullptr, nullptr));
            if (!key)
                return Error{msg::tr("cert.not_key", {{"path", files.key}, {"error", openssl_error()}})};
            info.key_checked = true;
            info.key_matches = X509_check_private_key(cert.get(), key.get()) == 1;
            ERR_clear_error();
        }
        if (!files.ca.empty()) {
            auto caf = open(files.ca, "cert.what.ca");
            if (!caf) return caf.error();
            std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
            int n = 0;
            while (X509* ca = PEM_read_X509(caf->get(), nullptr, nullptr, nullptr)) {
                X509_STORE_add_cert(store.get(), ca);
                X509_free(ca);
                ++n;
            }
            ERR_clear_error();
            if (n == 0) return Error{msg::tr("cert.no_ca", {{"path", files.ca}})};
            std::unique_ptr<X509_STORE_CTX, CtxFree> ctx(X509_STORE_CTX_new());
            X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr);
            X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME); // expiry is judged separately
            info.chain_checked = true;
            if (X509_verify_cert(ctx.get()) != 1)
                info.chain_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
            ERR_clear_error();
        }
        return info;
    }
};

} // namespace

std::unique_ptr<Certificates> make_openssl_certificates() { return std::make_unique<OpensslCertificates>(); }

} // namespace compuerta::core
