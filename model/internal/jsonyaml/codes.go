package jsonyaml

// The codes of the syntax errors (PosError.Code, Kind Syntax); the message
// catalogue (package msg, syntax.go) has their English and Chinese texts,
// PosError.Args fill their {1} {2} … places. "{next}" in a comment is what
// was found instead: a quoted character, or "end of file".
const (
	CodeJSONNoValue       = "json-no-value"
	CodeJSONAfterEnd      = "json-after-end"      // {1} next
	CodeJSONTruncated     = "json-truncated"      //
	CodeJSONBadNumber     = "json-bad-number"     // {1} the number, quoted
	CodeJSONExpectedValue = "json-expected-value" // {1} next
	CodeJSONBadString     = "json-bad-string"     // {1} the parser's reason
	CodeJSONControlChar   = "json-control-char"   // {1} the character, U+0009
	CodeJSONUnterminated  = "json-unterminated"
	CodeJSONObjectEnd     = "json-object-truncated"
	CodeJSONExpectedKey   = "json-expected-key"         // {1} next
	CodeJSONExpectedColon = "json-expected-colon"       // {1} next, {2} the key, quoted
	CodeJSONObjectComma   = "json-expected-comma-brace" // {1} next
	CodeJSONListEnd       = "json-list-truncated"
	CodeJSONListComma     = "json-expected-comma-bracket" // {1} next

	CodeYAMLNoDocument     = "yaml-no-document"
	CodeYAMLSecondDocument = "yaml-second-document"
	CodeYAMLInvalid        = "yaml-invalid" // {1} the YAML library's text
	CodeYAMLTooBig         = "yaml-too-big"
	CodeYAMLUnknownAlias   = "yaml-unknown-alias"
	CodeYAMLKeyNotString   = "yaml-key-not-string"
	CodeYAMLMergeKey       = "yaml-merge-key"
	CodeYAMLEmpty          = "yaml-empty"
	CodeYAMLUnsupported    = "yaml-unsupported"
)
