import { useEffect, useRef, useState } from 'react';
import type { LinkTarget } from './net-target.js';

/** Edits one weight of the network (the link clicked), as Playground's link editor does. */
export function WeightEditor({ link, onSet, onClose }: { link: LinkTarget; onSet: (value: number) => void; onClose: () => void }) {
  const [text, setText] = useState(String(Number(link.weight.toPrecision(6))));
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || Math.abs(v) > 1e6) {
      setError('a weight is a number between −1,000,000 and 1,000,000');
      return;
    }
    onSet(v);
    onClose();
  };
  return (
    <form className="weight-editor" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <label>
        <span>Weight {link.label}</span>{' '}
        <input ref={input} type="number" step="any" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error !== null} />
      </label>{' '}
      <button type="submit">Set weight</button>{' '}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
