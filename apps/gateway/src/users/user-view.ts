import type { UserViewDto } from './dto/user-view.dto.js';
import type { User } from './user.entity.js';

/** A user as the API shows them: the scope they have, and `ppk` for officers only. */
export function toUserView(user: User): UserViewDto {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    ...(user.vendorId ? { vendorId: user.vendorId } : {}),
    ...(user.satkerCode ? { satkerCode: user.satkerCode } : {}),
    ...(user.klCode ? { klCode: user.klCode } : {}),
    ...(user.role === 'officer' ? { ppk: user.ppk } : {}),
  };
}
