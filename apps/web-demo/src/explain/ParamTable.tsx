/**
 * One layer's weights and biases as a table. The columns depend on what the stage shows: the
 * gradients (∂L/∂w = aᵢ·δⱼ), the update (w, ∂L/∂w, w after), or everything at once.
 */
import type { ExplainLayer } from '../worker/protocol.js';
import { Num } from './Num.js';

export type ParamColumns = 'gradients' | 'update' | 'all';

interface Row {
  readonly from: string;
  readonly to: number;
  readonly w: number;
  readonly a: number;
  readonly delta: number;
  readonly g: number;
  readonly after: number;
  readonly param: 'kernel' | 'bias';
  readonly index: number;
}

function rowsOf(layer: ExplainLayer, prev: ArrayLike<number>): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < layer.inputSize; i++) {
    for (let j = 0; j < layer.units; j++) {
      const k = i * layer.units + j;
      rows.push({ from: `a${i + 1}`, to: j, w: layer.kernel[k] as number, a: prev[i] as number, delta: layer.delta[j] as number, g: layer.kernelGrad[k] as number, after: layer.kernelAfter[k] as number, param: 'kernel', index: k });
    }
  }
  for (let j = 0; j < layer.units; j++) {
    rows.push({ from: 'bias', to: j, w: layer.bias[j] as number, a: 1, delta: layer.delta[j] as number, g: layer.delta[j] as number, after: layer.biasAfter[j] as number, param: 'bias', index: j });
  }
  return rows;
}

export function ParamTable({ layer, l, prev, rule, columns }: { layer: ExplainLayer; l: number; prev: ArrayLike<number>; rule: string; columns: ParamColumns }) {
  const rows = rowsOf(layer, prev);
  const showW = columns !== 'gradients';
  const showA = columns !== 'update';
  const showDelta = columns === 'gradients';
  const showAfter = columns !== 'gradients';
  const key = (r: Row): string => `${l - 1}:${r.param}:${r.index}`;
  return (
    <div className="explain-table">
      <table>
        <caption>
          Layer {l}:{' '}
          {columns !== 'update' && (
            <>
              ∂L/∂w<sub>ij</sub> = a<sup>{l - 1}</sup>
              <sub>i</sub> · δ<sup>{l}</sup>
              <sub>j</sub>
            </>
          )}
          {columns === 'all' && ', then '}
          {columns !== 'gradients' && rule}
        </caption>
        <thead>
          <tr>
            <th scope="col">from → to</th>
            {showW && <th scope="col">w</th>}
            {showA && (
              <th scope="col">
                a<sup>{l - 1}</sup>
                <sub>i</sub>
              </th>
            )}
            {showDelta && (
              <th scope="col">
                δ<sup>{l}</sup>
                <sub>j</sub>
              </th>
            )}
            <th scope="col">∂L/∂w</th>
            {showAfter && <th scope="col">w after</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.param}-${r.index}`}>
              <th scope="row">
                {r.from} → {r.to + 1}
              </th>
              {showW && (
                <td>
                  <Num v={r.w} attrs={{ 'data-weight': key(r) }} />
                </td>
              )}
              {showA && (
                <td>
                  <Num v={r.a} />
                </td>
              )}
              {showDelta && (
                <td>
                  <Num v={r.delta} />
                </td>
              )}
              <td>
                <Num v={r.g} attrs={{ 'data-grad': key(r) }} />
              </td>
              {showAfter && (
                <td>
                  <Num v={r.after} attrs={{ 'data-after': key(r) }} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
