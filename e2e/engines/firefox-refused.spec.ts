import './firefox-bidi-shim.ts';
import { readEngines } from './availability.ts';
import { REFUSED_CHECKS } from './checks.ts';
import { defineChecks } from './define.ts';
import { playwrightEngineTest } from './playwright-driver.ts';

/** The engine checks in Firefox ESR whose preferences block the camera, as a person refusing it. */
defineChecks(playwrightEngineTest('firefox'), REFUSED_CHECKS, { label: 'Firefox ESR', found: readEngines().firefox });
