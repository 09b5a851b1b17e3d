/** confusion[actual][predicted] as a table, cells shaded by their share of the row. */
export function ConfusionMatrix({ confusion, classNames, caption }: { confusion: number[][]; classNames: readonly string[]; caption: string }) {
  return (
    <table className="confusion" data-testid="confusion">
      <caption className="hint">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">actual ↓ predicted →</th>
          {classNames.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
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
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
