/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet builder for the host tests: byte buffers spelled as short specs,
 * IPv4 headers with options, and the checksum fixing that every edit of a
 * packet needs.
 *
 * Spec syntax (buf_spec): space-separated tokens, each either hex digits
 * ("1164", "07 07 03"), "@a.b.c.d" for an address, or "zN" for N zero bytes.
 */
#ifndef IGG_TEST_PKT_H
#define IGG_TEST_PKT_H

#include <igmpguard/types.h>

struct buf {
	u8 *d;
	u32 n, cap;
};

void buf_put(struct buf *b, const void *p, u32 n);
void buf_u8(struct buf *b, u8 v);
void buf_be16(struct buf *b, u16 v);
void buf_be32(struct buf *b, u32 v);
void buf_spec(struct buf *b, const char *spec);
void buf_free(struct buf *b);

u32 ip4(const char *dotted);
u16 be16(const u8 *p);
void put_be16(u8 *p, u16 v);
/* RFC 1071 checksum of @n bytes, ready to store big-endian. */
u16 inet_csum(const u8 *p, u32 n);

struct ipspec {
	u32 src, dst;
	u8 ttl, tos, proto;
	u16 frag;		/* flags and fragment offset */
	const char *opt;	/* option bytes (spec), padded with EOL */
	const u8 *opt_bytes;	/* or as bytes, when opt is NULL */
	u32 opt_len;
	bool keep_csum;		/* keep the L4 checksum the payload spells */
};

/* The spec's I(): IGMP, TTL 1, TOS 0xc0, router alert, from 192.0.2.9. */
struct ipspec ipspec_igmp(const char *dst);
/* The spec's rawip(): ICMP, TTL 64, from 192.0.2.9 to the host 192.0.2.50. */
struct ipspec ipspec_raw(const char *opt);

/* A packet in a heap block of exactly its length, so ASan sees over-reads. */
struct pkt {
	u8 *d;
	u32 len;
};

struct pkt pkt_build(const struct ipspec *s, const u8 *l4, u32 l4len);
struct pkt pkt_copy(const u8 *p, u32 len);
void pkt_free(struct pkt *p);
/* Reallocate to exactly @len bytes; new bytes are @fill. */
void pkt_resize(struct pkt *p, u32 len, u8 fill);

/*
 * A copy cut to the IP total length (dropping link-layer padding); false
 * when the header does not describe a whole datagram inside the buffer.
 */
bool pkt_trim(const struct pkt *in, struct pkt *out);

u32 ip_hlen(const u8 *ip);
u32 ip_tot(const u8 *ip);
/* Store @tot and fix the header checksum. */
void ip_set_tot(u8 *ip, u32 tot);
void ip_fix_csum(u8 *ip);
/* Rewrite the checksum at payload offset 2 over the whole payload. */
void l4_fix_csum(u8 *ip);

#endif
