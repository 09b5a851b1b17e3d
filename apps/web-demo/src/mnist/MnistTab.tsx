export function MnistTab() { return <p>Coming soon.</p>; }
