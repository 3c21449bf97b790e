import { useEffect, useState } from 'react';
import { createAnalysisClient, type AnalysisClient } from '../../core/analysis/client.ts';
import type { SessionStore } from '../../core/session/store.ts';

/**
 * The widget's face-analysis worker: started the first time the camera is asked for (so the
 * model download overlaps the permission prompt), kept across retakes, ended on unmount.
 * Its status is mirrored into the store for the views and the host.
 */
export function useAnalysis(store: SessionStore, active: boolean, assetsBaseUrl: string | undefined): AnalysisClient | null {
  const [client, setClient] = useState<AnalysisClient | null>(null);
  useEffect(() => {
    if (!active || client) return;
    setClient(createAnalysisClient(assetsBaseUrl === undefined ? {} : { assetsBaseUrl }));
  }, [active, client, assetsBaseUrl]);

  useEffect(() => {
    if (!client) return undefined;
    store.getState().setAnalysisStatus(client.status, client.failure);
    const unsubscribe = client.subscribe((status) => store.getState().setAnalysisStatus(status, client.failure));
    return () => {
      unsubscribe();
      client.dispose();
    };
  }, [client, store]);
  return client;
}
