'use strict';

const request = require('supertest');
const { createApp } = require('../src/app');
const { createTokenStore, REFRESH_TTL_S } = require('../src/tokens');

function appWithClock() {
  const clock = { t: Date.parse('2024-01-01T00:00:00Z') };
  const tokens = createTokenStore({ now: () => clock.t });
  return { app: createApp({ tokens }), clock };
}

async function login(app, email = 'alice@example.com', password = 'correct horse') {
  return request(app).post('/auth/login').send({ email, password });
}

describe('POST /auth/login', () => {
  test('success: valid credentials return an access and a refresh token', async () => {
    const res = await login(createApp());
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^[0-9a-f]{48}$/);
    expect(res.body.refreshToken).toMatch(/^[0-9a-f]{48}$/);
    expect(res.body.accessToken).not.toBe(res.body.refreshToken);
    expect(res.body.expiresIn).toBe(900);
  });

  test('success: the access token identifies the user on GET /me', async () => {
    const app = createApp();
    const { body } = await login(app);
    const me = await request(app).get('/me').set('Authorization', `Bearer ${body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ email: 'alice@example.com', role: 'customer' });
  });

  test('unauthorized: a wrong password is refused', async () => {
    const res = await login(createApp(), 'alice@example.com', 'wrong');
    expect(res.status).toBe(401);
    expect(res.body.accessToken).toBeUndefined();
  });

  test('unauthorized: an unknown user is refused', async () => {
    const res = await login(createApp(), 'mallory@example.com', 'correct horse');
    expect(res.status).toBe(401);
  });

  test('invalid input: a missing password is a 400', async () => {
    const res = await request(createApp()).post('/auth/login').send({ email: 'alice@example.com' });
    expect(res.status).toBe(400);
  });
});

describe('POST /auth/refresh', () => {
  test('success: a refresh token is exchanged for a new pair', async () => {
    const app = createApp();
    const first = (await login(app)).body;
    const res = await request(app).post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    const me = await request(app).get('/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body.email).toBe('alice@example.com');
  });

  test('forbidden: a refresh token cannot be used twice', async () => {
    const app = createApp();
    const first = (await login(app)).body;
    await request(app).post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    const again = await request(app).post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(again.status).toBe(401);
  });

  test('unauthorized: an expired refresh token is refused', async () => {
    const { app, clock } = appWithClock();
    const first = (await login(app)).body;
    clock.t += REFRESH_TTL_S * 1000 + 1;
    const res = await request(app).post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(res.status).toBe(401);
  });

  test('unauthorized: an unknown refresh token is refused', async () => {
    const res = await request(createApp()).post('/auth/refresh').send({ refreshToken: 'f'.repeat(48) });
    expect(res.status).toBe(401);
  });

  test('invalid input: a missing refresh token is a 400', async () => {
    const res = await request(createApp()).post('/auth/refresh').send({});
    expect(res.status).toBe(400);
  });
});
