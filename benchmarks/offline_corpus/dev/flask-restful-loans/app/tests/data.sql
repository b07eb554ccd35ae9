INSERT INTO member (name, email, role, api_key) VALUES
  ('Lena Librarian', 'lena@library.test', 'librarian', 'lib-key'),
  ('Alice Reader', 'alice@example.test', 'member', 'alice-key'),
  ('Bob Reader', 'bob@example.test', 'member', 'bob-key');

INSERT INTO book (isbn, title, author, copies) VALUES
  ('9780141439518', 'Pride and Prejudice', 'Jane Austen', 2),
  ('9780140449136', 'Crime and Punishment', 'Fyodor Dostoevsky', 1),
  ('9780679783268', 'Anna Karenina', 'Leo Tolstoy', 1),
  ('9780486415871', 'Moby-Dick', 'Herman Melville', 1),
  ('9780060850524', 'Brave New World', 'Aldous Huxley', 1);
