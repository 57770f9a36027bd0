import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `apps/dashboard/build.cjs` writes the page: dist/dashboard, beside the compiled apps. */
export function dashboardDirectory(): string | null {
  const candidates = [
    process.env.WIREWATCH_DASHBOARD_DIR,
    join(__dirname, '..', '..', '..', '..', 'dashboard'), // dist/apps/api/src/dashboard → dist/dashboard
    join(process.cwd(), 'dist', 'dashboard'),
  ].filter((candidate): candidate is string => !!candidate);
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? null;
}

export interface DashboardFiles {
  directory: string;
  index: string;
  /** Asset file names: only these are served (no path from the request ever reaches the file system). */
  assets: Set<string>;
}

export function loadDashboardFiles(directory: string | null = dashboardDirectory()): DashboardFiles | null {
  if (!directory) return null;
  const assetsDir = join(directory, 'assets');
  const assets = existsSync(assetsDir) ? readdirSync(assetsDir).filter((name) => /^[A-Za-z0-9._-]+$/.test(name)) : [];
  return { directory, index: readFileSync(join(directory, 'index.html'), 'utf8'), assets: new Set(assets) };
}

/** The page talks to this origin only: no CDN, no third party, no inline script. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
