/**
 * `okaylive-capture` under the `react-server` export condition. The component, the provider
 * and the hooks are client code: here they are stand-ins that throw a message saying so
 * (client-only.ts). What needs no React is the real thing. Types come from the client entry
 * (the `types` condition), so a Server Component still type-checks what it passes on.
 * index.test.ts keeps the runtime names of both entries the same.
 */
import { clientOnly } from './client-only.ts';

const FROM = 'okaylive-capture';

export const OkayLiveCapture = clientOnly('OkayLiveCapture', FROM);
export const OkayLiveProvider = clientOnly('OkayLiveProvider', FROM);
export const CameraPicker = clientOnly('CameraPicker', FROM);
export const useOkayLiveClient = clientOnly('useOkayLiveClient', FROM);
export const useCreateJourney = clientOnly('useCreateJourney', FROM);
export const useLivenessCheck = clientOnly('useLivenessCheck', FROM);
export const useCaptureSession = clientOnly('useCaptureSession', FROM);
export const useSession = clientOnly('useSession', FROM);
export const useSessionContext = clientOnly('useSessionContext', FROM);
export const useTranslate = clientOnly('useTranslate', FROM);
export const useCameraChoice = clientOnly('useCameraChoice', FROM);
export const useGuidance = clientOnly('useGuidance', FROM);
export const useObjectUrl = clientOnly('useObjectUrl', FROM);
export { previewBox, previewPoint } from '../core/guidance/preview.ts';
export { registerLocale } from '../core/i18n/translate.ts';
