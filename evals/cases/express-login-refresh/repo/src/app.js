'use strict';

const express = require('express');
const { createUserStore } = require('./users');
const { createTokenStore } = require('./tokens');

function createApp({ users = createUserStore(), tokens = createTokenStore() } = {}) {
  const app = express();
  app.use(express.json());

  app.post('/auth/login', (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
      return res.status(400).json({ error: 'email and password are required' });
    }
    const user = users.verify(email, password);
    if (!user) {
      return res.status(401).json({ error: 'invalid credentials' });
    }
    return res.status(200).json(tokens.issue(user.email));
  });

  app.post('/auth/refresh', (req, res) => {
    const { refreshToken } = req.body || {};
    if (typeof refreshToken !== 'string' || !refreshToken) {
      return res.status(400).json({ error: 'refreshToken is required' });
    }
    const issued = tokens.rotate(refreshToken);
    if (!issued) {
      return res.status(401).json({ error: 'invalid or expired refresh token' });
    }
    return res.status(200).json(issued);
  });

  app.get('/me', (req, res) => {
    const header = req.get('authorization') || '';
    const email = header.startsWith('Bearer ') ? tokens.whoIs(header.slice(7)) : null;
    if (!email) {
      return res.status(401).json({ error: 'unauthorized' });
    }
    const user = users.get(email);
    return res.json({ email: user.email, role: user.role });
  });

  return app;
}

module.exports = { createApp };
