/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel code includes <linux/string.h>; userspace has it all in <string.h>. */
#ifndef _IMC_LINUX_STRING_H
#define _IMC_LINUX_STRING_H

#include <string.h>

#endif /* _IMC_LINUX_STRING_H */
