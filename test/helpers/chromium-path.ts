import fs from 'node:fs';

/** Debian's Chromium, or CHROMIUM_PATH. Playwright cannot download a browser here. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => Boolean(c) && fs.existsSync(c as string));
}
