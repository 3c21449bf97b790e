import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerBuiltInLocales } from '../core/i18n/locales.ts';
import { Console } from './Console.tsx';
import './console.css';

// The console switches the widget between all the shipped languages.
registerBuiltInLocales();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Console />
    </StrictMode>,
  );
}
