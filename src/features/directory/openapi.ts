// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests and data.
import { z } from 'zod';
import { searchQuerySchema } from './input.ts';
import { mechanismSchema } from './schema.ts';

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ parameter: z.string(), detail: z.string() })).optional(),
});

function queryParameters() {
  const schema = z.toJSONSchema(searchQuerySchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: false,
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

export function openApiDocument(): object {
  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const problemResponse = {
    description: 'Problem',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Amparo API',
      version: '1.0.0',
      description: 'Support mechanisms for civil society under pressure.',
    },
    paths: {
      '/api/v1/support': {
        get: {
          summary: 'Search the directory',
          parameters: queryParameters(),
          responses: {
            200: {
              description: 'Matching mechanisms',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['items', 'total'],
                    properties: {
                      items: { type: 'array', items: { $ref: '#/components/schemas/Mechanism' } },
                      total: { type: 'integer' },
                      limit: { type: 'integer' },
                      offset: { type: 'integer' },
                    },
                  },
                },
              },
            },
            400: problemResponse,
          },
        },
      },
      '/api/v1/support/{id}': {
        get: {
          summary: 'One mechanism',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The mechanism', content: json('Mechanism') }, 404: problemResponse },
        },
      },
      '/api/v1/support.json': {
        get: {
          summary: 'Export the whole directory as JSON',
          responses: {
            200: {
              description: 'All mechanisms',
              content: {
                'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Mechanism' } } },
              },
            },
          },
        },
      },
      '/api/v1/support.csv': {
        get: {
          summary: 'Export the whole directory as CSV',
          responses: {
            200: { description: 'One row per mechanism', content: { 'text/csv': { schema: { type: 'string' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Mechanism: z.toJSONSchema(mechanismSchema, { io: 'output', target: 'draft-2020-12' }),
        Problem: z.toJSONSchema(problemSchema, { target: 'draft-2020-12' }),
      },
    },
  };
}
