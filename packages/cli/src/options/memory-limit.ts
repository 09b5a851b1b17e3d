import { totalmem } from 'node:os';

/**
 * The memory `backprop train` lets a run take: half of this machine's memory, leaving the rest to
 * the system and to Node itself. Core refuses a config whose model and batch need more (with the
 * estimate and this limit in the message) before allocating anything.
 */
export function trainMemoryLimitBytes(): number {
  return Math.floor(totalmem() / 2);
}
