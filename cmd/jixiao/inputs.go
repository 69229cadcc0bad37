package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"jixiao/pipeline"
)

// expandInputs lists the files that paths name, in order: a file stands for
// itself, a directory for its .json, .yaml, .yml and .xlsx files in name
// order (not the lock files of an open workbook, see pipeline.IsInputName).
// Paths that cannot be listed are reported together. (The "model: " prefix
// of its errors is kept as the command has always printed it.)
func expandInputs(paths []string) ([]string, error) {
	var files []string
	var errs []error
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("model: %w", err))
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("model: %w", err))
			continue
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && pipeline.IsInputName(e.Name()) {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			errs = append(errs, fmt.Errorf("model: %s: the directory holds no %s file", p, pipeline.InputKinds))
		}
		for _, n := range names {
			files = append(files, filepath.Join(p, n))
		}
	}
	return files, errors.Join(errs...)
}
