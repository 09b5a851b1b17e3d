const pct = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v * 100)}%`);

/**
 * confusion[actual][predicted] as a table, cells shaded by their share of the row, with each
 * class's recall (per row) and precision (per column) as core computed them.
 */
export function ConfusionMatrix({
  confusion,
  classNames,
  caption,
  precision,
  recall,
}: {
  confusion: number[][];
  classNames: readonly string[];
  caption: string;
  precision?: readonly number[];
  recall?: readonly number[];
}) {
  return (
    <div className="table-scroll">
    <table className="confusion" data-testid="confusion">
      <caption className="hint">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" title="rows: actual species; columns: predicted">
            actual \ predicted
          </th>
          {classNames.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          {recall && <th scope="col">recall</th>}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={i}>
              <th scope="row">{classNames[i] ?? i}</th>
              {row.map((v, j) => {
                const share = v / total;
                const bg = i === j ? `rgba(8,119,189,${share * 0.8})` : `rgba(245,147,34,${share * 0.9})`;
                return (
                  <td key={j} style={{ background: v > 0 ? bg : undefined, color: share > 0.6 ? '#fff' : undefined }}>
                    {v}
                  </td>
                );
              })}
              {recall && <td className="metric">{pct(recall[i])}</td>}
            </tr>
          );
        })}
        {precision && (
          <tr>
            <th scope="row">precision</th>
            {confusion.map((_, j) => (
              <td key={j} className="metric">
                {pct(precision[j])}
              </td>
            ))}
            {recall && <td className="metric" />}
          </tr>
        )}
      </tbody>
    </table>
    </div>
  );
}
