import { useState } from 'react';

/** The starter page a new app begins with; the embedding guide's step replaces this file. */
function App() {
  const [count, setCount] = useState(0);
  return (
    <main>
      <h1>Get started</h1>
      <button type="button" onClick={() => setCount((n) => n + 1)}>
        Count is {count}
      </button>
    </main>
  );
}

export default App;
