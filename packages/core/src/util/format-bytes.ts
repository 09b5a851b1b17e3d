/** A byte count as people read it: '512 bytes', '1 MiB', '9.3 GiB'. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  if (u === 0) return `${n} bytes`;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[u]}`;
}
