import { describe, expect, it } from 'vitest';
import { OrderServiceError } from '../../src/client';
import { toCsv, type Column } from '../../src/dashboard/browser/csv';
import { dayRange, daysBetween, startOfDay } from '../../src/dashboard/browser/dates';
import { sumDecimals } from '../../src/dashboard/browser/decimal';
import { reportMessage, signInMessage } from '../../src/dashboard/browser/messages';
import { tokenExpiry, tokenFromFragment } from '../../src/dashboard/browser/session';

describe('dashboard: exact totals', () => {
  it('sums decimal strings exactly, where floats would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['38221.69', '36768.37', '51760.16'])).toBe('126750.22');
    expect(sumDecimals(['1.5', '2.255', '-0.005'])).toBe('3.750');
    expect(sumDecimals(['-1.00', '0.25'])).toBe('-0.75');
    expect(sumDecimals([])).toBe('0.00');
    expect(() => sumDecimals(['1e3'])).toThrow('Not a decimal');
  });
});

describe('dashboard: CSV', () => {
  type Row = { name: string; revenue: string };
  const columns: Column<Row>[] = [
    { title: 'productName', heading: 'Product', value: (row) => row.name, text: true },
    { title: 'revenue', heading: 'Revenue', value: (row) => row.revenue, numeric: true },
  ];

  it('writes RFC 4180 lines with the numbers as given', () => {
    expect(
      toCsv(columns, [
        { name: 'Mug', revenue: '12.30' },
        { name: 'Cup, "big"\nblue', revenue: '0.05' },
      ]),
    ).toBe('productName,revenue\r\nMug,12.30\r\n"Cup, ""big""\nblue",0.05\r\n');
  });

  it('keeps spreadsheet formulas in product names from running, and leaves numbers alone', () => {
    expect(
      toCsv(columns, [
        { name: '=HYPERLINK("x")', revenue: '-1.00' },
        { name: '@SUM(A1)', revenue: '2.00' },
      ]),
    ).toBe('productName,revenue\r\n"\'=HYPERLINK(""x"")",-1.00\r\n\'@SUM(A1),2.00\r\n');
  });
});

describe('dashboard: days in a time zone', () => {
  it('turns days into the instants where they begin, across DST changes', () => {
    expect(dayRange('2026-03-01', '2026-04-30', 'Europe/Paris')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-04-30T22:00:00.000Z',
    });
    expect(startOfDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // the day clocks go forward
    expect(startOfDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z'); // the day they go back
    expect(startOfDay('2026-01-01', 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
    expect(startOfDay('2026-01-01', 'Pacific/Chatham').toISOString()).toBe('2025-12-31T10:15:00.000Z');
    expect(dayRange('2026-12-31', '2026-12-31', 'UTC')).toEqual({ from: '2026-12-31T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('lists every day of a range, leap day included', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysBetween('2026-02-02', '2026-02-01')).toEqual([]);
  });
});

describe('dashboard: token and messages', () => {
  const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;

  it('reads the token from the fragment and its expiry from its payload', () => {
    expect(tokenFromFragment('#token=abc.def.ghi&year=2026')).toBe('abc.def.ghi');
    expect(tokenFromFragment('#year=2026')).toBeUndefined();
    expect(tokenFromFragment('')).toBeUndefined();
    expect(tokenExpiry(jwt({ exp: 1_800_000_000 }))).toEqual(new Date(1_800_000_000_000));
    expect(tokenExpiry('not-a-token')).toBeUndefined();
  });

  it('says why a token was refused and when a report ran out of time', () => {
    const error = (code: string, extensions: object = {}) =>
      new OrderServiceError([{ code, message: 'm', extensions: { ...extensions, code } } as never], 200);
    const expired = jwt({ exp: 1_700_000_000 });
    expect(signInMessage(error('UNAUTHENTICATED'), expired, new Date(1_800_000_000_000))).toMatch(
      /^This access token expired on 2023-11-14 22:13 UTC/,
    );
    expect(signInMessage(error('UNAUTHENTICATED'), 'forged')).toMatch(/^This access token was refused/);
    expect(signInMessage(error('FORBIDDEN'), 'x')).toMatch(/the reports are for analysts and admins/);
    expect(reportMessage(error('QUERY_TOO_COMPLEX', { timeoutMs: 10_000 }))).toBe(
      'The report ran out of time (10 s). Choose a shorter range and try again.',
    );
    expect(reportMessage(error('QUERY_TOO_COMPLEX', { cost: 6000, limit: 5000 }))).toMatch(/too expensive/);
  });
});
