/* SPDX-License-Identifier: GPL-2.0 */
/*
 * JSON string escaping shared by check and the other commands.
 */
#ifndef _IGG_CTL_JSON_H
#define _IGG_CTL_JSON_H

#include <stdio.h>

/*
 * Write @str as a JSON string. It may hold any bytes (file names, libpcap
 * messages, procfs lines): bytes that are not valid UTF-8 become U+FFFD.
 */
void json_str(FILE *out, const char *str);

#endif /* _IGG_CTL_JSON_H */
