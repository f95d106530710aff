/** The accounts feature's public face: who acts (actorOf) and the one home of role checks. */
export { actorOf } from './account.service.ts';
export type { Actor } from './account.service.ts';
export type { MailConfig } from './mail/mail.config.ts';
export {
  NATIONAL_CODE,
  ROLE_LABELS,
  grantProblem,
  isAllowed,
  municipalitiesWith,
} from './permissions.ts';
export type { Grant, Permission } from './permissions.ts';
