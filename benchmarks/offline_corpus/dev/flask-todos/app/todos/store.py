import itertools


class TodoStore:
    """Todos in memory, keyed by id."""

    def __init__(self):
        self._todos = {}
        self._ids = itertools.count(1)

    def add(self, owner, title, due=None):
        todo = {"id": next(self._ids), "owner": owner, "title": title, "done": False, "due": due}
        self._todos[todo["id"]] = todo
        return todo

    def get(self, todo_id):
        return self._todos.get(todo_id)

    def for_owner(self, owner, done=None):
        todos = [t for t in self._todos.values() if t["owner"] == owner]
        if done is not None:
            todos = [t for t in todos if t["done"] is done]
        return sorted(todos, key=lambda t: t["id"])

    def delete(self, todo_id):
        del self._todos[todo_id]
