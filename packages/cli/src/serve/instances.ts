/**
 * A predict request's `instances` made model input rows: arrays of numbers (as many as the model
 * takes, each finite), or for image models `{"b64": "<base64 PNG>"}`, made an MNIST-style digit
 * as `backprop predict` makes an image file. The model's stored preprocessing is then applied,
 * as predict applies it.
 */
import { CliError } from '../errors.js';
import { digitFromBytes } from '../image/digit-image.js';
import { preprocessRows } from '../model-io/apply-preprocessing.js';
import type { OpenedModel } from '../model-io/open-model.js';
import { count } from '../output/count.js';

export type Instance = readonly number[] | { readonly b64: string };

/** A request that cannot be answered as sent: the message names the instance and the problem. */
export class BadInstanceError extends Error {}

/** The JSON schema of a predict body (Fastify validates every body against it). */
export function predictBodySchema(maxInstances: number): object {
  return {
    type: 'object',
    required: ['instances'],
    additionalProperties: false,
    properties: {
      instances: {
        type: 'array',
        minItems: 1,
        maxItems: maxInstances,
        // if/then/else rather than anyOf: a wrong instance is told the one rule it breaks.
        items: {
          if: { type: 'array' },
          then: { type: 'array', items: { type: 'number' } },
          else: { type: 'object', required: ['b64'], additionalProperties: false, properties: { b64: { type: 'string' } } },
        },
      },
    },
  };
}

function imageSideOf(opened: OpenedModel): number | undefined {
  const inputSize = opened.model.inputSize;
  const guess = Math.round(Math.sqrt(inputSize));
  const side = opened.metadata.imageSide ?? (guess >= 8 ? guess : 0);
  return side * side === inputSize ? side : undefined;
}

/** The preprocessed input rows of `instances` for `opened`. */
export async function instanceRows(opened: OpenedModel, name: string, instances: readonly Instance[]): Promise<Float32Array> {
  const width = opened.model.inputSize;
  const x = new Float32Array(instances.length * width);
  for (let r = 0; r < instances.length; r++) {
    const instance = instances[r]!;
    if (Array.isArray(instance)) {
      const values = instance as readonly number[];
      if (values.length !== width) {
        throw new BadInstanceError(`instances[${r}] has ${count(values.length, 'value')}, but model '${name}' takes ${count(width, 'input')}`);
      }
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new BadInstanceError(`instances[${r}][${bad}] is ${values[bad]}: inputs must be finite numbers`);
      x.set(values, r * width);
    } else {
      const side = imageSideOf(opened);
      if (side === undefined) throw new BadInstanceError(`instances[${r}] is an image, but model '${name}' takes ${count(width, 'input')}, not an image: send arrays of numbers`);
      const { b64 } = instance as { b64: string };
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new BadInstanceError(`instances[${r}].b64 is not base64`);
      try {
        x.set((await digitFromBytes(`instances[${r}]`, Buffer.from(b64, 'base64'), side)).pixels, r * width);
      } catch (error) {
        if (error instanceof CliError) throw new BadInstanceError(error.message);
        throw error;
      }
    }
  }
  try {
    return preprocessRows(opened, x, instances.length, (row) => `instances[${row}]`);
  } catch (error) {
    if (error instanceof CliError) throw new BadInstanceError(error.message);
    throw error;
  }
}
