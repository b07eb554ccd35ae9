package api

import (
	"errors"
	"sync"
)

// ErrNotFound is returned for an id the store does not hold.
var ErrNotFound = errors.New("task not found")

// ErrAlreadyDone is returned when a finished task is completed again.
var ErrAlreadyDone = errors.New("task already done")

// Task is one to-do item.
type Task struct {
	ID       int    `json:"id"`
	Title    string `json:"title"`
	Priority int    `json:"priority"`
	Done     bool   `json:"done"`
}

// Store keeps tasks in memory; safe for concurrent use.
type Store struct {
	mu     sync.Mutex
	nextID int
	tasks  map[int]Task
}

// NewStore returns an empty store whose first task gets id 1.
func NewStore() *Store {
	return &Store{nextID: 1, tasks: map[int]Task{}}
}

// Add stores a new, unfinished task and returns it with its id.
func (s *Store) Add(title string, priority int) Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	task := Task{ID: s.nextID, Title: title, Priority: priority}
	s.tasks[task.ID] = task
	s.nextID++
	return task
}

// Get returns the task with this id.
func (s *Store) Get(id int) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	task, ok := s.tasks[id]
	if !ok {
		return Task{}, ErrNotFound
	}
	return task, nil
}

// Complete marks a task done; completing it twice is an error.
func (s *Store) Complete(id int) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	task, ok := s.tasks[id]
	if !ok {
		return Task{}, ErrNotFound
	}
	if task.Done {
		return Task{}, ErrAlreadyDone
	}
	task.Done = true
	s.tasks[id] = task
	return task, nil
}
