// BACKPROP_THREADS is read the same way by every backend: the one reading is core's.
export { threadsFromEnv } from '@backprop/core/backend-kit';
