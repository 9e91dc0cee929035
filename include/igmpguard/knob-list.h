/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boolean policy knobs:
 *	IGG_BOOL_KNOB(name, IPv4 reason, IPv6 reason, default, help)
 *
 * Each decides whether its policy reasons drop, one per family where the
 * meaning carries over (IGG_R_NONE where it does not); the reasons are
 * still counted when the knob is off. The module exposes each as a
 * parameter of the same name and igmpguardctl shows and sets them. No
 * include guard on purpose.
 */
IGG_BOOL_KNOB(drop_fragments, IGG_R_IGMP_FRAGMENT, IGG_R_MLD_FRAGMENT, 1,
	      "drop fragmented IGMP and MLD")
IGG_BOOL_KNOB(drop_bad_ttl, IGG_R_IGMP_TTL, IGG_R_MLD_HOP_LIMIT, 1,
	      "drop membership messages whose TTL or hop limit is not 1")
IGG_BOOL_KNOB(drop_bad_source, IGG_R_IGMP_SOURCE, IGG_R_MLD_SOURCE, 1,
	      "drop IGMP from bad sources, MLD from non-link-local ones")
IGG_BOOL_KNOB(drop_source_route, IGG_R_OPT_SOURCE_ROUTE, IGG_R_NONE, 1,
	      "drop packets with a loose or strict source route option")
IGG_BOOL_KNOB(drop_bad_padding, IGG_R_NONE, IGG_R_EXT_PADDING, 1,
	      "drop IPv6 option areas with non-zero or overlong padding")
/*
 * Off by default: with no segments left a type 0 header routes nothing,
 * Linux skips it, and RFC 5095 asks only that it not be processed.
 */
IGG_BOOL_KNOB(drop_routing0, IGG_R_NONE, IGG_R_EXT_ROUTING0, 0,
	      "drop IPv6 packets with a type 0 routing header")
