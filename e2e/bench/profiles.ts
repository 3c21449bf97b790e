/**
 * The device profiles the guidance benchmark runs under, applied through the DevTools
 * protocol the way Lighthouse applies its mobile profile: the page's CPU 4x slower, 150 ms
 * round trips, 1.6 Mbps down, 750 Kbps up.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface Profile {
  name: 'unthrottled' | 'mobile';
  cpuSlowdown: number;
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
}

export const PROFILES: Readonly<Record<Profile['name'], Profile>> = {
  unthrottled: { name: 'unthrottled', cpuSlowdown: 1, network: null },
  mobile: {
    name: 'mobile',
    cpuSlowdown: 4,
    network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 7.5e5 / 8 },
  },
};

/** `--profile mobile` (repeatable, or comma-separated) picks profiles; none given: both. */
export function profilesFromArgs(argv: readonly string[]): Profile[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--profile') names.push(...(argv[i + 1] ?? '').split(','));
    else if (arg.startsWith('--profile=')) names.push(...arg.slice('--profile='.length).split(','));
  });
  const wanted = names.length > 0 ? names : ['unthrottled', 'mobile'];
  return wanted.map((n) => {
    const p = PROFILES[n as Profile['name']];
    if (!p) throw new Error(`unknown profile ${n} (unthrottled, mobile)`);
    return p;
  });
}

/** Applies a profile to a page before it navigates; the session stays open with the page. */
export async function applyProfile(page: Page, profile: Profile): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  if (profile.cpuSlowdown !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  if (profile.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  }
  return cdp;
}
