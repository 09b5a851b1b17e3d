/**
 * Core's ConfigErrors (and DivergenceError's advice) name TrainConfig keys as `{optimizer.lr}`;
 * the page words them as the fields of its forms, as the CLI words them as its flags. Keys
 * without a field of their own keep their config name.
 */
import { ConfigError } from '@backprop/core';

const FIELDS: Readonly<Record<string, string>> = {
  'optimizer.lr': 'learning rate',
  'optimizer.name': 'optimizer',
  layers: 'hidden layers',
  units: 'hidden units',
  seqLen: 'window',
  batchSize: 'batch size',
  clipNorm: 'clip norm',
};

/** The form field's name for a config key. */
export function fieldName(key: string): string {
  return FIELDS[key] ?? key;
}

/** An error's message in the page's words. */
export function errorText(e: unknown): string {
  if (e instanceof ConfigError) return e.format(fieldName);
  return e instanceof Error ? e.message : String(e);
}
