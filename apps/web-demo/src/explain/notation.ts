/**
 * The tutorial's notation for each activation and loss: what f′ is in terms of the layer's
 * output a, and what the output error δᴸ reduces to. Text only: the numbers beside these
 * equations all come from core.
 */

/** f′(z) written with the layer's output a = f(z). */
export function derivativeText(activation: string): string {
  switch (activation) {
    case 'sigmoid':
      return "σ′(z) = a(1 − a)";
    case 'tanh':
      return "tanh′(z) = 1 − a²";
    case 'relu':
      return "ReLU′(z) = 1 if z > 0, else 0";
    case 'linear':
      return "f′(z) = 1";
    case 'softmax':
      return 'softmax: its Jacobian folds into the loss (below)';
    default:
      return `f′(z) of ${activation}`;
  }
}

export function activationText(activation: string): string {
  const names: Record<string, string> = { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'identity', softmax: 'softmax' };
  return names[activation] ?? activation;
}

const LOSS_NAMES: Record<string, string> = {
  mse: 'mean squared error',
  'binary-cross-entropy': 'binary cross-entropy',
  'cross-entropy': 'cross-entropy',
};

export function lossText(loss: string): string {
  return LOSS_NAMES[loss] ?? loss;
}

/** The output error δᴸ = ∂L/∂zᴸ for this network's output activation and loss. */
export function outputErrorText(activation: string, loss: string): string {
  if (activation === 'sigmoid' && loss === 'binary-cross-entropy') return 'σ with binary cross-entropy: the σ′ cancels, δᴸ = aᴸ − y';
  if (activation === 'softmax' && loss !== 'mse') return 'softmax with cross-entropy: the Jacobian cancels, δᴸ = aᴸ − y';
  if (loss === 'mse') return `${activationText(activation)} with mean squared error: δᴸ = ∂L/∂aᴸ ∘ f′(zᴸ), ∂L/∂aᴸ ∝ (aᴸ − y)`;
  return `δᴸ = ∂L/∂aᴸ ∘ f′(zᴸ) for ${lossText(loss)}`;
}

/** Short display of a number: four significant digits, the exact value kept in data-value. */
export function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}
