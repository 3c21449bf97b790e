export interface ConsoleEvent {
  id: number;
  at: string;
  name: 'onStateChange' | 'onCapture' | 'onResult' | 'onError' | 'onCameraChange';
  detail: string;
}

/** The widget's callbacks as a host receives them, newest first. */
export function EventLog({ events }: { events: ConsoleEvent[] }) {
  return (
    <section className="console-panel console-events" aria-labelledby="console-events-title">
      <h2 id="console-events-title">Events</h2>
      {events.length === 0 ? (
        <p className="console-empty">No event yet.</p>
      ) : (
        <div className="console-event-scroll" tabIndex={0} role="region" aria-label="Event list">
          <ol className="console-event-list">
            {events.map((e) => (
              <li key={e.id} data-event={e.name}>
                <span className="console-muted">{e.at}</span> <code>{e.name}</code> {e.detail}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
