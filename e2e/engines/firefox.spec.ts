import './firefox-bidi-shim.ts';
import { readEngines } from './availability.ts';
import { CAMERA_CHECKS } from './checks.ts';
import { defineChecks } from './define.ts';
import { playwrightEngineTest } from './playwright-driver.ts';

/** The engine checks in Firefox ESR over WebDriver-BiDi, with Firefox's fake camera allowed. */
defineChecks(playwrightEngineTest('firefox'), CAMERA_CHECKS, { label: 'Firefox ESR', found: readEngines().firefox });
