import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited } from '#serapan/service';
import { CreateProductDto } from './dto/create-product.dto.js';
import { ProductDto, ProductPageDto } from './dto/product.dto.js';
import { SearchProductsDto } from './dto/search-products.dto.js';
import { UpdateProductDto } from './dto/update-product.dto.js';
import { productAsItWas } from './product-audit.js';
import { ProductSearchService } from './product-search.service.js';
import { ProductsService } from './products.service.js';

const ProductId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

@ApiTags('products')
@ApiBearerAuth()
@Controller('api/catalog/products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly productSearch: ProductSearchService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProductPageDto })
  async search(@Query() query: SearchProductsDto): Promise<ProductPageDto> {
    const page = await this.productSearch.search(query);
    return { ...page, items: page.items.map((product) => ProductDto.from(product)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductDto })
  async get(@Param('id', ProductId) id: string): Promise<ProductDto> {
    return ProductDto.from(await this.products.get(id));
  }

  @Post()
  @Roles('vendor')
  @Audited('product.create')
  @ApiCreatedResponse({ type: ProductDto })
  async list(@CurrentPrincipal() principal: Principal, @Body() details: CreateProductDto): Promise<ProductDto> {
    return ProductDto.from(await this.products.list(principal, details));
  }

  @Patch(':id')
  @Roles('vendor')
  @Audited('product.update', { before: productAsItWas })
  @ApiOkResponse({ type: ProductDto })
  async revise(@CurrentPrincipal() principal: Principal, @Param('id', ProductId) id: string, @Body() changes: UpdateProductDto): Promise<ProductDto> {
    return ProductDto.from(await this.products.revise(principal, id, changes));
  }

  @Delete(':id')
  @Roles('vendor')
  @Audited('product.delist', { before: productAsItWas })
  @ApiOkResponse({ type: ProductDto, description: 'The product, delisted' })
  async delist(@CurrentPrincipal() principal: Principal, @Param('id', ProductId) id: string): Promise<ProductDto> {
    return ProductDto.from(await this.products.delist(principal, id));
  }

  @Post(':id/relist')
  @HttpCode(200)
  @Roles('vendor')
  @Audited('product.relist', { before: productAsItWas })
  @ApiOkResponse({ type: ProductDto })
  async relist(@CurrentPrincipal() principal: Principal, @Param('id', ProductId) id: string): Promise<ProductDto> {
    return ProductDto.from(await this.products.relist(principal, id));
  }
}
