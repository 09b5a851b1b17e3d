import { useRef, useState } from 'react';

export interface ModelFileBarProps {
  /** Serialise the current model (CLI file format); absent hides the Save button. */
  readonly onSave?: () => Promise<Uint8Array>;
  /** Replace the current model by a file's; resolves with a one-line description. Absent hides Load. */
  readonly onLoad?: (bytes: Uint8Array, fileName: string) => Promise<string>;
  readonly fileName: string;
  readonly disabled?: boolean;
}

/** Save the current model as a `.bpm` file (the CLI's format) or load one, e.g. trained natively by the CLI. */
export function ModelFileBar({ onSave, onLoad, fileName, disabled = false }: ModelFileBarProps) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const save = async (): Promise<void> => {
    if (!onSave) return;
    try {
      const bytes = await onSave();
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setStatus({ text: `saved ${fileName} (${bytes.length.toLocaleString()} bytes)`, error: false });
    } catch (e) {
      setStatus({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };

  const load = async (file: File): Promise<void> => {
    if (!onLoad) return;
    try {
      const text = await onLoad(new Uint8Array(await file.arrayBuffer()), file.name);
      setStatus({ text: `loaded ${file.name}: ${text}`, error: false });
    } catch (e) {
      setStatus({ text: `${file.name}: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  return (
    <div className="model-file">
      {onSave && (
        <button type="button" onClick={() => void save()} disabled={disabled}>
          Save model
        </button>
      )}
      {onLoad && (
        <>
          <button type="button" onClick={() => input.current?.click()} disabled={disabled}>
            Load model…
          </button>
          <input
            ref={input}
            type="file"
            accept=".bpm,application/octet-stream"
            hidden
            data-testid="model-file-input"
            aria-label="model file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void load(f);
            }}
          />
        </>
      )}
      {status && (
        <p className={status.error ? 'notice' : 'hint'} role="status" data-testid="model-file-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
