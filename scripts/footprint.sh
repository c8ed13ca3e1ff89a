#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Flash and RAM footprint of the lwc core on a Cortex-M4.
#
# Cross-compiles every .c under src/util src/coap src/io src/dm src/core and
# objects/ (not src/port: that is per platform) with arm-none-eabi-gcc, links
# them with the stub application bench/footprint/main.c against newlib-nano
# with --gc-sections, and prints:
#   - text/data/bss of the linked image (arm-none-eabi-size),
#   - the part of it that comes from lwc's own objects (from the link map),
#   - sizeof(lwc_client_t) and of the standard objects' state
#     (bench/footprint/size_probe.c, read back with arm-none-eabi-nm -S),
#   - the DTLS glue (src/port/mbedtls, Mbed TLS itself excluded), cross-
#     compiled against a device Mbed TLS configuration (by default
#     docs/mbedtls_config_psk.h): text/data/bss per object and the sizes of
#     its state (bench/footprint/size_probe_dtls.c). Compile-only: there is
#     no Mbed TLS library for the target to link (Debian ships none), only
#     its headers are needed.
# It fails (exit 1) when
#   - a core source includes an OS, stdio or time header,
#   - the image contains printf/vfprintf/_dtoa_r/strtod/malloc or their
#     relatives (it names the lwc object that pulled them in),
#   - an lwc object (or DTLS glue object) has writable static data
#     (.data/.bss: global state).
# See docs/footprint.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/footprint.sh [options]
  --config FILE     user configuration header, passed as LWC_CONFIG_FILE
  --build-dir DIR   keep objects, image and map in DIR (default: a temporary
                    directory, removed at exit)
  --cpu CPU         -mcpu value (default cortex-m4)
  --compile-only    only cross-compile the core and check its includes
  --dtls            also report the DTLS glue (default: when the Mbed TLS
                    headers are found); fail when they are not
  --no-dtls         no DTLS glue report
  --dtls-config F   Mbed TLS configuration header for the DTLS glue
                    (default docs/mbedtls_config_psk.h)
  --werror          treat compiler warnings as errors
  --quiet           no per-object table
  -h, --help        this text
environment: CROSS (tool prefix, default arm-none-eabi-), MBEDTLS_INCLUDE
(directory holding mbedtls/ssl.h, default /usr/include)
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CROSS=${CROSS:-arm-none-eabi-}
CPU=cortex-m4
CONFIG=""
OUT=""
COMPILE_ONLY=0
DTLS=auto
DTLS_CONFIG=""
WERROR=0
QUIET=0

while [ $# -gt 0 ]; do
    case "$1" in
    --config) CONFIG=${2:?--config needs a file}; shift 2 ;;
    --build-dir) OUT=${2:?--build-dir needs a directory}; shift 2 ;;
    --cpu) CPU=${2:?--cpu needs a value}; shift 2 ;;
    --compile-only) COMPILE_ONLY=1; shift ;;
    --dtls) DTLS=yes; shift ;;
    --no-dtls) DTLS=no; shift ;;
    --dtls-config) DTLS_CONFIG=${2:?--dtls-config needs a file}; shift 2 ;;
    --werror) WERROR=1; shift ;;
    --quiet) QUIET=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "footprint: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

die() { echo "footprint: $*" >&2; exit 1; }

command -v "${CROSS}gcc" >/dev/null || die "${CROSS}gcc not found (apt install gcc-arm-none-eabi libnewlib-arm-none-eabi)"

if [ -n "$CONFIG" ]; then
    [ -f "$CONFIG" ] || die "config file '$CONFIG' not found"
    CONFIG=$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")
fi
if [ -z "$OUT" ]; then
    OUT=$(mktemp -d "${TMPDIR:-/tmp}/lwc-footprint.XXXXXX")
    trap 'rm -rf "$OUT"' EXIT
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

MBEDTLS_INCLUDE=${MBEDTLS_INCLUDE:-/usr/include}
DTLS_CONFIG=${DTLS_CONFIG:-$ROOT/docs/mbedtls_config_psk.h}
if [ "$DTLS" != no ]; then
    if [ ! -f "$MBEDTLS_INCLUDE/mbedtls/ssl.h" ]; then
        [ "$DTLS" = yes ] && die "Mbed TLS headers not found in $MBEDTLS_INCLUDE (apt install libmbedtls-dev, or set MBEDTLS_INCLUDE)"
        DTLS=no
    elif [ ! -f "$DTLS_CONFIG" ]; then
        die "Mbed TLS configuration '$DTLS_CONFIG' not found"
    fi
fi

ARCH=(-mcpu="$CPU" -mthumb)
CFLAGS=(-std=c11 -Os -DNDEBUG -ffunction-sections -fdata-sections
        -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
        -I"$ROOT/include" -I"$ROOT/src")
[ "$WERROR" = 1 ] && CFLAGS+=(-Werror)
[ -n "$CONFIG" ] && CFLAGS+=("-DLWC_CONFIG_FILE=\"$CONFIG\"")

# ---- The core sources ------------------------------------------------------
SOURCES=()
for dir in src/util src/coap src/io src/dm src/core objects; do
    [ -d "$ROOT/$dir" ] || continue
    while IFS= read -r f; do SOURCES+=("$f"); done \
        < <(cd "$ROOT" && find "$dir" -name '*.c' | LC_ALL=C sort)
done
[ ${#SOURCES[@]} -gt 0 ] || die "no core sources found under $ROOT"

# Headers the core must not include (DESIGN.md): OS, sockets, TLS, stdio,
# time. A violation is reported only when the including file is lwc's own,
# so that newlib's internal includes do not count.
FORBIDDEN_HDR='/(stdio|time|unistd|pthread|fcntl|poll|netdb|signal|termios)\.h$|/(sys|netinet|arpa|mbedtls|psa)/[^/]+\.h$'

# Print "includer -> header" for each forbidden include made by an lwc file.
# Input: gcc -H output (one '.' per nesting level, then the path).
check_includes() {
    awk -v root="$ROOT" -v src="$1" -v bad="$FORBIDDEN_HDR" '
        /^\.+ / {
            depth = length($1); path = $2
            stack[depth] = path
            parent = depth == 1 ? root "/" src : stack[depth - 1]
            if (index(parent, root "/") == 1 && path ~ bad) {
                sub("^" root "/", "", parent)
                print "  " parent " includes " path
            }
        }'
}

# ---- Compile ---------------------------------------------------------------
# The compiler's diagnostics without the -H include tree and its "multiple
# include guards may be useful for:" list of bare paths.
compiler_messages() {
    grep -v -e '^\.\+ ' -e '^Multiple include guards' -e '^/[^:]*$' || true
}

OBJS=()
BAD_INCLUDES=""
for src in "${SOURCES[@]}"; do
    obj="obj/${src%.c}.o"
    mkdir -p "$OUT/$(dirname "$obj")"
    if ! "${CROSS}gcc" "${ARCH[@]}" "${CFLAGS[@]}" -H -c "$ROOT/$src" \
        -o "$OUT/$obj" 2>"$OUT/${obj%.o}.log"; then
        compiler_messages <"$OUT/${obj%.o}.log" >&2
        die "cross-compiling $src failed"
    fi
    compiler_messages <"$OUT/${obj%.o}.log" >&2
    bad=$(check_includes "$src" <"$OUT/${obj%.o}.log")
    if [ -n "$bad" ]; then BAD_INCLUDES+="$bad"$'\n'; fi
    OBJS+=("$obj")
done
if [ -n "$BAD_INCLUDES" ]; then
    printf 'footprint: the core includes headers it must not (DESIGN.md):\n%s' \
        "$BAD_INCLUDES" >&2
    exit 1
fi
echo "cross-compiled ${#OBJS[@]} core sources for $CPU${CONFIG:+ with $CONFIG}"
[ "$COMPILE_ONLY" = 1 ] && exit 0

# ---- Sizes of the RAM-only types (cannot run on the host: read nm -S) ------
"${CROSS}gcc" "${ARCH[@]}" "${CFLAGS[@]}" -fno-common \
    -c "$ROOT/bench/footprint/size_probe.c" -o "$OUT/size_probe.o" ||
    die "compiling bench/footprint/size_probe.c failed"

# ---- Link the stub application ---------------------------------------------
"${CROSS}gcc" "${ARCH[@]}" "${CFLAGS[@]}" -c "$ROOT/bench/footprint/main.c" \
    -o "$OUT/main.o" || die "compiling bench/footprint/main.c failed"

# Symbols whose presence fails the check, and relatives traced to explain
# who pulled them in.
BANNED='printf|vprintf|fprintf|vfprintf|sprintf|snprintf|vsprintf|vsnprintf|puts|_printf_r|_vfprintf_r|_svfprintf_r|_vfiprintf_r|_svfiprintf_r|_dtoa_r|strtod|_strtod_r|strtof|atof|malloc|_malloc_r|calloc|_calloc_r|realloc|_realloc_r|free|_free_r'
TRACE=()
IFS='|' read -r -a banned_list <<<"$BANNED"
for s in "${banned_list[@]}"; do TRACE+=("-Wl,--trace-symbol=$s"); done

cd "$OUT"
if ! "${CROSS}gcc" "${ARCH[@]}" -Os --specs=nano.specs --specs=nosys.specs \
    -Wl,--gc-sections -Wl,-Map=lwc-footprint.map "${TRACE[@]}" \
    -o lwc-footprint.elf main.o "${OBJS[@]}" >link.log 2>&1; then
    grep -v -e ': reference to ' -e ': definition of ' link.log >&2 || true
    die "linking the footprint image failed (is the client core complete?)"
fi
# --trace-symbol lines ("file: reference to sym", "file: definition of sym")
# without the linker's own name in front.
sed -n -e 's/^.*ld[^:]*: \(.*: \(reference to\|definition of\) .*\)$/\1/p' \
    link.log >trace.txt
grep -v -e ': reference to ' -e ': definition of ' \
    -e 'is not implemented and will always fail' link.log >&2 || true

# ---- Forbidden library code ------------------------------------------------
# Walk the map's "Archive member included ... (symbol)" list from the member
# that defines a banned symbol up to the first file that is not a library
# member: the object that pulled it in. Prints "sym: root -> sym1 -> ...".
explain() {
    awk -v sym="$1" '
        function short(f) { sub(/^.*\//, "", f); return f }
        FILENAME == ARGV[1] {   # trace.txt
            if (index($0, ": definition of " sym) && $NF == sym) {
                def = $0; sub(/: definition of .*/, "", def)
            }
            next
        }
        /^Archive member included/ { inarch = 1; next }
        /^(Discarded input sections|Memory Configuration|Allocating common)/ { inarch = 0 }
        inarch && /^[^ \t]/ { member = $1; if (NF >= 3) { ref[member] = $2; why[member] = $3 }; next }
        inarch && /^[ \t]+[^ \t]/ && member != "" { ref[member] = $1; why[member] = $2 }
        END {
            if (def == "") { print "  " sym ": (defining file unknown)"; exit }
            chain = ""; cur = def; last = ""
            for (i = 0; i < 32 && (cur in ref); i++) {
                w = why[cur]; gsub(/[()]/, "", w)
                if (last == "") last = w
                chain = " -> " w " [" short(cur) "]" chain
                cur = ref[cur]
            }
            if (last != sym) chain = chain " -> " sym
            print "  " sym ": " cur chain
        }' trace.txt lwc-footprint.map
}

DEFINED=$("${CROSS}nm" lwc-footprint.elf | awk '$2 ~ /^[TtWwDdBb]$/ { print $3 }')
FOUND=$(grep -E -x "$BANNED" <<<"$DEFINED" || true)
if [ -n "$FOUND" ]; then
    echo "footprint: the image contains library code the core must not use" >&2
    echo "(symbol: object that pulled it in -> symbol [library member] ...):" >&2
    for s in $FOUND; do explain "$s"; done >explain.txt
    cat explain.txt >&2
    echo "pulled in by: $(awk '{ print $2 }' explain.txt | sort -u | tr '\n' ' ')" >&2
    exit 1
fi

# ---- Sizes -----------------------------------------------------------------
# Sum the input sections that survived --gc-sections, per object, from the
# map's memory map: text = .text* + .rodata*, data = .data*, bss = .bss*.
map_sizes() {
    awk '
        function hex(s,   i, n) {
            s = tolower(s); sub(/^0x/, "", s); n = 0
            for (i = 1; i <= length(s); i++)
                n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n
        }
        function add(sec, size, file) {
            if (sec ~ /^\.(text|rodata)/) t[file] += hex(size)
            else if (sec ~ /^\.data/) d[file] += hex(size)
            else if (sec ~ /^(\.bss|COMMON)/) b[file] += hex(size)
            else return
            seen[file] = 1
        }
        /^Linker script and memory map/ { on = 1; next }
        !on { next }
        /^ [.A-Z]/ {
            if (NF == 1) { pending = $1; next }
            if (NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/) add($1, $3, $4)
            pending = ""; next
        }
        pending != "" && NF >= 3 && $1 ~ /^0x/ && $2 ~ /^0x/ { add(pending, $2, $3) }
        { pending = "" }
        END { for (f in seen) printf "%d %d %d %s\n", t[f], d[f], b[f], f }
    ' lwc-footprint.map
}
map_sizes >sizes.txt

# "text data bss" summed over one part of the image: lwc (the core
# objects), app (the stub main.o), libgcc, or libc (the rest).
part_sizes() {
    awk -v part="$1" '
        { p = $4 ~ /^obj\// ? "lwc" : $4 == "main.o" ? "app" : $4 ~ /libgcc\.a\(/ ? "libgcc" : "libc" }
        p == part { t += $1; d += $2; b += $3 }
        END { printf "%d %d %d", t, d, b }' sizes.txt
}
read -r LT LD LB <<<"$(part_sizes lwc)"
read -r AT AD AB <<<"$(part_sizes app)"
read -r GT GD GB <<<"$(part_sizes libgcc)"
read -r OT OD OB <<<"$(part_sizes libc)"
read -r IT ID IB _ <<<"$("${CROSS}size" lwc-footprint.elf | awk 'NR == 2 { print $1, $2, $3 }')"

STATEFUL=$(awk '$4 ~ /^obj\// && ($2 > 0 || $3 > 0) { printf "  %s: data %d, bss %d\n", $4, $2, $3 }' sizes.txt)

# lwc objects that pull in libgcc's floating-point helpers (__aeabi_d*,
# __aeabi_f*): informational, double is legitimate for Float resources.
soft_float_users() {
    awk '
        /^Archive member included/ { on = 1; next }
        /^(Discarded input sections|Memory Configuration|Allocating common)/ { on = 0 }
        on && /^[^ \t]/ { m = $1; if (NF >= 3) { ref[m] = $2; why[m] = $3 }; next }
        on && /^[ \t]+[^ \t]/ && m != "" { ref[m] = $1; why[m] = $2 }
        END {
            for (m in ref) {
                if (m !~ /libgcc\.a\(_arm_.*(df|sf)|libgcc\.a\(_(add|sub|mul|div|fix|float).*(df|sf)/) continue
                if (ref[m] !~ /^obj\//) continue
                w = why[m]; gsub(/[()]/, "", w); r = ref[m]; sub(/^obj\//, "", r)
                print r, w
            }
        }' lwc-footprint.map | LC_ALL=C sort -u |
        awk '$1 != last { if (line) print line; line = "  " $1 ":"; last = $1 }
             { line = line " " $2 } END { if (line) print line }'
}

# "<type> <bytes>" for every size_probe_<type> array in size_probe.o.
probe_sizes() {
    "${CROSS}nm" -S size_probe.o | awk '
        function hex(s,   i, n) {
            s = tolower(s); n = 0
            for (i = 1; i <= length(s); i++)
                n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n
        }
        NF == 4 && $4 ~ /^size_probe_/ { name = $4; sub(/^size_probe_/, "", name); print name, hex($2) }'
}

echo "lwc footprint: ${CPU} thumb, -Os, newlib-nano, --gc-sections"
echo "config: ${CONFIG:-defaults (include/lwc/config.h)}"
echo
printf '%-32s %8s %8s %8s\n' "" text data bss
printf '%-32s %8d %8d %8d\n' "image (arm-none-eabi-size)" "$IT" "$ID" "$IB"
printf '%-32s %8d %8d %8d\n' "  lwc core objects" "$LT" "$LD" "$LB"
printf '%-32s %8d %8d %8d\n' "  stub application (main.c)" "$AT" "$AD" "$AB"
printf '%-32s %8d %8d %8d\n' "  libgcc (soft-float, division)" "$GT" "$GD" "$GB"
printf '%-32s %8d %8d %8d\n' "  newlib-nano, startup" "$OT" "$OD" "$OB"
echo "(text includes .rodata; the image total also counts alignment and"
echo " sections such as .ARM.exidx that are not attributed to an object)"
echo
probe_sizes | LC_ALL=C sort | while read -r type bytes; do
    printf '%-32s %8d bytes\n' "sizeof($type)" "$bytes"
done
echo
echo "lwc by layer (text = code + read-only data):"
awk '$4 ~ /^obj\// {
        l = $4; sub(/^obj\//, "", l); sub(/\/[^\/]*$/, "", l); t[l] += $1
     } END { for (l in t) printf "  %-40s %8d\n", l, t[l] }' sizes.txt |
    LC_ALL=C sort
if [ "$QUIET" = 0 ]; then
    echo
    echo "lwc objects in the image (text = code + read-only data):"
    awk '$4 ~ /^obj\// { sub(/^obj\//, "", $4); printf "  %-40s %8d\n", $4, $1 }' sizes.txt |
        sort -k2,2nr
fi
SOFTFLOAT=$(soft_float_users)
if [ -n "$SOFTFLOAT" ]; then
    echo
    echo "double/float arithmetic (libgcc soft-float) is pulled in by:"
    echo "$SOFTFLOAT"
fi
# ---- DTLS glue (src/port/mbedtls), compile-only ----------------------------
# Only the Mbed TLS headers are used, through a directory that holds nothing
# but mbedtls/ (so that the host's own C headers never reach the target
# compiler), with the device configuration as MBEDTLS_CONFIG_FILE.
FORBIDDEN_PORT_HDR='/(stdio|time|unistd|pthread|fcntl|poll|netdb|signal|termios)\.h$|/(sys|netinet|arpa)/[^/]+\.h$'
dtls_report() {
    local inc="$OUT/dtls-include" cfgdir cfgname src obj bad=""
    cfgdir=$(cd "$(dirname "$DTLS_CONFIG")" && pwd)
    cfgname=$(basename "$DTLS_CONFIG")
    mkdir -p "$inc" "$OUT/obj-dtls"
    ln -sfn "$MBEDTLS_INCLUDE/mbedtls" "$inc/mbedtls"
    local flags=("${ARCH[@]}" "${CFLAGS[@]}" -I"$inc" -I"$cfgdir"
                 "-DMBEDTLS_CONFIG_FILE=\"$cfgname\"")
    DTLS_OBJS=()
    for src in $(cd "$ROOT" && ls src/port/mbedtls/*.c | LC_ALL=C sort); do
        obj="obj-dtls/$(basename "${src%.c}").o"
        if ! "${CROSS}gcc" "${flags[@]}" -H -c "$ROOT/$src" -o "$OUT/$obj" \
            2>"$OUT/${obj%.o}.log"; then
            compiler_messages <"$OUT/${obj%.o}.log" >&2
            die "cross-compiling $src with $cfgname failed"
        fi
        compiler_messages <"$OUT/${obj%.o}.log" >&2
        bad+=$(awk -v root="$ROOT" -v src="$src" -v bad="$FORBIDDEN_PORT_HDR" '
            /^\.+ / {
                depth = length($1); path = $2; stack[depth] = path
                parent = depth == 1 ? root "/" src : stack[depth - 1]
                if (index(parent, root "/") == 1 && path ~ bad) {
                    sub("^" root "/", "", parent); print "  " parent " includes " path
                }
            }' <"$OUT/${obj%.o}.log")
        DTLS_OBJS+=("$obj")
    done
    [ -z "$bad" ] || { printf 'footprint: the DTLS glue includes OS headers:\n%s\n' "$bad" >&2; exit 1; }
    "${CROSS}gcc" "${flags[@]}" -fno-common -c "$ROOT/bench/footprint/size_probe_dtls.c" \
        -o "$OUT/size_probe_dtls.o" || die "compiling bench/footprint/size_probe_dtls.c failed"

    echo
    echo "DTLS glue (src/port/mbedtls, Mbed TLS excluded), compile-only with"
    echo "MBEDTLS_CONFIG_FILE $cfgname:"
    printf '%-32s %8s %8s %8s\n' "" text data bss
    (cd "$OUT" && "${CROSS}size" "${DTLS_OBJS[@]}") | awk '
        NR > 1 { f = $6; sub(/^obj-dtls\//, "", f); printf "  %-30s %8d %8d %8d\n", f, $1, $2, $3
                 t += $1; d += $2; b += $3; if ($2 > 0 || $3 > 0) st = st " " f }
        END { printf "  %-30s %8d %8d %8d\n", "total", t, d, b
              if (st != "") { print "footprint: DTLS glue objects with static data:" st > "/dev/stderr"; exit 1 } }' ||
        exit 1
    "${CROSS}nm" -S "$OUT/size_probe_dtls.o" | awk '
        function hex(s,   i, n) {
            s = tolower(s); n = 0
            for (i = 1; i <= length(s); i++)
                n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n
        }
        NF == 4 && $4 ~ /^size_probe_/ { name = $4; sub(/^size_probe_/, "", name)
                                         printf "sizeof(%s)%*s %8d bytes\n", name, 24 - length(name), "", hex($2) }' |
        LC_ALL=C sort
    echo "(text: code and read-only data of every function, before"
    echo " --gc-sections; Mbed TLS's own code and its heap use come on top)"
}
[ "$DTLS" != no ] && dtls_report
if [ -n "$STATEFUL" ]; then
    printf '\nfootprint: lwc objects with writable static data (no global state allowed):\n%s\n' \
        "$STATEFUL" >&2
    exit 1
fi
