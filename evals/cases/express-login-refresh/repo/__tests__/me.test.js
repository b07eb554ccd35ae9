'use strict';

const request = require('supertest');
const { createApp } = require('../src/app');

test('GET /me without a token is unauthorized', async () => {
  const res = await request(createApp()).get('/me');
  expect(res.status).toBe(401);
});
