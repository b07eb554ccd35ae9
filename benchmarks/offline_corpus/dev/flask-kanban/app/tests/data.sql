INSERT INTO user (username, password) VALUES
  ('alice', 'pbkdf2:sha256:1$PdbTFK1d$106590b8f5f851d955a307a26a9d0d1892ead408ebd0ba2fcb47c3791680c0e4'),
  ('bob', 'pbkdf2:sha256:1$PdbTFK1d$106590b8f5f851d955a307a26a9d0d1892ead408ebd0ba2fcb47c3791680c0e4'),
  ('carol', 'pbkdf2:sha256:1$PdbTFK1d$106590b8f5f851d955a307a26a9d0d1892ead408ebd0ba2fcb47c3791680c0e4');

INSERT INTO board (name, owner_id) VALUES ('Launch', 1), ('Carol private', 3);
INSERT INTO member (board_id, user_id) VALUES (1, 1), (1, 2), (2, 3);
INSERT INTO wip_limit (board_id, column_name, max_cards) VALUES (1, 'doing', 2);

INSERT INTO card (board_id, title, column_name, author_id) VALUES
  (1, 'Write docs', 'todo', 1),
  (1, 'Fix login', 'doing', 2),
  (1, 'Ship beta', 'done', 1),
  (2, 'Secret plan', 'todo', 3);
