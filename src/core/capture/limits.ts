import { RULES } from '../rules/table.ts';

/** The contract's minimum upload height, read from the rules table so it lives in one place. */
export const CROP_MIN_HEIGHT: number = RULES.find((r) => r.id === 'cropHeight')?.limit.min ?? 800;
