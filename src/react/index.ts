export { OkayLiveCapture } from './OkayLiveCapture.tsx';
export type { OkayLiveCaptureProps } from './props.ts';
export { useOkayLiveClient, useCreateJourney, useLivenessCheck } from './hooks.ts';
export { useSession } from './context.ts';
