/* The load generator's ceiling for tests/bench/bench_endpoint.sh: an HTTP/1.1 server that
 * answers every request with the same small 200 and does no other work (one thread,
 * epoll, keep-alive). Whatever a real server reaches on the same machine with the same
 * wrk settings, it cannot pass this figure: the gap between the two is the server's own
 * work, the rest is the kernel and the load generator sharing the cores.
 * Usage: reference_responder PORT */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { kBufferSize = 65536, kMaxConnections = 1024 };

static const char kResponse[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/x-amz-json-1.0\r\n"
    "x-amzn-RequestId: REFERENCERESPONDER0000000000000000000000000000000000\r\n"
    "x-amz-crc32: 2745614147\r\n"
    "Content-Length: 2\r\n"
    "\r\n"
    "{}";

struct Connection {
    char data[kBufferSize];
    size_t used;
};
static struct Connection* connections[kMaxConnections];

/* The length of the first complete request in buf (headers and body), or 0. */
static size_t request_length(const char* buf, size_t used) {
    const char* end = memmem(buf, used, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t header = (size_t)(end - buf) + 4;
    size_t body = 0;
    for (const char* line = buf; line < end;) {
        const char* next = memmem(line, (size_t)(end - line), "\r\n", 2);
        if (!next) next = end;
        if ((size_t)(next - line) > 15 && strncasecmp(line, "Content-Length:", 15) == 0)
            body = strtoul(line + 15, NULL, 10);
        line = next + 2;
    }
    return used >= header + body ? header + body : 0;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: reference_responder PORT\n");
        return 2;
    }
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)atoi(argv[1]));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr*)&address, sizeof address) != 0 ||
        listen(listener, 128) != 0) {
        perror("reference_responder");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[64];
    for (;;) {
        int n = epoll_wait(poller, ready, 64, -1);
        for (int i = 0; i < n; ++i) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                if (client < 0) continue;
                if (client >= kMaxConnections) {
                    close(client);
                    continue;
                }
                setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                connections[client] = calloc(1, sizeof(struct Connection));
                struct epoll_event e = {.events = EPOLLIN, .data.fd = client};
                epoll_ctl(poller, EPOLL_CTL_ADD, client, &e);
                continue;
            }
            struct Connection* c = connections[fd];
            ssize_t got = read(fd, c->data + c->used, kBufferSize - c->used);
            if (got <= 0) {
                close(fd);
                free(c);
                connections[fd] = NULL;
                continue;
            }
            c->used += (size_t)got;
            size_t length;
            while ((length = request_length(c->data, c->used)) > 0) {
                if (write(fd, kResponse, sizeof kResponse - 1) < 0) break;
                memmove(c->data, c->data + length, c->used - length);
                c->used -= length;
            }
            if (c->used == kBufferSize) c->used = 0; /* a request too large: drop it */
        }
    }
}
