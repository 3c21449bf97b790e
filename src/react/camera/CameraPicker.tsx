import { useId } from 'react';
import { cameraName, type CameraInfo } from '../../core/camera/devices.ts';
import { useTranslate } from '../context.ts';

export interface CameraPickerProps {
  cameras: readonly CameraInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

/** A native select: keyboard and screen-reader support come with it. Hidden with one camera. */
export function CameraPicker({ cameras, value, onChange, disabled }: CameraPickerProps) {
  const t = useTranslate();
  const id = useId();
  if (cameras.length < 2) return null;
  return (
    <div className="okl-camera-picker" part="camera-picker">
      <label htmlFor={id}>{t('camera.label')}</label>
      <select
        id={id}
        className="okl-select"
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {value === undefined && <option value="" disabled />}
        {cameras.map((camera, index) => (
          <option key={camera.deviceId} value={camera.deviceId}>
            {cameraName(camera, index, (n) => t('camera.unnamed', { n }))}
          </option>
        ))}
      </select>
    </div>
  );
}
