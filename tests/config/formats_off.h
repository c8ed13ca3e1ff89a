/*
 * Formats switched off, as CI tests it (.ci/run): the footprint report's
 * minimal configuration (SenML CBOR the only hierarchical format besides
 * text/plain and opaque, no composite operations), so that the switches
 * measured for size are also the ones tested. Only the library and
 * tests/formats are built with it.
 */
#include "../../bench/footprint/config_minimal.h"
