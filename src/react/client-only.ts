/**
 * Stand-ins for client code under the `react-server` export condition (React Server
 * Components). Under that condition `react` has no hooks or context, so the real widget module
 * cannot even be imported; these let the import succeed, and say what to do the moment one is
 * rendered or called from a Server Component. React-free, on purpose.
 */
export class ClientOnlyError extends Error {
  constructor(name: string, from: string) {
    super(
      `${name} from '${from}' is client code: import it in a file that starts with 'use client' ` +
        `(your own wrapper component), not in a Server Component. Its callbacks are functions, which cannot cross from the server anyway.`,
    );
    this.name = 'ClientOnlyError';
  }
}

/** A function (component, hook or helper) that throws ClientOnlyError when called. */
export function clientOnly(name: string, from: string): () => never {
  const stand = (): never => {
    throw new ClientOnlyError(name, from);
  };
  // The name shows in React's and the bundler's messages.
  Object.defineProperty(stand, 'name', { value: name });
  return stand;
}
