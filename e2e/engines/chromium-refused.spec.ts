import { REFUSED_CHECKS } from './checks.ts';
import { defineChecks } from './define.ts';
import { playwrightEngineTest } from './playwright-driver.ts';

/** The engine checks in Chromium without its fake permission prompt: headless, the prompt is refused. */
defineChecks(playwrightEngineTest('chromium'), REFUSED_CHECKS);
