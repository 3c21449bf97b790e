export { OkayLiveCapture } from './OkayLiveCapture.tsx';
export type { Layout, OkayLiveCaptureProps } from './props.ts';
export { OkayLiveProvider, type OkayLiveProviderProps } from './Provider.tsx';
export { useOkayLiveClient, useCreateJourney, useLivenessCheck, type CheckVariables } from './hooks.ts';
export { useSession, useSessionContext, useTranslate, type SessionContextValue } from './context.ts';
export { useCameraChoice, type CameraChoice } from './camera/useCameraChoice.ts';
export { CameraPicker } from './camera/CameraPicker.tsx';
export type { ColorScheme, OkayLiveTheme, ThemeColors } from './theme/theme.ts';
