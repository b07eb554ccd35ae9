INSERT INTO user (username, password)
VALUES
  ('test', 'pbkdf2:sha256:10000$BHPbmvfj9f6kwah5$e1964bba27ba44713c39b4b82f784acc2bc71d3d626b0bbef24a63f081b9bfba'),
  ('other', 'pbkdf2:sha256:10000$xoTiVvBJu85Zh3iK$9528234f31001b37347ce669805f729b84742985e7ddc1718daba532c930226a');

INSERT INTO note (title, body, author_id, created, pinned)
VALUES
  ('groceries', 'milk, eggs', 1, '2024-01-01 00:00:00', 0),
  ('secret', 'the other user''s note', 2, '2024-01-02 00:00:00', 0);
