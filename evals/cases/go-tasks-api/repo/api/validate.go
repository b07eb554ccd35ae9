package api

import (
	"fmt"
	"strings"
)

// MaxTitle is the longest title accepted, in characters.
const MaxTitle = 80

// NewTask is the body of POST /tasks.
type NewTask struct {
	Title    string `json:"title"`
	Priority int    `json:"priority"`
}

// Validate normalises the title and checks both fields; the error says which field is wrong.
func (n *NewTask) Validate() error {
	n.Title = strings.TrimSpace(n.Title)
	if n.Title == "" {
		return fmt.Errorf("title is required")
	}
	if len([]rune(n.Title)) > MaxTitle {
		return fmt.Errorf("title is longer than %d characters", MaxTitle)
	}
	if n.Priority < 1 || n.Priority > 5 {
		return fmt.Errorf("priority must be between 1 and 5")
	}
	return nil
}
