/**
 * `model: 'cnn'`: a small convolutional network for image data, and the training settings it
 * is tuned with. resolveConfig takes its defaults from here and the `train` help shows them, so
 * tuning the preset is an edit of this object alone. Each value is a default: `layers`,
 * `optimizer`, `lr`, `batchSize` and `epochs` given in the config win.
 *
 * The network: two 5×5 convolutions padded to keep the image size (16 then 32 filters), each
 * followed by 2×2 max pooling (28×28 → 14×14 → 7×7), a dense layer of 128 units with dropout,
 * then the output layer the loss calls for; the hidden activation is the run's (relu unless set).
 * Aim: test accuracy ≥ 0.98 on the built-in 10,000 digits (default 0.2 test split) in 15 epochs.
 */
import type { OptimizerName } from '../model/types.js';

export const CNN_PRESET = {
  layers: ['conv:16:5:p2', 'pool:2', 'conv:32:5:p2', 'pool:2', 128, 'dropout:0.25'],
  optimizer: 'adam',
  lr: 0.001,
  batchSize: 64,
  epochs: 15,
} as const satisfies {
  readonly layers: readonly (string | number)[];
  readonly optimizer: OptimizerName;
  readonly lr: number;
  readonly batchSize: number;
  readonly epochs: number;
};
