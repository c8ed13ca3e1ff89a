/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The random generator shared by the DTLS sessions: a CTR-DRBG (NIST SP
 * 800-90A) over an Mbed TLS entropy pool, with the platform's random hook as
 * an additional strong source. One per process instead of one per session:
 * the entropy pool is large in some builds (HAVEGE: 32 KB).
 */
#include "dtls_internal.h"

#include <string.h>

#include <lwc/errors.h>

#include "util/log.h"

/* Entropy source over the platform's random hook. */
static int platform_entropy(void *p, unsigned char *out, size_t len,
                            size_t *olen)
{
    const lwc_mbedtls_rng_t *rng = p;
    const lwc_platform_t *pf = rng->platform;

    if (pf->random(pf->ctx, out, len) != LWC_OK) {
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = len;
    return 0;
}

int lwc_mbedtls_rng_init(lwc_mbedtls_rng_t *rng, const lwc_platform_t *platform)
{
    static const unsigned char pers[] = "lwc-dtls";
    int ret;

    if (!rng) {
        return LWC_ERR_INVALID_ARG;
    }
    if (rng->seeded) {
        return LWC_ERR_STATE;
    }
    memset(rng, 0, sizeof(*rng));
    rng->platform = platform;
    mbedtls_entropy_init(&rng->entropy);
    mbedtls_ctr_drbg_init(&rng->drbg);
    rng->seeded = true; /* from here on, deinit frees */
    if (platform && platform->random &&
        mbedtls_entropy_add_source(&rng->entropy, platform_entropy, rng, 32,
                                   MBEDTLS_ENTROPY_SOURCE_STRONG) != 0) {
        lwc_mbedtls_rng_deinit(rng);
        return LWC_ERR_NO_SPACE;
    }
    ret = mbedtls_ctr_drbg_seed(&rng->drbg, mbedtls_entropy_func, &rng->entropy,
                                pers, sizeof(pers) - 1);
    if (ret != 0) {
        LWCI_ERR(platform, "dtls", "cannot seed the random generator: -0x%x",
                 (unsigned)-ret);
        lwc_mbedtls_rng_deinit(rng);
        return LWC_ERR_IO;
    }
    return LWC_OK;
}

void lwc_mbedtls_rng_deinit(lwc_mbedtls_rng_t *rng)
{
    if (!rng || !rng->seeded) {
        return;
    }
    mbedtls_ctr_drbg_free(&rng->drbg);
    mbedtls_entropy_free(&rng->entropy);
    memset(rng, 0, sizeof(*rng));
}
