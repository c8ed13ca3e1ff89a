/* Uses the installed headers and library: a bad init is refused. */
#include <stdio.h>
#include <string.h>

#include <lwc/client.h>

static lwc_client_t client;

int main(void)
{
    lwc_client_config_t cfg = {.endpoint_name = ""};
    int rc = lwc_client_init(&client, &cfg);

    printf("%s\n", lwc_strerror(rc));
    return rc == LWC_ERR_INVALID_ARG &&
                   strcmp(lwc_strerror(rc), "invalid argument") == 0
               ? 0
               : 1;
}
