'use strict';

const crypto = require('crypto');

function hashPassword(password, salt) {
  return crypto.scryptSync(password, salt, 32).toString('hex');
}

// A fixed in-memory user table; a real deployment reads this from the database.
function createUserStore() {
  const users = new Map();
  for (const [email, password, role] of [
    ['alice@example.com', 'correct horse', 'customer'],
    ['ops@example.com', 'battery staple', 'admin'],
  ]) {
    const salt = crypto.randomBytes(8).toString('hex');
    users.set(email, { email, role, salt, hash: hashPassword(password, salt) });
  }
  return {
    verify(email, password) {
      const user = users.get(String(email).toLowerCase());
      if (!user) return null;
      const given = Buffer.from(hashPassword(String(password), user.salt), 'hex');
      return crypto.timingSafeEqual(given, Buffer.from(user.hash, 'hex')) ? user : null;
    },
    get(email) {
      return users.get(email) || null;
    },
  };
}

module.exports = { createUserStore };
