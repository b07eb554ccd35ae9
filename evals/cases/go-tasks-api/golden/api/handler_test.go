package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const testKey = "s3cret-key"

func do(t *testing.T, h http.Handler, method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for name, value := range headers {
		req.Header.Set(name, value)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func writeHeaders() map[string]string {
	return map[string]string{"X-API-Key": testKey, "Content-Type": "application/json"}
}

func decodeTask(t *testing.T, rec *httptest.ResponseRecorder) Task {
	t.Helper()
	var task Task
	if err := json.Unmarshal(rec.Body.Bytes(), &task); err != nil {
		t.Fatalf("response is not a task: %v: %s", err, rec.Body.String())
	}
	return task
}

func create(t *testing.T, h http.Handler, body string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, http.MethodPost, "/tasks", body, writeHeaders())
}

func TestCreateReturns201WithTheStoredTask(t *testing.T) {
	h := NewHandler(testKey)
	rec := create(t, h, `{"title": "  write tests  ", "priority": 3}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d, want 201: %s", rec.Code, rec.Body.String())
	}
	task := decodeTask(t, rec)
	if task.ID != 1 || task.Title != "write tests" || task.Priority != 3 || task.Done {
		t.Fatalf("created task = %+v", task)
	}
	if got := rec.Header().Get("Location"); got != "/tasks/1" {
		t.Errorf("Location = %q, want /tasks/1", got)
	}
	if got := rec.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
}

func TestCreatedTaskIsStoredAndReadable(t *testing.T) {
	h := NewHandler(testKey)
	create(t, h, `{"title": "first", "priority": 1}`)
	create(t, h, `{"title": "second", "priority": 2}`)
	rec := do(t, h, http.MethodGet, "/tasks/2", "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /tasks/2 status = %d, want 200", rec.Code)
	}
	if task := decodeTask(t, rec); task.ID != 2 || task.Title != "second" || task.Priority != 2 {
		t.Fatalf("GET /tasks/2 = %+v", task)
	}
}

func TestCreateRefusesInvalidInputWith400(t *testing.T) {
	cases := map[string]string{
		"blank title":    `{"title": "   ", "priority": 2}`,
		"missing title":  `{"priority": 2}`,
		"title too long": `{"title": "` + strings.Repeat("x", MaxTitle+1) + `", "priority": 2}`,
		"not JSON":       `{"title": `,
		"unknown field":  `{"title": "a", "priority": 2, "owner": "bob"}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			h := NewHandler(testKey)
			rec := create(t, h, body)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400: %s", rec.Code, rec.Body.String())
			}
			if got := do(t, h, http.MethodGet, "/tasks/1", "", nil); got.Code != http.StatusNotFound {
				t.Fatalf("a refused task was stored: GET /tasks/1 = %d", got.Code)
			}
		})
	}
}

func TestPriorityBoundaries(t *testing.T) {
	for priority, want := range map[string]int{"0": 400, "1": 201, "5": 201, "6": 400, "-1": 400} {
		t.Run("priority "+priority, func(t *testing.T) {
			rec := create(t, NewHandler(testKey), `{"title": "t", "priority": `+priority+`}`)
			if rec.Code != want {
				t.Fatalf("status = %d, want %d", rec.Code, want)
			}
		})
	}
}

func TestTitleLengthBoundaryCountsCharacters(t *testing.T) {
	rec := create(t, NewHandler(testKey), `{"title": "`+strings.Repeat("é", MaxTitle)+`", "priority": 1}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("a title of exactly %d characters: status = %d, want 201", MaxTitle, rec.Code)
	}
}

func TestCreateNeedsJSONContentType(t *testing.T) {
	rec := do(t, NewHandler(testKey), http.MethodPost, "/tasks", `{"title": "t", "priority": 1}`,
		map[string]string{"X-API-Key": testKey, "Content-Type": "text/plain"})
	if rec.Code != http.StatusUnsupportedMediaType {
		t.Fatalf("status = %d, want 415", rec.Code)
	}
}

func TestWritesWithoutTheRightKeyAreUnauthorized(t *testing.T) {
	for name, key := range map[string]string{"missing key": "", "wrong key": "nope"} {
		t.Run(name, func(t *testing.T) {
			h := NewHandler(testKey)
			headers := map[string]string{"Content-Type": "application/json"}
			if key != "" {
				headers["X-API-Key"] = key
			}
			if rec := do(t, h, http.MethodPost, "/tasks", `{"title": "t", "priority": 1}`, headers); rec.Code != 401 {
				t.Fatalf("create: status = %d, want 401", rec.Code)
			}
			create(t, h, `{"title": "t", "priority": 1}`)
			if rec := do(t, h, http.MethodPost, "/tasks/1/done", "", headers); rec.Code != 401 {
				t.Fatalf("done: status = %d, want 401", rec.Code)
			}
			if task := decodeTask(t, do(t, h, http.MethodGet, "/tasks/1", "", nil)); task.Done {
				t.Fatalf("an unauthorized request completed the task")
			}
		})
	}
}

func TestCompleteMarksDoneOnceThenConflicts(t *testing.T) {
	h := NewHandler(testKey)
	create(t, h, `{"title": "t", "priority": 1}`)
	rec := do(t, h, http.MethodPost, "/tasks/1/done", "", map[string]string{"X-API-Key": testKey})
	if rec.Code != http.StatusOK || !decodeTask(t, rec).Done {
		t.Fatalf("first done: status = %d body = %s", rec.Code, rec.Body.String())
	}
	if task := decodeTask(t, do(t, h, http.MethodGet, "/tasks/1", "", nil)); !task.Done {
		t.Fatalf("the task is not done in the store")
	}
	again := do(t, h, http.MethodPost, "/tasks/1/done", "", map[string]string{"X-API-Key": testKey})
	if again.Code != http.StatusConflict {
		t.Fatalf("second done: status = %d, want 409", again.Code)
	}
}

func TestUnknownTasksAreNotFound(t *testing.T) {
	h := NewHandler(testKey)
	for _, path := range []string{"/tasks/7", "/tasks/abc", "/tasks/0"} {
		if rec := do(t, h, http.MethodGet, path, "", nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status = %d, want 404", path, rec.Code)
		}
	}
	if rec := do(t, h, http.MethodPost, "/tasks/7/done", "", map[string]string{"X-API-Key": testKey}); rec.Code != 404 {
		t.Errorf("done on an unknown task: status = %d, want 404", rec.Code)
	}
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	rec := do(t, NewHandler(testKey), http.MethodDelete, "/tasks/1", "", nil)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodGet {
		t.Fatalf("status = %d Allow = %q, want 405 GET", rec.Code, rec.Header().Get("Allow"))
	}
}
