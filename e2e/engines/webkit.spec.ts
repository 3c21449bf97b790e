import { readEngines } from './availability.ts';
import { CAMERA_CHECKS, REFUSED_CHECKS } from './checks.ts';
import { defineChecks } from './define.ts';
import { webkitTest } from './webkit-fixture.ts';

/**
 * The engine checks in WebKitGTK (MiniBrowser through WebKitWebDriver and Selenium): WebKit's
 * engine with GStreamer media, not Safari. Its automation grants every capture, so there the
 * refusal is made by the engine-check page.
 */
defineChecks(webkitTest, [...CAMERA_CHECKS, ...REFUSED_CHECKS], { label: 'WebKitGTK', found: readEngines().webkit });
