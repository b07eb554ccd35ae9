// Package api serves a small JSON API for tasks:
//
//	POST /tasks             create a task (needs the API key)      201, 400, 401, 415
//	GET  /tasks/{id}        read one task                         200, 404
//	POST /tasks/{id}/done   mark a task done (needs the API key)   200, 401, 404, 409
//
// Other methods on those paths are 405 with an Allow header.
package api

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Handler routes the task API to a store; writes need the X-API-Key header to equal APIKey.
type Handler struct {
	Store  *Store
	APIKey string
}

// NewHandler returns a handler over a fresh store.
func NewHandler(apiKey string) *Handler {
	return &Handler{Store: NewStore(), APIKey: apiKey}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.Trim(r.URL.Path, "/")
	parts := strings.Split(path, "/")
	switch {
	case path == "tasks":
		if r.Method != http.MethodPost {
			methodNotAllowed(w, http.MethodPost)
			return
		}
		h.create(w, r)
	case len(parts) == 2 && parts[0] == "tasks":
		if r.Method != http.MethodGet {
			methodNotAllowed(w, http.MethodGet)
			return
		}
		h.get(w, parts[1])
	case len(parts) == 3 && parts[0] == "tasks" && parts[2] == "done":
		if r.Method != http.MethodPost {
			methodNotAllowed(w, http.MethodPost)
			return
		}
		h.complete(w, r, parts[1])
	default:
		writeError(w, http.StatusNotFound, "no such route")
	}
}

func (h *Handler) authorized(r *http.Request) bool {
	given := r.Header.Get("X-API-Key")
	return given != "" && subtle.ConstantTimeCompare([]byte(given), []byte(h.APIKey)) == 1
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	if !h.authorized(r) {
		writeError(w, http.StatusUnauthorized, "missing or wrong API key")
		return
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "send application/json")
		return
	}
	var body NewTask
	decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return
	}
	if err := body.Validate(); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	task := h.Store.Add(body.Title, body.Priority)
	w.Header().Set("Location", "/tasks/"+strconv.Itoa(task.ID))
	writeJSON(w, http.StatusCreated, task)
}

func (h *Handler) get(w http.ResponseWriter, rawID string) {
	id, err := strconv.Atoi(rawID)
	if err != nil || id < 1 {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	task, err := h.Store.Get(id)
	if err != nil {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	writeJSON(w, http.StatusOK, task)
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request, rawID string) {
	if !h.authorized(r) {
		writeError(w, http.StatusUnauthorized, "missing or wrong API key")
		return
	}
	id, err := strconv.Atoi(rawID)
	if err != nil || id < 1 {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	task, err := h.Store.Complete(id)
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "task not found")
	case errors.Is(err, ErrAlreadyDone):
		writeError(w, http.StatusConflict, "task already done")
	case err != nil:
		writeError(w, http.StatusInternalServerError, "internal error")
	default:
		writeJSON(w, http.StatusOK, task)
	}
}

func methodNotAllowed(w http.ResponseWriter, allowed string) {
	w.Header().Set("Allow", allowed)
	writeError(w, http.StatusMethodNotAllowed, "method not allowed")
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(value)
}
