import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SearchProductsDto } from '../../../../../catalog/src/products/dto/search-products.dto.js';
import { OrdersQueryDto } from './orders-query.dto.js';

const problems = (schema: new () => object, query: Record<string, string>) =>
  validateSync(plainToInstance(schema, query)).flatMap((error) => Object.values(error.constraints ?? {}));

test('a list is paged no deeper than page 100, and the refusal names the page', () => {
  for (const schema of [OrdersQueryDto, SearchProductsDto]) {
    assert.deepEqual(problems(schema, { page: '100' }), [], schema.name);
    assert.deepEqual(problems(schema, { page: '101' }), ['page must not be greater than 100: narrow the filters instead of paging deeper'], schema.name);
  }
});
