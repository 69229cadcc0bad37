package model

import "jixiao/model/internal/clean"

// NormalizeValue normalises an indicator value (指标值) as every reader does
// (>=, <= and LaTeX become ≥, ≤; stray spaces go) while keeping its text.
func NormalizeValue(s string) string { return clean.NormalizeValue(s) }

// NormalizeDigits maps the full-width digits and point that an input
// method types in its full-width mode (１２３, ４０１２．８) to ASCII, as every
// reader of an amount or a year does before parsing it.
func NormalizeDigits(s string) string { return clean.Digits(s) }
