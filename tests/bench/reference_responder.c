/* The load generator's ceiling for tests/bench/bench_endpoint.sh: an HTTP/1.1 server that
 * answers every request with the same small 200 and does no other work (one thread,
 * epoll, keep-alive). Whatever a real server reaches on the same machine with the same
 * wrk settings, it cannot pass this figure: the gap between the two is the server's own
 * work, the rest is the kernel and the load generator sharing the cores.
 *
 * Given a FILE, it is instead the ceiling of a server that answers a write only once the
 * write is on disk (fdatasync), as Tablespan does. The requests read in each epoll wakeup
 * are written to FILE and handed to a flusher thread as one batch; the flusher flushes
 * the file once for the whole batch and then answers it, while the main thread goes on
 * reading the next batch (group commit, with reading and flushing overlapped). There is
 * no parsing and no index: only the sockets and the disk's flush. FILE is a ring that is
 * written in full and flushed before the first request, so a flush never has to record a
 * new file size or new blocks, like a write-ahead log being reused: the cheapest flush.
 * Usage: reference_responder PORT [FILE] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { kBufferSize = 65536, kMaxConnections = 1024, kRingSize = 64 << 20 };

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

/* Durable mode. A batch lists, per connection, how many of its requests it holds. */
struct Owed {
    int fd;
    size_t count;
};
struct Batch {
    struct Owed owed[kMaxConnections];
    size_t size;
};
static int ring = -1;
static off_t ring_at;
static size_t owed_now[kMaxConnections];    /* requests read in this wakeup, per connection */
static struct Batch reading;                /* main thread only: this wakeup's requests */
static struct Batch handed;                 /* guarded by mutex: waiting for the flusher */
static size_t handed_slot[kMaxConnections]; /* guarded by mutex: 1 + fd's entry in handed */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static void answer(int fd, size_t count) {
    for (size_t i = 0; i < count; ++i)
        if (write(fd, kResponse, sizeof kResponse - 1) < 0) return;
}

static void* flusher(void* unused) {
    (void)unused;
    static struct Batch flushing;
    for (;;) {
        pthread_mutex_lock(&mutex);
        while (handed.size == 0) pthread_cond_wait(&wake, &mutex);
        flushing = handed;
        for (size_t i = 0; i < handed.size; ++i) handed_slot[handed.owed[i].fd] = 0;
        handed.size = 0;
        pthread_mutex_unlock(&mutex);
        if (fdatasync(ring) != 0) {
            perror("reference_responder: fdatasync");
            exit(1);
        }
        for (size_t i = 0; i < flushing.size; ++i)
            answer(flushing.owed[i].fd, flushing.owed[i].count);
    }
    return NULL;
}

static int open_ring(const char* path) {
    static char zeros[1 << 20];
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (int i = 0; fd >= 0 && i < kRingSize / (int)sizeof zeros; ++i)
        if (write(fd, zeros, sizeof zeros) != (ssize_t)sizeof zeros) return -1;
    return fd >= 0 && fsync(fd) == 0 ? fd : -1;
}

/* Durable mode: one request read from `fd` goes to the ring and waits for the flush. */
static void log_request(int fd, const char* request, size_t length) {
    if (ring_at + (off_t)length > kRingSize) ring_at = 0;
    if (pwrite(ring, request, length, ring_at) != (ssize_t)length) {
        perror("reference_responder: write");
        exit(1);
    }
    ring_at += (off_t)length;
    if (owed_now[fd]++ == 0) reading.owed[reading.size++].fd = fd;
}

/* Durable mode, after each wakeup: hands what it read to the flusher. */
static void hand_over(void) {
    if (reading.size == 0) return;
    pthread_mutex_lock(&mutex);
    for (size_t i = 0; i < reading.size; ++i) {
        int fd = reading.owed[i].fd;
        if (owed_now[fd] == 0) continue; /* the connection closed */
        if (handed_slot[fd] == 0) {
            handed.owed[handed.size] = (struct Owed){fd, 0};
            handed_slot[fd] = ++handed.size;
        }
        handed.owed[handed_slot[fd] - 1].count += owed_now[fd];
        owed_now[fd] = 0;
    }
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&mutex);
    reading.size = 0;
}

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
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: reference_responder PORT [FILE]\n");
        return 2;
    }
    if (argc == 3) {
        pthread_t thread;
        if ((ring = open_ring(argv[2])) < 0 || pthread_create(&thread, NULL, flusher, NULL)) {
            perror(argv[2]);
            return 1;
        }
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
                owed_now[fd] = 0; /* nobody left to answer */
                close(fd);
                free(c);
                connections[fd] = NULL;
                continue;
            }
            c->used += (size_t)got;
            size_t length;
            while ((length = request_length(c->data, c->used)) > 0) {
                if (ring >= 0)
                    log_request(fd, c->data, length);
                else if (write(fd, kResponse, sizeof kResponse - 1) < 0)
                    break;
                memmove(c->data, c->data + length, c->used - length);
                c->used -= length;
            }
            if (c->used == kBufferSize) c->used = 0; /* a request too large: drop it */
        }
        if (ring >= 0) hand_over();
    }
}
