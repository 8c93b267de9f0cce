// Preloaded into the Prisma CLI (NODE_OPTIONS=--require) by prismaCliEnvironment (prisma-cli.ts).
// How to drop it: prisma/toolchain/README.md.
// Prisma 6.19's wasm schema engine arms a 10 s timer while it takes its advisory lock and
// never clears it, so every `migrate deploy` lingered 10 s after finishing. An unref'd timer
// still fires while the engine is busy (e.g. really waiting for the lock); it just no longer
// keeps a finished CLI alive.
'use strict';
const setTimeoutOriginal = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = setTimeoutOriginal(callback, delay, ...args);
  if (delay >= 10000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
