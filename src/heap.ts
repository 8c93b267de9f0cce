/**
 * How far V8 lets the heap grow before its next full GC. By default the old generation may grow
 * to about four times what survived the last one. Under load most of what this service allocates
 * is garbage by the end of its request, yet gets promoted while requests wait on the database, so
 * the heap fills with garbage up to that limit: RSS peaked at ~200-210 MB under the nested read
 * at 16 clients. Growing by at most 2x keeps the peak at ~150-160 MB at no measurable CPU cost
 * under load (a full GC of the ~25 MB that stays alive takes ~10 ms). Set from code because the
 * service is started as `node dist/main.js`, without flags; V8 reads it at every full GC. Called
 * once the server is up: during start-up it would only add full GCs (~60 ms).
 */
import v8 from 'node:v8';

export function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=100');
}
