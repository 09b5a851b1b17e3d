#!/usr/bin/env node
/**
 * The `backprop` executable. Importing @backprop/node-native and @backprop/wasm registers the
 * native and WebAssembly backends into core's registry; if one is not built, that shows up only
 * when a backend is chosen (auto falls back to the next — native, wasm, ts — and says so once;
 * --backend native or --backend wasm fails with the reason).
 */
import '@backprop/node-native';
import '@backprop/wasm';
import { EXIT } from './errors.js';
import { runCli } from './program.js';
import { installSignalHandlers } from './signals.js';

// Ctrl-C and SIGTERM remove the temporary files of writes in progress and exit 130 / 143.
installSignalHandlers();

// A reader that stops early (`backprop ... | head`) closes the pipe: stop quietly, as Unix tools
// do when SIGPIPE ends them, rather than crash on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.brokenPipe);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
process.exitCode = code;
