/** Framework-free core: no React import anywhere under src/core. */
export * from './api/contract.ts';
export * from './api/errors.ts';
export * from './api/verdict.ts';
export * from './api/client.ts';
export * from './session/types.ts';
export * from './session/store.ts';
export * from './rules/index.ts';
export * from './capture/crop.ts';
export * from './capture/encode.ts';
export * from './camera/errors.ts';
export * from './i18n/translate.ts';
export * from './analysis/client.ts';
export * from './analysis/assets.ts';
export * from './guidance/types.ts';
export { frameScore, type FrameScore } from './guidance/score.ts';
