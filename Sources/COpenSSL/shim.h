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

#endif
