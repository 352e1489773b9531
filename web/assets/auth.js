// Sign-in through Cognito's hosted UI outside the local stage: the OAuth 2.0 authorization code
// flow with PKCE (S256), done by hand with Web Crypto. `/assets/config.json` (written into the
// bucket by the CDK app) names the pool's domain and the app client; the local stage has none
// (404), and the sign-in page shows its picker of demo users instead.

import { signIn, signOut } from './api.js';

const FLOW_KEY = 'cocrea.oauth'; // sessionStorage: {verifier, state, next} of the sign-in under way

let configLoad = null;

/** The hosted UI's settings ({domain, client_id, scopes}), or null where there is none. */
export function authConfig() {
  configLoad ??= (async () => {
    try {
      const response = await fetch('/assets/config.json', { headers: { Accept: 'application/json' } });
      if (!response.ok) return null;
      const auth = (await response.json())?.auth;
      if (!auth || typeof auth.client_id !== 'string' || !auth.client_id) return null;
      const domain = new URL(auth.domain);
      if (domain.protocol !== 'https:') return null;
      const scopes = Array.isArray(auth.scopes) && auth.scopes.length ? auth.scopes : ['openid', 'email', 'profile'];
      return { domain: domain.origin, client_id: auth.client_id, scopes };
    } catch {
      return null;
    }
  })();
  return configLoad;
}

/** Why a sign-in could not be completed: `state`, `token` or `denied`. */
export class SignInError extends Error {
  constructor(reason, detail = '') {
    super(detail || reason);
    this.reason = reason;
  }
}

function base64url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomText = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

const redirectUri = () => `${location.origin}/`;

/** A portal path to come back to after signing in: only this portal's own pages. */
export const safeNext = (next) => (next && next.startsWith('/?') ? next : '/');

/** Leaves for the hosted UI; the browser comes back to `/?code=...&state=...`. */
export async function beginSignIn(config, next) {
  const verifier = randomText(32); // 43 characters, within RFC 7636's 43 to 128
  const state = randomText(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(FLOW_KEY, JSON.stringify({ verifier, state, next: safeNext(next) }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.client_id,
    redirect_uri: redirectUri(),
    scope: config.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  // Replace, not push: "back" from the hosted UI returns to the page before sign-in, not to a
  // sign-in page that would leave again at once.
  location.replace(`${config.domain}/oauth2/authorize?${query}`);
}

/** Whether this URL is the hosted UI sending the browser back (with a code or an error). */
export const isCallback = (params) => !params.has('view') && (params.has('code') || params.has('error'));

/**
 * Completes a sign-in from the callback's query: checks the state, trades the code (with the
 * verifier) for tokens and keeps the ID token, which the API verifies. Returns the page to go to;
 * throws a SignInError, having stored no token, when anything does not match.
 */
export async function finishSignIn(params) {
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(FLOW_KEY) || 'null');
  } catch {
    pending = null;
  }
  sessionStorage.removeItem(FLOW_KEY); // a code and its verifier are used once, whatever happens
  if (params.has('error')) throw new SignInError('denied', params.get('error_description') || params.get('error'));
  const state = params.get('state');
  if (!pending?.state || !pending.verifier || !state || state !== pending.state) throw new SignInError('state');
  const config = await authConfig();
  if (!config) throw new SignInError('token');
  let tokens;
  try {
    const response = await fetch(`${config.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.client_id,
        code: params.get('code') || '',
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
      }),
    });
    tokens = response.ok ? await response.json() : null;
  } catch {
    tokens = null;
  }
  if (typeof tokens?.id_token !== 'string' || tokens.id_token.split('.').length !== 3) throw new SignInError('token');
  signIn(tokens.id_token);
  return safeNext(pending.next);
}

/** Forgets the session here and, where the hosted UI is configured, there too. */
export async function signOutEverywhere() {
  signOut();
  sessionStorage.removeItem(FLOW_KEY);
  const config = await authConfig();
  if (!config) return false;
  const query = new URLSearchParams({ client_id: config.client_id, logout_uri: redirectUri() });
  location.assign(`${config.domain}/logout?${query}`);
  return true;
}

// The last sign-in that failed, shown once by the sign-in page.
let problem = null;

export function rememberProblem(error) {
  problem = error instanceof SignInError ? error.reason : 'token';
}

export function takeProblem() {
  const reason = problem;
  problem = null;
  return reason;
}
