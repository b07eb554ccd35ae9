package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCreateTask(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/tasks", strings.NewReader(`{"title": "a", "priority": 2}`))
	req.Header.Set("X-API-Key", "k")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	NewHandler("k").ServeHTTP(rec, req)
	if rec.Body.Len() == 0 {
		t.Fatal("empty response")
	}
}
