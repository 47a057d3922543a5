import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, InvalidTokenError, JwtVerifier, presentedToken, Principal, Public } from '#serapan/auth';
import { GatewayConfig } from '../gateway.config.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from '../sessions/refresh-cookie.js';
import { SessionEndedError } from '../sessions/sessions.service.js';
import { UserViewDto } from '../users/dto/user-view.dto.js';
import { LoginResultDto } from './dto/login-result.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { LogoutDto, RefreshDto } from './dto/session-ref.dto.js';
import { StreamTicketDto } from './dto/stream-ticket.dto.js';
import { LoginErrorFilter } from './login-error.filter.js';
import { LoginService, SignedIn } from './login.service.js';
import { clientAddress } from '../web/forwarded.js';

@ApiTags('login')
@Controller('api/auth')
@UseFilters(LoginErrorFilter)
export class LoginController {
  constructor(
    private readonly login: LoginService,
    private readonly verifier: JwtVerifier,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: LoginResultDto, description: 'Also sets the refresh token as the HttpOnly cookie serapan_refresh_<session id> (path /api/auth)' })
  @ApiUnauthorizedResponse({ description: 'The user name or the password is wrong (it does not say which)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins from this client, or for this account from anywhere; Retry-After says how many seconds to wait',
  })
  @ApiServiceUnavailableResponse({ description: 'Too many logins at once; Retry-After says how many seconds to wait' })
  async signIn(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResultDto> {
    const client = clientAddress(request, this.config.TRUSTED_PROXY_HOPS);
    return withCookie(request, response, await this.login.login(body.username, body.password, client));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiCookieAuth('serapan_refresh_<session id>')
  @ApiOkResponse({ type: LoginResultDto, description: 'A new access token; the refresh token in the cookie is used up and replaced' })
  @ApiUnauthorizedResponse({ description: 'No refresh token, or it is used, expired or revoked (a used one revokes its session)' })
  async refresh(@Body() body: RefreshDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResultDto> {
    const token = readRefreshCookie(request, body.sessionId);
    if (!token) throw new SessionEndedError('no refresh token for this session; sign in');
    try {
      return withCookie(request, response, await this.login.refresh(token));
    } catch (error) {
      if (error instanceof SessionEndedError) clearRefreshCookie(request, response, body.sessionId);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  @ApiNoContentResponse({ description: 'The session of the bearer token (or of sessionId and its refresh cookie) is revoked; its access tokens stop working' })
  async logout(@Body() body: LogoutDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const principal = this.bearerPrincipal(request);
    const sessionId = principal?.sessionId ?? body.sessionId;
    const token = sessionId ? readRefreshCookie(request, sessionId) : undefined;
    await this.login.logout(principal, sessionId && token ? { sessionId, token } : undefined);
    if (sessionId) clearRefreshCookie(request, response, sessionId);
  }

  @Post('stream-ticket')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: StreamTicketDto })
  streamTicket(@CurrentPrincipal() principal: Principal): StreamTicketDto {
    return this.login.streamTicket(principal);
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserViewDto, description: 'The signed-in user, as login told them' })
  me(@CurrentPrincipal() principal: Principal): Promise<UserViewDto> {
    return this.login.me(principal.sub);
  }

  private bearerPrincipal(request: Request): Principal | undefined {
    const presented = presentedToken(request.headers.authorization, null, false);
    if ('refusal' in presented) return undefined;
    try {
      return this.verifier.verify(presented.token);
    } catch (error) {
      if (error instanceof InvalidTokenError) return undefined;
      throw error;
    }
  }
}

function withCookie(request: Request, response: Response, signedIn: SignedIn): LoginResultDto {
  setRefreshCookie(request, response, signedIn.sessionId, signedIn.refreshToken, signedIn.sessionExpiresAt);
  return signedIn.result;
}
