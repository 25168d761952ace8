export {
  type FakeOAuthAccount,
  type FakeOAuthProvider,
  startFakeOAuthProvider,
} from './fake-oauth-provider.ts';
export { SoftwareAuthenticator } from './software-authenticator.ts';
export { totpCodeAt } from './totp-code.ts';
