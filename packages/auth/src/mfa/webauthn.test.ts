import { isDomainError } from '@sendops/db';
import { describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from '../testing/software-authenticator.ts';
import {
  relyingPartyFor,
  verifyWebAuthnAuthentication,
  verifyWebAuthnRegistration,
  webAuthnAuthenticationOptions,
  webAuthnRegistrationOptions,
} from './webauthn.ts';

const rp = relyingPartyFor('https://app.sendops.test:8443/some/path');
const user = { id: '6f1c1f0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f', email: 'ada@example.com', name: 'Ada' };

async function registered() {
  const authenticator = new SoftwareAuthenticator(rp.id, rp.origin);
  const options = await webAuthnRegistrationOptions({ rp, user, existing: [] });
  const key = await verifyWebAuthnRegistration({
    rp,
    response: authenticator.register(options),
    expectedChallenge: options.challenge,
  });
  return { authenticator, key };
}

describe('WebAuthn (software authenticator, full verification)', () => {
  it('derives the relying party from the public URL', () => {
    expect(rp).toEqual({ id: 'app.sendops.test', name: 'SendOps', origin: 'https://app.sendops.test:8443' });
  });

  it('offers creation options for this relying party and excludes keys already registered', async () => {
    const options = await webAuthnRegistrationOptions({
      rp,
      user,
      existing: [{ credentialId: 'AAAA', transports: ['usb'] }],
    });
    expect(options.rp).toEqual({ id: 'app.sendops.test', name: 'SendOps' });
    expect(options.user.name).toBe('ada@example.com');
    expect(options.attestation).toBe('none');
    expect(options.excludeCredentials).toEqual([{ id: 'AAAA', type: 'public-key', transports: ['usb'] }]);
    expect(options.challenge.length).toBeGreaterThanOrEqual(32);
  });

  it('registers a key, then verifies its assertions with an increasing counter', async () => {
    const { authenticator, key } = await registered();
    expect(key.credentialId).toBe(authenticator.id);
    expect(key.counter).toBe(0);
    expect(key.transports).toEqual(['usb']);

    const options = await webAuthnAuthenticationOptions({ rp, keys: [key] });
    expect(options.allowCredentials).toEqual([
      { id: key.credentialId, type: 'public-key', transports: ['usb'] },
    ]);
    const counter = await verifyWebAuthnAuthentication({
      rp,
      response: authenticator.authenticate(options),
      expectedChallenge: options.challenge,
      key,
    });
    expect(counter).toBe(1);
  });

  it('refuses a registration for another challenge or origin', async () => {
    const authenticator = new SoftwareAuthenticator(rp.id, rp.origin);
    const options = await webAuthnRegistrationOptions({ rp, user, existing: [] });
    const other = await webAuthnRegistrationOptions({ rp, user, existing: [] });
    const attempt = (response: ReturnType<SoftwareAuthenticator['register']>, challenge: string) =>
      verifyWebAuthnRegistration({ rp, response, expectedChallenge: challenge }).catch((e: unknown) => e);
    expect(isDomainError(await attempt(authenticator.register(options), other.challenge), 'invalid')).toBe(
      true,
    );
    const phished = authenticator.register(options, { origin: 'https://sendops-login.example' });
    expect(isDomainError(await attempt(phished, options.challenge), 'invalid')).toBe(true);
  });

  it('refuses an assertion signed by another key, for another challenge, or with a replayed counter', async () => {
    const { authenticator, key } = await registered();
    const options = await webAuthnAuthenticationOptions({ rp, keys: [key] });
    const verify = (response: ReturnType<SoftwareAuthenticator['authenticate']>, storedCounter = 0) =>
      verifyWebAuthnAuthentication({
        rp,
        response,
        expectedChallenge: options.challenge,
        key: { ...key, counter: storedCounter },
      }).catch((e: unknown) => e);

    const impostor = new SoftwareAuthenticator(rp.id, rp.origin);
    const forged = { ...impostor.authenticate(options), id: key.credentialId, rawId: key.credentialId };
    expect(isDomainError(await verify(forged), 'invalid')).toBe(true);

    const otherChallenge = await webAuthnAuthenticationOptions({ rp, keys: [key] });
    expect(isDomainError(await verify(authenticator.authenticate(otherChallenge)), 'invalid')).toBe(true);

    const response = authenticator.authenticate(options); // counter 2 (one used above)
    expect(await verify(response, 0)).toBe(2);
    expect(isDomainError(await verify(response, 2), 'invalid')).toBe(true);
  });
});
