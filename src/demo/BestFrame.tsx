import { portraitCrop, type CaptureMeta } from '../core/index.ts';
import { useObjectUrl } from '../react/index.ts';
import { formatBytes } from './format.ts';

export interface Captured {
  blob: Blob;
  meta: CaptureMeta;
}

/**
 * The capture handed to `onCapture(blob, meta)`: the chosen frame's portrait crop exactly as
 * uploaded, and where that crop sits in the camera frame.
 */
export function BestFrame({ captured }: { captured: Captured | null }) {
  const url = useObjectUrl(captured?.blob ?? null);
  return (
    <section className="console-panel console-best" aria-labelledby="console-best-title">
      <h2 id="console-best-title">Best frame and its crop</h2>
      {!captured || !url ? (
        <p className="console-empty">Nothing captured yet: onCapture(blob, meta) fills this.</p>
      ) : (
        <div className="console-best-body">
          <img
            className="console-best-image"
            src={url}
            alt={`The uploaded portrait crop, ${captured.meta.width}×${captured.meta.height}`}
          />
          <div>
            <CropDiagram meta={captured.meta} />
            <dl className="console-facts" data-field="capture">
              <Fact
                term="image"
                value={`${captured.meta.width}×${captured.meta.height} JPEG, ${formatBytes(captured.meta.bytes)}, quality ${captured.meta.jpegQuality}`}
              />
              <Fact term="mode" value={captured.meta.mode} />
              <Fact
                term="frame score"
                value={captured.meta.score === undefined ? '— (not auto-captured)' : captured.meta.score.toFixed(3)}
              />
              <Fact
                term="failures at limit"
                value={captured.meta.failures?.length ? captured.meta.failures.join(', ') : 'none'}
              />
              <Fact
                term="camera"
                value={
                  captured.meta.camera
                    ? `${captured.meta.camera.label || 'unnamed'}${captured.meta.camera.virtual ? ' (virtual)' : ''}`
                    : '—'
                }
              />
            </dl>
          </div>
        </div>
      )}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The camera frame with the centred 3:4 region that was cut out (and scaled, if over 1280 px). */
function CropDiagram({ meta }: { meta: CaptureMeta }) {
  const camera = meta.camera;
  if (!camera || camera.width === 0 || camera.height === 0) return null;
  const plan = portraitCrop(camera.width, camera.height);
  const scale = 160 / Math.max(camera.width, camera.height);
  const label = `Camera frame ${camera.width}×${camera.height}; crop ${plan.sw}×${plan.sh} from x ${plan.sx}, y ${plan.sy}, sent as ${meta.width}×${meta.height}`;
  return (
    <figure className="console-crop">
      <svg
        viewBox={`0 0 ${camera.width * scale} ${camera.height * scale}`}
        width={camera.width * scale}
        height={camera.height * scale}
        role="img"
        aria-label={label}
      >
        <rect className="console-crop-frame" width={camera.width * scale} height={camera.height * scale} />
        <rect
          className="console-crop-region"
          x={plan.sx * scale}
          y={plan.sy * scale}
          width={plan.sw * scale}
          height={plan.sh * scale}
        />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
