/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "log.h"

#include <stdint.h>

typedef struct {
    char *buf;
    size_t cap;
    size_t len;
} out_t;

static void put(out_t *o, char c)
{
    if (o->len + 1 < o->cap) {
        o->buf[o->len++] = c;
    }
}

static void put_str(out_t *o, const char *s, int prec)
{
    if (!s) {
        s = "(null)";
    }
    for (int i = 0; s[i] && (prec < 0 || i < prec); i++) {
        put(o, s[i]);
    }
}

/* Digits of v, left-padded with `pad` to at least `width` characters. */
static void put_uint(out_t *o, unsigned long long v, unsigned base, int upper,
                     int width, char pad)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v && n < (int)sizeof(tmp));
    for (int i = n; i < width; i++) {
        put(o, pad);
    }
    while (n > 0) {
        put(o, tmp[--n]);
    }
}

/* Reads one integer argument of the given length modifier. */
static unsigned long long arg_uint(va_list *ap, int lmod, int is_signed,
                                   int *neg)
{
    long long s;
    *neg = 0;
    if (is_signed) {
        if (lmod == 2) {
            s = va_arg(*ap, long long);
        } else if (lmod == 1) {
            s = va_arg(*ap, long);
        } else if (lmod == 3) {
            s = (long long)va_arg(*ap, size_t);
        } else {
            s = va_arg(*ap, int);
        }
        if (s < 0) {
            *neg = 1;
            return (unsigned long long)(-(s + 1)) + 1u;
        }
        return (unsigned long long)s;
    }
    if (lmod == 2) {
        return va_arg(*ap, unsigned long long);
    }
    if (lmod == 1) {
        return va_arg(*ap, unsigned long);
    }
    if (lmod == 3) {
        return va_arg(*ap, size_t);
    }
    return va_arg(*ap, unsigned int);
}

/* Handles one conversion starting after '%'; returns the new fmt position. */
static const char *convert(out_t *o, const char *f, va_list *ap)
{
    int prec = -1;
    int lmod = 0;
    int width = 0;
    char pad = ' ';
    int neg;

    if (*f == '0') {
        pad = '0';
        f++;
    }
    while (*f >= '0' && *f <= '9' && width < 64) {
        width = width * 10 + (*f++ - '0');
    }
    if (f[0] == '.' && f[1] == '*') {
        prec = va_arg(*ap, int);
        f += 2;
    }
    if (*f == 'l') {
        lmod = 1;
        f++;
        if (*f == 'l') {
            lmod = 2;
            f++;
        }
    } else if (*f == 'z') {
        lmod = 3;
        f++;
    }
    switch (*f) {
    case 'd':
    case 'i': {
        unsigned long long v = arg_uint(ap, lmod, 1, &neg);
        if (neg) {
            put(o, '-');
            width = width > 0 ? width - 1 : 0;
        }
        put_uint(o, v, 10, 0, width, pad);
        break;
    }
    case 'u':
        put_uint(o, arg_uint(ap, lmod, 0, &neg), 10, 0, width, pad);
        break;
    case 'x':
    case 'X':
        put_uint(o, arg_uint(ap, lmod, 0, &neg), 16, *f == 'X', width, pad);
        break;
    case 'c':
        put(o, (char)va_arg(*ap, int));
        break;
    case 's':
        put_str(o, va_arg(*ap, const char *), prec);
        break;
    case 'p':
        put_str(o, "0x", -1);
        put_uint(o, (uintptr_t)va_arg(*ap, void *), 16, 0, 0, ' ');
        break;
    case '%':
        put(o, '%');
        break;
    case '\0':
        return f;
    default:
        put(o, '?');
        break;
    }
    return f + 1;
}

size_t lwci_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
    out_t o = {buf, cap, 0};
    va_list aq;

    if (!buf || cap == 0) {
        return 0;
    }
    va_copy(aq, ap);
    while (*fmt) {
        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt = convert(&o, fmt + 1, &aq);
    }
    va_end(aq);
    buf[o.len] = '\0';
    return o.len;
}

size_t lwci_format(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = lwci_vformat(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

void lwci_log(const lwc_platform_t *pf, lwc_log_level_t level,
              const char *module, const char *fmt, ...)
{
    char line[LWC_LOG_LINE_MAX];
    va_list ap;

    if (!pf || !pf->log) {
        return;
    }
    va_start(ap, fmt);
    lwci_vformat(line, sizeof(line), fmt, ap);
    va_end(ap);
    pf->log(pf->ctx, level, module, line);
}
