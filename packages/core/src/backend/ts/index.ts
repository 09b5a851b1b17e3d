import { TsBackend } from './ts-backend.js';

export { TsBackend };

/** The shared instance of the pure-TypeScript backend. */
export const tsBackend = new TsBackend();
