import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

const nowhere = '/nonexistent-dir'

describe('configuration', () => {
  it('has working defaults for a fresh install', () => {
    const config = loadConfig({}, '/srv/ratusz')
    expect(config).toMatchObject({
      port: 3000,
      host: 'localhost',
      dataDir: '/srv/ratusz/data',
      databaseUrl: null,
      demo: true,
      adminPassword: null,
      defaultLanguage: 'uk',
      publicUrl: 'http://localhost:3000',
    })
  })

  it('names every bad variable and what it expects, all at once', () => {
    const attempt = () =>
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', RATUSZ_DEMO: 'maybe', RATUSZ_ADMIN_PASSWORD: 'short' },
        nowhere,
      )
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const problems = (error as ConfigError).problems
      expect(problems).toHaveLength(4)
      expect(problems[0]).toBe('PORT: expected a whole number from 0 to 65535, got "eighty"')
      expect(problems.join('\n')).toMatch(/DATABASE_URL: expected a PostgreSQL URL/)
      expect(problems.join('\n')).toMatch(/RATUSZ_DEMO: expected 1 or 0/)
      expect(problems.join('\n')).toMatch(
        /RATUSZ_ADMIN_PASSWORD: expected a password of at least 12 characters/,
      )
    }
  })

  it('takes the network’s register and case sign templates, and refuses ones that cannot number', () => {
    const ukrainian = loadConfig(
      { RATUSZ_CASE_SIGN: '<symbol>/<n>', RATUSZ_INCOMING_NUMBER: '<office>/<n>/<yyyy>' },
      nowhere,
    )
    expect(ukrainian.caseSign).toBe('<symbol>/<n>')
    expect(ukrainian.registerNumbers).toEqual({ incoming: '<office>/<n>/<yyyy>', outgoing: '<n>/<yyyy>' })
    const attempt = () =>
      loadConfig(
        {
          RATUSZ_CASE_SIGN: '<unit>.<n>',
          RATUSZ_OUTGOING_NUMBER: '<n>/<n>/<yyyy>',
          RATUSZ_INCOMING_NUMBER: 'RPW/<x>/<n>/<yyyy>',
          RATUSZ_UPLOAD_TYPES: 'pdf,exe',
        },
        nowhere,
      )
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n')
      expect(problems).toMatch(/RATUSZ_CASE_SIGN: expected a template with <symbol> and <n>/)
      expect(problems).toMatch(/RATUSZ_OUTGOING_NUMBER: expected a template/)
      expect(problems).toMatch(/RATUSZ_INCOMING_NUMBER: expected a template/)
      expect(problems).toMatch(/RATUSZ_UPLOAD_TYPES: expected a comma-separated list/)
    }
  })

  it('reads a .env file, with the real environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratusz-config-'))
    writeFileSync(join(dir, '.env'), 'PORT=4010\nRATUSZ_DEMO=0\nRATUSZ_DEFAULT_LANGUAGE=pl\n')
    const config = loadConfig({ RATUSZ_DEFAULT_LANGUAGE: 'en' }, dir)
    expect(config.port).toBe(4010)
    expect(config.demo).toBe(false)
    expect(config.defaultLanguage).toBe('en')
  })

  it('accepts postgres:// and postgresql:// URLs and an https public address', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/ratusz' }, nowhere).databaseUrl).toBe(
      'postgresql://u:p@db:5432/ratusz',
    )
    expect(loadConfig({ RATUSZ_PUBLIC_URL: 'https://e-office.lviv.example/' }, nowhere).publicUrl).toBe(
      'https://e-office.lviv.example',
    )
  })

  it('hashes passwords at OWASP’s baseline by default and refuses a weaker cost outside the test suite', () => {
    expect(loadConfig({}, nowhere).passwordHashing).toEqual({ memoryKiB: 19_456, passes: 2, parallelism: 1 })
    // Another row of OWASP's table: less memory, more passes.
    expect(
      loadConfig({ RATUSZ_ARGON2_MEMORY_KIB: '12288', RATUSZ_ARGON2_PASSES: '3' }, nowhere).passwordHashing,
    ).toEqual({ memoryKiB: 12_288, passes: 3, parallelism: 1 })
    const weak = { RATUSZ_ARGON2_MEMORY_KIB: '12288', RATUSZ_ARGON2_PASSES: '2' }
    expect(() => loadConfig({ ...weak, NODE_ENV: 'production' }, nowhere)).toThrow(
      /RATUSZ_ARGON2_MEMORY_KIB, RATUSZ_ARGON2_PASSES: expected at least one of OWASP's argon2id settings .* got 12288 KiB × 2/,
    )
    expect(() => loadConfig({ RATUSZ_ARGON2_MEMORY_KIB: '8', RATUSZ_ARGON2_PASSES: '1' }, nowhere)).toThrow(
      ConfigError,
    )
    // The test suite's cheapest cost is taken under NODE_ENV=test only, and never below argon2's floor.
    expect(
      loadConfig({ RATUSZ_ARGON2_MEMORY_KIB: '8', RATUSZ_ARGON2_PASSES: '1', NODE_ENV: 'test' }, nowhere)
        .passwordHashing,
    ).toEqual({ memoryKiB: 8, passes: 1, parallelism: 1 })
    expect(() =>
      loadConfig(
        { RATUSZ_ARGON2_MEMORY_KIB: '8', RATUSZ_ARGON2_PARALLELISM: '2', NODE_ENV: 'test' },
        nowhere,
      ),
    ).toThrow(/at least 8 KiB for each lane/)
  })
})
