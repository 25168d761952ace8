// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} is CloudFormation Fn::Sub and Dockerfile syntax here.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Deployment files vs. the configuration the code reads: every SendOps variable that docker-compose.yml
 * or the Kubernetes manifests set must be one the config package documents, so a renamed or misspelled
 * variable fails here instead of being silently ignored in production.
 */

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/**
 * The documented variable names: docs/configuration.md (generated from the config package) when it
 * exists, otherwise the keys of the `variables` object in packages/config/src/variables.ts.
 */
function documentedVariables(): { source: string; names: Set<string> } {
  if (existsSync(new URL('docs/configuration.md', root))) {
    const names = [...read('docs/configuration.md').matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map(
      (m) => m[1]!,
    );
    return { source: 'docs/configuration.md', names: new Set(names) };
  }
  const file = read('packages/config/src/variables.ts');
  const start = file.indexOf('export const variables = {');
  const end = file.indexOf('} satisfies', start);
  expect(start, 'variables object in variables.ts').toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const names = [...file.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  return { source: 'packages/config/src/variables.ts', names: new Set(names) };
}

/** Names the config package owns: the ones a typo in would go unnoticed. */
const SENDOPS_VARIABLE = /^(SENDOPS_\w+|DATABASE_\w+|CLICKHOUSE_\w+|NODE_ENV|LOG_LEVEL)$/;

type Obj = Record<string, unknown>;

function envNames(environment: unknown): string[] {
  if (Array.isArray(environment)) return environment.map((entry) => String(entry).split('=')[0]!);
  return environment && typeof environment === 'object' ? Object.keys(environment) : [];
}

function envValues(environment: unknown): Record<string, string> {
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((e) => String(e).split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
  }
  return Object.fromEntries(Object.entries((environment ?? {}) as Obj).map(([k, v]) => [k, String(v)]));
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  'x-sendops-env': Obj;
  services: Record<string, Obj>;
  volumes: Obj;
};
const services = compose.services;
/** The services running the SendOps image (built from the repository's Dockerfile). */
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

const k8sDocuments = ['config.yaml', 'secret.example.yaml', 'ingest.yaml', 'migrate-job.yaml'].flatMap(
  (file) => parseAllDocuments(read(`infra/k8s/${file}`)).map((doc) => ({ file, doc: doc.toJS() as Obj })),
);

function k8sEnvNames(): Array<{ file: string; name: string }> {
  const out: Array<{ file: string; name: string }> = [];
  for (const { file, doc } of k8sDocuments) {
    if (doc.kind === 'ConfigMap' || doc.kind === 'Secret') {
      for (const key of Object.keys({ ...(doc.data as Obj), ...(doc.stringData as Obj) }))
        out.push({ file, name: key });
    }
    const spec = (doc.spec as Obj | undefined)?.template as Obj | undefined;
    const containers = ((spec?.spec as Obj | undefined)?.containers ?? []) as Obj[];
    for (const container of containers) {
      for (const env of (container.env ?? []) as Obj[]) out.push({ file, name: String(env.name) });
    }
  }
  return out;
}

describe('docker-compose.yml and infra/ use only documented configuration', () => {
  const documented = documentedVariables();

  it(`reads the documented names from ${documented.source}`, () => {
    for (const name of ['DATABASE_URL', 'CLICKHOUSE_URL', 'SENDOPS_DATA_DIR', 'SENDOPS_INGEST_PORT']) {
      expect(documented.names).toContain(name);
    }
  });

  it('sets only documented SENDOPS_*, DATABASE_*, CLICKHOUSE_* variables in the app services', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['api', 'ingest', 'migrate', 'web']);
    const used = new Set([
      ...envNames(compose['x-sendops-env']),
      ...appServices.flatMap(([, s]) => envNames(s.environment)),
    ]);
    const ours = [...used].filter((name) => SENDOPS_VARIABLE.test(name));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((name) => !documented.names.has(name))).toEqual([]);
  });

  it('sets only documented variables in the Kubernetes manifests', () => {
    const names = k8sEnvNames();
    expect(names.length).toBeGreaterThan(5);
    const undocumented = names.filter(
      ({ name }) => SENDOPS_VARIABLE.test(name) && !documented.names.has(name),
    );
    expect(undocumented).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const env = envValues(compose['x-sendops-env']);

  it('gives every app the shared x-sendops-env block', () => {
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://sendops:sendops@postgres:5432/sendops',
      CLICKHOUSE_URL: 'http://sendops:sendops@clickhouse:8123',
      CLICKHOUSE_DATABASE: 'sendops',
      SENDOPS_BIND_HOST: '0.0.0.0',
      SENDOPS_INGEST_PORT: '4100',
      SENDOPS_API_PORT: '4000',
      SENDOPS_WEB_PORT: '3000',
      SENDOPS_DATA_DIR: '/var/lib/sendops',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
    for (const [name, service] of appServices) expect(envValues(service.environment), name).toEqual(env);
  });

  it('runs each app through the launcher, after a successful migration', () => {
    const commands = Object.fromEntries(
      appServices.map(([name, s]) => [name, (s.command as string[]).join(' ')]),
    );
    expect(commands).toEqual({
      migrate: 'migrate',
      ingest: 'serve ingest',
      api: 'serve api',
      web: 'serve web',
    });
    expect(read('Dockerfile')).toMatch(/^ENTRYPOINT \["node", "apps\/launcher\/bin\/sendops\.mjs"\]$/m);
    expect(services.migrate!.restart).toBe('no');
    for (const [name, service] of appServices.filter(([n]) => n !== 'migrate')) {
      const dependsOn = service.depends_on as Record<string, { condition: string }>;
      expect(dependsOn.migrate, name).toEqual({ condition: 'service_completed_successfully' });
    }
    for (const db of ['postgres', 'clickhouse']) {
      expect((services.migrate!.depends_on as Obj)[db]).toEqual({ condition: 'service_healthy' });
    }
    expect(services.migrate!.depends_on).not.toHaveProperty('migrate');
  });

  it('publishes the three ports and probes the port each app listens on', () => {
    const published = appServices.flatMap(([, s]) => (s.ports ?? []) as string[]).sort();
    expect(published).toEqual(['3000:3000', '4000:4000', '4100:4100']);
    const probes: Record<string, string> = {
      ingest: `http://127.0.0.1:${env.SENDOPS_INGEST_PORT}/readyz`,
      api: `http://127.0.0.1:${env.SENDOPS_API_PORT}/readyz`,
      web: `http://127.0.0.1:${env.SENDOPS_WEB_PORT}/sign-in`,
    };
    // The dashboard reaches the api service by its compose name and port.
    expect(new URL(env.SENDOPS_API_URL!).host).toBe(`api:${env.SENDOPS_API_PORT}`);
    for (const [name, url] of Object.entries(probes)) {
      const test = ((services[name]!.healthcheck as Obj).test as string[]).join(' ');
      expect(test, name).toContain(url);
    }
  });

  it('gives the ingest its own persistent spool volume on the data directory', () => {
    const ingestServices = appServices.filter(
      ([, s]) => (s.command as string[]).join(' ') === 'serve ingest',
    );
    const spools = ingestServices.map(([, s]) => {
      const volume = ((s.volumes ?? []) as string[]).find((v) => v.endsWith(`:${env.SENDOPS_DATA_DIR}`));
      expect(volume).toBeDefined();
      return volume!.split(':')[0]!;
    });
    expect(new Set(spools).size).toBe(spools.length);
    for (const spool of spools) expect(Object.keys(compose.volumes)).toContain(spool);
  });

  it('runs Postgres 17 and a ClickHouse LTS line, both with healthchecks', () => {
    expect(services.postgres!.image).toBe('postgres:17');
    expect(services.clickhouse!.image).toMatch(/^clickhouse\/clickhouse-server:\d{2}\.[38]$/);
    expect(((services.clickhouse!.healthcheck as Obj).test as string[]).join(' ')).toContain(':8123/ping');
    expect(services.clickhouse!.ulimits).toEqual({ nofile: { soft: 262144, hard: 262144 } });
    expect(services.postgres!.healthcheck).toBeDefined();
    // The ClickHouse user the apps log in as is the one infra/clickhouse/users.xml creates.
    const user = new URL(env.CLICKHOUSE_URL!).username;
    expect(read('infra/clickhouse/users.xml')).toContain(`<${user}>`);
    expect(read('infra/clickhouse/users.xml')).toContain(`GRANT ALL ON ${env.CLICKHOUSE_DATABASE}.*`);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on node:24-bookworm-slim with npm ci and runs as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    for (const from of dockerfile.matchAll(/^FROM (\S+)/gm)) expect(from[1]).toBe('${NODE_IMAGE}');
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
  });

  it('keeps node_modules, local data and git history out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['**/node_modules', '.sendops', '.git']) expect(ignored).toContain(entry);
  });
});
