import { Body, Controller, Get, Header, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { CurrentPrincipal, Principal, Public } from '#serapan/auth';
import type { UserView } from '../users/user.entity.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginErrorFilter } from './login-error.filter.js';
import { LoginResult, LoginService } from './login.service.js';

@Controller('api/auth')
@UseFilters(LoginErrorFilter)
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  signIn(@Body() body: LoginDto, @Ip() client: string): Promise<LoginResult> {
    return this.login.login(body.username, body.password, client);
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.login.me(principal.sub);
  }
}
