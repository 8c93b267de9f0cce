import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has the defaults RUNTIME.md promises', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: undefined,
      databasePoolSize: 10,
      databasePoolTimeoutMs: 5_000,
      port: 4000,
      host: '127.0.0.1',
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      production: false,
    });
  });

  it('uses DATABASE_URL for migrations unless DIRECT_DATABASE_URL is given', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://a/b' }).directDatabaseUrl).toBe('postgresql://a/b');
    expect(loadConfig({ DATABASE_URL: 'postgresql://a/b', DIRECT_DATABASE_URL: 'postgresql://c/d' }).directDatabaseUrl).toBe(
      'postgresql://c/d',
    );
  });

  it('refuses the development JWT secret, or a short one, in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).production).toBe(true);
  });

  it('refuses a pool size, pool timeout or port that is not a number in range', () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'ten' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(loadConfig({ DATABASE_POOL_TIMEOUT_MS: '250' }).databasePoolTimeoutMs).toBe(250);
    expect(() => loadConfig({ DATABASE_POOL_TIMEOUT_MS: '0' })).toThrow(/DATABASE_POOL_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_POOL_TIMEOUT_MS: '60001' })).toThrow(/DATABASE_POOL_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_POOL_TIMEOUT_MS: '1.5' })).toThrow(/DATABASE_POOL_TIMEOUT_MS/);
  });

  it('reads LOG_LEVEL (info by default, silent allowed) and refuses unknown levels', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
