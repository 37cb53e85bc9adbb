/* A small synchronous XenStore client over the shared ring (spec 8): one request at a time, the
   reply waited for with SCHEDOP_poll on the store port, watch events queued on the way. Paths
   without a leading '/' are relative to /local/domain/<our domid> (the server resolves them).
   Every call returns 0 (or a count / length) on success and -XEN_Exxx on error; an XS_ERROR reply
   "EACCES" becomes -XEN_EACCES, an unknown name -XEN_EINVAL (as Linux's xenbus does). */
#ifndef XEN_XENSTORE_H
#define XEN_XENSTORE_H

#include "rt.h"

/* errnos XenStore names that xen.h has no use for (Linux/Xen values, spec 1.2). */
#define XEN_EIO 5
#define XEN_E2BIG 7
#define XEN_EISDIR 21
#define XEN_EROFS 30
#define XEN_ENOTEMPTY 39
#define XEN_EISCONN 106

/* struct xenstore_domain_interface (spec 8.1). */
#define XENSTORE_RING_SIZE 1024u
struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];
    char rsp[XENSTORE_RING_SIZE];
    u32 req_cons, req_prod, rsp_cons, rsp_prod;
    u32 server_features, connection, error, evtchn_port;
};
_Static_assert(sizeof(struct xenstore_domain_interface) == 2080, "xenstore_domain_interface");

/* struct xsd_sockmsg (spec 8.2) and the message types (spec 8.3). */
struct xsd_sockmsg {
    u32 type, req_id, tx_id, len;
};
_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xsd_sockmsg");
#define XENSTORE_PAYLOAD_MAX 4096u

enum xsd_sockmsg_type {
    XS_CONTROL = 0, XS_DIRECTORY = 1, XS_READ = 2, XS_GET_PERMS = 3, XS_WATCH = 4, XS_UNWATCH = 5,
    XS_TRANSACTION_START = 6, XS_TRANSACTION_END = 7, XS_INTRODUCE = 8, XS_RELEASE = 9,
    XS_GET_DOMAIN_PATH = 10, XS_WRITE = 11, XS_MKDIR = 12, XS_RM = 13, XS_SET_PERMS = 14,
    XS_WATCH_EVENT = 15, XS_ERROR = 16, XS_IS_DOMAIN_INTRODUCED = 17, XS_RESUME = 18,
    XS_SET_TARGET = 19, XS_RESET_WATCHES = 21, XS_DIRECTORY_PART = 22,
};

extern struct xenstore_domain_interface *xs_ring; /* 0 until xs_init found a store */
extern evtchn_port_t xs_port;

/* Reads HVM_PARAM_STORE_PFN/EVTCHN and maps shared_info if nobody did (to clear the port's
   pending bit between polls). 0: ready; 1: this domain has no store; else -errno. */
long xs_init(void);

/* The raw exchange: sends type/tx_id/payload, waits for the reply with the same req_id.
   The reply payload (NUL-terminated on top, truncated to size-1) goes to reply; *reply_len gets
   its full length. Returns 0, or the XS_ERROR reply as -XEN_Exxx, or -XEN_EIO (ring broken,
   no reply within the bound). */
long xs_request(u32 type, u32 tx, const void *payload, u32 len, char *reply, u32 size, u32 *reply_len);

/* The value of path, NUL-terminated in buf; returns its length, -XEN_E2BIG if it does not fit. */
long xs_read(u32 tx, const char *path, char *buf, u32 size);
long xs_write(u32 tx, const char *path, const char *value);
long xs_mkdir(u32 tx, const char *path);
long xs_rm(u32 tx, const char *path);
/* Children of path as NUL-separated names in buf; returns how many, -XEN_E2BIG if they do not fit. */
long xs_directory(u32 tx, const char *path, char *buf, u32 size);
/* Permission entries ("n0", "r5", ...) NUL-separated in buf; returns how many. */
long xs_get_perms(u32 tx, const char *path, char *buf, u32 size);
long xs_set_perms(u32 tx, const char *path, const char *const *perms, u32 n);

long xs_transaction_start(u32 *tx);
long xs_transaction_end(u32 tx, int abort); /* -XEN_EAGAIN: conflict, start again */

long xs_watch(const char *path, const char *token);
long xs_unwatch(const char *path, const char *token);
/* Takes the oldest queued watch event. With wait, polls the store until one comes (bounded);
   without, returns -XEN_EAGAIN when none is queued. Longer strings are truncated. */
long xs_read_watch(char *path, u32 path_size, char *token, u32 token_size, int wait);
extern u32 xs_watch_dropped; /* events lost because the queue was full */
/* Something to take: a queued event or bytes in the reply ring (for callers that poll the port
   together with others: clear its pending bit, ask this, then poll). */
int xs_has_input(void);

/* The n-th NUL-separated string of a xs_directory / xs_get_perms result, or 0. */
const char *xs_nth(const char *list, u32 count, u32 n);

#endif
