export * from './evaluate';
export * from './kinds';
export * from './store';
