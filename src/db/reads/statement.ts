import { createHash } from 'node:crypto';
import type { Statement } from '../reader';

const names = new Map<string, string>();

/**
 * A statement of this fixed text, named after it (so that a name never stands for two texts).
 * The text must come from constant fragments only: values go through `Parameters`.
 */
export function statement(prefix: string, text: string): Statement {
  let name = names.get(text);
  if (!name) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    names.set(text, name);
  }
  return { name, text };
}

/** Collects a statement's values in order: `add(value)` gives the placeholder to write in the SQL. */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
