// A local OpenID provider standing in for Pro Santé Connect in libs/oidc's integration test.
//
//   node provider.mjs --redirect-uri URI --client-secret SECRET
//
// Listens on a free loopback port, then prints one line "READY <issuer>" on stdout. It knows:
// - two confidential clients (client_secret_basic, PKCE S256 required, code flow only):
//   "ror" signs its ID tokens with RS256 (as PSC does), "ror-es256" with ES256;
// - one account, a health professional whose national identifier is in SubjectNameID and
//   preferred_username (as PSC puts it), who logs in with acr "eidas1";
// - signing keys generated at start-up, so nothing secret lives in the repository.
// The login and consent pages are plain HTML forms (no JavaScript) that a test can fill in.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    'redirect-uri': { type: 'string' },
    'client-secret': { type: 'string' },
  },
});
if (!args['redirect-uri'] || !args['client-secret']) {
  console.error('usage: node provider.mjs --redirect-uri URI --client-secret SECRET');
  process.exit(2);
}

const ACCOUNT_LOGIN = '899700218896';
const ACCOUNT_PASSWORD = 'e-cps-test';

const accounts = {
  [ACCOUNT_LOGIN]: {
    SubjectNameID: ACCOUNT_LOGIN,
    preferred_username: ACCOUNT_LOGIN,
    given_name: 'Camille',
    family_name: 'Durand',
  },
};

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' },
    { ...ec, kid: `ec-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'ES256' },
  ];
}

function client(clientId, alg) {
  return {
    client_id: clientId,
    client_secret: args['client-secret'],
    redirect_uris: [args['redirect-uri']],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: alg,
  };
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!DOCTYPE html><html><body>${body}</body></html>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 * 1024) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

// The provider's routes, plus /interaction/<uid>[/login|/confirm] for its login and consent.
async function interaction(provider, req, res, match) {
  const [, uid, step] = match;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, 'interaction mismatch');
  const { prompt, params, session } = details;

  if (req.method === 'GET' && !step) {
    if (prompt.name === 'login') {
      return page(res, 200, `<h1>Pro Santé Connect (test)</h1>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <input type="text" name="login" required>
  <input type="password" name="password" required>
  <button type="submit">Se connecter</button>
</form>`);
    }
    if (prompt.name === 'consent') {
      return page(res, 200, `<h1>Autoriser ${escapeHtml(params.client_id)}</h1>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm">
  <button type="submit">Autoriser</button>
</form>`);
    }
    return page(res, 501, `prompt ${escapeHtml(prompt.name)} not handled`);
  }

  if (req.method === 'POST' && step === 'login' && prompt.name === 'login') {
    const form = await readForm(req);
    const login = form.get('login');
    if (!Object.hasOwn(accounts, login) || form.get('password') !== ACCOUNT_PASSWORD) {
      return page(res, 401, 'identifiant ou mot de passe incorrect');
    }
    // PSC authenticates with a CPS card or e-CPS: substantial assurance, acr "eidas1".
    return provider.interactionFinished(req, res, { login: { accountId: login, acr: 'eidas1' } },
      { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && step === 'confirm' && prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } },
      { mergeWithLastSubmission: true });
  }

  return page(res, 400, 'unexpected interaction step');
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  // The issuer names the port, which is known only now.
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [client('ror', 'RS256'), client('ror-es256', 'ES256')],
    jwks: { keys: signingKeys() },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    acrValues: ['eidas1'],
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'preferred_username'],
      scope_all: ['SubjectNameID', 'given_name', 'family_name', 'preferred_username'],
    },
    // The relying party reads the identity from the ID token, not from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, i) => `/interaction/${i.uid}` },
    async findAccount(ctx, id) {
      if (!Object.hasOwn(accounts, id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm))?$/.exec(req.url.split('?')[0]);
    if (!match) return handle(req, res);
    return interaction(provider, req, res, match).catch((err) => {
      console.error('interaction failed:', err);
      if (!res.headersSent) page(res, 500, 'interaction failed');
    });
  });
  console.log(`READY ${issuer}`);
});

// The test kills this process; should the test die first, its orphan ends itself.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 500).unref();
