import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../src/services/errors';
import { fromGlobalId, idOf, toGlobalId } from '../../src/graphql/global-id';
import { decodeCursor, encodeCursor, pageSize } from '../../src/services/pagination';

describe('global IDs', () => {
  it('round-trip and are opaque', () => {
    const id = toGlobalId('Order', 42);
    expect(id).not.toContain('42');
    expect(fromGlobalId(id)).toEqual({ type: 'Order', id: 42 });
    expect(idOf('Order', id)).toBe(42);
  });

  it('refuse another type, unknown types, non-canonical and malformed IDs', () => {
    expect(() => idOf('Product', toGlobalId('Order', 1))).toThrow(BadUserInputError);
    for (const bad of [
      '',
      'garbage',
      Buffer.from('Invoice:1').toString('base64url'),
      Buffer.from('Order:01').toString('base64url'),
      Buffer.from('Order:99999999999').toString('base64url'),
    ]) {
      expect(() => fromGlobalId(bad), bad).toThrow(BadUserInputError);
    }
  });
});

describe('cursors and page sizes', () => {
  it('decode what they encode, for the same ordering only', () => {
    const cursor = encodeCursor({ order: 'products:PRICE:ASC', key: '9.99', id: 7 });
    expect(decodeCursor(cursor, 'products:PRICE:ASC')).toEqual({ order: 'products:PRICE:ASC', key: '9.99', id: 7 });
    expect(() => decodeCursor(cursor, 'products:NAME:ASC')).toThrow(BadUserInputError);
    expect(() => decodeCursor('nonsense', 'x')).toThrow(BadUserInputError);
    expect(decodeCursor(null, 'x')).toBeUndefined();
  });

  it('accept first from 0 to 100 only', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(pageSize(undefined)).toBe(20);
    expect(() => pageSize(101)).toThrow(BadUserInputError);
    expect(() => pageSize(-1)).toThrow(BadUserInputError);
  });
});
