package model

import "jixiao/model/internal/clean"

// NormalizeValue normalises an indicator value (指标值) as every reader does
// (>=, <= and LaTeX become ≥, ≤; stray spaces go) while keeping its text.
func NormalizeValue(s string) string { return clean.NormalizeValue(s) }
