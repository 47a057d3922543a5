import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Public } from '#serapan/auth';
import { GatewayConfig } from '../gateway.config.js';
import { UserViewDto } from '../users/dto/user-view.dto.js';
import { LoginResultDto } from './dto/login-result.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginErrorFilter } from './login-error.filter.js';
import { LoginService } from './login.service.js';
import { clientAddress } from '../web/forwarded.js';

@ApiTags('login')
@Controller('api/auth')
@UseFilters(LoginErrorFilter)
export class LoginController {
  constructor(
    private readonly login: LoginService,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'The user name or the password is wrong (it does not say which)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins from this client, or for this account from anywhere; Retry-After says how many seconds to wait',
  })
  @ApiServiceUnavailableResponse({ description: 'Too many logins at once; Retry-After says how many seconds to wait' })
  signIn(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResultDto> {
    return this.login.login(body.username, body.password, clientAddress(req, this.config.TRUSTED_PROXY_HOPS));
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserViewDto, description: 'The signed-in user, as login told them' })
  me(@CurrentPrincipal() principal: Principal): Promise<UserViewDto> {
    return this.login.me(principal.sub);
  }
}
