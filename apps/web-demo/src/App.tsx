import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { PlaygroundTab } from './playground/PlaygroundTab.js';
import { paramsToState, stateToParams, type PlaygroundState } from './playground/state.js';
import { readHash, TABS, writeHash, type TabName } from './url.js';

// The other tabs load on first use, keeping the first page light.
const IrisTab = lazy(() => import('./iris/IrisTab.js').then((m) => ({ default: m.IrisTab })));
const MnistTab = lazy(() => import('./mnist/MnistTab.js').then((m) => ({ default: m.MnistTab })));
const RecurrentTab = lazy(() => import('./recurrent/RecurrentTab.js').then((m) => ({ default: m.RecurrentTab })));
const FixedPointTab = lazy(() => import('./fixed-point/FixedPointTab.js').then((m) => ({ default: m.FixedPointTab })));

const KEPT = { iris: IrisTab, mnist: MnistTab, recurrent: RecurrentTab, 'fixed-point': FixedPointTab } as const;
const KEPT_TABS = ['iris', 'mnist', 'recurrent', 'fixed-point'] as const;

const TITLES: Record<TabName, string> = { playground: 'Playground', iris: 'Iris', mnist: 'MNIST', recurrent: 'Recurrent', 'fixed-point': 'Fixed point' };

export function App() {
  // The page writes its own hash with replaceState, which fires no hashchange: a hashchange
  // is a link followed or a URL edited by hand, so it re-reads the whole setup.
  const [location, setLocation] = useState(() => ({ ...readHash(), visit: 0 }));
  const [tab, setTab] = useState<TabName>(location.tab);
  // Iris, MNIST and Recurrent stay mounted (hidden) once opened, so a run keeps training in its
  // worker while another tab is shown, and its progress is there on coming back. Unmounting
  // them stopped the worker without a word.
  const [opened, setOpened] = useState<ReadonlySet<TabName>>(() => new Set([location.tab]));
  useEffect(() => setOpened((s) => (s.has(tab) ? s : new Set([...s, tab]))), [tab]);
  // The link's setup, and what of it could not be used (the tab shows that, not just the defaults).
  const initialPlayground = useMemo(() => paramsToState(location.tab === 'playground' ? location.params : new URLSearchParams()), [location]);

  useEffect(() => {
    const onHash = (): void => {
      const next = readHash();
      setLocation((l) => ({ ...next, visit: l.visit + 1 }));
      setTab(next.tab);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // The playground's last setup, so that coming back to its tab restores it.
  const lastPlayground = useRef<PlaygroundState | null>(null);
  const open = (t: TabName): void => {
    if (t === 'playground' && lastPlayground.current) {
      const params = stateToParams(lastPlayground.current);
      writeHash('playground', params);
      setLocation((l) => ({ tab: 'playground', params, visit: l.visit + 1 }));
    } else if (t !== 'playground') writeHash(t);
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
              aria-controls={`panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => open(t)}
            >
              {TITLES[t]}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {tab === 'playground' && (
          <div id="panel-playground" role="tabpanel" aria-labelledby="tab-playground">
            <PlaygroundTab key={location.visit} initial={initialPlayground.state} linkWarnings={initialPlayground.warnings} onStateChange={(st) => (lastPlayground.current = st)} />
          </div>
        )}
        {KEPT_TABS.filter((t) => opened.has(t)).map((t) => {
          const Tab = KEPT[t];
          return (
            <div key={t} id={`panel-${t}`} role="tabpanel" aria-labelledby={`tab-${t}`} hidden={tab !== t}>
              {/* One boundary per tab: a tab loading its code must not blank the others. */}
              <Suspense fallback={<p className="hint">Loading…</p>}>
                <Tab />
              </Suspense>
            </div>
          );
        })}
      </main>
      <footer>
        Every number here is computed by <code>@backprop/core</code> in a Web Worker, on its WebAssembly backend (<code>@backprop/wasm</code>) where it loads, else on its TypeScript backend.
      </footer>
    </div>
  );
}
