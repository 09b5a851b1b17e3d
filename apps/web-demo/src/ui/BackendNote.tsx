import type { BackendReport } from '../worker/protocol.js';

/**
 * Which backend the tab's worker trains on (its `info.description`), and, when it fell back to
 * the TypeScript backend, why: shown beside the training controls so a slow run explains itself.
 */
export function BackendNote({ backend }: { backend: BackendReport | null }) {
  return (
    <div className="backend-note">
      <p className="hint">
        backend: <b data-testid="backend">{backend ? backend.description : 'loading…'}</b>
      </p>
      {backend?.fallback && (
        <p className="notice" role="status" data-testid="backend-fallback">
          {backend.fallback}; training runs on the TypeScript backend.
        </p>
      )}
    </div>
  );
}
