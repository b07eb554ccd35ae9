INSERT INTO user (username, password, is_moderator)
VALUES
  ('test', 'pbkdf2:sha256:50000$zEA3YmkFj2nKwphj$2150b8fed0deadf3932b48ea146327b7191aa6f942ade03a04b9120ca918f613', 0),
  ('other', 'pbkdf2:sha256:50000$iOweWaZoRXcDO4sL$a783172fb919f4620ffc6667d1bd7c36129b79870102c618966440f0e67792d1', 0),
  ('mod', 'pbkdf2:sha256:50000$jAlr3cijJuqNw5rq$5d3c2c8df12f37240ba7eed86e23dd573a2a2b2e018b3c095ceb5b62442fc94d', 1);

INSERT INTO board (slug, name, description)
VALUES
  ('general', 'General', 'Anything goes.'),
  ('help', 'Help', 'Ask the community.');

INSERT INTO thread (board_id, author_id, title, locked, created)
VALUES
  (1, 1, 'Hello everyone', 0, '2024-01-01 10:00:00'),
  (1, 3, 'Forum rules', 1, '2024-01-01 09:00:00');

INSERT INTO post (thread_id, author_id, body, created)
VALUES
  (1, 1, 'First post, hello!', '2024-01-01 10:00:00'),
  (1, 2, 'Welcome aboard.', '2024-01-01 10:05:00'),
  (2, 3, 'Be kind.', '2024-01-01 09:00:00');
