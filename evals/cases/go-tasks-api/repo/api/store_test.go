package api

import (
	"errors"
	"testing"
)

func TestGetUnknownIDIsNotFound(t *testing.T) {
	store := NewStore()
	if _, err := store.Get(42); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(42) error = %v, want ErrNotFound", err)
	}
}
