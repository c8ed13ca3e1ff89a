/*
 * The minimal configuration of the footprint report: one server, no log,
 * small buffers, SenML CBOR (the LwM2M 1.1 default) as the only
 * hierarchical format besides text/plain and opaque, no composite
 * operations. A device that talks to one LwM2M 1.1 server.
 */
#define LWC_MAX_SERVERS 1
#define LWC_MAX_OBJECTS 6
#define LWC_WITH_LOG 0
#define LWC_COAP_MAX_MSG_SIZE 512
#define LWC_COAP_DEDUP_ENTRIES 2
#define LWC_COAP_DEDUP_RESPONSE_SIZE 128
#define LWC_MAX_ATTRIBUTES 4
#define LWC_READ_DEFAULT_FORMAT 112
#define LWC_WITH_TLV 0
#define LWC_WITH_SENML_JSON 0
#define LWC_WITH_LWM2M_CBOR 0
#define LWC_WITH_CBOR 0
#define LWC_WITH_OMA_JSON 0
#define LWC_WITH_COMPOSITE 0
