/** Built-in sequence and fixed-point data sets (browser-safe, seeded generators). */
import './register.js';
export { ADDING_BASELINE_MSE, addingProblem } from './adding.js';
export type { AddingOptions } from './adding.js';
export { patternCompletion } from './pattern-completion.js';
export type { PatternCompletionOptions, PatternCompletionSet } from './pattern-completion.js';
export { sineWaves } from './sine.js';
export type { SineOptions } from './sine.js';
export { characterText, encodeChars, textVocabulary } from './text.js';
export type { TextOptions, TextSet } from './text.js';
export { TEXT_CORPUS, TEXT_CORPUS_TITLE } from './text-corpus.js';
export { xorDataset } from './xor.js';
