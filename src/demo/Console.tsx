import { useCallback, useMemo, useRef, useState } from 'react';
import type { GuidanceSnapshot } from '../core/index.ts';
import type { CameraChange, CaptureMeta, SessionState } from '../react/index.ts';
import { BestFrame, type Captured } from './BestFrame.tsx';
import { EngineBadge } from './EngineBadge.tsx';
import { EventLog, type ConsoleEvent } from './EventLog.tsx';
import { recordingFetcher, type ExchangeEntry } from './recordingFetcher.ts';
import { RequestLog } from './RequestLog.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import { Settings, type ConsoleSettings } from './Settings.tsx';
import { settingsFromUrl } from './settingsFromUrl.ts';
import { Timeline } from './Timeline.tsx';
import { useEngine } from './useEngine.ts';
import { WidgetFrame, type WidgetCallbacks } from './WidgetFrame.tsx';

const API_BASE = '/api/ekyc';
const KEEP = 20;

type Frozen = Pick<GuidanceSnapshot, 'window' | 'best'>;

/**
 * The integrator's console: the widget with the props a host sets, and beside it what the
 * widget sees and sends, all read from its public props, hooks and events.
 */
export function Console() {
  const engine = useEngine(API_BASE);
  const [settings, setSettings] = useState<ConsoleSettings>(() => settingsFromUrl(location.search));
  const [snapshot, setSnapshot] = useState<GuidanceSnapshot | null>(null);
  const [entries, setEntries] = useState<ExchangeEntry[]>([]);
  const [captured, setCaptured] = useState<Captured | null>(null);
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const [cameras, setCameras] = useState<CameraChange | null>(null);
  const [state, setState] = useState<SessionState>('idle');
  const [events, setEvents] = useState<ConsoleEvent[]>([]);
  const latest = useRef<GuidanceSnapshot | null>(null);
  const eventId = useRef(0);

  const log = useCallback((name: ConsoleEvent['name'], detail: string) => {
    const event: ConsoleEvent = { id: ++eventId.current, at: new Date().toLocaleTimeString(), name, detail };
    setEvents((list) => [event, ...list].slice(0, KEEP));
  }, []);

  // The request log: the same `fetcher` prop any host can pass, wrapping fetch.
  const [fetcher] = useState(() =>
    recordingFetcher((entry) =>
      setEntries((list) =>
        [entry, ...list.filter((e) => e.id !== entry.id)].sort((a, b) => b.id - a.id).slice(0, KEEP),
      ),
    ),
  );

  const callbacks = useMemo<WidgetCallbacks>(
    () => ({
      onGuidance: (next) => {
        latest.current = next;
        setSnapshot(next);
      },
      onCapture: (blob: Blob, meta: CaptureMeta) => {
        setCaptured({ blob, meta });
        const last = latest.current;
        setFrozen(last ? { window: last.window, best: last.best } : null);
        const guidance = meta.analysisFailure
          ? `${meta.guidance ?? '—'} (${meta.analysisFailure})`
          : (meta.guidance ?? '—');
        log(
          'onCapture',
          `${meta.width}×${meta.height}, ${blob.size} bytes, ${meta.mode}, guidance ${guidance}, stills refused ${meta.stillRejected ?? 0}`,
        );
      },
      onResult: (verdict) => log('onResult', JSON.stringify(verdict)),
      onError: (error) => log('onError', JSON.stringify(error)),
      onStateChange: (next) => {
        setState(next);
        log('onStateChange', next);
      },
      onCameraChange: (change) => {
        setCameras(change);
        log('onCameraChange', `${change.cameras.length} camera(s), running: ${change.active?.label ?? '—'}`);
      },
    }),
    [log],
  );

  const cameraOn = state === 'camera_starting' || state === 'ready' || state === 'capturing';
  const shown = !cameraOn && frozen ? frozen : snapshot ? { window: snapshot.window, best: snapshot.best } : null;

  return (
    <div className="console" data-scheme={settings.scheme}>
      <header className="console-header">
        <h1>OkayLive capture: integrator’s console</h1>
        <EngineBadge engine={engine} apiBaseUrl={API_BASE} />
        <Settings value={settings} onChange={setSettings} cameras={cameras} />
      </header>
      <main className="console-main">
        <WidgetFrame apiBaseUrl={API_BASE} settings={settings} fetcher={fetcher} callbacks={callbacks} />
        <div className="console-panels">
          <RulesPanel snapshot={snapshot} />
          <div className="console-column">
            {shown && <Timeline stable={shown.window} best={shown.best} frozen={shown === frozen} />}
            <BestFrame captured={captured} />
            <RequestLog entries={entries} />
            <EventLog events={events} />
          </div>
        </div>
      </main>
    </div>
  );
}
