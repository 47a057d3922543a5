import { PartialType } from '@nestjs/swagger';
import { CreateProductDto } from './create-product.dto.js';

/** Any subset of a product's fields; null clears an optional field and is refused for a required one. */
export class UpdateProductDto extends PartialType(CreateProductDto, { skipNullProperties: false }) {}
