/**
 * Writes one workload's section of docs/benchmarks.md between its own markers, leaving the rest of
 * the file (other workloads' sections) as it is; appends the section when its markers are absent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Replaces the text between `<!-- id:begin ... -->` and `<!-- id:end -->`; returns the file's path. */
export function writeDocsSection(id: string, writer: string, section: string): string {
  const path = join(repoRoot, 'docs', 'benchmarks.md');
  const begin = `<!-- ${id}:begin (written by ${writer} --docs) -->`;
  const end = `<!-- ${id}:end -->`;
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${begin}\n${section.trim()}\n${end}`;
  const start = old.indexOf(`<!-- ${id}:begin`);
  const stop = old.indexOf(end);
  const next = start >= 0 && stop > start ? `${old.slice(0, start)}${block}${old.slice(stop + end.length)}` : `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
  return path;
}

/** "AMD EPYC, 2 CPUs, load average 7.5" — the machine a table was measured on. */
export function machineLine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} CPUs, load average ${(loadavg()[0] ?? 0).toFixed(1)} at start`;
}

/** "2026-11-29 02:17 UTC". */
export const utcNow = (): string => `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`;
