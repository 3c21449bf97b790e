/** The runtime libraries a React host bundles with the widget (bench-size.ts prices them alone). */
export * from '@tanstack/react-query';
export * from 'zustand';
export { createStore } from 'zustand/vanilla';
export { default as Webcam } from 'react-webcam';
