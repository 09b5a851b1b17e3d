#!/usr/bin/env node
/**
 * The `backprop` executable. Importing @backprop/node-native registers the native backend
 * into core's registry; if the addon is not built, that shows up only when a backend is
 * chosen (auto falls back to TS and says so once; --backend native fails with the reason).
 */
import '@backprop/node-native';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
process.exitCode = code;
