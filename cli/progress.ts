/** A one-line progress bar: `[#####.....] 50% 500/1000 sent 480 failed 2 skipped 18 at 120.0/s`. */
export function progressLine(counts: Record<string, number>, ratePerSecond: number, width = 30): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = (counts.sent ?? 0) + (counts.failed ?? 0) + (counts.unknown ?? 0) + (counts.skipped ?? 0);
  const share = total === 0 ? 0 : done / total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total}  sent ${counts.sent ?? 0}  failed ${counts.failed ?? 0}  unknown ${counts.unknown ?? 0}  skipped ${counts.skipped ?? 0}  ${ratePerSecond.toFixed(1)}/s`;
}
