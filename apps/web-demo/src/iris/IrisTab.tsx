export function IrisTab() { return <p>Coming soon.</p>; }
