# The stack pointer of this instance, which C++ cannot name (the __stack_pointer global).
# bp_set_stack_pointer(top): every instance of a shared-memory module starts with the same
# __stack_pointer (the main thread's stack), so a pool worker moves its own to a stack of its
# own before it calls anything that uses the stack.
# bp_stack_pointer(): read between calls, so that the JavaScript side can put it back after a
# trap (a trap unwinds no frames and leaves the pointer lowered).
	.globaltype	__stack_pointer, i32

	.globl	bp_set_stack_pointer
	.type	bp_set_stack_pointer,@function
bp_set_stack_pointer:
	.functype	bp_set_stack_pointer (i32) -> ()
	local.get	0
	global.set	__stack_pointer
	end_function

	.globl	bp_stack_pointer
	.type	bp_stack_pointer,@function
bp_stack_pointer:
	.functype	bp_stack_pointer () -> (i32)
	global.get	__stack_pointer
	end_function
