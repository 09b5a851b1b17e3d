/** Activation names: validation and defaults shared by the layers. */
import { ELEMENTWISE_ACTIVATIONS, type ElementwiseActivation } from '../backend/backend.js';
import type { ActivationName } from './types.js';

/** Every activation a layer accepts: the element-wise kinds plus row-wise softmax. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [...ELEMENTWISE_ACTIVATIONS, 'softmax'];

/** Throws a clear error unless `name` is a known activation. */
export function checkActivation(name: unknown, where: string): ActivationName {
  if (typeof name !== 'string' || !(ACTIVATION_NAMES as readonly string[]).includes(name)) {
    throw new Error(`${where}: unknown activation '${String(name)}' (expected one of ${ACTIVATION_NAMES.join(', ')})`);
  }
  return name as ActivationName;
}

/** Whether the activation is element-wise (handled by backend.activation). */
export function isElementwise(name: ActivationName): name is ElementwiseActivation {
  return name !== 'softmax';
}
