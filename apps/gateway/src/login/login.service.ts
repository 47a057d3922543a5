import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { passwordHasher } from '../users/password-hasher.js';
import type { UserViewDto } from '../users/dto/user-view.dto.js';
import { User } from '../users/user.entity.js';
import { toUserView } from '../users/user-view.js';
import type { LoginResultDto } from './dto/login-result.dto.js';
import { LoginRefusedError, TooManyLoginsError } from './login-errors.js';
import { LoginLimiter } from './login-limiter.js';
import { TokenIssuer } from './token-issuer.js';

@Injectable()
export class LoginService {
  /** Checked against when the user does not exist, so a miss takes as long as a wrong password. */
  private readonly decoyHash = passwordHasher.hash('decoy');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly limiter: LoginLimiter,
    private readonly issuer: TokenIssuer,
  ) {}

  async login(username: string, password: string, client: string): Promise<LoginResultDto> {
    const name = username.trim().toLowerCase();
    const waitMs = this.limiter.waitFor(client, name);
    if (waitMs > 0) throw new TooManyLoginsError(Math.ceil(waitMs / 1000));

    const user = await this.users.findOneBy({ username: name });
    const valid = await passwordHasher.verify(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) {
      this.limiter.failed(client, name);
      throw new LoginRefusedError();
    }
    this.limiter.succeeded(client, name);
    return { accessToken: this.issuer.issue(user), user: toUserView(user) };
  }

  async me(userId: string): Promise<UserViewDto> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new LoginRefusedError('the signed-in user no longer exists');
    return toUserView(user);
  }
}
