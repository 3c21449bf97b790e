import { useSession } from '../context.ts';
import { CameraPicker } from './CameraPicker.tsx';
import { useCameraChoice } from './useCameraChoice.ts';

/** The widget's own picker: this session's cameras, locked while a selfie is being taken. */
export function WidgetCameraPicker() {
  const { cameras, active, select } = useCameraChoice();
  const capturing = useSession((s) => s.status === 'capturing');
  return <CameraPicker cameras={cameras} value={active?.deviceId} onChange={select} disabled={capturing} />;
}
