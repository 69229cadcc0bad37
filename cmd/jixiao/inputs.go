package main

import (
	"errors"
	"jixiao/msg"
	"os"
	"path/filepath"
	"sort"

	"jixiao/pipeline"
)

// expandInputs lists the files that paths name, in order: a file stands for
// itself, a directory for its .json, .yaml, .yml and .xlsx files in name
// order (not the lock files of an open workbook, see pipeline.IsInputName).
// Paths that cannot be listed are reported together; - (standard input)
// stands for itself.
func expandInputs(paths []string) ([]string, error) {
	var files []string
	var errs []error
	for _, p := range paths {
		if p == "-" {
			files = append(files, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				// A device or pipe has no size to check and may never end.
				errs = append(errs, msg.New(msg.NotRegular, p))
				continue
			}
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, err)
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
			errs = append(errs, msg.New(msg.DirNoInputs, p, msg.New(msg.InputKinds)))
		}
		for _, n := range names {
			files = append(files, filepath.Join(p, n))
		}
	}
	return files, errors.Join(errs...)
}
