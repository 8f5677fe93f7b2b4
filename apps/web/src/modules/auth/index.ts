/** The auth module's public surface: the login route, the session and its hooks, the password and TOTP fields. */
export { authRoutes } from './routes';
export {
  dropSession,
  hasPermission,
  sessionKey,
  useLogout,
  useSession,
  useSessionQuery,
  useSetCurrentArea,
} from './api';
export { setSessionLostCode } from './session-notice';
export { NewPasswordFields } from './components/NewPasswordFields';
export { TOTP_PATTERN } from './components/TotpStep';
