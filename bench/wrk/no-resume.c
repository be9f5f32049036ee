/*
 * LD_PRELOAD shim for wrk: every new TLS connection does a full handshake.
 *
 * wrk keeps one SSL object per connection slot and, when the server closes, calls SSL_shutdown
 * and SSL_clear before reconnecting; OpenSSL keeps the session (with the TLS 1.3 ticket the
 * server sent) across SSL_clear after a clean shutdown, so wrk's next handshake on that slot
 * resumes. bench/http-vs-opentracker.sh's full-handshake scenarios (tls-ecdsa-1w, tls-rsa-1w)
 * preload this: SSL_clear first drops the session, so wrk offers no ticket and no session id,
 * while the server still issues its tickets (the client ignores them), as with the Java load
 * tester's tls_resume_sessions = false. Built by the script (gcc -shared); no OpenSSL headers
 * needed, the two functions are declared here with OpenSSL 3's signatures.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

typedef struct ssl_st SSL;
typedef struct ssl_session_st SSL_SESSION;
int SSL_set_session(SSL *ssl, SSL_SESSION *session);

int SSL_clear(SSL *ssl) {
    static int (*real_clear)(SSL *);
    if (real_clear == NULL) {
        real_clear = (int (*)(SSL *))dlsym(RTLD_NEXT, "SSL_clear");
    }
    SSL_set_session(ssl, NULL);
    return real_clear(ssl);
}
