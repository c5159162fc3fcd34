import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settingsSchema } from './config';
import { README_PATH, replaceSettingsTable } from './config-docs';

describe('config', () => {
  it('runs on embedded defaults with no settings at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(`sqlite:${config.dataDir}/tidings.db`);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('names every bad setting at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('LOG_LEVEL');
    }
  });

  it('documents every setting', () => {
    for (const [name, schema] of Object.entries(settingsSchema.shape)) {
      expect(schema.description, name).toBeTruthy();
    }
  });

  it('has the README settings table in step with the schema (run `npm run docs:settings` to fix)', () => {
    const readme = fs.readFileSync(README_PATH, 'utf8');
    expect(readme).toBe(replaceSettingsTable(readme));
  });
});
