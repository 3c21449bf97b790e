import { CaptureFlow } from './CaptureFlow.tsx';
import type { OkayLiveCaptureProps } from './props.ts';
import { OkayLiveProvider } from './Provider.tsx';
import './okaylive.css';

/**
 * The selfie-liveness step. Each instance owns its store and query client, so two widgets
 * on one page never share a capture, a journey or a request.
 */
export function OkayLiveCapture(props: OkayLiveCaptureProps) {
  return (
    <OkayLiveProvider
      journeyId={props.journeyId}
      apiBaseUrl={props.apiBaseUrl}
      headers={props.headers}
      credentials={props.credentials}
      fetcher={props.fetcher}
      locale={props.locale}
      messages={props.messages}
      queryClient={props.queryClient}
    >
      <CaptureFlow {...props} />
    </OkayLiveProvider>
  );
}
