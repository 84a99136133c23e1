// Umbrella header for libcrypto (OpenSSL 3). Only ReserveCrypto imports this module.
//
// Function-like and alias macros do not import into Swift, so the few that ReserveCrypto
// needs are wrapped here as `static inline` functions prefixed `shim_`. Plain integer and
// string #defines (RSA_PKCS1_PSS_PADDING, OSSL_PKEY_PARAM_GROUP_NAME, ERR_LIB_*) and 3.0's own
// static inline functions (ERR_GET_LIB, ERR_GET_REASON, ERR_FATAL_ERROR) import as they are.
#ifndef RESERVE_COPENSSL_SHIM_H
#define RESERVE_COPENSSL_SHIM_H

#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/asn1.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/sha.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/ts.h>
#include <openssl/x509_vfy.h>
#include <openssl/pkcs7.h>

/// OPENSSL_free is a macro (it passes __FILE__ and __LINE__ to CRYPTO_free). Memory that
/// OpenSSL allocates for the caller (PEM_read_bio's name, header and data) must be freed with it.
static inline void shim_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

/// BIO_get_mem_data is a macro over BIO_ctrl: the memory BIO's contents, without copying.
static inline long shim_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// BN_num_bytes is a macro over BN_num_bits.
static inline int shim_BN_num_bytes(const BIGNUM *bn) {
    return BN_num_bytes(bn);
}

/// OPENSSL_malloc is a macro. TS_VERIFY_CTX_set_imprint takes ownership of its buffer and
/// frees it with OPENSSL_free, so the buffer must come from here.
static inline unsigned char *shim_OPENSSL_malloc(size_t count) {
    return (unsigned char *)OPENSSL_malloc(count);
}

/// The sk_X509 family are macros: a stack of certificates for TS_VERIFY_CTX_set_certs.
static inline STACK_OF(X509) *shim_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

/// Pushes without taking a new reference: the stack owns `cert` afterwards.
static inline int shim_sk_X509_push(STACK_OF(X509) *stack, X509 *cert) {
    return sk_X509_push(stack, cert);
}

/// Frees the stack and every certificate in it.
static inline void shim_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

/// The checks ReserveCrypto asks of an RFC 3161 token: version, the CMS signature and the
/// signer's chain to a trusted certificate (timeStamping purpose), the message imprint, and
/// the TSA name (when the token has one) against the signer. Macros of shifts, kept in C.
static inline int shim_TS_VFY_reserve_flags(void) {
    return TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT | TS_VFY_SIGNER;
}

#endif
