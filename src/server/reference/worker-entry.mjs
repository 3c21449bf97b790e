// The analysis thread's entry. Worker threads do not inherit a TypeScript loader (not Vite's,
// not Vitest's, not `--import tsx` from execArgv), so this plain module registers tsx's
// loader in the thread itself and then loads the typed worker.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');

export default worker.default;
