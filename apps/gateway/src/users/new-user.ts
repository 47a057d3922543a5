import { ROLES, type Role } from '#serapan/auth';

/** A user to create, as the operator gave it; `checkNewUser` says whether the tokens it gets will carry the scope its role needs. */
export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  vendorId: string | null;
  satkerCode: string | null;
  klCode: string | null;
  ppk: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The problems with a new user, empty when there are none: the user name's
 * form, and the scope each role's claims need (docs/domain.md): a vendor its
 * vendor id and nothing else; an officer a satker and its K/L (PPK authority
 * optional); finance a K/L, and a satker for a satker's bendahara; an auditor
 * no scope at all.
 */
export function checkNewUser(user: NewUser): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9._-]{3,64}$/.test(user.username)) problems.push('--username: 3 to 64 of a-z, 0-9, ".", "_" or "-"');
  if (!(ROLES as readonly string[]).includes(user.role)) problems.push(`--role: one of ${ROLES.join(', ')}`);
  if (!user.displayName.trim() || user.displayName.length > 200) problems.push('--name: 1 to 200 characters');
  if (user.satkerCode !== null && !/^[0-9]{6}$/.test(user.satkerCode)) problems.push('--satker: a 6-digit satker code');
  if (user.klCode !== null && !/^[0-9]{3}$/.test(user.klCode)) problems.push('--kl: a 3-digit K/L code');
  if (user.vendorId !== null && !UUID.test(user.vendorId)) problems.push('--vendor: the vendor id, a UUID');
  const needs = (flag: string, present: boolean, why: string) => present || problems.push(`${flag} is required: ${why}`);
  const refuses = (flag: string, present: boolean) => !present || problems.push(`${flag} does not apply to the role ${user.role}`);
  switch (user.role) {
    case 'vendor':
      needs('--vendor', user.vendorId !== null, 'a vendor acts for its vendor id');
      refuses('--satker', user.satkerCode !== null);
      refuses('--kl', user.klCode !== null);
      refuses('--ppk', user.ppk);
      break;
    case 'officer':
      needs('--satker', user.satkerCode !== null, 'an officer orders for one satker');
      needs('--kl', user.klCode !== null, "an officer's token names the satker's K/L");
      refuses('--vendor', user.vendorId !== null);
      break;
    case 'finance':
      needs('--kl', user.klCode !== null, 'finance staff work for a K/L (with --satker: for one of its satkers)');
      refuses('--vendor', user.vendorId !== null);
      refuses('--ppk', user.ppk);
      break;
    case 'auditor':
      refuses('--vendor', user.vendorId !== null);
      refuses('--satker', user.satkerCode !== null);
      refuses('--kl', user.klCode !== null);
      refuses('--ppk', user.ppk);
      break;
  }
  return problems;
}

/** Shortest password the command accepts. */
export const MIN_PASSWORD_LENGTH = 12;
