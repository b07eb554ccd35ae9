'use strict';

const crypto = require('crypto');

const ACCESS_TTL_S = 15 * 60;
const REFRESH_TTL_S = 7 * 24 * 3600;

// Refresh tokens are opaque and single-use: rotating them lets a stolen one be detected.
function createTokenStore({ now = () => Date.now() } = {}) {
  const access = new Map();
  const refresh = new Map();

  function issue(email) {
    const accessToken = crypto.randomBytes(24).toString('hex');
    const refreshToken = crypto.randomBytes(24).toString('hex');
    access.set(accessToken, { email, expiresAt: now() + ACCESS_TTL_S * 1000 });
    refresh.set(refreshToken, { email, expiresAt: now() + REFRESH_TTL_S * 1000, used: false });
    return { accessToken, refreshToken, expiresIn: ACCESS_TTL_S };
  }

  function rotate(refreshToken) {
    const entry = refresh.get(refreshToken);
    if (!entry || entry.used) return null;
    if (entry.expiresAt <= now()) return null;
    entry.used = true;
    return issue(entry.email);
  }

  function whoIs(accessToken) {
    const entry = access.get(accessToken);
    if (!entry || entry.expiresAt <= now()) return null;
    return entry.email;
  }

  return { issue, rotate, whoIs };
}

module.exports = { createTokenStore, ACCESS_TTL_S, REFRESH_TTL_S };
