import { getMetadataStorage } from 'class-validator';
// class-transformer keeps @Type metadata in this store; its typings live under types/
// @ts-expect-error the cjs entry has no declaration file of its own
import { defaultMetadataStorage as typeStore } from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

const defaultMetadataStorage = typeStore as MetadataStorage;
export type Schema = Record<string, unknown>;
export type Constructor = new () => object;

/** A JSON Schema of an event data class, read from its class-validator decorators. */
export function schemaOf(type: Constructor): Schema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const properties: Record<string, Schema> = {};
  const optional = new Set<string>();
  for (const m of metadata) {
    const property = (properties[m.propertyName] ??= {});
    const name = m.name ?? m.type;
    const first: unknown = m.constraints?.[0];
    if (m.type === 'conditionalValidation') optional.add(m.propertyName);
    else if (m.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(type, m.propertyName)?.typeFunction() as Constructor | undefined;
      const schema = nested ? schemaOf(nested) : {};
      Object.assign(property, m.each ? { type: 'array', items: schema } : schema);
    } else if (name === 'isUuid') Object.assign(property, { type: 'string', format: 'uuid' });
    else if (name === 'matches') Object.assign(property, { type: 'string', pattern: (first as RegExp).source });
    else if (name === 'isInt') Object.assign(property, { type: 'integer' });
    else if (name === 'min') property.minimum = first;
    else if (name === 'max') property.maximum = first;
    else if (name === 'isBoolean') property.type = 'boolean';
    else if (name === 'isIn') property.enum = first;
    else if (name === 'isString') property.type = 'string';
    else if (name === 'isIso8601') Object.assign(property, { type: 'string', format: 'date-time' });
    else if (name === 'arrayNotEmpty') Object.assign(property, { type: 'array', minItems: 1 });
  }
  const required = Object.keys(properties).filter((p) => !optional.has(p));
  return { type: 'object', additionalProperties: false, required, properties };
}
