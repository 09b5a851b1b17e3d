/**
 * The URL hash holds the open tab and that tab's settings (`#tab=playground&dataset=spiral&...`),
 * so a link reproduces what the sender saw. replaceState keeps the history clean while
 * settings change.
 */
export const TABS = ['playground', 'iris', 'mnist', 'recurrent', 'fixed-point'] as const;
export type TabName = (typeof TABS)[number];

export function readHash(hash: string = window.location.hash): { tab: TabName; params: URLSearchParams } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const t = params.get('tab');
  params.delete('tab');
  const tab = (TABS as readonly string[]).includes(t ?? '') ? (t as TabName) : 'playground';
  return { tab, params };
}

export function hashFor(tab: TabName, params?: URLSearchParams): string {
  const p = new URLSearchParams({ tab });
  params?.forEach((v, k) => p.set(k, v));
  return `#${p.toString()}`;
}

export function writeHash(tab: TabName, params?: URLSearchParams): void {
  const next = hashFor(tab, params);
  if (next !== window.location.hash) window.history.replaceState(null, '', next);
}
