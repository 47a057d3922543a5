interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The operations of an OpenAPI document (`GET /path`) whose success answers name no schema. */
export function operationsWithoutAnswerSchema(document: { paths: Record<string, Record<string, OpenApiOperation>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => {
        const successes = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        return successes.length === 0 || successes.some(([, answer]) => !Object.values(answer.content ?? {}).some((media) => media.schema));
      })
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}
