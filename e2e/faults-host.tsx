/**
 * A host page for the fault tests (served by the e2e dev server at /e2e/faults-host.html):
 * it can unmount the widget, it owns the journey when `?journeyId=` is given (answering
 * INVALID_JOURNEY_ID with a new one as a real host backend would), and `?photoFallback=off`
 * turns the photo fallback off.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { OkayLiveCapture } from '../src/react/OkayLiveCapture.tsx';

const params = new URLSearchParams(location.search);

function Host() {
  const [mounted, setMounted] = useState(true);
  const [journeyId, setJourneyId] = useState(params.get('journeyId') ?? undefined);
  const [events, setEvents] = useState<string[]>([]);
  const log = (line: string) => setEvents((e) => [...e, line]);
  const newJourney = async () => {
    const answer = (await (await fetch('/api/ekyc/journeyid', { method: 'POST' })).json()) as { journeyId?: string };
    if (answer.journeyId) setJourneyId(answer.journeyId);
  };
  return (
    <main>
      <button type="button" onClick={() => setMounted(false)}>
        Unmount widget
      </button>
      <button type="button" onClick={() => void newJourney()}>
        New journey
      </button>
      <pre id="events">{events.join('\n')}</pre>
      {mounted && (
        <OkayLiveCapture
          journeyId={journeyId}
          photoFallback={params.get('photoFallback') !== 'off'}
          onError={(error) => log(`error:${error.code}`)}
          onResult={(verdict) => log(`result:${verdict.outcome}`)}
        />
      )}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Host />
    </StrictMode>,
  );
}
