/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boolean policy knobs: IGG_BOOL_KNOB(name, reason, default, help).
 *
 * Each decides whether its policy reason drops; the reason is still counted
 * when the knob is off. The module exposes each as a parameter of the same
 * name and igmpguardctl shows and sets them. No include guard on purpose.
 */
IGG_BOOL_KNOB(drop_fragments, IGG_R_IGMP_FRAGMENT, 1,
	      "drop fragmented IGMP")
IGG_BOOL_KNOB(drop_bad_ttl, IGG_R_IGMP_TTL, 1,
	      "drop membership messages whose TTL is not 1")
IGG_BOOL_KNOB(drop_bad_source, IGG_R_IGMP_SOURCE, 1,
	      "drop IGMP from multicast, broadcast, loopback or 0/8 sources")
IGG_BOOL_KNOB(drop_source_route, IGG_R_OPT_SOURCE_ROUTE, 1,
	      "drop packets with a loose or strict source route option")
