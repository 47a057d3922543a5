import assert from 'node:assert/strict';
import type { OpenAPIObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** A schema in a document: its own fields, or a `$ref` to another. */
export type SchemaOrReference = SchemaObject & Partial<ReferenceObject>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The operations of an OpenAPI document (`GET /path`) whose success answers name no schema. */
export function operationsWithoutAnswerSchema(document: OpenAPIObject): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => {
      const operation = item[method];
      if (!operation) return false;
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      return successes.length === 0 || successes.some(([, answer]) => !namesSchema(answer));
    }).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Whether an answer gives a schema for its content (a `$ref` to a shared response does not count). */
function namesSchema(answer: ResponseObject | ReferenceObject | undefined): boolean {
  const content = answer && !('$ref' in answer) ? answer.content : undefined;
  return Object.values(content ?? {}).some((media) => media.schema);
}

/** The schema of a component, or of a property within it (`schemaAt(document, 'ProductDto', 'priceIdr')`); fails the test when there is none. */
export function schemaAt(document: OpenAPIObject, component: string, ...properties: string[]): SchemaOrReference {
  let schema: SchemaOrReference | undefined = document.components?.schemas?.[component];
  assert.ok(schema, `the document describes ${component}`);
  for (const [i, name] of properties.entries()) {
    schema = schema.properties?.[name];
    assert.ok(schema, `the document describes ${[component, ...properties.slice(0, i + 1)].join('.')}`);
  }
  return schema;
}
