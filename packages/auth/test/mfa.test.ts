import { randomBytes } from 'node:crypto';
import { isDomainError } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mfaMethodsOf } from '../src/accounts/sign-in.ts';
import { hasMfa } from '../src/me/get-me.ts';
import type { MfaContext, MfaUser } from '../src/mfa/mfa-context.ts';
import {
  listMfaCredentials,
  regenerateRecoveryCodes,
  removeMfaCredential,
  renameMfaCredential,
} from '../src/mfa/mfa-credentials.ts';
import { assertMfaCompliance, mfaSetupDeadline } from '../src/mfa/mfa-enforcement.ts';
import { countUnusedRecoveryCodes } from '../src/mfa/recovery-code-store.ts';
import {
  signInWithRecoveryCode,
  signInWithTotp,
  signInWithWebAuthn,
  startWebAuthnSignIn,
} from '../src/mfa/sign-in-challenge.ts';
import { confirmTotpSetup, startTotpSetup } from '../src/mfa/totp-enrolment.ts';
import { relyingPartyFor } from '../src/mfa/webauthn.ts';
import { finishWebAuthnRegistration, startWebAuthnRegistration } from '../src/mfa/webauthn-enrolment.ts';
import { createSession } from '../src/sessions/create-session.ts';
import { SoftwareAuthenticator } from '../src/testing/software-authenticator.ts';

// Every instant is fixed; TOTP codes are computed by otpauth for it, never read from the wall clock.
const T0 = new Date('2026-03-02T09:00:05Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeFor = (secret: string, when: Date) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: when.getTime() });

let test: TestDatabase;
let ctx: MfaContext;
beforeAll(async () => {
  test = await createTestDatabase();
  ctx = { db: test.db, secretKey: randomBytes(32), rp: relyingPartyFor('https://app.sendops.test') };
});
afterAll(async () => {
  await test?.destroy();
});

async function newUser(): Promise<MfaUser> {
  const email = `user-${randomBytes(6).toString('hex')}@example.com`;
  return test.db
    .insertInto('users')
    .values({ name: 'Ada Lovelace', email })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}

async function enrolTotp(user: MfaUser, when = T0) {
  const setup = await startTotpSetup(ctx, user, when);
  const added = await confirmTotpSetup(
    ctx,
    user,
    { setupId: setup.setupId, code: codeFor(setup.secret, when), name: ' Work phone ' },
    when,
  );
  return { setup, ...added };
}

const pendingSession = async (user: MfaUser) =>
  (await createSession(test.db, user.id, 'mfa_pending')).session;
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('authenticator app enrolment', () => {
  it('shows a QR code and the manual secret, keeps the secret encrypted, returns ten codes for the first method', async () => {
    const user = await newUser();
    const setup = await startTotpSetup(ctx, user, T0);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const pending = await test.db
      .selectFrom('mfa_challenges')
      .selectAll()
      .where('id', '=', setup.setupId)
      .executeTakeFirstOrThrow();
    expect(pending.totp_secret_encrypted).not.toContain(setup.secret);

    const added = await confirmTotpSetup(
      ctx,
      user,
      { setupId: setup.setupId, code: codeFor(setup.secret, T0), name: ' Work phone ' },
      T0,
    );
    expect(added.credential).toMatchObject({ type: 'totp', name: 'Work phone', lastUsedAt: null });
    expect(added.recoveryCodes).toHaveLength(10);
    expect(await countUnusedRecoveryCodes(test.db, user.id)).toBe(10);
    const stored = await test.db
      .selectFrom('mfa_credentials')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_encrypted).not.toContain(setup.secret);
    expect(await hasMfa(test.db, user.id)).toBe(true);
    // The setup is consumed: it cannot add a second credential.
    const again = await rejection(
      confirmTotpSetup(
        ctx,
        user,
        { setupId: setup.setupId, code: codeFor(setup.secret, at(30)), name: 'x' },
        at(30),
      ),
    );
    expect(isDomainError(again, 'invalid')).toBe(true);
  });

  it('keeps the setup after a wrong code, refuses an expired setup, and gives no codes for a second method', async () => {
    const user = await newUser();
    await enrolTotp(user);
    const setup = await startTotpSetup(ctx, user, at(60));
    const wrong = await rejection(
      confirmTotpSetup(ctx, user, { setupId: setup.setupId, code: '000000', name: 'Tablet' }, at(60)),
    );
    expect(isDomainError(wrong, 'invalid')).toBe(true);
    const second = await confirmTotpSetup(
      ctx,
      user,
      { setupId: setup.setupId, code: codeFor(setup.secret, at(60)), name: 'Tablet' },
      at(60),
    );
    expect(second.recoveryCodes).toBeNull();

    const late = await startTotpSetup(ctx, user, at(120));
    const expired = await rejection(
      confirmTotpSetup(
        ctx,
        user,
        { setupId: late.setupId, code: codeFor(late.secret, at(720)), name: 'Late' },
        at(720),
      ),
    );
    expect(isDomainError(expired, 'invalid')).toBe(true);
    expect((await listMfaCredentials(test.db, user.id)).map((c) => c.name)).toEqual(['Work phone', 'Tablet']);
  });

  it("does not confirm another user's setup", async () => {
    const owner = await newUser();
    const other = await newUser();
    const setup = await startTotpSetup(ctx, owner, T0);
    const stolen = await rejection(
      confirmTotpSetup(
        ctx,
        other,
        { setupId: setup.setupId, code: codeFor(setup.secret, T0), name: 'x' },
        T0,
      ),
    );
    expect(isDomainError(stolen, 'invalid')).toBe(true);
  });
});

describe('security key enrolment (software authenticator)', () => {
  it('registers a key through the full attestation check and returns recovery codes when it is the first method', async () => {
    const user = await newUser();
    const key = new SoftwareAuthenticator(ctx.rp.id, ctx.rp.origin);
    const options = await startWebAuthnRegistration(ctx, user, T0);
    const added = await finishWebAuthnRegistration(
      ctx,
      user,
      { response: key.register(options), name: 'Office YubiKey' },
      T0,
    );
    expect(added.credential).toMatchObject({ type: 'webauthn', name: 'Office YubiKey' });
    expect(added.recoveryCodes).toHaveLength(10);

    // Registering the same key again is excluded by the options and refused by the server.
    const again = await startWebAuthnRegistration(ctx, user, at(10));
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([key.id]);
    const duplicate = await rejection(
      finishWebAuthnRegistration(ctx, user, { response: key.register(again), name: 'Again' }, at(10)),
    );
    expect(isDomainError(duplicate, 'conflict')).toBe(true);
  });

  it('refuses an answer to another challenge and consumes the challenge either way', async () => {
    const user = await newUser();
    const key = new SoftwareAuthenticator(ctx.rp.id, ctx.rp.origin);
    await startWebAuthnRegistration(ctx, user, T0);
    const forged = key.register({ challenge: Buffer.from('not the challenge').toString('base64url') });
    expect(
      isDomainError(
        await rejection(finishWebAuthnRegistration(ctx, user, { response: forged, name: 'K' }, T0)),
        'invalid',
      ),
    ).toBe(true);
    const options = await startWebAuthnRegistration(ctx, user, T0);
    const response = key.register(options);
    await finishWebAuthnRegistration(ctx, user, { response, name: 'K' }, T0);
    expect(
      isDomainError(
        await rejection(finishWebAuthnRegistration(ctx, user, { response, name: 'K2' }, T0)),
        'invalid',
      ),
    ).toBe(true);
  });
});

describe('sign-in challenge', () => {
  it('promotes the pending session after a TOTP code, and never accepts the same code twice', async () => {
    const user = await newUser();
    const { setup } = await enrolTotp(user);
    const when = at(90);
    const code = codeFor(setup.secret, when);

    const pending = await pendingSession(user);
    const issued = await signInWithTotp(ctx, pending, code, {}, when);
    expect(issued.session).toMatchObject({ user_id: user.id, stage: 'active' });
    expect(issued.session.id).not.toBe(pending.id);
    expect(
      await test.db.selectFrom('sessions').select('id').where('id', '=', pending.id).executeTakeFirst(),
    ).toBeUndefined();

    const replay = await rejection(signInWithTotp(ctx, await pendingSession(user), code, {}, when));
    expect(isDomainError(replay, 'invalid')).toBe(true);
    const wrong = await rejection(signInWithTotp(ctx, await pendingSession(user), '123456', {}, at(150)));
    expect(isDomainError(wrong, 'invalid')).toBe(true);
    const [credential] = await listMfaCredentials(test.db, user.id);
    expect(credential?.lastUsedAt).toEqual(when);
  });

  it('treats an app sealed under another secret key as not matching (recovery codes still work)', async () => {
    const user = await newUser();
    const { setup, recoveryCodes } = await enrolTotp(user);
    const rotated = { ...ctx, secretKey: randomBytes(32) };
    const error = await rejection(
      signInWithTotp(rotated, await pendingSession(user), codeFor(setup.secret, at(30)), {}, at(30)),
    );
    expect(isDomainError(error, 'invalid')).toBe(true);
    const issued = await signInWithRecoveryCode(
      rotated,
      await pendingSession(user),
      recoveryCodes![0]!,
      {},
      at(30),
    );
    expect(issued.session.stage).toBe('active');
  });

  it('refuses to promote a session that is already active', async () => {
    const user = await newUser();
    const { setup } = await enrolTotp(user);
    const active = (await createSession(test.db, user.id, 'active')).session;
    const error = await rejection(signInWithTotp(ctx, active, codeFor(setup.secret, at(60)), {}, at(60)));
    expect(isDomainError(error, 'conflict')).toBe(true);
  });

  it('accepts each recovery code once', async () => {
    const user = await newUser();
    const { recoveryCodes } = await enrolTotp(user);
    const [first, second] = recoveryCodes!;
    const issued = await signInWithRecoveryCode(
      ctx,
      await pendingSession(user),
      first!.toUpperCase(),
      {},
      T0,
    );
    expect(issued.session.stage).toBe('active');
    expect(await countUnusedRecoveryCodes(test.db, user.id)).toBe(9);
    const reused = await rejection(signInWithRecoveryCode(ctx, await pendingSession(user), first!, {}, T0));
    expect(isDomainError(reused, 'invalid')).toBe(true);
    const other = await newUser();
    await enrolTotp(other);
    const foreign = await rejection(
      signInWithRecoveryCode(ctx, await pendingSession(other), second!, {}, T0),
    );
    expect(isDomainError(foreign, 'invalid')).toBe(true);
    expect(
      (await signInWithRecoveryCode(ctx, await pendingSession(user), second!, {}, T0)).session.stage,
    ).toBe('active');
  });

  it("verifies a security key assertion for this session's challenge and tracks its counter", async () => {
    const user = await newUser();
    const key = new SoftwareAuthenticator(ctx.rp.id, ctx.rp.origin);
    const registration = await startWebAuthnRegistration(ctx, user, T0);
    await finishWebAuthnRegistration(ctx, user, { response: key.register(registration), name: 'Key' }, T0);
    expect(await mfaMethodsOf(test.db, user.id)).toEqual(['webauthn', 'recovery_code']);

    const pending = await pendingSession(user);
    const options = await startWebAuthnSignIn(ctx, pending, at(5));
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    const response = key.authenticate(options);
    const issued = await signInWithWebAuthn(ctx, pending, response, {}, at(5));
    expect(issued.session.stage).toBe('active');
    const stored = await test.db
      .selectFrom('mfa_credentials')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.webauthn_counter)).toBe(1);

    // The same signed answer cannot open another pending session (different challenge).
    const next = await pendingSession(user);
    await startWebAuthnSignIn(ctx, next, at(10));
    expect(
      isDomainError(await rejection(signInWithWebAuthn(ctx, next, response, {}, at(10))), 'invalid'),
    ).toBe(true);
    // A challenge issued to one pending session is useless for another.
    const first = await pendingSession(user);
    const second = await pendingSession(user);
    const firstOptions = await startWebAuthnSignIn(ctx, first, at(20));
    const error = await rejection(
      signInWithWebAuthn(ctx, second, key.authenticate(firstOptions), {}, at(20)),
    );
    expect(isDomainError(error, 'invalid')).toBe(true);
  });
});

describe('managing credentials', () => {
  it('renames, and removing the last credential turns MFA off with its recovery codes', async () => {
    const user = await newUser();
    const { credential } = await enrolTotp(user);
    expect((await renameMfaCredential(test.db, user.id, credential.id, 'Personal phone')).name).toBe(
      'Personal phone',
    );
    expect(
      isDomainError(await rejection(renameMfaCredential(test.db, user.id, credential.id, ' ')), 'invalid'),
    ).toBe(true);
    const other = await newUser();
    expect(
      isDomainError(
        await rejection(renameMfaCredential(test.db, other.id, credential.id, 'Mine')),
        'not_found',
      ),
    ).toBe(true);
    expect(
      isDomainError(await rejection(removeMfaCredential(test.db, other.id, credential.id)), 'not_found'),
    ).toBe(true);
    expect(
      isDomainError(await rejection(removeMfaCredential(test.db, user.id, 'not-a-uuid')), 'not_found'),
    ).toBe(true);

    expect(await removeMfaCredential(test.db, user.id, credential.id)).toEqual({ mfaEnabled: false });
    expect(await hasMfa(test.db, user.id)).toBe(false);
    expect(await countUnusedRecoveryCodes(test.db, user.id)).toBe(0);
    expect(await mfaMethodsOf(test.db, user.id)).toEqual([]);
  });

  it('regenerating recovery codes invalidates the previous set', async () => {
    const user = await newUser();
    const { recoveryCodes: old } = await enrolTotp(user);
    const fresh = await regenerateRecoveryCodes(test.db, user.id);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => old!.includes(code))).toBe(false);
    expect(
      isDomainError(
        await rejection(signInWithRecoveryCode(ctx, await pendingSession(user), old![0]!, {}, T0)),
        'invalid',
      ),
    ).toBe(true);
    expect(
      (await signInWithRecoveryCode(ctx, await pendingSession(user), fresh[0]!, {}, T0)).session.stage,
    ).toBe('active');
    const without = await newUser();
    expect(isDomainError(await rejection(regenerateRecoveryCodes(test.db, without.id)), 'conflict')).toBe(
      true,
    );
  });
});

describe('organization MFA enforcement', () => {
  const enforcedAt = new Date('2026-03-01T00:00:00Z');
  const organization = { name: 'Acme', mfa_enforced_at: enforcedAt };

  it('gives members without MFA seven days from enforcement', () => {
    expect(mfaSetupDeadline(null, false)).toBeNull();
    expect(mfaSetupDeadline(enforcedAt, true)).toBeNull();
    expect(mfaSetupDeadline(enforcedAt, false)).toEqual(new Date('2026-03-08T00:00:00Z'));
  });

  it('lets a member without MFA in during the grace period and refuses them with mfa_required after it', async () => {
    const user = await newUser();
    await assertMfaCompliance(test.db, organization, user.id, new Date('2026-03-07T23:59:59Z'));
    const blocked = await rejection(
      assertMfaCompliance(test.db, organization, user.id, new Date('2026-03-08T00:00:00Z')),
    );
    expect(isDomainError(blocked, 'mfa_required')).toBe(true);
    await assertMfaCompliance(
      test.db,
      { ...organization, mfa_enforced_at: null },
      user.id,
      new Date('2027-01-01T00:00:00Z'),
    );

    await enrolTotp(user);
    await assertMfaCompliance(test.db, organization, user.id, new Date('2026-04-01T00:00:00Z'));
  });
});
