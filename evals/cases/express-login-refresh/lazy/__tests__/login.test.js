'use strict';

const request = require('supertest');
const { createApp } = require('../src/app');

test('login works', async () => {
  const res = await request(createApp()).post('/auth/login').send({ email: 'alice@example.com', password: 'correct horse' });
  expect(res.status).toBeLessThan(500);
});
