// SPDX-License-Identifier: GPL-2.0
/*
 * Send one Ethernet frame over and over through an AF_PACKET socket, as
 * fast as the machine allows, for a fixed time; print how many went out.
 *
 * PACKET_QDISC_BYPASS hands each frame straight to the driver: on veth
 * that queues it to this CPU's backlog and the receive path runs when
 * the send re-enables bottom halves, so the rate measured here is the
 * rate of the whole receive path on the other end of the pair.
 *
 * usage: blast IFNAME SECONDS HEXFRAME [CPU]
 * output: sent=N seconds=S
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_FRAME 1514

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t parse_hex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;
	unsigned int byte;

	while (hex[0] && hex[1]) {
		if (n == max || sscanf(hex, "%2x", &byte) != 1)
			return 0;
		out[n++] = (unsigned char)byte;
		hex += 2;
	}
	return hex[0] ? 0 : n;
}

int main(int argc, char **argv)
{
	static unsigned char frame[MAX_FRAME];
	struct mmsghdr msgs[BATCH];
	struct iovec iov;
	struct sockaddr_ll sll = { 0 };
	unsigned long long sent = 0;
	double secs, start, end;
	size_t len;
	int fd, one = 1, i;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: blast IFNAME SECONDS HEXFRAME [CPU]\n");
		return 1;
	}
	secs = atof(argv[2]);
	len = parse_hex(argv[3], frame, sizeof(frame));
	if (len < ETH_HLEN || secs <= 0) {
		fprintf(stderr, "blast: bad frame or duration\n");
		return 1;
	}
	if (argc == 5) {
		cpu_set_t set;

		/*
		 * Sender and receive softirq on one known CPU: its /proc/stat
		 * line is then the cost of the path.
		 */
		CPU_ZERO(&set);
		CPU_SET(atoi(argv[4]), &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("blast: sched_setaffinity");
			return 1;
		}
	}

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("blast: socket");
		return 1;
	}
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))
		perror("blast: PACKET_QDISC_BYPASS (continuing through the qdisc)");
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	sll.sll_halen = ETH_ALEN;
	memcpy(sll.sll_addr, frame, ETH_ALEN);
	if (!sll.sll_ifindex) {
		perror("blast: if_nametoindex");
		return 1;
	}

	iov.iov_base = frame;
	iov.iov_len = len;
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_name = &sll;
		msgs[i].msg_hdr.msg_namelen = sizeof(sll);
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	start = now();
	end = start + secs;
	do {
		int n = sendmmsg(fd, msgs, BATCH, 0);

		if (n > 0) {
			sent += (unsigned int)n;
		} else if (n < 0 && errno != ENOBUFS && errno != EAGAIN &&
			   errno != EINTR) {
			perror("blast: sendmmsg");
			return 1;
		}
	} while (now() < end);
	printf("sent=%llu seconds=%.6f\n", sent, now() - start);
	return 0;
}
