'use client';
/** The framework-free entry: a custom element and `mount()`, with React as a peer dependency. */
export { defineOkayLiveElement, ELEMENT_TAG, OkayLiveCaptureElement, type OkayLiveEventMap } from './element.ts';
export { mount, type MountHandle, type MountOptions } from './mount.tsx';
export type { OkayLiveCaptureAttributes } from './jsx.ts';
