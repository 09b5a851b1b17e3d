export function RecurrentTab() { return <p>Coming soon.</p>; }
