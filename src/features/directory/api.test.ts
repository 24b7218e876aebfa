import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { shippedMechanismIds, shippedWithKind } from '../../../tests/helpers/shipped.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const getJson = async (url: string) => {
  const res = await env.app.request(url);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
};

describe('GET /api/v1/support', () => {
  it('returns items and total with the same filters as the pages', async () => {
    const { status, body } = await getJson('/api/v1/support?kind=digital-security-helpline&alwaysOn=true&lang=es');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe('access-now-helpline');
  });

  it('accepts repeated and comma-separated list parameters alike', async () => {
    const a = await getJson('/api/v1/support?kind=shelter&kind=banking-guide');
    const b = await getJson('/api/v1/support?kind=shelter,banking-guide');
    expect(a.body.total).toBe(shippedWithKind('shelter', 'banking-guide'));
    // Each kind alone finds something, so the total shows the two lists were joined.
    for (const kind of ['shelter', 'banking-guide']) expect(shippedWithKind(kind)).toBeGreaterThan(0);
    expect(b.body).toEqual(a.body);
  });

  it('pages with limit and offset', async () => {
    const all = await getJson('/api/v1/support?limit=100');
    const page = await getJson('/api/v1/support?limit=5&offset=5');
    expect(page.body.items).toEqual(all.body.items.slice(5, 10));
    expect(page.body.total).toBe(all.body.total);
  });

  it.each([
    ['kind=free-money', 'kind'],
    ['limit=1000', 'limit'],
    ['offset=-1', 'offset'],
    ['lang=english', 'lang'],
    ['alwaysOn=maybe', 'alwaysOn'],
    ['kinds=shelter', 'kinds'],
  ])('answers %s with a 400 problem document naming %s', async (query, parameter) => {
    const { status, type, body } = await getJson(`/api/v1/support?${query}`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 400, title: expect.any(String) });
    expect(body.errors.map((e: { parameter: string }) => e.parameter)).toContain(parameter);
  });
});

describe('GET /api/v1/support/:id', () => {
  it('returns one record, or a 404 problem document', async () => {
    expect((await getJson('/api/v1/support/civicert')).body.name).toBe('CiviCERT');
    const missing = await getJson('/api/v1/support/nope');
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
  });
});

describe('exports', () => {
  it('exports the whole directory as JSON', async () => {
    const res = await env.app.request('/api/v1/support.json');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const records = (await res.json()) as { id: string }[];
    expect(records.map((r) => r.id).sort()).toEqual(shippedMechanismIds());
  });

  it('exports CSV with a header row and one row per mechanism, quoting where needed', async () => {
    const res = await env.app.request('/api/v1/support.csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,name,operator,summary,/);
    expect(text).toContain('access-now-helpline,Digital Security Helpline,Access Now,');
    expect(text.match(/^[a-z0-9-]+,/gm)!.length).toBe(1 + shippedMechanismIds().length); // the header row and one per record
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document generated from the schemas', async () => {
    const { body } = await getJson('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    const params = body.paths['/api/v1/support'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['q', 'kind', 'serves', 'theme', 'region', 'lang', 'alwaysOn', 'limit', 'offset']);
    const mechanism = body.components.schemas.Mechanism;
    expect(mechanism.properties.kinds.items.enum).toContain('digital-security-helpline');
    expect(mechanism.required).toEqual(
      expect.arrayContaining(['id', 'name', 'kinds', 'contact', 'verifiedAt', 'version']),
    );
  });
});
