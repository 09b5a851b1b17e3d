import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { PlaygroundTab } from './playground/PlaygroundTab.js';
import { paramsToState } from './playground/state.js';
import { readHash, TABS, writeHash, type TabName } from './url.js';

// The other tabs load on first use, keeping the first page light.
const IrisTab = lazy(() => import('./iris/IrisTab.js').then((m) => ({ default: m.IrisTab })));
const MnistTab = lazy(() => import('./mnist/MnistTab.js').then((m) => ({ default: m.MnistTab })));
const RecurrentTab = lazy(() => import('./recurrent/RecurrentTab.js').then((m) => ({ default: m.RecurrentTab })));

const TITLES: Record<TabName, string> = { playground: 'Playground', iris: 'Iris', mnist: 'MNIST', recurrent: 'Recurrent' };

export function App() {
  const first = useMemo(() => readHash(), []);
  const [tab, setTab] = useState<TabName>(first.tab);
  const initialPlayground = useMemo(() => paramsToState(first.tab === 'playground' ? first.params : new URLSearchParams()).state, [first]);

  useEffect(() => {
    const onHash = (): void => setTab(readHash().tab);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (t: TabName): void => {
    if (t !== 'playground') writeHash(t);
    setTab(t);
  };

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  const onTabKey = (e: React.KeyboardEvent): void => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
    if (next) {
      e.preventDefault();
      open(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };

  return (
    <div className="app">
      <header className="masthead">
        <h1>
          backprop <span>train neural networks in your browser</span>
        </h1>
        <nav role="tablist" aria-label="demos" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t}
              id={`tab-${t}`}
              type="button"
              role="tab"
              aria-selected={tab === t}
              aria-controls="tabpanel"
              tabIndex={tab === t ? 0 : -1}
              onClick={() => open(t)}
            >
              {TITLES[t]}
            </button>
          ))}
        </nav>
      </header>
      <main id="tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <Suspense fallback={<p className="hint">Loading…</p>}>
          {tab === 'playground' && <PlaygroundTab initial={initialPlayground} />}
          {tab === 'iris' && <IrisTab />}
          {tab === 'mnist' && <MnistTab />}
          {tab === 'recurrent' && <RecurrentTab />}
        </Suspense>
      </main>
      <footer>
        Every number here is computed by <code>@backprop/core</code> on its TypeScript backend, in a Web Worker.
      </footer>
    </div>
  );
}
