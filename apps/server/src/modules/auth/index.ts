// Public surface of the auth module: other modules import only from here.
export { LoginService } from './login.service';
export { MeService } from './me.service';
export { authRoutes } from './auth.routes';
export { resolveSession } from './session.service';
export { hashPassword } from './password-hash';
export { checkPasswordPolicy } from './password-policy';
export { ONE_TIME_PASSWORD_DAYS, issueOneTimePassword, prepareNewPassword, storePassword } from './credentials.service';
export { clearThrottle, deleteUserSessions, findThrottle } from './sessions.repository';
