from dotenv_lite import parse


def test_reference_to_an_earlier_key():
    assert parse("USER=app\nHOME_DIR=/home/${USER}\n")["HOME_DIR"] == "/home/app"


def test_reference_inside_double_quotes():
    assert parse('NAME=world\nGREETING="hello ${NAME}!"\n')["GREETING"] == "hello world!"


def test_reference_falls_back_to_environ():
    assert parse("URL=postgres://${DB_HOST}/app\n", {"DB_HOST": "db"})["URL"] == "postgres://db/app"


def test_earlier_key_wins_over_environ():
    result = parse("DB_HOST=local\nURL=${DB_HOST}:5432\n", {"DB_HOST": "from-env"})
    assert result["URL"] == "local:5432"


def test_unknown_reference_expands_to_empty():
    assert parse("A=x${NOPE}y\n")["A"] == "xy"


def test_default_when_unset():
    assert parse("PORT=${PORT:-8000}\n")["PORT"] == "8000"


def test_default_when_empty():
    assert parse("EMPTY=\nA=${EMPTY:-fallback}\n")["A"] == "fallback"
    assert parse("A=${BLANK:-fallback}\n", {"BLANK": ""})["A"] == "fallback"


def test_default_ignored_when_set():
    assert parse("A=${PORT:-8000}\n", {"PORT": "9000"})["A"] == "9000"


def test_reference_to_a_later_key_is_not_seen():
    assert parse("A=${B}\nB=2\n") == {"A": "", "B": "2"}


def test_single_quoted_values_are_not_interpolated():
    assert parse("NAME=x\nA='${NAME} and ${PORT:-1}'\n") == {"NAME": "x", "A": "${NAME} and ${PORT:-1}"}


def test_expanded_text_is_not_expanded_again():
    assert parse("RAW='${SECRET}'\nA=${RAW}\n", {"SECRET": "s3cr3t"})["A"] == "${SECRET}"


def test_dollar_without_braces_is_literal():
    assert parse("PRICE=$5\n")["PRICE"] == "$5"
