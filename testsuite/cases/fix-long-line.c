// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its in kernel style: a rewrite that would make its line longer than
 * 100 columns is broken after the last argument comma that fits, the rest
 * on the next line aligned after the call's open parenthesis (tabs, then
 * spaces), the old line's rest (here the expectation comment) with it. A
 * rewrite that fits stays on one line. Both front ends give the same two edits:
 * the head over the rest of the line, the continuation inserted before the
 * next line (GCC's fix-its take a newline only so).
 */
#include <linux/io.h>
#include <linux/types.h>

struct engine_registers {
	u32 interrupt_status_and_acknowledge;
	u32 command_queue_write_pointer_register;
};

void kick(struct engine_registers __iomem *engine_regs, u32 queue_write_pointer_value)
{
	engine_regs->command_queue_write_pointer_register = queue_write_pointer_value | 1; /* expect: iomem-deref */
	if (queue_write_pointer_value) {
		engine_regs->interrupt_status_and_acknowledge = 0; /* expect: iomem-deref */
		engine_regs->interrupt_status_and_acknowledge = queue_write_pointer_value; /* expect: iomem-deref */
	}
}

void ack(u32 __iomem *p, u32 v)
{
	*p = v; /* expect: iomem-deref fix: "writel(v, p)" */
}
