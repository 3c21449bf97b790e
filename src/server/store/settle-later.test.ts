import { describe, expect, it } from 'vitest';
import { jsonLogger } from '../http/log.ts';
import { SettleLater } from './settle-later.ts';

function logged(): { lines: Record<string, unknown>[]; settle: SettleLater } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    settle: new SettleLater(
      jsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      [5, 5, 5],
    ),
  };
}

describe('SettleLater', () => {
  it('tries again until the write lands, then stops', async () => {
    const { lines, settle } = logged();
    let tries = 0;
    settle.later('attempt_refund', async () => {
      tries += 1;
      if (tries < 3) throw new Error('store down');
    });
    await expect.poll(() => lines.map((l) => l.event), { timeout: 2_000 }).toContain('attempt_refund_settled');
    expect(tries).toBe(3);
    expect(settle.waiting).toBe(0);
  });

  it('gives up after its last try and says so', async () => {
    const { lines, settle } = logged();
    let tries = 0;
    settle.later('attempt_refund', async () => {
      tries += 1;
      throw new Error('store down');
    });
    await expect.poll(() => lines.map((l) => l.event), { timeout: 2_000 }).toContain('attempt_refund_failed');
    expect(tries).toBe(3);
    expect(settle.waiting).toBe(0);
  });
});
