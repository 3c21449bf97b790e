import { CAMERA_CHECKS } from './checks.ts';
import { defineChecks } from './define.ts';
import { playwrightEngineTest } from './playwright-driver.ts';

/** The engine checks in the suite's own Chromium: the reference the other engines are held to. */
defineChecks(playwrightEngineTest('chromium'), CAMERA_CHECKS);
