export * from './codes.ts';
export * from './table.ts';
export * from './evaluate.ts';
