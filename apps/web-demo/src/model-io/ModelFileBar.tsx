import { useRef, useState } from 'react';
import type { ModelFileFormat } from '../worker/model-file.js';

export interface ModelFileBarProps {
  /** Serialise the current model in a format; absent hides the Save buttons. */
  readonly onSave?: (format: ModelFileFormat) => Promise<Uint8Array>;
  /** Replace the current model by a file's; resolves with a one-line description. Absent hides Load. */
  readonly onLoad?: (bytes: Uint8Array, fileName: string) => Promise<string>;
  /** File name without extension: saved files are `<name>.bpm`, `<name>.onnx`, `<name>.safetensors`. */
  readonly name: string;
  readonly disabled?: boolean;
}

/** The save buttons, one per format; the format is also the file name's extension. */
const SAVE_BUTTONS: readonly { readonly format: ModelFileFormat; readonly label: string }[] = [
  { format: 'bpm', label: 'Save model' },
  { format: 'onnx', label: 'Save as ONNX' },
  { format: 'safetensors', label: 'Save as safetensors' },
];

/**
 * Save the current model as a `.bpm` file (the CLI's format), an ONNX or a safetensors file, or
 * load a `.bpm` one, e.g. trained natively by the CLI. A model a format cannot hold shows the
 * exporter's message instead of downloading.
 */
export function ModelFileBar({ onSave, onLoad, name, disabled = false }: ModelFileBarProps) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const save = async (format: ModelFileFormat): Promise<void> => {
    if (!onSave) return;
    const fileName = `${name}.${format}`;
    try {
      const bytes = await onSave(format);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setStatus({ text: `saved ${fileName} (${bytes.length.toLocaleString()} bytes)`, error: false });
    } catch (e) {
      setStatus({ text: `${fileName} not saved: ${e instanceof Error ? e.message : String(e)}`, error: true });
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
      {onSave &&
        SAVE_BUTTONS.map(({ format, label }) => (
          <button key={format} type="button" onClick={() => void save(format)} disabled={disabled}>
            {label}
          </button>
        ))}
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
