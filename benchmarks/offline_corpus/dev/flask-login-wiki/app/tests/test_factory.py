from wiki import create_app
from wiki.extensions import db
from wiki.models import User, slugify


def test_config(tmp_path):
    assert not create_app().testing
    assert create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"}).testing


def test_config_from_environment(monkeypatch):
    monkeypatch.setenv("WIKI_SECRET_KEY", "from-env")
    monkeypatch.setenv("WIKI_PAGES_PER_PAGE", "7")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["PAGES_PER_PAGE"] == 7


def test_init_db_command(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.sqlite'}"})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "Initialized the database." in result.output
    with app.app_context():
        assert db.session.query(User).count() == 0


def test_make_admin_command(runner, query):
    result = runner.invoke(args=["make-admin", "bob"])
    assert result.exit_code == 0
    assert "bob is now an admin." in result.output
    assert query(lambda s: s.query(User).filter_by(username="bob").one().is_admin) is True


def test_make_admin_unknown_user(runner):
    result = runner.invoke(args=["make-admin", "nobody"])
    assert result.exit_code == 1
    assert "no user named 'nobody'" in result.output


def test_slugify():
    assert slugify("Getting Started") == "getting-started"
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  C++ -- tips & tricks  ") == "c-tips-tricks"
    assert slugify("Ünïcode") == "n-code"
    assert slugify("!!!") == ""
