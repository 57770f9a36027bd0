/** Structured log lines (one JSON object per line) for the relay, so a report's id can be followed to its alerts. */
const ORDER = ['error', 'warn', 'log', 'debug', 'verbose'];

export function jsonLogger(context: string, maxLevel: string) {
  const limit = ORDER.indexOf(maxLevel) === -1 ? 2 : ORDER.indexOf(maxLevel);
  return (level: 'log' | 'warn' | 'error', fields: Record<string, unknown>): void => {
    if (ORDER.indexOf(level) > limit) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, context, pid: process.pid, ...fields });
    (level === 'log' ? process.stdout : process.stderr).write(`${line}\n`);
  };
}
