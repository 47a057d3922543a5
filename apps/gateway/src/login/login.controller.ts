import { Body, Controller, Get, Header, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '#serapan/auth';
import { UserViewDto } from '../users/dto/user-view.dto.js';
import { LoginResultDto } from './dto/login-result.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginErrorFilter } from './login-error.filter.js';
import { LoginService } from './login.service.js';

@ApiTags('login')
@Controller('api/auth')
@UseFilters(LoginErrorFilter)
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'The user name or the password is wrong (it does not say which)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins from this client; Retry-After says how many seconds to wait' })
  signIn(@Body() body: LoginDto, @Ip() client: string): Promise<LoginResultDto> {
    return this.login.login(body.username, body.password, client);
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserViewDto, description: 'The signed-in user, as login told them' })
  me(@CurrentPrincipal() principal: Principal): Promise<UserViewDto> {
    return this.login.me(principal.sub);
  }
}
