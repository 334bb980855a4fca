// What can be checked of the container without Docker: the build context's ignore rules, the Dockerfile's shape and
// the compose services' healthchecks and secrets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8');

/** Docker's rule: the last matching pattern wins; `!` re-includes; a directory pattern covers what is inside it. */
function ignoredBy(dockerignore: string): (path: string) => boolean {
  const rules = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('**')
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
        )
        .join('.*');
      return { negate, re: new RegExp(`^${source}(/.*)?$`) };
    });
  return (path) => rules.reduce((ignored, r) => (r.re.test(path) ? !r.negate : ignored), false);
}

/** The blocks of `services:` in docker-compose.yml, by service name (two-space indented keys). */
function composeServices(text: string): Map<string, string> {
  const body = text.slice(text.indexOf('\nservices:\n'), text.indexOf('\nvolumes:'));
  const services = new Map<string, string>();
  for (const block of body.split(/\n(?= {2}[a-z][\w-]*:\n)/).slice(1)) {
    services.set(/^ {2}([\w-]+):/.exec(block)![1]!, block);
  }
  return services;
}

describe('.dockerignore', () => {
  const ignored = ignoredBy(read('.dockerignore'));

  it.each([
    '.env',
    '.env.production',
    '.git/HEAD',
    'node_modules/zod/package.json',
    'outbox/2025-01-01/a.eml',
    'dist/cli/main.js',
  ])('keeps %s out of the build context', (path) => expect(ignored(path)).toBe(true));

  it.each([
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'src/config/schema.ts',
    'src/papers/sample/sample-day.json',
    'templates/digest/DigestEmail.tsx',
    'cli/main.ts',
    'jobs/workers.ts',
  ])('keeps %s, which the build needs', (path) => expect(ignored(path)).toBe(false));
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^(?=FROM )/m).slice(1);
  const final = stages.at(-1)!;

  it('builds every stage on a current Node LTS (22 or 24)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:(22|24)(\.\d+)*-slim\b/);
  });

  it('ships production dependencies and compiled JavaScript, run by a non-root user', () => {
    expect(final).toMatch(/npm ci --omit=dev/);
    expect(final).toMatch(/COPY --from=\w+ \/app\/dist/);
    const user = /^USER (\S+)/m.exec(final)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(final.indexOf('USER ')).toBeLessThan(final.indexOf('CMD '));
    expect(/^CMD (.*)$/m.exec(final)?.[1]).toContain('dist/cli/main.js');
    expect(final).not.toMatch(/tsx|typescript\b.*install/);
  });

  it('copies no secrets into a layer', () => {
    expect(dockerfile).not.toMatch(/^COPY \. /m);
    expect(dockerfile).not.toMatch(/^COPY .*\.env/m);
    expect(dockerfile).not.toMatch(/^(ENV|ARG) .*(SECRET|PASSWORD|API_KEY)/m);
  });
});

describe('docker-compose.yml', () => {
  const services = composeServices(read('docker-compose.yml'));

  it('gives every service a healthcheck', () => {
    expect([...services.keys()].sort()).toEqual(['mailpit', 'redis', 'web', 'worker']);
    for (const [name, block] of services) expect(block, name).toMatch(/\n {4}healthcheck:\n {6}test:/);
  });

  it('checks the web on /healthz and the worker with its readiness command', () => {
    expect(services.get('web')).toContain('/healthz');
    expect(services.get('worker')).toMatch(/test: \['CMD', 'node', 'dist\/cli\/main\.js', 'worker', '--check'\]/);
  });

  it('runs the compiled CLI and passes settings at run time through env_file, never as build args', () => {
    for (const name of ['web', 'worker']) {
      const block = services.get(name)!;
      expect(block).toMatch(/command: \[.*'dist\/cli\/main\.js'/);
      expect(block).toMatch(/env_file: \[\{ path: \.env/);
      expect(block).not.toMatch(/args:|SECRET|PASSWORD|API_KEY/);
    }
  });
});
