/* Minimal configuration used by CI: one server, small buffers, no log. */
#define LWC_MAX_SERVERS 1
#define LWC_MAX_OBJECTS 6
#define LWC_WITH_LOG 0
#define LWC_COAP_MAX_MSG_SIZE 512
#define LWC_COAP_DEDUP_ENTRIES 2
#define LWC_COAP_DEDUP_RESPONSE_SIZE 128
