import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { passwordHasher } from '../users/password-hasher.js';
import type { UserViewDto } from '../users/dto/user-view.dto.js';
import { User } from '../users/user.entity.js';
import { toUserView } from '../users/user-view.js';
import type { LoginResultDto } from './dto/login-result.dto.js';
import { LoginRefusedError } from './login-errors.js';
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
    const user = await this.limiter.attempt(client, name, async () => {
      const found = await this.users.findOneBy({ username: name });
      const valid = await this.limiter.hashing(async () => passwordHasher.verify(password, found?.passwordHash ?? (await this.decoyHash)));
      return found && valid ? found : undefined;
    });
    if (passwordHasher.isOutdated(user.passwordHash)) {
      user.passwordHash = await this.limiter.hashing(() => passwordHasher.hash(password));
      await this.users.update({ id: user.id }, { passwordHash: user.passwordHash });
    }
    return { accessToken: this.issuer.issue(user), user: toUserView(user) };
  }

  async me(userId: string): Promise<UserViewDto> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new LoginRefusedError('the signed-in user no longer exists');
    return toUserView(user);
  }
}
