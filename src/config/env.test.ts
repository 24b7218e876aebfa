import { describe, expect, it } from 'vitest';
import { buildConfig } from './config.ts';
import { ConfigError, readEnv } from './env.ts';

describe('readEnv', () => {
  it('accepts known settings and fills defaults', () => {
    const config = buildConfig(readEnv({ AMPARO_PORT: '9090', AMPARO_HOST: '0.0.0.0' }));
    expect(config.port).toBe(9090);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir.endsWith('.amparo')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect([config.casesPerHour, config.serverCasesPerHour]).toEqual([120, 600]);
    const raised = buildConfig(readEnv({ AMPARO_CASES_PER_HOUR: '1000', AMPARO_SERVER_CASES_PER_HOUR: '5000' }));
    expect([raised.casesPerHour, raised.serverCasesPerHour]).toEqual([1000, 5000]);
  });

  it('stops on an unknown AMPARO_ setting, naming it', () => {
    expect(() => readEnv({ AMPARO_PROT: '80' })).toThrow(ConfigError);
    expect(() => readEnv({ AMPARO_PROT: '80' })).toThrow(/^Unknown setting AMPARO_PROT/);
  });

  it('stops on a bad value with one line naming the variable', () => {
    for (const [name, value] of [
      ['AMPARO_PORT', 'eighty'],
      ['AMPARO_PORT', '70000'],
      ['DATABASE_URL', 'mysql://x'],
      ['AMPARO_EXIT_URL', 'javascript:alert(1)'],
      ['AMPARO_SECRET_KEY', 'short'],
    ] as const) {
      let message = '';
      try {
        readEnv({ [name]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^Bad value for ${name}: `));
      expect(message).not.toContain('\n');
    }
  });

  it('refuses open sign-up without a mail server, since sign-up links go by email', () => {
    expect(() => readEnv({ AMPARO_OPEN_SIGNUP: 'true' })).toThrow(/^AMPARO_OPEN_SIGNUP=true needs AMPARO_SMTP_URL/);
    expect(
      readEnv({ AMPARO_OPEN_SIGNUP: 'true', AMPARO_SMTP_URL: 'smtp://mail.example.org:587' }).AMPARO_OPEN_SIGNUP,
    ).toBe(true);
  });

  it('knows when npm started it (the server then ends with npm), and lists only its own settings', () => {
    expect(buildConfig(readEnv({ npm_lifecycle_event: 'start' })).exitWithParent).toBe(true);
    expect(buildConfig(readEnv({ PATH: '/bin' })).exitWithParent).toBe(false);
    expect(() => readEnv({ AMPARO_PROT: '80' })).toThrow(/known: AMPARO_HOST, /);
    expect(() => readEnv({ AMPARO_PROT: '80' })).not.toThrow(/npm_lifecycle_event/);
  });

  it('ignores variables that are not its own', () => {
    expect(readEnv({ PATH: '/bin', HOME: '/root' })).toEqual({});
  });
});
