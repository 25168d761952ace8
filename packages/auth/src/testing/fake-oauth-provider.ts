import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthEndpoints } from '../oauth/oauth-providers.ts';

/** The account the fake provider signs in as (the user "consenting" on its authorize page). */
export interface FakeOAuthAccount {
  id: string;
  login: string;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
  avatarUrl: string | null;
}

export interface FakeOAuthProvider {
  endpoints: OAuthEndpoints;
  /** Who approves the next authorization. */
  account: FakeOAuthAccount;
  /** Follows an authorization URL like a browser whose user consents: returns the callback URL. */
  approve(authorizationUrl: string): Promise<URL>;
  /** Requests the fake received, to check what our side sent. */
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  account: FakeOAuthAccount;
}

/**
 * A local stand-in for GitHub's or Google's OAuth endpoints with the payload shapes of their docs:
 * GitHub https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps,
 * /user and /user/emails (REST users API); Google's token endpoint and OpenID Connect userinfo
 * (https://developers.google.com/identity/openid-connect/openid-connect). It checks what a real
 * provider checks: client credentials, redirect URI, one-time code, PKCE verifier, bearer token.
 */
export async function startFakeOAuthProvider(
  kind: 'github' | 'google',
  client: { clientId: string; clientSecret: string },
): Promise<FakeOAuthProvider> {
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, FakeOAuthAccount>();
  const requests: FakeOAuthProvider['requests'] = [];
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let baseUrl = '';

  const fake: FakeOAuthProvider = {
    endpoints: { authorization: '', token: '', profile: '' },
    account: {
      id: '1',
      login: 'octocat',
      name: 'The Octocat',
      email: 'octocat@example.com',
      emailVerified: true,
      avatarUrl: null,
    },
    requests,
    async approve(authorizationUrl) {
      const response = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location)
        throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
      return new URL(location);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
    try {
      route(req, res, url, body);
    } catch (error) {
      json(res, 500, { message: (error as Error).message });
    }
  });

  function route(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/authorize') return authorize(res, url);
    if (req.method === 'POST' && path === '/token') return token(req, res, new URLSearchParams(body));
    const account = bearer(req);
    if (kind === 'github' && req.method === 'GET' && path === '/api/user') {
      if (!account)
        return json(res, 401, {
          message: 'Requires authentication',
          documentation_url: 'https://docs.github.com/rest',
        });
      return json(res, 200, githubUser(account));
    }
    if (kind === 'github' && req.method === 'GET' && path === '/api/user/emails') {
      if (!account) return json(res, 401, { message: 'Requires authentication' });
      return json(res, 200, githubEmails(account));
    }
    if (kind === 'google' && req.method === 'GET' && path === '/v1/userinfo') {
      if (!account)
        return json(res, 401, { error: 'invalid_request', error_description: 'Invalid Credentials' });
      return json(res, 200, googleUserinfo(account));
    }
    json(res, 404, { message: 'Not Found' });
  }

  function authorize(res: ServerResponse, url: URL) {
    const params = url.searchParams;
    if (params.get('client_id') !== client.clientId || params.get('response_type') !== 'code') {
      return json(res, 400, { error: 'invalid_request' });
    }
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri)
      return json(res, 400, { error: 'invalid_request', error_description: 'redirect_uri missing' });
    if (params.get('code_challenge') && params.get('code_challenge_method') !== 'S256') {
      return json(res, 400, { error: 'invalid_request', error_description: 'only S256' });
    }
    const code = randomBytes(10).toString('hex');
    grants.set(code, {
      clientId: client.clientId,
      redirectUri,
      codeChallenge: params.get('code_challenge'),
      account: { ...fake.account },
    });
    const callback = new URL(redirectUri);
    callback.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) callback.searchParams.set('state', state);
    res.writeHead(302, { location: callback.toString() }).end();
  }

  function token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    const [id, secret] = basicCredentials(req) ?? [form.get('client_id'), form.get('client_secret')];
    if (id !== client.clientId || secret !== client.clientSecret) {
      return oauthError(
        res,
        401,
        'invalid_client',
        'The client_id and/or client_secret passed are incorrect.',
      );
    }
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // one-time, even when the rest is wrong
    if (form.get('grant_type') !== 'authorization_code' || !grant) {
      return oauthError(
        res,
        400,
        kind === 'github' ? 'bad_verification_code' : 'invalid_grant',
        'The code passed is incorrect or expired.',
      );
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
      return oauthError(
        res,
        400,
        kind === 'github' ? 'redirect_uri_mismatch' : 'invalid_grant',
        'redirect_uri mismatch',
      );
    }
    if (grant.codeChallenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
        return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
    }
    const accessToken = `${kind === 'github' ? 'gho_' : 'ya29.'}${randomBytes(18).toString('base64url')}`;
    tokens.set(accessToken, grant.account);
    if (kind === 'github') {
      return json(res, 200, {
        access_token: accessToken,
        scope: 'read:user,user:email',
        token_type: 'bearer',
      });
    }
    json(res, 200, {
      access_token: accessToken,
      expires_in: 3599,
      scope:
        'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile',
      token_type: 'Bearer',
      id_token: idToken(grant.account),
    });
  }

  // GitHub answers token errors with 200 and an error body; Google with 400/401 (RFC 6749 5.2).
  function oauthError(res: ServerResponse, status: number, error: string, description: string) {
    json(res, kind === 'github' ? 200 : status, { error, error_description: description });
  }

  function bearer(req: IncomingMessage): FakeOAuthAccount | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^(?:Bearer|token) (.+)$/i.exec(header);
    return match ? tokens.get(match[1]!) : undefined;
  }

  function idToken(account: FakeOAuthAccount): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', kid: 'fake', typ: 'JWT' })}.${encode({
      iss: 'https://accounts.google.com',
      azp: client.clientId,
      aud: client.clientId,
      sub: account.id,
      email: account.email,
      email_verified: account.emailVerified,
      name: account.name,
      picture: account.avatarUrl,
      iat: now,
      exp: now + 3600,
    })}`;
    return `${unsigned}.${sign('sha256', Buffer.from(unsigned), signingKey).toString('base64url')}`;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.endpoints =
    kind === 'github'
      ? { authorization: `${baseUrl}/authorize`, token: `${baseUrl}/token`, profile: `${baseUrl}/api` }
      : {
          authorization: `${baseUrl}/authorize`,
          token: `${baseUrl}/token`,
          profile: `${baseUrl}/v1/userinfo`,
        };
  return fake;
}

function githubUser(account: FakeOAuthAccount) {
  return {
    login: account.login,
    id: Number(account.id),
    node_id: `MDQ6VXNlcj${account.id}`,
    avatar_url: account.avatarUrl ?? `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url: `https://api.github.com/users/${account.login}`,
    html_url: `https://github.com/${account.login}`,
    type: 'User',
    site_admin: false,
    name: account.name,
    company: null,
    blog: '',
    location: null,
    // Only the public email: null when the user keeps it private.
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 2,
    public_gists: 1,
    followers: 20,
    following: 0,
    created_at: '2008-01-14T04:33:35Z',
    updated_at: '2008-01-14T04:33:35Z',
  };
}

function githubEmails(account: FakeOAuthAccount) {
  const emails = [
    {
      email: `${account.id}+${account.login}@users.noreply.github.com`,
      verified: true,
      primary: false,
      visibility: null,
    },
  ];
  if (account.email) {
    emails.unshift({
      email: account.email,
      verified: account.emailVerified,
      primary: true,
      visibility: 'private' as never,
    });
  }
  return emails;
}

function googleUserinfo(account: FakeOAuthAccount) {
  const [given, ...family] = (account.name ?? '').split(' ');
  return {
    sub: account.id,
    name: account.name,
    given_name: given,
    family_name: family.join(' '),
    picture: account.avatarUrl ?? 'https://lh3.googleusercontent.com/a/default-user=s96-c',
    email: account.email,
    email_verified: account.emailVerified,
  };
}

function basicCredentials(req: IncomingMessage): [string, string] | undefined {
  const match = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
